import {
  codesOfHealthType,
  ERROR_CODES,
  type HubSpotConnector,
  type ObjectKind,
  parseHealthType,
  type SalesforceConnector,
  type StateStore,
  type SyncErrorCode,
} from '@crmsync/core'

import { findExplainTarget } from './explain-lookup.js'
import { LINK_PAGE_SIZE } from './resync-bulk.js'

export interface TargetDeps {
  readonly connectionId: string
  readonly store: StateStore
  readonly salesforce: SalesforceConnector
  readonly hubspot: HubSpotConnector
}

/** What was asked to be resynced, and the HubSpot contacts that resolves to, each once. */
export interface ResyncTargets {
  readonly label: string
  readonly hubspotIds: readonly string[]
  /** Why some of the selection cannot be resynced (an unlinked Salesforce record), for the operator. */
  readonly notes: readonly string[]
}

/** Open errors are listed most recent first; a resync by error code takes all of them. */
const ALL_ERRORS = 1_000_000

/**
 * One contact by HubSpot id, Salesforce id or email (the `crmsync explain` lookup): the HubSpot contact
 * holding it, linked or not, since a resync of an unlinked contact syncs it like a new one (B-TRIG-8). An
 * unlinked Salesforce record has no HubSpot contact to resync; `crmsync import salesforce` brings it.
 */
export async function contactTargets(deps: TargetDeps, argument: string): Promise<ResyncTargets> {
  const target = await findExplainTarget(deps, argument)
  const ids = new Set(target.links.map((l) => l.hubspotId))
  const notes: string[] = []
  for (const record of target.unlinked) {
    const [side, id = ''] = record.split(' ')
    if (side === 'hubspot') ids.add(id)
    else notes.push(`${record} is not linked: crmsync import salesforce syncs it`)
  }
  return { label: `contact ${argument} (${target.kind})`, hubspotIds: [...ids], notes }
}

/**
 * Every member of a HubSpot contact list, each once: a segment resync (B-TRIG-8, B-MAP-8 HS -> SF). A string
 * when the list holds other objects (a company list's ids are not contacts).
 */
export async function listTargets(deps: TargetDeps, listId: string): Promise<ResyncTargets | string> {
  const { members, processing, objectTypeId, name } = await deps.hubspot.readListMembers(listId)
  if (objectTypeId !== undefined && objectTypeId !== '0-1')
    return (
      `list ${listId} ("${name}") holds objects of type ${objectTypeId}, not contacts (0-1)` +
      (objectTypeId === '0-2' ? `: crmsync resync company --list ${listId} resyncs its companies` : '')
    )
  const notes = processing ? [`list ${listId} is still processing: its membership may be incomplete`] : []
  return { label: `members of list ${listId}`, hubspotIds: [...members].sort(), notes }
}

/**
 * Every actively linked contact: the backfill after a mapping is added (B-MAP-8, B-BULK-6 HS -> SF).
 * Broken and tombstoned links are left out: a resync would re-link or restore them, which is not what a
 * new mapping asks for.
 */
export async function linkedTargets(
  deps: TargetDeps,
  property: string,
  pageSize = LINK_PAGE_SIZE,
): Promise<ResyncTargets> {
  const ids = await activeLinkedIds(deps, 'contact', pageSize)
  return { label: `linked contacts, to backfill ${property}`, hubspotIds: ids, notes: [] }
}

/** The HubSpot ids of every active link of a kind, `pageSize` links per store read, however many there are. */
export async function activeLinkedIds(
  deps: Pick<TargetDeps, 'connectionId' | 'store'>,
  objectKind: 'contact' | 'company' | 'deal',
  pageSize: number,
): Promise<string[]> {
  const ids: string[] = []
  let after: string | undefined
  for (;;) {
    const page = await deps.store.listLinks({
      connectionId: deps.connectionId,
      objectKind,
      limit: pageSize,
      ...(after === undefined ? {} : { afterHubspotId: after }),
    })
    for (const link of page) if (link.state === 'active') ids.push(link.hubspotId)
    after = page.at(-1)?.hubspotId
    if (page.length < pageSize) break
  }
  return ids
}

/**
 * A Sync Health type (permission, B-ERR-1), an error code (SF_VALIDATION) or a family prefix ending in `_`
 * (SF_), as `crmsync errors --type`.
 */
export function errorCodesFor(type: string): SyncErrorCode[] {
  const health = parseHealthType(type)
  if (health !== undefined) return codesOfHealthType(health)
  const all = Object.keys(ERROR_CODES) as SyncErrorCode[]
  const upper = type.toUpperCase()
  return upper.endsWith('_') ? all.filter((c) => c.startsWith(upper)) : all.filter((c) => c === upper)
}

/**
 * Contacts with an open error of these codes: HubSpot-side errors name the contact, Salesforce-side ones
 * are followed through their link. A Salesforce record with no link has no contact to resync.
 */
export async function errorTargets(
  deps: TargetDeps,
  type: string,
  codes: readonly SyncErrorCode[],
): Promise<ResyncTargets> {
  // A contact's association errors (pass 3, B-ERR-2) are recorded against it too.
  const { hubspotIds, unlinked } = await erroredRecords(deps, 'contact', codes, ['contact-company'])
  const notes = unlinked.map((id) => `salesforce ${id} is not linked: crmsync import salesforce syncs it`)
  return { label: `contacts with open ${type} errors`, hubspotIds, notes }
}

/**
 * The records of one kind with an open error of these codes, as HubSpot ids (sorted): HubSpot-side errors
 * name the record, Salesforce-side ones are followed through their link; `unlinked` are the Salesforce ids
 * with no link, so no HubSpot record to resync. `alsoKinds` are kinds whose errors are recorded against the
 * same records (a deal's contact-role errors, `deal-contact`, name the deal or the Opportunity).
 */
export async function erroredRecords(
  deps: TargetDeps,
  objectKind: 'contact' | 'company' | 'deal',
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
  const unlinked = salesforceIds.filter((id) => !links.some((l) => l.salesforceId === id))
  return { hubspotIds: [...ids].sort(), unlinked }
}
