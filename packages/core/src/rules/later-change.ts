import type { RuleInput, RuleOutcome } from './rule-types.js'

/** Both sides changed to different values: the later field change wins, ties go to Salesforce (3.2). */
export function laterChangeWins(input: RuleInput, ruleName: string): RuleOutcome {
  if (input.hChangedAt > input.sChangedAt) {
    return {
      action: 'to-salesforce',
      reason: `${ruleName}: both changed, HubSpot changed later (B-MAP-3)`,
      conflict: true,
    }
  }
  const tie = input.hChangedAt === input.sChangedAt ? ' (tie goes to Salesforce)' : ''
  return {
    action: 'to-hubspot',
    reason: `${ruleName}: both changed, Salesforce changed later${tie} (B-MAP-3)`,
    conflict: true,
  }
}
