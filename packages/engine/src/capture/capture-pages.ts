import type { HubSpotCaptureCursor } from '@crmsync/core'

import type { CapturePage } from '../pipeline/object-kind.js'
import { encodeHubSpotCursor } from './capture-cursors.js'

/**
 * A Salesforce capture page (one queryAll, mapped fields selected) kept in the cycle's cache, so capture
 * doubles as the batch read: changed records and deletions (merged-away records too) all go to the inbox.
 */
export function salesforceCapturePage<R extends { readonly id: string }, D extends { readonly id: string }>(
  result: {
    readonly records: readonly R[]
    readonly deletions: readonly D[]
    readonly cursor: string
    readonly hasMore: boolean
  },
  cache: { readonly salesforce: Map<string, R>; readonly deletions: Map<string, D> },
): CapturePage {
  for (const record of result.records) cache.salesforce.set(record.id, record)
  for (const deletion of result.deletions) cache.deletions.set(deletion.id, deletion)
  const ids = [...result.records, ...result.deletions].map((r) => r.id)
  return { ids, cursor: result.cursor, more: result.hasMore }
}

/**
 * A HubSpot search capture page kept in the cycle's cache. A pass that could not settle through the instant
 * asked for yet says how long until the index can hold it (`waitMs`).
 */
export function hubspotCapturePage<R extends { readonly id: string }>(
  result: {
    readonly records: readonly R[]
    readonly cursor: HubSpotCaptureCursor
    readonly more: boolean
    readonly serverTime: number
    readonly settleReadyAt?: number | undefined
  },
  cache: { readonly hubspot: Map<string, R> },
): CapturePage {
  for (const record of result.records) cache.hubspot.set(record.id, record)
  const ready = result.settleReadyAt
  return {
    ids: result.records.map((r) => r.id),
    cursor: encodeHubSpotCursor(result.cursor),
    more: result.more,
    ...(ready === undefined ? {} : { waitMs: Math.max(0, ready - result.serverTime) }),
  }
}
