import type { ContactMapping } from '../mapping/index.js'
import type { Link } from '../model/index.js'
import type { OwnerIndex } from './owner-index.js'
import type { OwnersTable } from './owner-types.js'

/**
 * HubSpot ids of the active links whose owner waited because the Salesforce owner had no HubSpot owner
 * (B-OWN-1: a queue, or a user not added to HubSpot) and which has one now: the links to plan again so
 * the owner reaches HubSpot without waiting for the record's next edit. `newlyMatched` narrows the search
 * to the Salesforce owners that just gained a HubSpot owner; undefined takes every owner that has one.
 */
export function linksAwaitingOwner(
  links: readonly Link[],
  mappings: readonly ContactMapping[],
  index: OwnerIndex,
  newlyMatched?: ReadonlySet<string>,
): string[] {
  const ownerFields = mappings.filter((m) => m.rule === 'owner').map((m) => m.hubspot)
  const waiting: string[] = []
  for (const link of links) {
    if (link.state !== 'active') continue
    const awaits = ownerFields.some((field) => {
      const state = link.fields[field]
      const owner = state?.salesforceShadow?.value
      if (owner === undefined || owner === null || state?.hubspotShadow?.value !== null) return false
      if (newlyMatched !== undefined && !newlyMatched.has(owner)) return false
      return index.hubspotFor(owner) !== undefined
    })
    if (awaits) waiting.push(link.hubspotId)
  }
  return waiting
}

/** The Salesforce users and queues with no HubSpot owner in a table, sorted: what may wait (B-OWN-1). */
export function ownersWithoutHubSpot(table: OwnersTable, index: OwnerIndex): string[] {
  return table.salesforce
    .filter((o) => index.hubspotFor(o.id) === undefined)
    .map((o) => o.id)
    .sort()
}

/** Of the owners that had no HubSpot owner, those that have one now. */
export function newlyMatchedOwners(previouslyWithout: readonly string[], index: OwnerIndex): Set<string> {
  return new Set(previouslyWithout.filter((id) => index.hubspotFor(id) !== undefined))
}
