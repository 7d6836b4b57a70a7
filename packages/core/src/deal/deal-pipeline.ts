import type { FieldDecision } from '../merge/index.js'
import type { FieldState } from '../model/index.js'
import type { SyncedPipeline } from './deal-plan-types.js'

/**
 * The key under which a deal link keeps the deal's pipeline against the opportunity's record type, as the
 * pipeline each stands for: the pipeline agreed, and the one last seen on each side. Not a mapping key.
 */
export const DEAL_PIPELINE_FIELD = 'deal:pipeline'

/** What a pair's pipeline <-> record type needs (B-DEAL-2: a record type is a pipeline). */
export type DealPipelinePlan =
  | { readonly kind: 'nothing' }
  | { readonly kind: 'commit'; readonly state: FieldState; readonly decision: FieldDecision }
  /** The opportunity takes the record type of the deal's pipeline. */
  | {
      readonly kind: 'to-salesforce'
      readonly recordTypeId: string
      readonly state: FieldState
      readonly decision: FieldDecision
    }
  /** The deal moves to the pipeline of the opportunity's record type. */
  | {
      readonly kind: 'to-hubspot'
      readonly pipeline: SyncedPipeline
      readonly state: FieldState
      readonly decision: FieldDecision
    }

/**
 * A linked deal moved between synced pipelines, or its opportunity given another synced record type: the
 * other side follows, as one three-way merged value (a side that changed since the last agreement wins; both
 * or a pair with no agreement yet, Salesforce, as on a first sync). `deal` is the deal's pipeline,
 * `opportunity` its record type's.
 */
export function planDealPipeline(init: {
  readonly deal: SyncedPipeline
  readonly opportunity: SyncedPipeline
  readonly state: FieldState | undefined
  readonly now: number
}): DealPipelinePlan {
  const { deal, opportunity, state, now } = init
  const h = deal.pipelineId
  const s = opportunity.pipelineId
  const stateOf = (value: string): FieldState => ({
    ancestor: value,
    hubspotShadow: { value, seenAt: now },
    salesforceShadow: { value, seenAt: now },
  })
  const decision = (d: Omit<FieldDecision, 'field' | 'rule'>): FieldDecision => ({
    field: DEAL_PIPELINE_FIELD,
    rule: 'two-way',
    ...d,
  })
  if (h === s) {
    const seen =
      state?.ancestor === h && state.hubspotShadow?.value === h && state.salesforceShadow?.value === s
    if (seen) return { kind: 'nothing' }
    return {
      kind: 'commit',
      state: stateOf(h),
      decision: decision({ action: 'none', value: h, reason: 'sides agree' }),
    }
  }
  const hChanged = state?.hubspotShadow?.value !== h
  const sChanged = state?.salesforceShadow?.value !== s
  if (hChanged && !sChanged && deal.recordTypeId !== null)
    return {
      kind: 'to-salesforce',
      recordTypeId: deal.recordTypeId,
      state: stateOf(h),
      decision: decision({
        action: 'to-salesforce',
        value: h,
        reason: `B-DEAL-2: the deal moved to pipeline ${h}; the opportunity takes record type ${deal.recordTypeId}`,
      }),
    }
  return {
    kind: 'to-hubspot',
    pipeline: opportunity,
    state: stateOf(s),
    decision: decision({
      action: 'to-hubspot',
      value: s,
      reason: `B-DEAL-2: the opportunity's record type is pipeline ${s}'s; the deal moves there`,
    }),
  }
}
