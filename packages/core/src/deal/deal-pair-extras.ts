import { type HubSpotValue, rawToString, type SalesforceValue } from '../canonical/index.js'
import type { FieldDecision } from '../merge/index.js'
import type { FieldState, Link } from '../model/index.js'
import type { PairMerge } from '../plan/index.js'
import { type CompanyLinkIndex, DEAL_ACCOUNT_FIELD, planDealAccount, waitRequeues } from './deal-account.js'
import { DEAL_STAGE_PROPERTY } from './deal-mappings.js'
import { DEAL_PIPELINE_FIELD, planDealPipeline } from './deal-pipeline.js'
import type { DealAction, SyncedPipeline } from './deal-plan-types.js'
import type { HubSpotDealRecord, SalesforceOpportunityRecord } from './deal-records.js'
import { stageToHubSpot } from './stages.js'

/** A linked pair's writes and state once its account and pipeline are added to its field merge. */
export interface DealPairWrites {
  readonly toSalesforce: Readonly<Record<string, SalesforceValue>>
  readonly toHubSpot: Readonly<Record<string, HubSpotValue>>
  readonly fields: Readonly<Record<string, FieldState>>
  readonly decisions: readonly FieldDecision[]
  /** Errors, association writes and requeues, in that order. */
  readonly actions: readonly DealAction[]
}

/**
 * The parts of a linked pair that are not field values: AccountId against the primary company (B-DEAL-15,
 * 16; only with company sync on, `companies` given) and the record type against the pipeline (B-DEAL-2). A
 * direction whose field write failed moves neither, so they are retried with it.
 */
export function addDealPairExtras(init: {
  readonly merged: PairMerge
  readonly hubspot: HubSpotDealRecord
  readonly salesforce: SalesforceOpportunityRecord
  readonly link: Link
  readonly dealPipeline: SyncedPipeline
  readonly opportunityPipeline: SyncedPipeline
  readonly companies: CompanyLinkIndex | undefined
  readonly now: number
}): DealPairWrites {
  const { merged, hubspot: hs, salesforce: sf, link, now } = init
  let toSalesforce = merged.toSalesforce
  let toHubSpot = merged.toHubSpot
  const fields = { ...merged.fields }
  const decisions = [...merged.decisions]
  const actions: DealAction[] = []
  const sfFailed = merged.failures.some((f) => f.side === 'salesforce')
  const hsFailed = merged.failures.some((f) => f.side === 'hubspot')
  const keep = (field: string, state: FieldState, decision: FieldDecision) => {
    fields[field] = state
    decisions.push(decision)
  }
  if (init.companies !== undefined) {
    const accountId = rawToString(sf.fields['AccountId'])?.trim()
    const account = planDealAccount({
      hubspot: hs.primaryCompanyId,
      salesforce: accountId === undefined || accountId === '' ? null : accountId,
      state: link.fields[DEAL_ACCOUNT_FIELD],
      companies: init.companies,
      now,
    })
    if (account.kind === 'wait') actions.push(...waitRequeues(account, { side: 'salesforce', id: sf.id }))
    else if (account.kind === 'to-salesforce' && !sfFailed) {
      toSalesforce = { ...toSalesforce, AccountId: account.accountId }
      keep(DEAL_ACCOUNT_FIELD, account.state, account.decision)
    } else if (account.kind === 'to-hubspot' && !hsFailed) {
      const { companyId, decision } = account
      actions.push({
        kind: 'set-deal-company',
        dealId: hs.id,
        opportunityId: sf.id,
        companyId,
        reason: decision.reason,
      })
      keep(DEAL_ACCOUNT_FIELD, account.state, account.decision)
    } else if (account.kind === 'commit') keep(DEAL_ACCOUNT_FIELD, account.state, account.decision)
  }
  const move = planDealPipeline({
    deal: init.dealPipeline,
    opportunity: init.opportunityPipeline,
    state: link.fields[DEAL_PIPELINE_FIELD],
    now,
  })
  if (move.kind === 'commit') keep(DEAL_PIPELINE_FIELD, move.state, move.decision)
  else if (move.kind === 'to-salesforce' && !sfFailed) {
    toSalesforce = { ...toSalesforce, RecordTypeId: move.recordTypeId }
    keep(DEAL_PIPELINE_FIELD, move.state, move.decision)
  } else if (move.kind === 'to-hubspot' && !hsFailed) {
    // The deal lands at the stage the pair ends at, in the new pipeline.
    const stageName = toSalesforce['StageName'] ?? rawToString(sf.fields['StageName'])?.trim() ?? ''
    const stage = stageToHubSpot(move.pipeline.stages, String(stageName))
    if (typeof stage === 'string') {
      toHubSpot = { ...toHubSpot, pipeline: move.pipeline.pipelineId, [DEAL_STAGE_PROPERTY]: stage }
      keep(DEAL_PIPELINE_FIELD, move.state, move.decision)
    } else {
      const { side, code, message } = stage
      actions.unshift({
        kind: 'error',
        side,
        hubspotId: hs.id,
        salesforceId: sf.id,
        code,
        message,
        field: DEAL_STAGE_PROPERTY,
      })
    }
  }
  return { toSalesforce, toHubSpot, fields, decisions, actions }
}
