import {
  codesOfHealthType,
  ERROR_CODES,
  type ObjectKind,
  type StateReader,
  type SyncErrorCode,
} from '@crmsync/core'

import type { SyncedKind } from '../api-types.js'
import { healthTypeFilterOf } from './health.js'

/** Open errors are listed most recent first; a resync by error code takes all of them. */
const ALL_ERRORS = 1_000_000

/**
 * A Sync Health type (permission, B-ERR-1), an error code (SF_VALIDATION) or a family prefix ending in `_`
 * (SF_), as `crmsync errors --type` and `crmsync resync --errors` take them.
 */
export function errorCodesFor(type: string): SyncErrorCode[] {
  const filter = healthTypeFilterOf(type)
  if (filter === undefined) return []
  return filter.type === undefined ? [...(filter.codes ?? [])] : codesOfHealthType(filter.type)
}

/** The kinds whose errors are recorded against the records of a kind (pass 3: a contact's company, a deal's roles). */
export const ERRORS_RECORDED_WITH: Readonly<Record<SyncedKind, readonly ObjectKind[]>> = {
  contact: ['contact-company'],
  company: [],
  deal: ['deal-contact'],
}

/**
 * The records of one kind with an open error of these codes, as HubSpot ids (sorted): HubSpot-side errors
 * name the record, Salesforce-side ones are followed through their link; `unlinked` are the Salesforce ids
 * with no link, so no HubSpot record to resync. `alsoKinds` are kinds whose errors are recorded against the
 * same records (a deal's contact-role errors, `deal-contact`, name the deal or the Opportunity).
 */
export async function erroredRecords(
  deps: { readonly connectionId: string; readonly store: Pick<StateReader, 'listErrors' | 'getLinks'> },
  objectKind: SyncedKind,
  codes: readonly SyncErrorCode[],
  alsoKinds: readonly ObjectKind[] = [],
): Promise<{ readonly hubspotIds: string[]; readonly unlinked: string[] }> {
  const errors = await deps.store.listErrors({ connectionId: deps.connectionId, codes, limit: ALL_ERRORS })
  const kinds = new Set<ObjectKind>([objectKind, ...alsoKinds])
  const ofKind = errors.filter((e) => kinds.has(e.objectKind))
  const ids = new Set(ofKind.filter((e) => e.side === 'hubspot').map((e) => e.recordId))
  const salesforceIds = [...new Set(ofKind.filter((e) => e.side === 'salesforce').map((e) => e.recordId))]
  const links = await deps.store.getLinks({
    connectionId: deps.connectionId,
    objectKind,
    side: 'salesforce',
    ids: salesforceIds,
  })
  for (const link of links) ids.add(link.hubspotId)
  const linked = new Set(links.map((l) => l.salesforceId))
  const unlinked = salesforceIds.filter((id) => !linked.has(id))
  return { hubspotIds: [...ids].sort(), unlinked }
}

/** What one resync runs: the HubSpot ids of one kind (the engine resyncs HubSpot records). */
export interface ResyncBatch {
  readonly objectKind: SyncedKind
  readonly hubspotIds: readonly string[]
}

/**
 * `POST .../resync` with `errors`: every record with an open error (of one type, code or prefix when given),
 * per kind, and the Salesforce records that cannot be resynced because they have no link.
 */
export async function errorResyncBatches(
  deps: { readonly connectionId: string; readonly store: Pick<StateReader, 'listErrors' | 'getLinks'> },
  kinds: readonly SyncedKind[],
  type: string | undefined,
): Promise<{ readonly batches: ResyncBatch[]; readonly unlinked: string[] } | { readonly problem: string }> {
  const codes = type === undefined ? (Object.keys(ERROR_CODES) as SyncErrorCode[]) : errorCodesFor(type)
  if (codes.length === 0)
    return { problem: `no such error type or code ${type ?? ''} (docs/errors.md lists them)` }
  const batches: ResyncBatch[] = []
  const unlinked: string[] = []
  for (const objectKind of kinds) {
    const found = await erroredRecords(deps, objectKind, codes, ERRORS_RECORDED_WITH[objectKind])
    if (found.hubspotIds.length > 0) batches.push({ objectKind, hubspotIds: found.hubspotIds })
    unlinked.push(...found.unlinked)
  }
  return { batches, unlinked }
}

/** `POST .../resync` with `record`: its HubSpot id (its link's, for a Salesforce record), or why there is none. */
export async function recordResyncBatch(
  deps: { readonly connectionId: string; readonly store: Pick<StateReader, 'getLink'> },
  record: { readonly objectKind: SyncedKind; readonly side: 'hubspot' | 'salesforce'; readonly id: string },
): Promise<ResyncBatch | { readonly problem: string }> {
  if (record.side === 'hubspot') return { objectKind: record.objectKind, hubspotIds: [record.id] }
  const link = await deps.store.getLink(deps.connectionId, record.objectKind, 'salesforce', record.id)
  if (link === undefined)
    return {
      problem: `salesforce ${record.id} is not linked: crmsync import salesforce syncs it (a resync starts from the HubSpot record)`,
    }
  return { objectKind: record.objectKind, hubspotIds: [link.hubspotId] }
}
