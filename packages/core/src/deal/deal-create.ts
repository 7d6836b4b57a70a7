import type { TransformContext } from '../canonical/index.js'
import type { FieldDecision } from '../merge/index.js'
import type { FieldState } from '../model/index.js'
import { planHubSpotCreate, planSalesforceCreate } from '../plan/index.js'
import { type CompanyLinkIndex, DEAL_ACCOUNT_FIELD, planDealAccount, waitRequeues } from './deal-account.js'
import type { DealMapping } from './deal-mappings.js'
import { pairMappings, unmappedStages } from './deal-pair.js'
import { DEAL_PIPELINE_FIELD } from './deal-pipeline.js'
import type { DealAction, SyncedPipeline } from './deal-plan-types.js'
import type { HubSpotDealRecord, SalesforceOpportunityRecord } from './deal-records.js'
import {
  OPPORTUNITY_REQUIRED_WITHOUT_PLACEHOLDER,
  opportunityView,
  withRequiredName,
} from './opportunity-required.js'

/** What both creates read besides the record. */
export interface DealCreateContext {
  readonly mappings: readonly DealMapping[]
  readonly transform: TransformContext
  readonly now: number
  readonly placeholder: string
  /** Company links, when company sync is on (B-DEAL-15); undefined leaves the account alone. */
  readonly companies: CompanyLinkIndex | undefined
}

const opportunity = (id: string) => ({ type: 'Opportunity' as const, id })

/** A created pair agrees on its pipeline: the deal's, whose record type the opportunity takes, or the reverse. */
function pipelineState(pipelineId: string, now: number): FieldState {
  const seen = { value: pipelineId, seenAt: now }
  return { ancestor: pipelineId, hubspotShadow: seen, salesforceShadow: seen }
}

/**
 * A new opportunity for an unlinked deal in a synced pipeline (B-DEAL-5), never matched to an existing one
 * (B-DEAL-7): the pipeline's record type, the stage through its map (B-DEAL-20), the owner by the create-time
 * rules (B-OWN-10), the account of the deal's linked company (B-DEAL-15). A deal whose company has no account
 * yet is created without one and the company is enqueued; the account follows when it is paired.
 */
export function createOpportunity(
  ctx: DealCreateContext,
  hs: HubSpotDealRecord,
  pipeline: SyncedPipeline,
): DealAction[] {
  const fail = (field: string, code: Extract<DealAction, { kind: 'error' }>['code'], message: string) => [
    {
      kind: 'error',
      side: 'salesforce',
      hubspotId: hs.id,
      salesforceId: null,
      code,
      message,
      field,
    } as const,
  ]
  const mappings = pairMappings(ctx.mappings, pipeline.stages, true)
  const [stage] = unmappedStages(mappings, pipeline.stages, hs, undefined)
  if (stage !== undefined) return fail('dealstage', stage.code, stage.message)
  const plan = planSalesforceCreate({
    mappings,
    type: 'Opportunity',
    properties: hs.properties,
    transform: ctx.transform,
    now: ctx.now,
  })
  if (!plan.ok) return fail(plan.field, plan.error.code, `${plan.field}: ${plan.error.message}`)
  let values = withRequiredName(plan.values, ctx.placeholder, true)
  for (const field of OPPORTUNITY_REQUIRED_WITHOUT_PLACEHOLDER) {
    const key = mappings.find((m) => m.salesforce.Opportunity === field)?.hubspot ?? field
    if (values[field] === undefined || values[field] === null)
      return fail(key, 'SF_REQUIRED_FIELD_MISSING', `${key}: Salesforce requires ${field} on an opportunity`)
  }
  if (pipeline.recordTypeId !== null) values = { ...values, RecordTypeId: pipeline.recordTypeId }
  const fields: Record<string, FieldState> = { ...plan.fields }
  const decisions: FieldDecision[] = [...plan.decisions]
  fields[DEAL_PIPELINE_FIELD] = pipelineState(pipeline.pipelineId, ctx.now)
  const actions: DealAction[] = []
  if (ctx.companies !== undefined) {
    const account = planDealAccount({
      hubspot: hs.primaryCompanyId,
      salesforce: null,
      state: undefined,
      companies: ctx.companies,
      now: ctx.now,
    })
    if (account.kind === 'to-salesforce') values = { ...values, AccountId: account.accountId }
    if (account.kind === 'wait') actions.push(...waitRequeues(account, { side: 'hubspot', id: hs.id }))
    else if (account.kind !== 'nothing' && account.kind !== 'to-hubspot') {
      fields[DEAL_ACCOUNT_FIELD] = account.state
      decisions.push(account.decision)
    }
  }
  return [
    {
      kind: 'create-salesforce',
      hubspotId: hs.id,
      salesforceType: 'Opportunity',
      values,
      owner: plan.owner,
      reason:
        'B-DEAL-5/7: a deal in a synced pipeline becomes a new opportunity; deals are never deduplicated',
    },
    {
      kind: 'commit',
      hubspotId: hs.id,
      salesforceType: 'Opportunity',
      salesforceId: null,
      fields,
      decisions,
    },
    ...actions,
  ]
}

/**
 * A new deal for an unlinked opportunity whose record type syncs (B-DEAL-4), never matched to an existing
 * one (B-DEAL-7), in the record type's pipeline (B-DEAL-2) with the stage of its StageName (B-DEAL-20), and
 * the company of its account when that is paired (B-DEAL-15).
 */
export function createDeal(
  ctx: DealCreateContext,
  sf: SalesforceOpportunityRecord,
  pipeline: SyncedPipeline,
): DealAction[] {
  const fail = (field: string, code: Extract<DealAction, { kind: 'error' }>['code'], message: string) => [
    { kind: 'error', side: 'hubspot', hubspotId: null, salesforceId: sf.id, code, message, field } as const,
  ]
  const view = opportunityView(sf, ctx.placeholder)
  const mappings = pairMappings(ctx.mappings, pipeline.stages)
  const [stage] = unmappedStages(mappings, pipeline.stages, undefined, view)
  if (stage !== undefined) return fail('dealstage', stage.code, stage.message)
  const plan = planHubSpotCreate({
    mappings,
    type: 'Opportunity',
    fields: view.fields,
    transform: ctx.transform,
    now: ctx.now,
  })
  if (!plan.ok) return fail(plan.field, plan.error.code, `${plan.field}: ${plan.error.message}`)
  const fields: Record<string, FieldState> = { ...plan.fields }
  const decisions: FieldDecision[] = [...plan.decisions]
  fields[DEAL_PIPELINE_FIELD] = pipelineState(pipeline.pipelineId, ctx.now)
  const after: DealAction[] = []
  if (ctx.companies !== undefined) {
    const accountId =
      typeof sf.fields['AccountId'] === 'string' && sf.fields['AccountId'] !== ''
        ? sf.fields['AccountId']
        : null
    const account = planDealAccount({
      hubspot: null,
      salesforce: accountId,
      state: undefined,
      companies: ctx.companies,
      now: ctx.now,
    })
    if (account.kind === 'to-hubspot')
      after.push({
        kind: 'set-deal-company',
        dealId: null,
        opportunityId: sf.id,
        companyId: account.companyId,
        reason: account.decision.reason,
      })
    if (account.kind === 'wait') after.push(...waitRequeues(account, { side: 'salesforce', id: sf.id }))
    else if (account.kind !== 'nothing') {
      fields[DEAL_ACCOUNT_FIELD] = account.state
      decisions.push(account.decision)
    }
  }
  return [
    {
      kind: 'create-hubspot',
      salesforce: opportunity(sf.id),
      values: { ...plan.values, pipeline: pipeline.pipelineId },
      reason:
        "B-DEAL-4/7: a new opportunity becomes a new deal in its record type's pipeline; never deduplicated",
    },
    {
      kind: 'commit',
      hubspotId: null,
      salesforceType: 'Opportunity',
      salesforceId: sf.id,
      fields,
      decisions,
    },
    ...after,
  ]
}
