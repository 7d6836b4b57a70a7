import type { SyncRule } from '../mapping/index.js'
import type { CanonicalValue, FieldState, Side } from '../model/index.js'
import { decideRule, usesChangeTimes } from '../rules/index.js'
import type { FieldDecision } from './field-decision.js'

export interface MergeFieldInput {
  readonly field: string
  readonly rule: SyncRule
  /** Canonical values read from each side now. */
  readonly h: CanonicalValue
  readonly s: CanonicalValue
  /** The link's state for this field; empty for a field never seen. */
  readonly state: FieldState
  /**
   * The link is syncing for the first time (just linked or created) or is being resynced: a field with no
   * ancestor takes the table's "new link" column. Otherwise a field with no state is a mapping added later, which
   * does not backfill (B-MAP-8). (Default: false)
   */
  readonly isNewLink: boolean
  /** Field change times (HubSpot property history / Salesforce CDC); default `now` when changed. */
  readonly hChangedAt?: number | undefined
  readonly sChangedAt?: number | undefined
  /** Capture time, epoch ms, from the injected clock. */
  readonly now: number
  /** Owner rule: the Salesforce owner is an active user or queue. (Default: false) */
  readonly salesforceOwnerActive?: boolean | undefined
  /** Owner rule: HubSpot's owner is an active Salesforce user or queue. (Default: false) */
  readonly hubspotOwnerActive?: boolean | undefined
}

/**
 * Three-way merge of one field (design.md 3.2). Equal sides write nothing and set the ancestor, which
 * makes replays and echoes of our own writes no-ops. Otherwise a side "changed" when its value differs
 * from its shadow, and the field's rule decides.
 */
export function mergeField(input: MergeFieldInput): FieldDecision {
  const { field, rule, h, s, state } = input
  if (h === s) return { field, action: 'none', value: h, rule, reason: 'sides agree; ancestor set' }
  const neverSeen =
    state.ancestor === undefined && state.hubspotShadow === undefined && state.salesforceShadow === undefined
  if (neverSeen && !input.isNewLink) {
    return {
      field,
      action: 'none',
      value: null,
      rule,
      reason: 'a new mapping does not backfill until resync (B-MAP-8)',
    }
  }
  // A first sync, or a resync of a field the sides never agreed on, takes the table's "new link" column.
  const isNew = input.isNewLink && state.ancestor === undefined
  const hChanged = state.hubspotShadow === undefined || state.hubspotShadow.value !== h
  const sChanged = state.salesforceShadow === undefined || state.salesforceShadow.value !== s
  const outcome = decideRule(rule, {
    h,
    s,
    hChanged,
    sChanged,
    isNew,
    hChangedAt: changedAt(hChanged, input.hChangedAt, state.hubspotShadow?.seenAt, input.now),
    sChangedAt: changedAt(sChanged, input.sChangedAt, state.salesforceShadow?.seenAt, input.now),
    salesforceOwnerActive: input.salesforceOwnerActive === true,
    hubspotOwnerActive: input.hubspotOwnerActive === true,
  })
  const timed = usesChangeTimes(rule, { h, s, isNew, hChanged, sChanged })
  const value = outcome.action === 'to-hubspot' ? s : outcome.action === 'to-salesforce' ? h : null
  // On a first sync every non-blank value counts as a change the other side may not take.
  const hCounts = isNew ? h !== null : hChanged
  const sCounts = isNew ? s !== null : sChanged
  const dropped: Side[] = []
  if (hCounts && outcome.action !== 'to-salesforce') dropped.push('hubspot')
  if (sCounts && outcome.action !== 'to-hubspot') dropped.push('salesforce')
  return {
    field,
    action: outcome.action,
    value,
    rule,
    reason: outcome.reason,
    ...(outcome.conflict === true ? { conflict: true } : {}),
    ...(dropped.length > 0 ? { dropped } : {}),
    ...(timed ? { usedChangeTimes: true } : {}),
  }
}

function changedAt(
  changed: boolean,
  given: number | undefined,
  seenAt: number | undefined,
  now: number,
): number {
  if (!changed) return seenAt ?? now
  return given ?? now
}
