import { describe, expect, it } from 'vitest'

import { actionsOf, crmWrites } from '../testing/company-world.js'
import {
  addDeal,
  addOpportunity,
  createDealWorld,
  dealChange,
  dealCycle,
  type DealWorld,
  linkedDealPair,
  opportunityChange,
  planDealsIn,
  stageId,
} from '../testing/deal-world.js'
import type { DealChange, PlanDealsInput } from './index.js'

const T = 1_700_000_000_000
const plan = (world: DealWorld, changes: readonly DealChange[], options: Partial<PlanDealsInput> = {}) =>
  planDealsIn(world, changes, { now: T, ...options })
const linkedPair = (world: DealWorld, deal = 'D1', opp = '006A') => linkedDealPair(world, deal, opp, T - 1000)

describe('deals: linked pairs (B-DEAL-12, 20)', () => {
  it('B-DEAL-20: StageName "Negotiation" moves the deal to the stage labelled Negotiation', () => {
    const world = createDealWorld()
    linkedPair(world)
    world.opportunities.get('006A')!.fields['StageName'] = 'Negotiation'
    const [update] = actionsOf(plan(world, [opportunityChange('006A')]), 'update-hubspot')
    expect(update?.values).toEqual({ dealstage: stageId('P-NEW', 'Negotiation') })
  })

  it('B-DEAL-20: an HS stage with no SF counterpart is a property-value error; the rest of that write waits', () => {
    const world = createDealWorld()
    linkedPair(world)
    const deal = world.deals.get('D1')!
    deal.properties['dealstage'] = 'P-NEW:99'
    deal.properties['amount'] = '9'
    const actions = plan(world, [dealChange('D1')])
    expect(actionsOf(actions, 'error')).toMatchObject([
      { side: 'salesforce', code: 'SF_BAD_PICKLIST', field: 'dealstage', hubspotId: 'D1' },
    ])
    expect(actionsOf(actions, 'update-salesforce')).toEqual([])
    // Not committed: the next plan sees the amount change again.
    const commit = actionsOf(actions, 'commit')[0]
    expect(commit?.fields['amount']).toBeUndefined()
  })

  it('B-DEAL-12: O.Amount=100 in EUR reaches the deal as 100', () => {
    const world = createDealWorld()
    linkedPair(world)
    Object.assign(world.opportunities.get('006A')!.fields, { Amount: 100, CurrencyIsoCode: 'EUR' })
    const [update] = actionsOf(plan(world, [opportunityChange('006A')]), 'update-hubspot')
    expect(update?.values).toEqual({ amount: '100.00' })
  })
})

describe('deals: pipeline <-> record type (B-DEAL-2)', () => {
  it('B-DEAL-2: a deal moved to the Renewal pipeline gives its opportunity the Renewal record type', () => {
    const world = createDealWorld()
    linkedPair(world)
    const deal = world.deals.get('D1')!
    deal.properties['pipeline'] = 'P-REN'
    deal.properties['dealstage'] = stageId('P-REN', 'Prospecting')
    const actions = plan(world, [dealChange('D1')])
    expect(actionsOf(actions, 'update-salesforce').map((u) => u.values)).toEqual([{ RecordTypeId: '012REN' }])
    expect(actionsOf(actions, 'update-hubspot')).toEqual([])
  })

  it('B-DEAL-2: an opportunity given the Renewal record type moves its deal to that pipeline, at its stage there', () => {
    const world = createDealWorld()
    linkedPair(world)
    Object.assign(world.opportunities.get('006A')!.fields, {
      RecordTypeId: '012REN',
      StageName: 'Negotiation',
    })
    const actions = plan(world, [opportunityChange('006A')])
    expect(actionsOf(actions, 'update-hubspot').map((u) => u.values)).toEqual([
      { pipeline: 'P-REN', dealstage: stageId('P-REN', 'Negotiation') },
    ])
    dealCycle(world, [opportunityChange('006A')], T)
    expect(crmWrites(plan(world, [dealChange('D1'), opportunityChange('006A')]))).toEqual([])
  })
})

describe('deals: account and primary company (B-DEAL-15, 16)', () => {
  const companyLink = (world: DealWorld, company: string, account: string) =>
    world.companyLinks.push({
      connectionId: 'c1',
      objectKind: 'company',
      hubspotId: company,
      salesforceType: 'Account',
      salesforceId: account,
      state: 'active',
      fields: {},
      createdAt: 0,
      updatedAt: 0,
    })

  it('B-DEAL-15: company sync off: no company association and AccountId untouched', () => {
    const world = createDealWorld()
    companyLink(world, 'H1', '001A')
    addOpportunity(world, '006A', { AccountId: '001A' })
    const actions = plan(world, [opportunityChange('006A')], { companySync: false })
    expect(actionsOf(actions, 'set-deal-company')).toEqual([])
  })

  it('B-DEAL-15: with company sync on, a new deal is associated with the linked company of the account', () => {
    const world = createDealWorld()
    companyLink(world, 'H1', '001A')
    addOpportunity(world, '006A', { AccountId: '001A' })
    dealCycle(world, [opportunityChange('006A')], T)
    expect([...world.deals.values()].map((d) => d.primaryCompanyId)).toEqual(['H1'])
  })

  it("B-DEAL-15: a new opportunity takes the account of the deal's linked company", () => {
    const world = createDealWorld()
    companyLink(world, 'H1', '001A')
    addDeal(world, 'D1', { company: 'H1' })
    const [create] = actionsOf(plan(world, [dealChange('D1')]), 'create-salesforce')
    expect(create?.values['AccountId']).toBe('001A')
  })

  it('B-DEAL-16: an account with no company yet waits (the account enqueued, the opportunity after it); AccountId is never cleared', () => {
    const world = createDealWorld()
    linkedPair(world)
    world.opportunities.get('006A')!.fields['AccountId'] = '001A'
    const first = plan(world, [opportunityChange('006A')])
    expect(actionsOf(first, 'requeue')).toMatchObject([
      { objectKind: 'company', side: 'salesforce', ids: ['001A'] },
      { side: 'salesforce', ids: ['006A'] },
    ])
    expect(actionsOf(first, 'requeue')[1]).not.toHaveProperty('objectKind')
    expect(crmWrites(first)).toEqual([])
    // Company sync pairs the account; the deal follows and AccountId stays.
    companyLink(world, 'H1', '001A')
    dealCycle(world, [opportunityChange('006A')], T)
    expect(world.deals.get('D1')?.primaryCompanyId).toBe('H1')
    expect(world.opportunities.get('006A')?.fields['AccountId']).toBe('001A')
    // The deal loses its company in HubSpot: the account stays, audited as a drop.
    world.deals.get('D1')!.primaryCompanyId = null
    const { deals } = dealCycle(world, [dealChange('D1')], T + 1)
    expect(crmWrites(deals)).toEqual([])
    expect(world.opportunities.get('006A')?.fields['AccountId']).toBe('001A')
    expect(world.audit.at(-1)).toMatchObject({
      field: 'deal:account',
      dropped: ['hubspot'],
      reason: expect.stringMatching(/B-DEAL-16/) as string,
    })
  })

  it('B-DEAL-15: the deal moved to another linked company moves AccountId', () => {
    const world = createDealWorld()
    companyLink(world, 'H1', '001A')
    companyLink(world, 'H2', '001B')
    addDeal(world, 'D1', { company: 'H1' })
    dealCycle(world, [dealChange('D1')], T)
    world.deals.get('D1')!.primaryCompanyId = 'H2'
    const { deals } = dealCycle(world, [dealChange('D1')], T + 1)
    expect(actionsOf(deals, 'update-salesforce').map((u) => u.values)).toEqual([{ AccountId: '001B' }])
  })
})
