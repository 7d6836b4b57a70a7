import type { CanonicalValue } from '../model/index.js'
import type { OwnerIndex } from './owner-index.js'

/**
 * The canonical owner is a Salesforce owner id. An HS owner that matches no Salesforce user has no such
 * id, so it becomes `hubspot:<id>`, which never equals a Salesforce id: the merge sees the sides
 * differ and the owner rule snaps HubSpot back (B-OWN-4).
 */
export const UNMATCHED_OWNER_PREFIX = 'hubspot:'

export function canonicalOwnerFromHubSpot(
  hubspotOwnerId: string | undefined,
  index: OwnerIndex,
): CanonicalValue {
  if (hubspotOwnerId === undefined) return null
  return index.sameUserAs(hubspotOwnerId) ?? `${UNMATCHED_OWNER_PREFIX}${hubspotOwnerId}`
}

export function isUnmatchedOwner(value: CanonicalValue): boolean {
  return value !== null && value.startsWith(UNMATCHED_OWNER_PREFIX)
}
