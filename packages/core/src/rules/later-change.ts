import type { SyncRule } from '../mapping/index.js'
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

/**
 * Whether deciding this field consults the field change times (laterChangeWins): two-way with both sides
 * changed (or a new link with both non-blank) and the owner rule with both changed. Only then must HubSpot
 * property history be read, which makes a batch read many times larger (design.md 3.2).
 */
export function usesChangeTimes(
  rule: SyncRule,
  input: Pick<RuleInput, 'h' | 's' | 'isNew' | 'hChanged' | 'sChanged'>,
): boolean {
  if (input.h === input.s) return false
  if (rule === 'two-way')
    return input.isNew ? input.h !== null && input.s !== null : input.hChanged && input.sChanged
  if (rule === 'owner') return !input.isNew && input.hChanged && input.sChanged
  return false
}
