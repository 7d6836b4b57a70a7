import type { RawValue } from '../canonical/index.js'
import { assertNever } from '../canonical/index.js'
import type {
  ContactRoleAction,
  DealAction,
  DealChange,
  LifecycleAction,
  PlanDealsInput,
  SalesforceContactRole,
  SyncedPipeline,
} from '../deal/index.js'
import {
  DEAL_LINK_PROPERTY,
  DEFAULT_DEAL_MAPPINGS,
  pipelineOfDeal,
  pipelineOfOpportunity,
  planDealContacts,
  planDeals,
  planLifecycleTransitions,
  stageMapOf,
} from '../deal/index.js'
import type { FieldDecision } from '../merge/index.js'
import type { Link, ObjectKind, Side } from '../model/index.js'
import type { HubSpotPipeline } from '../ports/index.js'
import { OWNERS } from './owner-fixtures.js'

/** The StageName values of the test org, in SortOrder; the last two are closed. */
export const STAGE_NAMES = ['Prospecting', 'Negotiation', 'Closed Won', 'Closed Lost'] as const

/** HubSpot pipelines of the test portal: two generated ones and HubSpot's own, which does not sync. */
export const DEAL_PIPELINES: readonly HubSpotPipeline[] = [
  pipeline('P-NEW', 'Salesforce - New Business'),
  pipeline('P-REN', 'Salesforce - Renewal'),
  pipeline('default', 'Sales Pipeline', ['appointmentscheduled', 'closedwon']),
]

function pipeline(id: string, label: string, labels: readonly string[] = STAGE_NAMES): HubSpotPipeline {
  const stages = labels.map((l, i) => ({ id: `${id}:${i}`, label: l, displayOrder: i, isClosed: i >= 2 }))
  return { id, label, displayOrder: 0, stages }
}

/** The synced pipelines: New Business (012NEW, the default) and Renewal (012REN). */
export const SYNCED_PIPELINES: readonly SyncedPipeline[] = [
  { pipelineId: 'P-NEW', recordTypeId: '012NEW', isDefault: true, stages: stageMapOf(DEAL_PIPELINES[0]!) },
  { pipelineId: 'P-REN', recordTypeId: '012REN', isDefault: false, stages: stageMapOf(DEAL_PIPELINES[1]!) },
]

/** The record type over the cap (B-DEAL-3). */
export const UNSYNCED_RECORD_TYPES: ReadonlySet<string> = new Set(['012OVER'])

/** The HubSpot stage id of a StageName in a pipeline of DEAL_PIPELINES. */
export function stageId(pipelineId: string, stageName: string): string {
  const found = DEAL_PIPELINES.find((p) => p.id === pipelineId)?.stages.find((s) => s.label === stageName)
  if (found === undefined) throw new Error(`no stage ${stageName} in ${pipelineId}`)
  return found.id
}

export interface WorldDeal {
  readonly properties: Record<string, RawValue>
  contactIds: string[]
  primaryCompanyId: string | null
  mergedObjectIds?: string[] | undefined
}

export interface WorldOpportunity {
  readonly fields: Record<string, RawValue>
}

/**
 * Deals, opportunities, their contact roles and associations, and the contact and company links they go
 * through, in memory: a fake of both CRMs for the deal planner, the contact role pass and the lifecycle pass.
 */
export interface DealWorld {
  readonly deals: Map<string, WorldDeal>
  readonly opportunities: Map<string, WorldOpportunity>
  readonly roles: Map<string, SalesforceContactRole>
  /** HubSpot contacts' lifecycle stages. */
  readonly contactStages: Map<string, string | null>
  dealLinks: Link[]
  contactLinks: Link[]
  companyLinks: Link[]
  readonly mergedInto: Map<string, string>
  counter: number
  readonly created: { side: Side; from: string; id: string }[]
  /** Every decision committed, in order: the audit trail. */
  readonly audit: FieldDecision[]
  /** Every lifecycle move applied: the contact, from and to. */
  readonly lifecycleMoves: { hubspotId: string; from: string | null; to: string }[]
}

export function createDealWorld(): DealWorld {
  return {
    deals: new Map(),
    opportunities: new Map(),
    roles: new Map(),
    contactStages: new Map(),
    dealLinks: [],
    contactLinks: [],
    companyLinks: [],
    mergedInto: new Map(),
    counter: 0,
    created: [],
    audit: [],
    lifecycleMoves: [],
  }
}

export function worldLink(kind: ObjectKind, hubspotId: string, type: string, salesforceId: string): Link {
  const base = { connectionId: 'c1', objectKind: kind, hubspotId, salesforceType: type, salesforceId }
  return { ...base, state: 'active', fields: {}, createdAt: 0, updatedAt: 0 }
}

/** A deal in pipeline `pipeline` at StageName `stage` (its stage id there), with other properties. */
export function addDeal(
  world: DealWorld,
  id: string,
  init: {
    pipeline?: string
    stage?: string
    properties?: Record<string, RawValue>
    contacts?: string[]
    company?: string | null
  } = {},
): void {
  const pipelineId = init.pipeline ?? 'P-NEW'
  const stage = init.stage ?? 'Prospecting'
  const dealstage = pipelineId === 'default' ? 'appointmentscheduled' : stageId(pipelineId, stage)
  world.deals.set(id, {
    properties: {
      dealname: id,
      closedate: '2026-12-01T00:00:00.000Z',
      pipeline: pipelineId,
      dealstage,
      ...init.properties,
    },
    contactIds: [...(init.contacts ?? [])],
    primaryCompanyId: init.company ?? null,
  })
}

export function addOpportunity(world: DealWorld, id: string, fields: Record<string, RawValue> = {}): void {
  world.opportunities.set(id, {
    fields: {
      Name: id,
      // Salesforce requires an owner.
      OwnerId: '005ANN',
      CloseDate: '2026-12-01',
      StageName: 'Prospecting',
      RecordTypeId: '012NEW',
      AccountId: null,
      IsClosed: false,
      IsWon: false,
      ...fields,
    },
  })
}

/** A HubSpot contact linked to a Salesforce Contact (or Lead). */
export function addLinkedContact(
  world: DealWorld,
  hubspotId: string,
  salesforceId: string,
  init: { type?: 'Lead' | 'Contact'; stage?: string | null } = {},
): void {
  world.contactStages.set(hubspotId, init.stage ?? null)
  world.contactLinks.push(worldLink('contact', hubspotId, init.type ?? 'Contact', salesforceId))
}

export function addRole(world: DealWorld, opportunityId: string, contactId: string): string {
  const id = `00KROLE${++world.counter}`
  world.roles.set(id, { id, opportunityId, contactId, isPrimary: false, role: null })
  return id
}

export function linkDeal(
  world: DealWorld,
  dealId: string,
  opportunityId: string,
  fields: Link['fields'] = {},
): void {
  world.dealLinks.push({ ...worldLink('deal', dealId, 'Opportunity', opportunityId), fields })
  const deal = world.deals.get(dealId)
  if (deal !== undefined) deal.properties[DEAL_LINK_PROPERTY] = opportunityId
}

export const dealChange = (id: string, event: 'changed' | 'deleted' | 'resync' = 'changed'): DealChange => ({
  side: 'hubspot',
  id,
  event,
})
export const opportunityChange = (id: string, event: 'changed' | 'deleted' = 'changed'): DealChange => ({
  side: 'salesforce',
  id,
  event,
})

/** The deal planner's input built from the whole world, as the engine would after its batch reads. */
export function dealInput(
  world: DealWorld,
  changes: readonly DealChange[],
  options: Partial<PlanDealsInput> & { now: number },
): PlanDealsInput {
  const hubspot = new Map(
    [...world.deals].map(([id, d]) => [
      id,
      {
        id,
        properties: d.properties,
        contactIds: d.contactIds,
        primaryCompanyId: d.primaryCompanyId,
        ...(d.mergedObjectIds === undefined ? {} : { mergedObjectIds: d.mergedObjectIds }),
      },
    ]),
  )
  const salesforce = new Map(
    [...world.opportunities].map(([id, o]) => [id, { type: 'Opportunity' as const, id, fields: o.fields }]),
  )
  return {
    sync: true,
    companySync: true,
    timeZone: 'Europe/Oslo',
    mappings: DEFAULT_DEAL_MAPPINGS,
    owners: OWNERS,
    pipelines: SYNCED_PIPELINES,
    unsyncedRecordTypes: UNSYNCED_RECORD_TYPES,
    changes,
    hubspot,
    salesforce,
    links: world.dealLinks,
    companyLinks: world.companyLinks,
    ...(world.mergedInto.size === 0 ? {} : { mergedInto: new Map(world.mergedInto) }),
    ...options,
  }
}

function putLink(world: DealWorld, link: Link): void {
  world.dealLinks = [
    ...world.dealLinks.filter(
      (l) => l.state === 'active' || (l.hubspotId !== link.hubspotId && l.salesforceId !== link.salesforceId),
    ),
    link,
  ]
}

export type DealRequeue = Extract<DealAction, { kind: 'requeue' }>

/** Applies a deal plan as the engine would if every write succeeded; returns the requeues. */
export function applyDealActions(
  world: DealWorld,
  actions: readonly DealAction[],
  now: number,
): DealRequeue[] {
  const createdOpportunity = new Map<string, string>()
  const createdDeal = new Map<string, string>()
  const requeues: DealRequeue[] = []
  for (const a of actions) {
    switch (a.kind) {
      case 'create-salesforce': {
        const id = `006NEW${++world.counter}`
        world.opportunities.set(id, {
          fields: { IsClosed: false, IsWon: false, ...a.values, OwnerId: a.owner.ownerId ?? null },
        })
        recompute(world.opportunities.get(id)!)
        world.created.push({ side: 'salesforce', from: a.hubspotId, id })
        createdOpportunity.set(a.hubspotId, id)
        break
      }
      case 'create-hubspot': {
        const id = `HDNEW${++world.counter}`
        world.deals.set(id, {
          properties: { ...a.values, [DEAL_LINK_PROPERTY]: a.salesforce.id },
          contactIds: [],
          primaryCompanyId: null,
        })
        world.created.push({ side: 'hubspot', from: a.salesforce.id, id })
        createdDeal.set(a.salesforce.id, id)
        break
      }
      case 'update-salesforce': {
        const o = world.opportunities.get(a.salesforce.id)
        if (o !== undefined) {
          Object.assign(o.fields, a.values)
          recompute(o)
        }
        break
      }
      case 'update-hubspot': {
        const d = world.deals.get(a.hubspotId)
        if (d !== undefined) Object.assign(d.properties, a.values)
        break
      }
      case 'set-deal-company': {
        const d = world.deals.get(a.dealId ?? createdDeal.get(a.opportunityId) ?? '')
        if (d !== undefined) d.primaryCompanyId = a.companyId
        break
      }
      case 'delete-hubspot':
        world.deals.delete(a.hubspotId)
        break
      case 'link':
        putLink(world, worldLink('deal', a.hubspotId, 'Opportunity', a.salesforce.id))
        break
      case 'relink': {
        const old = world.dealLinks.find(
          (l) => l.hubspotId === a.from.hubspotId && l.salesforceId === a.from.salesforce.id,
        )
        world.dealLinks = world.dealLinks.filter((l) => l !== old)
        putLink(world, {
          ...worldLink('deal', a.to.hubspotId, 'Opportunity', a.to.salesforce.id),
          fields: old?.fields ?? {},
        })
        break
      }
      case 'link-state':
        world.dealLinks = world.dealLinks.map((l) =>
          l.hubspotId === a.hubspotId && l.salesforceId === a.salesforce.id
            ? { ...l, state: a.state, updatedAt: now }
            : l,
        )
        break
      case 'commit': {
        const hubspotId = a.hubspotId ?? createdDeal.get(a.salesforceId ?? '')
        const salesforceId = a.salesforceId ?? createdOpportunity.get(a.hubspotId ?? '')
        if (hubspotId === undefined || salesforceId === undefined) throw new Error('commit of no create')
        const existing = world.dealLinks.find(
          (l) => l.hubspotId === hubspotId && l.salesforceId === salesforceId,
        )
        const base = existing ?? worldLink('deal', hubspotId, 'Opportunity', salesforceId)
        const link: Link = { ...base, fields: { ...base.fields, ...a.fields }, updatedAt: now }
        if (existing === undefined) putLink(world, link)
        else world.dealLinks = world.dealLinks.map((l) => (l === existing ? link : l))
        world.audit.push(...a.decisions)
        break
      }
      case 'rekey': {
        const moved = world.dealLinks.find(
          (l) => l.hubspotId === a.from && l.salesforceId === a.salesforce.id,
        )
        if (moved === undefined) break
        world.dealLinks = world.dealLinks.filter((l) => l !== moved)
        putLink(world, { ...moved, hubspotId: a.to, updatedAt: now })
        break
      }
      case 'requeue':
        requeues.push(a)
        break
      case 'skip':
      case 'error':
        break
      default:
        assertNever(a)
    }
  }
  return requeues
}

/** Salesforce's own formula: IsClosed and IsWon follow StageName (the test org's two closed stages). */
function recompute(o: WorldOpportunity): void {
  const stage = o.fields['StageName']
  o.fields['IsClosed'] = stage === 'Closed Won' || stage === 'Closed Lost'
  o.fields['IsWon'] = stage === 'Closed Won'
}

/** Changes the StageName of an opportunity as a Salesforce user would (IsClosed and IsWon follow). */
export function setStage(world: DealWorld, opportunityId: string, stage: string): void {
  const o = world.opportunities.get(opportunityId)
  if (o === undefined) return
  o.fields['StageName'] = stage
  recompute(o)
}

/** The contact role pass over every active deal link, applied. */
export function contactRoleCycle(world: DealWorld, now: number): ContactRoleAction[] {
  const all: ContactRoleAction[] = []
  for (const link of world.dealLinks.filter((l) => l.state === 'active')) {
    const deal = world.deals.get(link.hubspotId)
    const opp = world.opportunities.get(link.salesforceId)
    if (deal === undefined || opp === undefined) continue
    // Only pairs that sync: a deal outside a synced pipeline keeps its contacts to itself (B-DEAL-6).
    const oppRecord = { type: 'Opportunity' as const, id: link.salesforceId, fields: opp.fields }
    if (pipelineOfDeal(SYNCED_PIPELINES, { id: link.hubspotId, properties: deal.properties }) === undefined)
      continue
    if (pipelineOfOpportunity(SYNCED_PIPELINES, UNSYNCED_RECORD_TYPES, oppRecord) === undefined) continue
    const actions = planDealContacts({
      link,
      dealContactIds: deal.contactIds,
      contactRoles: [...world.roles.values()].filter((r) => r.opportunityId === link.salesforceId),
      contactLinks: world.contactLinks,
    })
    applyContactRoleActions(world, actions, now)
    all.push(...actions)
  }
  return all
}

export function applyContactRoleActions(
  world: DealWorld,
  actions: readonly ContactRoleAction[],
  now: number,
): void {
  for (const a of actions) {
    switch (a.kind) {
      case 'add-association': {
        const d = world.deals.get(a.dealId)
        if (d !== undefined && !d.contactIds.includes(a.contactId)) d.contactIds.push(a.contactId)
        break
      }
      case 'remove-association': {
        const d = world.deals.get(a.dealId)
        if (d !== undefined) d.contactIds = d.contactIds.filter((c) => c !== a.contactId)
        break
      }
      case 'create-contact-role':
        addRole(world, a.opportunityId, a.contactId)
        break
      case 'delete-contact-role':
        world.roles.delete(a.contactRoleId)
        break
      case 'commit':
        world.dealLinks = world.dealLinks.map((l) =>
          l.hubspotId === a.dealId && l.salesforceId === a.opportunityId
            ? { ...l, fields: { ...l.fields, [a.field]: a.state }, updatedAt: now }
            : l,
        )
        break
      default:
        assertNever(a)
    }
  }
}

/** The lifecycle pass over every contact, applied. */
export function lifecycleCycle(world: DealWorld, enabled = true): LifecycleAction[] {
  const roleContacts = new Map<string, string[]>()
  for (const r of world.roles.values())
    roleContacts.set(r.opportunityId, [...(roleContacts.get(r.opportunityId) ?? []), r.contactId])
  const actions = planLifecycleTransitions({
    enabled,
    contacts: [...world.contactStages].map(([hubspotId, lifecycleStage]) => ({
      hubspotId,
      lifecycleStage,
      link: world.contactLinks.find((l) => l.hubspotId === hubspotId && l.state === 'active'),
    })),
    opportunities: [...world.opportunities].map(([opportunityId, o]) => ({
      opportunityId,
      contactIds: roleContacts.get(opportunityId) ?? [],
      isClosed: o.fields['IsClosed'] === true,
      isWon: o.fields['IsWon'] === true,
    })),
  })
  for (const a of actions) {
    world.lifecycleMoves.push({
      hubspotId: a.hubspotId,
      from: world.contactStages.get(a.hubspotId) ?? null,
      to: a.values.lifecyclestage,
    })
    world.contactStages.set(a.hubspotId, a.values.lifecyclestage)
  }
  return actions
}

/** One deal cycle: the deal plan applied, then contact roles and lifecycle. Returns the deal plan. */
export function dealCycle(
  world: DealWorld,
  changes: readonly DealChange[],
  now: number,
  options: Partial<PlanDealsInput> = {},
): {
  deals: readonly DealAction[]
  roles: readonly ContactRoleAction[]
  lifecycle: readonly LifecycleAction[]
} {
  const deals = planDeals(dealInput(world, changes, { now, ...options })).actions
  applyDealActions(world, deals, now)
  const roles = contactRoleCycle(world, now)
  const lifecycle = lifecycleCycle(world)
  return { deals, roles, lifecycle }
}

/** Every deal and opportunity as a change: what a full reconcile would plan. */
export function everything(world: DealWorld): DealChange[] {
  return [
    ...[...world.deals.keys()].map((id) => dealChange(id)),
    ...[...world.opportunities.keys()].map((id) => opportunityChange(id)),
  ]
}

/** A deal and an opportunity linked by an earlier cycle that agreed on everything (ids of your choice). */
export function linkedDealPair(world: DealWorld, deal = 'D1', opp = '006A', now = 0): void {
  addDeal(world, deal)
  dealCycle(world, [dealChange(deal)], now)
  const link = world.dealLinks.find((l) => l.hubspotId === deal)
  const created = link === undefined ? undefined : world.opportunities.get(link.salesforceId)
  if (link === undefined || created === undefined) throw new Error(`deal ${deal} was not synced`)
  world.opportunities.set(opp, created)
  world.opportunities.delete(link.salesforceId)
  world.dealLinks = world.dealLinks.map((l) => (l === link ? { ...l, salesforceId: opp } : l))
}

/** The deal planner's actions over the world. */
export function planDealsIn(
  world: DealWorld,
  changes: readonly DealChange[],
  options: Partial<PlanDealsInput> & { now: number },
): readonly DealAction[] {
  return planDeals(dealInput(world, changes, options)).actions
}
