import { rawToString, type TransformContext } from '../canonical/index.js'
import type { FieldState } from '../model/index.js'
import { type MergeFailure, mergePair, type PairMerge } from '../plan/index.js'
import { DEAL_STAGE_PROPERTY, type DealMapping } from './deal-mappings.js'
import type { HubSpotDealRecord, SalesforceOpportunityRecord } from './deal-records.js'
import { opportunityView, withRequiredName } from './opportunity-required.js'
import { type StageMap, stageToHubSpot, stageToSalesforce, type UnmappedStage } from './stages.js'

/**
 * The mappings of one pair: the stage mapping takes the pipeline's stage map as its picklist values, so the
 * generic picklist transforms translate stage id <-> StageName (B-DEAL-20). For a Salesforce create every
 * mapping says blank is allowed: the generic required-field table knows no Opportunity, and the deal planner
 * fills Name itself (opportunity-required.ts).
 */
export function pairMappings(
  mappings: readonly DealMapping[],
  stages: StageMap,
  forCreate = false,
): DealMapping[] {
  return mappings.map((m) => ({
    ...m,
    ...(m.hubspot === DEAL_STAGE_PROPERTY ? { values: stages.toSalesforce } : {}),
    ...(forCreate ? { blankAllowed: true } : {}),
  }))
}

/**
 * Stage values with no counterpart in the pipeline, for each direction the stage rule lets write: they fail
 * that direction's whole write, as any value that cannot be carried across does (B-ERR-7, B-DEAL-20).
 */
export function unmappedStages(
  mappings: readonly DealMapping[],
  stages: StageMap,
  hs: HubSpotDealRecord | undefined,
  sf: SalesforceOpportunityRecord | undefined,
): UnmappedStage[] {
  const m = mappings.find((x) => x.hubspot === DEAL_STAGE_PROPERTY)
  if (m === undefined || m.rule === 'none') return []
  const field = m.salesforce.Opportunity ?? 'StageName'
  const out: UnmappedStage[] = []
  const h = rawToString(hs?.properties[DEAL_STAGE_PROPERTY])?.trim()
  if (h !== undefined && h !== '' && m.rule !== 'always-salesforce') {
    const r = stageToSalesforce(stages, h)
    if (typeof r !== 'string') out.push(r)
  }
  const s = rawToString(sf?.fields[field])?.trim()
  if (s !== undefined && s !== '') {
    const r = stageToHubSpot(stages, s)
    if (typeof r !== 'string') out.push(r)
  }
  return out
}

/**
 * The three-way merge of a linked deal and opportunity (design.md 3.2 through mergePair), with the pair's
 * stage map, an unmapped stage failing its direction, and Opportunity Name's placeholder.
 */
export function mergeDealPair(init: {
  readonly mappings: readonly DealMapping[]
  readonly stages: StageMap
  readonly hubspot: HubSpotDealRecord
  readonly salesforce: SalesforceOpportunityRecord
  readonly fields: Readonly<Record<string, FieldState>>
  readonly isNewLink: boolean
  readonly now: number
  readonly transform: TransformContext
  readonly placeholder: string
}): PairMerge {
  const mappings = pairMappings(init.mappings, init.stages)
  const sf = opportunityView(init.salesforce, init.placeholder)
  const merged = mergePair({
    mappings,
    hubspot: init.hubspot,
    salesforce: sf,
    fields: init.fields,
    isNewLink: init.isNewLink,
    now: init.now,
    transform: init.transform,
    queuesMayOwn: false,
  })
  const stageFailures: MergeFailure[] = unmappedStages(mappings, init.stages, init.hubspot, sf).map((u) => ({
    side: u.side,
    field: DEAL_STAGE_PROPERTY,
    code: u.code,
    message: u.message,
  }))
  const failed = new Set([...merged.failures, ...stageFailures].map((f) => f.side))
  const toSalesforce = failed.has('salesforce')
    ? {}
    : withRequiredName(merged.toSalesforce, init.placeholder, false)
  if (stageFailures.length === 0) return { ...merged, toSalesforce }
  // A failed direction's fields keep their stored state, so the next plan sees the change again.
  const kept = merged.decisions.filter(
    (d) =>
      !(d.action === 'to-salesforce' && failed.has('salesforce')) &&
      !(d.action === 'to-hubspot' && failed.has('hubspot')),
  )
  const fields = Object.fromEntries(
    Object.entries(merged.fields).filter(([key]) => kept.some((d) => d.field === key)),
  )
  return {
    ...merged,
    toSalesforce,
    toHubSpot: failed.has('hubspot') ? {} : merged.toHubSpot,
    failures: [...merged.failures, ...stageFailures],
    fields,
    decisions: kept,
  }
}
