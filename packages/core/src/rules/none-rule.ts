import type { RuleInput, RuleOutcome } from './rule-types.js'

/** `none` ("don't sync"): no values and no clears pass in either direction (B-MAP-4). */
export function decideNone(_input: RuleInput): RuleOutcome {
  return { action: 'none', reason: 'none: this mapping does not sync (B-MAP-4)' }
}
