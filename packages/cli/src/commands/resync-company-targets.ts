import type { SyncErrorCode } from '@crmsync/core'

import { findCompanyTarget } from './explain-lookup.js'
import { LINK_PAGE_SIZE } from './resync-bulk.js'
import { activeLinkedIds, erroredRecords, type ResyncTargets, type TargetDeps } from './resync-targets.js'

/** HubSpot's object type id of companies, as lists name it. */
const COMPANY_LIST_TYPE = '0-2'

const importHint = (accountId: string) =>
  `salesforce Account ${accountId} is not linked: crmsync import salesforce --object companies syncs it`

/**
 * One company by HubSpot company id or Account id (the `crmsync explain company` lookup). A HubSpot company
 * is resynced linked or not: a manual resync creates the account of a company that does not qualify by
 * itself (B-CMP-9). An unlinked Account has no company to resync: an account import brings it. A string is
 * the reason nothing can be resynced (no such HubSpot company).
 */
export async function companyTargets(deps: TargetDeps, argument: string): Promise<ResyncTargets | string> {
  const target = await findCompanyTarget(deps, argument)
  const label = `company ${argument} (${target.kind})`
  if (target.link !== undefined) return { label, hubspotIds: [target.link.hubspotId], notes: [] }
  if (target.side === 'salesforce') return { label, hubspotIds: [], notes: [importHint(argument)] }
  // An unlinked id is checked first (1 call): a contact's id resynced as a company would do nothing, silently.
  const read = await deps.hubspot.readCompanies({ ids: [argument], properties: [] })
  const survivor = read.mergedInto.get(argument)
  if (survivor !== undefined)
    return { label, hubspotIds: [survivor], notes: [`company ${argument} was merged into ${survivor}`] }
  if (!read.records.has(argument))
    return `no HubSpot company ${argument} (deleted, or not a company id: contacts are \`resync contact\`)`
  return { label, hubspotIds: [argument], notes: [] }
}

/** Every member of a HubSpot company list, each once; a string when the list holds something else. */
export async function companyListTargets(deps: TargetDeps, listId: string): Promise<ResyncTargets | string> {
  const list = await deps.hubspot.readListMembers(listId)
  if (list.objectTypeId !== undefined && list.objectTypeId !== COMPANY_LIST_TYPE)
    return (
      `list ${listId} ("${list.name}") holds objects of type ${list.objectTypeId}, not companies (0-2)` +
      (list.objectTypeId === '0-1' ? `: crmsync resync contact --list ${listId} resyncs its contacts` : '')
    )
  const notes = list.processing
    ? [`list ${listId} is still processing: its membership may be incomplete`]
    : []
  return { label: `members of company list ${listId}`, hubspotIds: [...list.members].sort(), notes }
}

/**
 * Every actively linked company: the backfill of a company mapping (B-BULK-5/6 HS -> SF), walked
 * `pageSize` links per store read with no cap. Broken and tombstoned links are left out, as for contacts.
 */
export async function linkedCompanyTargets(
  deps: TargetDeps,
  property: string,
  pageSize = LINK_PAGE_SIZE,
): Promise<ResyncTargets> {
  const ids = await activeLinkedIds(deps, 'company', pageSize)
  return { label: `linked companies, to backfill ${property}`, hubspotIds: ids, notes: [] }
}

/**
 * Companies with an open error of these codes: HubSpot-side errors name the company, Account-side ones are
 * followed through their link. (A contact's company association errors are the contact's: `contact-company`.)
 */
export async function companyErrorTargets(
  deps: TargetDeps,
  type: string,
  codes: readonly SyncErrorCode[],
): Promise<ResyncTargets> {
  const { hubspotIds, unlinked } = await erroredRecords(deps, 'company', codes)
  return { label: `companies with open ${type} errors`, hubspotIds, notes: unlinked.map(importHint) }
}
