import type {
  DealMapping,
  HubSpotDealRecord,
  Link,
  SalesforceOpportunityRecord,
  SyncedPipeline,
  TransformContext,
} from '@crmsync/core'
import {
  DEAL_ACCOUNT_FIELD,
  DEAL_PIPELINE_FIELD,
  isHubSpotRecordEcho,
  isSalesforceRecordEcho,
  pairMappings,
  pipelineOfDeal,
  pipelineOfOpportunity,
  rawToString,
} from '@crmsync/core'

/** What a deal echo check needs besides the record and its link. */
export interface DealEchoContext {
  readonly mappings: readonly DealMapping[]
  readonly pipelines: readonly SyncedPipeline[]
  readonly unsyncedRecordTypes: ReadonlySet<string>
  readonly transform: TransformContext
  /** Company sync is on: AccountId is part of the pair (DEAL_ACCOUNT_FIELD). */
  readonly companySync: boolean
}

const shadowOf = (link: Link, key: string, side: 'hubspotShadow' | 'salesforceShadow') =>
  link.fields[key]?.[side]?.value

/**
 * A captured opportunity that holds exactly what its link last saw: every mapped field (the stage through
 * the pipeline's stage map), its record type's pipeline and, with company sync, its AccountId. Our own write
 * coming back, so it is not read and planned again. Anything unknown (no state yet, an unsynced record type)
 * is not an echo: the planner decides.
 */
export function isOpportunityEcho(
  record: SalesforceOpportunityRecord,
  link: Link | undefined,
  ctx: DealEchoContext,
): boolean {
  if (link?.state !== 'active') return false
  const pipeline = pipelineOfOpportunity(ctx.pipelines, ctx.unsyncedRecordTypes, record)
  if (
    pipeline === undefined ||
    shadowOf(link, DEAL_PIPELINE_FIELD, 'salesforceShadow') !== pipeline.pipelineId
  )
    return false
  if (ctx.companySync) {
    const account = rawToString(record.fields['AccountId'])?.trim() || null
    if (link.fields[DEAL_ACCOUNT_FIELD] === undefined && account !== null) return false
    if (
      link.fields[DEAL_ACCOUNT_FIELD] !== undefined &&
      shadowOf(link, DEAL_ACCOUNT_FIELD, 'salesforceShadow') !== account
    )
      return false
  }
  return isSalesforceRecordEcho(record, link, pairMappings(ctx.mappings, pipeline.stages), ctx.transform)
}

/**
 * The same for a captured deal: every mapped property and its pipeline. (Its primary company is not in a
 * captured record; HubSpot does not mark a deal changed for it either.)
 */
export function isDealEcho(record: HubSpotDealRecord, link: Link | undefined, ctx: DealEchoContext): boolean {
  if (link?.state !== 'active') return false
  const pipeline = pipelineOfDeal(ctx.pipelines, record)
  if (pipeline === undefined || shadowOf(link, DEAL_PIPELINE_FIELD, 'hubspotShadow') !== pipeline.pipelineId)
    return false
  return isHubSpotRecordEcho(
    record,
    'Opportunity',
    link,
    pairMappings(ctx.mappings, pipeline.stages),
    ctx.transform,
  )
}
