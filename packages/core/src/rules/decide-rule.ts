import { assertNever } from '../canonical/index.js'
import type { SyncRule } from '../mapping/index.js'
import { decideAlwaysSalesforce } from './always-salesforce-rule.js'
import { decideNone } from './none-rule.js'
import { decideOptOut } from './opt-out-rule.js'
import { decideOwner } from './owner-rule.js'
import { decidePreferSalesforce } from './prefer-salesforce-rule.js'
import type { RuleInput, RuleOutcome } from './rule-types.js'
import { decideTwoWay } from './two-way-rule.js'

/** Applies one rule of the design.md 3.2 table to a field whose sides differ. */
export function decideRule(rule: SyncRule, input: RuleInput): RuleOutcome {
  switch (rule) {
    case 'two-way':
      return decideTwoWay(input)
    case 'prefer-salesforce':
      return decidePreferSalesforce(input)
    case 'always-salesforce':
      return decideAlwaysSalesforce(input)
    case 'none':
      return decideNone(input)
    case 'owner':
      return decideOwner(input)
    case 'opt-out':
      return decideOptOut(input)
    default:
      return assertNever(rule)
  }
}
