import type { HubSpotConnector, SalesforceConnector, StateStore, SyncErrorCode } from '@crmsync/core'
import { erroredRecords } from '@crmsync/server/queries'

import { findExplainTarget } from './explain-lookup.js'
import { LINK_PAGE_SIZE } from './resync-bulk.js'

// One implementation with the console's resync (POST /api/connections/:id/resync): the server's read models.
export { errorCodesFor, erroredRecords } from '@crmsync/server/queries'

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
