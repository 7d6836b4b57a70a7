import type { RawValue, Side } from '@crmsync/core'

import { hubSpotInstant } from '../../hubspot-instant.js'

/** What a pair kind's batch read holds that dates its changes: the changes, and both sides' records. */
export interface ChangeTimeInput {
  readonly changes: readonly { readonly side: Side; readonly id: string; readonly event: string }[]
  readonly hubspot: ReadonlyMap<string, { readonly properties: Readonly<Record<string, RawValue>> }>
  readonly salesforce: ReadonlyMap<string, { readonly modifiedAt?: number | undefined }>
}

/** Contacts' last-modified property, then companies' and deals'. */
const HUBSPOT_MODIFIED = ['lastmodifieddate', 'hs_lastmodifieddate'] as const

/**
 * When the source record of a write changed, epoch ms, for the change-to-sync latency (SyncSummary
 * .changeToSyncMs): a Salesforce record's SystemModstamp, a HubSpot record's last-modified date. Only for a
 * record whose own change (`changed`, not a resync or an import) is in the batch: a value written because the
 * other side changed, or because a record is imported, has no change of this source to measure from.
 * undefined: not such a change, or no time known.
 */
export function sourceChangeTime(input: ChangeTimeInput): (side: Side, id: string) => number | undefined {
  const changed = new Set(input.changes.filter((c) => c.event === 'changed').map((c) => `${c.side}:${c.id}`))
  return (side, id) => {
    if (!changed.has(`${side}:${id}`)) return undefined
    if (side === 'salesforce') return input.salesforce.get(id)?.modifiedAt
    const properties = input.hubspot.get(id)?.properties
    for (const name of HUBSPOT_MODIFIED) {
      const at = hubSpotInstant(properties?.[name])
      if (at !== undefined) return at
    }
    return undefined
  }
}
