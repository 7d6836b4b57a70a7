import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import type { TransformContext } from '../canonical/index.js'
import { fromHubSpot, fromSalesforce, rawToString } from '../canonical/index.js'
import { buildOwnerIndex } from '../owners/index.js'
import { crmWrites } from '../testing/company-world.js'
import { applyDealOp, buildDealWorld, dealInitialArb, dealOpArb } from '../testing/deal-arbitraries.js'
import {
  applyDealActions,
  contactRoleCycle,
  dealInput,
  type DealWorld,
  everything,
  lifecycleCycle,
  SYNCED_PIPELINES,
} from '../testing/deal-world.js'
import { OWNERS } from '../testing/owner-fixtures.js'
import type { DealAction, DealChange } from './index.js'
import {
  DEFAULT_DEAL_MAPPINGS,
  DEFAULT_LIFECYCLE_ORDER,
  opportunityView,
  pairMappings,
  pipelineOfDeal,
  pipelineOfOpportunity,
  planDeals,
} from './index.js'

const NUM_RUNS = Number(process.env['FC_NUM_RUNS'] ?? 200)
const SEED = process.env['FC_SEED']
const PATH = process.env['FC_PATH']
const REPLAY = {
  ...(SEED === undefined ? {} : { seed: Number(SEED), endOnFailure: true }),
  ...(PATH === undefined ? {} : { path: PATH }),
}
const transform: TransformContext = { timeZone: 'Europe/Oslo', owners: buildOwnerIndex(OWNERS) }
const UNSYNCED = new Set(['012OVER'])
const rank = (stage: string | null) => (stage === null ? -1 : DEFAULT_LIFECYCLE_ORDER.indexOf(stage))

/** The mapped fields of a linked pair that differ, canonically, with the pair's stage map. */
function differing(world: DealWorld, dealId: string, oppId: string): string[] {
  const deal = world.deals.get(dealId)
  const opp = world.opportunities.get(oppId)
  if (deal === undefined || opp === undefined) return []
  const pipeline = pipelineOfDeal(SYNCED_PIPELINES, { id: dealId, properties: deal.properties })
  // A record type over the cap stops the pair as an unsynced pipeline does (B-DEAL-3, 6).
  const recordType = pipelineOfOpportunity(SYNCED_PIPELINES, UNSYNCED, {
    type: 'Opportunity',
    id: oppId,
    fields: opp.fields,
  })
  if (pipeline === undefined || recordType === undefined) return []
  const view = opportunityView({ type: 'Opportunity', id: oppId, fields: opp.fields }, '[not provided]')
  return pairMappings(DEFAULT_DEAL_MAPPINGS, pipeline.stages).flatMap((m) => {
    const h = fromHubSpot(m, deal.properties[m.hubspot], transform)
    const s = fromSalesforce(m, view.fields[m.salesforce.Opportunity ?? ''], transform)
    if (!h.ok || !s.ok || h.value === s.value) return []
    // An owner with no HubSpot owner waits for one (B-OWN-1): the pair differs there by design.
    const waiting =
      m.rule === 'owner' && s.value !== null && transform.owners.hubspotFor(s.value) === undefined
    return waiting ? [] : [m.hubspot]
  })
}

/** One sync: the deal plan checked and applied, then contact roles and lifecycle; returns the plan. */
function sync(
  world: DealWorld,
  changes: readonly DealChange[],
  now: number,
  companySync: boolean,
): DealAction[] {
  const actions = [...planDeals(dealInput(world, changes, { now, companySync })).actions]
  for (const a of actions) {
    // B-DEAL-7: a create is only ever for a record that was never paired; nothing is matched.
    if (a.kind === 'create-salesforce')
      expect(
        world.dealLinks.some((l) => l.hubspotId === a.hubspotId),
        `create for paired deal ${a.hubspotId}`,
      ).toBe(false)
    if (a.kind === 'create-hubspot')
      expect(
        world.dealLinks.some((l) => l.salesforceId === a.salesforce.id),
        `create for paired ${a.salesforce.id}`,
      ).toBe(false)
    expect(a.kind, 'deals are never matched').not.toBe('link')
    // B-DEAL-6: a deal in a pipeline that does not sync is never written, nor is its opportunity.
    if (a.kind === 'update-hubspot' || a.kind === 'update-salesforce' || a.kind === 'create-salesforce') {
      const deal = world.deals.get(a.hubspotId)
      expect(
        rawToString(deal?.properties['pipeline']),
        `write for deal ${a.hubspotId} outside a synced pipeline`,
      ).not.toBe('default')
    }
    // B-DEAL-16: AccountId is never cleared by the sync.
    if (a.kind === 'update-salesforce' && 'AccountId' in a.values)
      expect(a.values['AccountId']).not.toBeNull()
  }
  applyDealActions(world, actions, now)
  // Every field of a pair this plan committed that still differs was dropped on purpose, audited, or failed.
  for (const c of actions) {
    if (c.kind !== 'commit' || c.hubspotId === null || c.salesforceId === null) continue
    const failed = actions.some((a) => a.kind === 'error' && a.hubspotId === c.hubspotId)
    for (const field of differing(world, c.hubspotId, c.salesforceId)) {
      const decision = c.decisions.find((d) => d.field === field)
      const audited = decision !== undefined && (decision.dropped ?? []).length > 0
      expect(
        failed || audited || decision === undefined,
        `${field} of ${c.hubspotId} differs with no audit`,
      ).toBe(true)
    }
  }
  contactRoleCycle(world, now)
  lifecycleCycle(world)
  return actions
}

describe('deal sync properties over random interleaved edits on both sides', () => {
  it(
    'converges, writes nothing twice, never duplicates beyond B-DEAL-7, audits what it drops, never moves lifecycle back',
    { timeout: Math.max(60_000, NUM_RUNS * 300) },
    () => {
      fc.assert(
        fc.property(dealInitialArb, fc.array(dealOpArb, { maxLength: 25 }), (init, ops) => {
          const world = buildDealWorld(init)
          let now = 1_000
          let pending: DealChange[] = everything(world)
          for (const op of ops) {
            now += 1_000
            if (op.op !== 'sync') {
              pending.push(...applyDealOp(world, op))
              continue
            }
            sync(world, pending, now, init.companySync)
            pending = []
            // A second plan of the same records writes nothing (no echo, no repeat).
            const again = planDeals(
              dealInput(world, everything(world), { now: now + 1, companySync: init.companySync }),
            )
            expect(crmWrites(again.actions), 'second plan writes').toEqual([])
          }
          // Settle: the pending changes, then full passes until nothing moves.
          sync(world, pending, (now += 1_000), init.companySync)
          for (let i = 0; i < 3; i++) sync(world, everything(world), (now += 1_000), init.companySync)
          const last = planDeals(
            dealInput(world, everything(world), { now: now + 1, companySync: init.companySync }),
          )
          expect(crmWrites(last.actions), 'converged').toEqual([])
          expect(
            contactRoleCycle(world, now).filter((a) => a.kind !== 'commit'),
            'contact roles converged',
          ).toEqual([])
          expect(lifecycleCycle(world), 'lifecycle converged').toEqual([])

          // No duplicates: each record is in at most one active link, and each was created at most once.
          const active = world.dealLinks.filter((l) => l.state === 'active')
          expect(new Set(active.map((l) => l.hubspotId)).size).toBe(active.length)
          expect(new Set(active.map((l) => l.salesforceId)).size).toBe(active.length)
          const origins = world.created.map((c) => `${c.side}:${c.from}`)
          expect(new Set(origins).size, 'a record created twice').toBe(origins.length)
          // Linked pairs in synced pipelines agree on every default mapping once converged.
          for (const l of active)
            expect(differing(world, l.hubspotId, l.salesforceId), `pair ${l.hubspotId}`).toEqual([])
          // B-DEAL-2: a synced pair's deal is in the pipeline of its opportunity's record type.
          for (const l of active) {
            const deal = world.deals.get(l.hubspotId)
            const opp = world.opportunities.get(l.salesforceId)
            if (deal === undefined || opp === undefined) continue
            const dealPipeline = pipelineOfDeal(SYNCED_PIPELINES, {
              id: l.hubspotId,
              properties: deal.properties,
            })
            const oppRecord = { type: 'Opportunity' as const, id: l.salesforceId, fields: opp.fields }
            const oppPipeline = pipelineOfOpportunity(SYNCED_PIPELINES, UNSYNCED, oppRecord)
            if (dealPipeline !== undefined && oppPipeline !== undefined)
              expect(dealPipeline.pipelineId, `pipeline of ${l.hubspotId}`).toBe(oppPipeline.pipelineId)
          }
          // Synced deals and their opportunities share their contacts, through the contact links.
          for (const l of active) {
            const deal = world.deals.get(l.hubspotId)
            const opp = world.opportunities.get(l.salesforceId)
            if (deal === undefined || opp === undefined) continue
            if (
              pipelineOfDeal(SYNCED_PIPELINES, { id: l.hubspotId, properties: deal.properties }) === undefined
            )
              continue
            const oppRecord = { type: 'Opportunity' as const, id: l.salesforceId, fields: opp.fields }
            if (pipelineOfOpportunity(SYNCED_PIPELINES, UNSYNCED, oppRecord) === undefined) continue
            const roles = new Set(
              [...world.roles.values()]
                .filter((r) => r.opportunityId === l.salesforceId)
                .map((r) => r.contactId),
            )
            for (const [c, k] of [
              ['C1', 'K1'],
              ['C2', 'K2'],
            ] as const)
              expect(deal.contactIds.includes(c), `${c} on ${l.hubspotId} vs role ${k}`).toBe(roles.has(k))
            expect(roles.has('L3'), 'a Lead is never a role').toBe(false)
          }
          // B-LCS-5: lifecycle moves only forward.
          for (const m of world.lifecycleMoves)
            expect(rank(m.to), `${m.hubspotId} ${m.from} -> ${m.to}`).toBeGreaterThan(rank(m.from))
        }),
        { numRuns: NUM_RUNS, ...REPLAY },
      )
    },
  )
})
