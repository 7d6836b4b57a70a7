import type { SyncErrorCode } from '@crmsync/core'

import { findDealTarget } from './explain-lookup.js'
import { LINK_PAGE_SIZE } from './resync-bulk.js'
import { activeLinkedIds, erroredRecords, type ResyncTargets, type TargetDeps } from './resync-targets.js'

const importHint = (opportunityId: string) =>
  `salesforce Opportunity ${opportunityId} is not linked: crmsync import salesforce --object deals syncs it`

/**
 * One deal by HubSpot deal id or Opportunity id (the `crmsync explain deal` lookup). A HubSpot deal is
 * resynced linked or not (an unlinked one in a synced pipeline gets its opportunity, B-DEAL-5). An unlinked
 * Opportunity has no deal to resync: an opportunity import brings it. A string is the reason nothing can be
 * resynced (no such HubSpot deal).
 */
export async function dealTargets(deps: TargetDeps, argument: string): Promise<ResyncTargets | string> {
  const target = await findDealTarget(deps, argument)
  const label = `deal ${argument} (${target.kind})`
  if (target.link !== undefined) return { label, hubspotIds: [target.link.hubspotId], notes: [] }
  if (target.side === 'salesforce') return { label, hubspotIds: [], notes: [importHint(argument)] }
  // An unlinked id is checked first (1 call): a contact's or company's id resynced as a deal would do nothing.
  const read = await deps.hubspot.readDeals({ ids: [argument], properties: [] })
  const survivor = read.mergedInto.get(argument)
  if (survivor !== undefined)
    return { label, hubspotIds: [survivor], notes: [`deal ${argument} was merged into ${survivor}`] }
  if (!read.records.has(argument))
    return `no HubSpot deal ${argument} (deleted, or not a deal id: contacts and companies have their own resync)`
  return { label, hubspotIds: [argument], notes: [] }
}

/** Every actively linked deal: the backfill of a deal mapping, walked `pageSize` links per store read. */
export async function linkedDealTargets(
  deps: TargetDeps,
  property: string,
  pageSize = LINK_PAGE_SIZE,
): Promise<ResyncTargets> {
  const ids = await activeLinkedIds(deps, 'deal', pageSize)
  return { label: `linked deals, to backfill ${property}`, hubspotIds: ids, notes: [] }
}

/**
 * Deals with an open error of these codes, their contact-role errors (`deal-contact`) included: HubSpot-side
 * errors name the deal, Opportunity-side ones are followed through their link.
 */
export async function dealErrorTargets(
  deps: TargetDeps,
  type: string,
  codes: readonly SyncErrorCode[],
): Promise<ResyncTargets> {
  const { hubspotIds, unlinked } = await erroredRecords(deps, 'deal', codes, ['deal-contact'])
  return { label: `deals with open ${type} errors`, hubspotIds, notes: unlinked.map(importHint) }
}
