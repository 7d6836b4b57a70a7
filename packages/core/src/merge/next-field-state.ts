import { assertNever } from '../canonical/index.js'
import type { CanonicalValue, FieldState, ShadowValue } from '../model/index.js'
import type { FieldDecision } from './field-decision.js'

export interface NextFieldStateInput {
  readonly state: FieldState
  readonly decision: FieldDecision
  readonly h: CanonicalValue
  readonly s: CanonicalValue
  /**
   * The canonical value of what was actually written, read back through the target's transform (differs
   * from decision.value only when text was truncated). (Default: decision.value)
   */
  readonly written?: CanonicalValue | undefined
  readonly now: number
}

function shadow(previous: ShadowValue | undefined, value: CanonicalValue, now: number): ShadowValue {
  return previous !== undefined && previous.value === value ? previous : { value, seenAt: now }
}

/**
 * The field state to commit once the writes succeed (design.md 3.1). The ancestor advances only with a
 * successful write or when the sides agree; shadows record what each side holds after the writes, so the
 * next read of our own write counts as "unchanged".
 */
export function nextFieldState(input: NextFieldStateInput): FieldState {
  const { state, decision, h, s, now } = input
  const written = input.written === undefined ? decision.value : input.written
  switch (decision.action) {
    case 'none':
      return {
        ancestor: h === s ? h : state.ancestor,
        hubspotShadow: shadow(state.hubspotShadow, h, now),
        salesforceShadow: shadow(state.salesforceShadow, s, now),
      }
    case 'to-hubspot':
      return {
        ancestor: written,
        hubspotShadow: shadow(state.hubspotShadow, written, now),
        salesforceShadow: shadow(state.salesforceShadow, s, now),
      }
    case 'to-salesforce':
      return {
        ancestor: written,
        hubspotShadow: shadow(state.hubspotShadow, h, now),
        salesforceShadow: shadow(state.salesforceShadow, written, now),
      }
    default:
      return assertNever(decision.action)
  }
}
