import type { ContactMapping } from '../mapping/index.js'
import type { Link } from '../model/index.js'
import type { OwnerIndex } from './owner-index.js'

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

/** Salesforce owners that have a HubSpot owner in `after` but had none in `before`. */
export function newlyMatchedOwners(
  salesforceOwnerIds: readonly string[],
  before: OwnerIndex,
  after: OwnerIndex,
): Set<string> {
  return new Set(
    salesforceOwnerIds.filter(
      (id) => before.hubspotFor(id) === undefined && after.hubspotFor(id) !== undefined,
    ),
  )
}
