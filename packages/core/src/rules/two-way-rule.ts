import { laterChangeWins } from './later-change.js'
import type { RuleInput, RuleOutcome } from './rule-types.js'

/** `two-way`: the most recent change wins in either direction, clears included (B-MAP-3). */
export function decideTwoWay(input: RuleInput): RuleOutcome {
  if (input.isNew) {
    if (input.h === null)
      return { action: 'to-hubspot', reason: 'two-way: new link, only Salesforce has a value' }
    if (input.s === null)
      return { action: 'to-salesforce', reason: 'two-way: new link, only HubSpot has a value' }
    const later = laterChangeWins(input, 'two-way')
    return { action: later.action, reason: `new link, ${later.reason}` }
  }
  if (input.hChanged && input.sChanged) return laterChangeWins(input, 'two-way')
  if (input.hChanged) return { action: 'to-salesforce', reason: 'two-way: only HubSpot changed (B-MAP-3)' }
  if (input.sChanged) return { action: 'to-hubspot', reason: 'two-way: only Salesforce changed (B-MAP-3)' }
  return { action: 'none', reason: 'two-way: neither side changed since last seen' }
}
