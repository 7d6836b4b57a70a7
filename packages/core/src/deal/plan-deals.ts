import { assertNever, rawToString } from '../canonical/index.js'
import type { Link } from '../model/index.js'
import {
  deletesFirst,
  dropShadows,
  indexLinks,
  isFirstSync,
  type LinkKindRules,
  pausedPlan,
  planTransform,
  prepareLinks,
  type SkipReason,
} from '../plan/index.js'
import { type CompanyLinkIndex, indexCompanyLinks } from './deal-account.js'
import { createDeal, createOpportunity, type DealCreateContext } from './deal-create.js'
import { mergeDealPair } from './deal-pair.js'
import { addDealPairExtras } from './deal-pair-extras.js'
import type { DealAction, DealChange, PlanDealsInput, SyncedPipeline } from './deal-plan-types.js'
import type { HubSpotDealRecord, SalesforceOpportunityRecord } from './deal-records.js'
import { placeholderOf } from './opportunity-required.js'

/** The HubSpot deal property that holds its link (B-MAP-14). */
export const DEAL_LINK_PROPERTY = 'salesforceopportunityid'

/** Deals' link rules: the `salesforceopportunityid` property, tombstones of deleted deals (B-DEAL-9). */
export const DEAL_LINK_RULES: LinkKindRules<'Opportunity'> = {
  linkProperties: [DEAL_LINK_PROPERTY],
  refOf: (link) => ({ type: 'Opportunity', id: link.salesforceId }),
  deletedReason: 'B-DEAL-9: the HubSpot deal was deleted; the opportunity stays',
  mergeBehaviour: 'HubSpot deal merge',
}

/** A plan, and the deals whose plan compared change times without their property history. */
export interface DealPlan {
  readonly actions: readonly DealAction[]
  readonly hubspotHistoryWanted: readonly string[]
}

interface Ctx {
  readonly input: PlanDealsInput
  readonly create: DealCreateContext
  readonly companies: CompanyLinkIndex | undefined
  readonly linkByHubSpot: ReadonlyMap<string, Link>
  readonly linkBySalesforce: ReadonlyMap<string, Link>
  readonly handledHubSpot: Set<string>
  readonly handledSalesforce: Set<string>
  readonly actions: DealAction[]
  readonly historyWanted: Set<string>
}

/**
 * The pure deal planner (design.md 3.4 pass 3): changed deals and opportunities, their counterparts, deal
 * and company links, the synced pipelines and settings in; actions out. Deal sync off plans nothing
 * (B-DEAL-1). Only deals in synced pipelines and opportunities of synced record types cross, and a linked
 * deal moved out of a synced pipeline stops syncing both ways (B-DEAL-6). Unlinked records are never matched:
 * each one creates its counterpart (B-DEAL-7). Deleting an opportunity deletes its deal (B-DEAL-8); deleting a
 * deal only tombstones the link (B-DEAL-9). A HubSpot deal merge re-keys the link as a company merge does.
 */
export function planDeals(input: PlanDealsInput): DealPlan {
  if (!input.sync) return { actions: [], hubspotHistoryWanted: [] }
  if (input.paused === true) return pausedPlan(input.changes)
  const prepared = prepareLinks<'Opportunity'>(input, DEAL_LINK_RULES)
  const transform = planTransform(input.timeZone, input.owners, input.requiredFieldPlaceholder)
  const companies = input.companySync ? indexCompanyLinks(input.companyLinks) : undefined
  const ctx: Ctx = {
    input,
    create: {
      mappings: input.mappings,
      transform,
      now: input.now,
      placeholder: placeholderOf(input.requiredFieldPlaceholder),
      companies,
    },
    companies,
    linkByHubSpot: indexLinks(prepared.links, (l) => l.hubspotId),
    linkBySalesforce: indexLinks(prepared.links, (l) => l.salesforceId),
    handledHubSpot: new Set(),
    handledSalesforce: new Set(),
    actions: [...prepared.actions],
    historyWanted: new Set(),
  }
  breakMergedAway(ctx)
  for (const change of deletesFirst(input.changes)) {
    switch (change.side) {
      case 'hubspot':
        planHubSpotChange(ctx, change)
        break
      case 'salesforce':
        planSalesforceChange(ctx, change)
        break
      default:
        assertNever(change)
    }
  }
  return { actions: ctx.actions, hubspotHistoryWanted: [...ctx.historyWanted] }
}

/** The synced pipeline a deal is in, if any (B-DEAL-6). */
export function pipelineOfDeal(
  pipelines: readonly SyncedPipeline[],
  hs: HubSpotDealRecord,
): SyncedPipeline | undefined {
  const id = rawToString(hs.properties['pipeline'])?.trim()
  return pipelines.find((p) => p.pipelineId === id)
}

/**
 * The synced pipeline of an opportunity's record type: its own, or the default pipeline for no or an
 * unknown record type (B-DEAL-2); none for a record type over the cap (B-DEAL-3).
 */
export function pipelineOfOpportunity(
  pipelines: readonly SyncedPipeline[],
  unsynced: ReadonlySet<string>,
  sf: SalesforceOpportunityRecord,
): SyncedPipeline | undefined {
  const recordType = rawToString(sf.fields['RecordTypeId'])?.trim() ?? ''
  if (recordType !== '' && unsynced.has(recordType)) return undefined
  const own = recordType === '' ? undefined : pipelines.find((p) => p.recordTypeId === recordType)
  return own ?? pipelines.find((p) => p.isDefault)
}

function skip(ctx: Ctx, side: 'hubspot' | 'salesforce', id: string, reason: SkipReason): void {
  ctx.actions.push({ kind: 'skip', side, id, reason })
}

const opportunity = (id: string) => ({ type: 'Opportunity' as const, id })

function planHubSpotChange(ctx: Ctx, change: Extract<DealChange, { side: 'hubspot' }>): void {
  const { id } = change
  if (ctx.handledHubSpot.has(id)) return
  ctx.handledHubSpot.add(id)
  const link = ctx.linkByHubSpot.get(id)
  if (change.event === 'deleted') {
    if (link === undefined || link.state === 'tombstoned') return skip(ctx, 'hubspot', id, 'not-linked')
    return setState(ctx, link, 'tombstoned', 'B-DEAL-9: the HubSpot deal was deleted; the opportunity stays')
  }
  const hs = ctx.input.hubspot.get(id)
  if (hs === undefined) return skip(ctx, 'hubspot', id, 'record-not-read')
  if (link !== undefined && link.state !== 'active')
    return skip(ctx, 'hubspot', id, link.state === 'broken' ? 'link-broken' : 'link-tombstoned')
  const pipeline = pipelineOfDeal(ctx.input.pipelines, hs)
  if (pipeline === undefined) return skip(ctx, 'hubspot', id, 'deal-pipeline-not-synced')
  if (link === undefined) return void ctx.actions.push(...createOpportunity(ctx.create, hs, pipeline))
  const sf = ctx.input.salesforce.get(link.salesforceId)
  if (sf === undefined) return skip(ctx, 'hubspot', id, 'record-not-read')
  planPair(ctx, hs, sf, link, pipeline, change.event === 'resync', 'hubspot')
}

function planSalesforceChange(ctx: Ctx, change: Extract<DealChange, { side: 'salesforce' }>): void {
  const { id } = change
  if (ctx.handledSalesforce.has(id)) return
  ctx.handledSalesforce.add(id)
  const link = ctx.linkBySalesforce.get(id)
  if (change.event === 'deleted') return planOpportunityDelete(ctx, id, link)
  const sf = ctx.input.salesforce.get(id)
  if (sf === undefined) return skip(ctx, 'salesforce', id, 'record-not-read')
  if (link !== undefined && link.state !== 'active')
    return skip(ctx, 'salesforce', id, link.state === 'broken' ? 'link-broken' : 'link-tombstoned')
  const target = pipelineOfOpportunity(ctx.input.pipelines, ctx.input.unsyncedRecordTypes, sf)
  if (target === undefined) return skip(ctx, 'salesforce', id, 'record-type-not-synced')
  if (link === undefined) return void ctx.actions.push(...createDeal(ctx.create, sf, target))
  if (ctx.handledHubSpot.has(link.hubspotId)) return
  ctx.handledHubSpot.add(link.hubspotId)
  const hs = ctx.input.hubspot.get(link.hubspotId)
  if (hs === undefined) return planDealGone(ctx, link)
  const pipeline = pipelineOfDeal(ctx.input.pipelines, hs)
  if (pipeline === undefined) return skip(ctx, 'salesforce', id, 'deal-pipeline-not-synced')
  planPair(ctx, hs, sf, link, pipeline, false, 'salesforce')
}

/** A linked opportunity whose deal the read did not find: merged into a deal with its own link, the link breaks. */
function planDealGone(ctx: Ctx, link: Link): void {
  const survivor = ctx.input.mergedInto?.get(link.hubspotId)
  if (survivor === undefined) return skip(ctx, 'salesforce', link.salesforceId, 'record-not-read')
  setState(
    ctx,
    link,
    'broken',
    `HubSpot merged deal ${link.hubspotId} into ${survivor}, which keeps its own opportunity`,
  )
}

/**
 * A deleted opportunity deletes its deal (B-DEAL-8) and tombstones the link; a deal moved to an unsynced
 * pipeline no longer syncs (B-DEAL-6), so it stays and only the link is tombstoned.
 */
function planOpportunityDelete(ctx: Ctx, id: string, link: Link | undefined): void {
  if (link === undefined || link.state === 'tombstoned') return skip(ctx, 'salesforce', id, 'not-linked')
  ctx.handledHubSpot.add(link.hubspotId)
  const hs = ctx.input.hubspot.get(link.hubspotId)
  if (hs !== undefined && pipelineOfDeal(ctx.input.pipelines, hs) === undefined)
    return setState(
      ctx,
      link,
      'tombstoned',
      'B-DEAL-6: deleted in Salesforce; the deal is in an unsynced pipeline and stays',
    )
  ctx.actions.push({
    kind: 'delete-hubspot',
    hubspotId: link.hubspotId,
    reason: 'B-DEAL-8: the opportunity was deleted in Salesforce',
  })
  setState(ctx, link, 'tombstoned', 'B-DEAL-8: the opportunity was deleted in Salesforce')
}

/**
 * A deal HubSpot merged into one that is paired with another opportunity keeps no opportunity: its link
 * breaks (opportunities are not merged from HubSpot); the opportunity stays.
 */
function breakMergedAway(ctx: Ctx): void {
  const merges = [
    ...(ctx.input.mergedInto ?? []),
    ...[...ctx.input.hubspot.values()].flatMap((r) =>
      (r.mergedObjectIds ?? []).map((id) => [id, r.id] as const),
    ),
  ]
  for (const [from, to] of merges) {
    const link = ctx.linkByHubSpot.get(from)
    const survivor = ctx.linkByHubSpot.get(to)
    if (link?.state !== 'active' || survivor?.state !== 'active' || survivor === link) continue
    if (ctx.handledHubSpot.has(from)) continue
    ctx.handledHubSpot.add(from)
    ctx.handledSalesforce.add(link.salesforceId)
    setState(
      ctx,
      link,
      'broken',
      `merged into deal ${to}, which is linked to opportunity ${survivor.salesforceId}`,
    )
  }
}

function setState(ctx: Ctx, link: Link, state: Link['state'], reason: string): void {
  ctx.actions.push({
    kind: 'link-state',
    hubspotId: link.hubspotId,
    salesforce: opportunity(link.salesforceId),
    state,
    reason,
  })
}

/**
 * A linked pair in a synced pipeline: merged field by field (design.md 3.2) with the pipeline's stage map,
 * and, with company sync on, AccountId against the deal's primary company (B-DEAL-15, 16).
 */
function planPair(
  ctx: Ctx,
  hs: HubSpotDealRecord,
  sf: SalesforceOpportunityRecord,
  link: Link,
  pipeline: SyncedPipeline,
  resync: boolean,
  from: 'hubspot' | 'salesforce',
): void {
  const opportunityPipeline = pipelineOfOpportunity(ctx.input.pipelines, ctx.input.unsyncedRecordTypes, sf)
  if (opportunityPipeline === undefined)
    return skip(ctx, from, from === 'hubspot' ? hs.id : sf.id, 'record-type-not-synced')
  ctx.handledSalesforce.add(sf.id)
  ctx.handledHubSpot.add(hs.id)
  const fields = ctx.input.salesforceImport === true ? dropShadows(link.fields, 'salesforce') : link.fields
  const merged = mergeDealPair({
    mappings: ctx.input.mappings,
    stages: pipeline.stages,
    hubspot: hs,
    salesforce: sf,
    fields,
    isNewLink: isFirstSync(link) || resync,
    now: ctx.input.now,
    transform: ctx.create.transform,
    placeholder: ctx.create.placeholder,
  })
  if (merged.historyWanted) ctx.historyWanted.add(hs.id)
  for (const f of merged.failures)
    ctx.actions.push({
      kind: 'error',
      side: f.side,
      hubspotId: hs.id,
      salesforceId: sf.id,
      code: f.code,
      message: f.message,
      field: f.field,
    })
  const pair = addDealPairExtras({
    merged,
    hubspot: hs,
    salesforce: sf,
    link,
    dealPipeline: pipeline,
    opportunityPipeline,
    companies: ctx.companies,
    now: ctx.input.now,
  })
  const { toSalesforce, toHubSpot } = pair
  const ref = opportunity(sf.id)
  const errors = pair.actions.filter((a) => a.kind === 'error')
  ctx.actions.push(...errors)
  if (Object.keys(toSalesforce).length > 0)
    ctx.actions.push({ kind: 'update-salesforce', hubspotId: hs.id, salesforce: ref, values: toSalesforce })
  if (Object.keys(toHubSpot).length > 0)
    ctx.actions.push({ kind: 'update-hubspot', hubspotId: hs.id, salesforce: ref, values: toHubSpot })
  ctx.actions.push(...pair.actions.filter((a) => a.kind !== 'error'))
  ctx.actions.push({
    kind: 'commit',
    hubspotId: hs.id,
    salesforceType: 'Opportunity',
    salesforceId: sf.id,
    fields: pair.fields,
    decisions: pair.decisions,
  })
}
