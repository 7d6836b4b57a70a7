import { isUnmatchedOwner } from '../owners/index.js'
import { laterChangeWins } from './later-change.js'
import type { RuleInput, RuleOutcome } from './rule-types.js'

/**
 * The locked owner rule (B-OWN). Values are Salesforce owner ids; an HS owner that matches no Salesforce
 * user is `hubspot:<id>` (owners/owner-canonical.ts), and neither it nor an inactive user reaches Salesforce: HubSpot
 * snaps back to the Salesforce owner instead (B-OWN-4). A blank HS owner also snaps back, since Salesforce
 * requires an owner (B-OWN-14 fills it from Salesforce).
 */
export function decideOwner(input: RuleInput): RuleOutcome {
  const hMatched = input.h !== null && !isUnmatchedOwner(input.h) && input.hubspotOwnerActive
  const snapBack: RuleOutcome =
    input.s === null
      ? {
          action: 'none',
          reason: 'owner: HubSpot owner has no Salesforce match and Salesforce has none (B-OWN-3)',
        }
      : {
          action: 'to-hubspot',
          reason: 'owner: HubSpot owner matches no active Salesforce user, snaps back (B-OWN-4)',
        }
  if (input.isNew) {
    if (input.s !== null && input.salesforceOwnerActive) {
      return { action: 'to-hubspot', reason: 'owner: new link, the active Salesforce owner wins (B-OWN-6)' }
    }
    if (hMatched)
      return { action: 'to-salesforce', reason: 'owner: new link, matched HubSpot owner (B-OWN-3)' }
    return input.s !== null
      ? { ...snapBack, reason: 'owner: new link, filled from Salesforce (B-OWN-14)' }
      : snapBack
  }
  if (input.hChanged && input.sChanged) {
    const later = laterChangeWins(input, 'owner')
    if (later.action === 'to-salesforce' && !hMatched) return { ...snapBack, conflict: true }
    return later
  }
  if (input.hChanged) {
    return hMatched
      ? {
          action: 'to-salesforce',
          reason: 'owner: HubSpot owner matches an active Salesforce user (B-OWN-3/7)',
        }
      : snapBack
  }
  if (input.sChanged) return { action: 'to-hubspot', reason: 'owner: Salesforce owner changed (B-OWN-2/7)' }
  // An owner that had no HubSpot owner waited with HubSpot left blank (B-OWN-1); it is filled once it has one.
  if (input.h === null && input.s !== null) {
    return { action: 'to-hubspot', reason: 'owner: blank in HubSpot, filled from Salesforce (B-OWN-1/14)' }
  }
  return { action: 'none', reason: 'owner: neither side changed since last seen' }
}
