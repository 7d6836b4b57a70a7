import { describe, expect, it } from 'vitest'

import { actionsOf, crmWrites } from '../testing/company-world.js'
import {
  addDeal,
  addOpportunity,
  createDealWorld,
  dealChange,
  dealCycle,
  dealInput,
  type DealWorld,
  opportunityChange,
  stageId,
} from '../testing/deal-world.js'
import type { DealChange, PlanDealsInput } from './index.js'
import { planDeals } from './index.js'

const T = 1_700_000_000_000
const plan = (world: DealWorld, changes: readonly DealChange[], options: Partial<PlanDealsInput> = {}) =>
  planDeals(dealInput(world, changes, { now: T, ...options })).actions

/** A deal and an opportunity linked by an earlier cycle that agreed on everything. */
function linkedPair(world: DealWorld, deal = 'D1', opp = '006A'): void {
  addDeal(world, deal)
  dealCycle(world, [dealChange(deal)], T - 1000)
  const link = world.dealLinks.find((l) => l.hubspotId === deal)!
  world.opportunities.set(opp, world.opportunities.get(link.salesforceId)!)
  world.opportunities.delete(link.salesforceId)
  world.dealLinks = world.dealLinks.map((l) => (l === link ? { ...l, salesforceId: opp } : l))
}

describe('deals: switch, creates and no dedup (B-DEAL-1, 2, 4, 5, 7, 10)', () => {
  it('B-DEAL-1: deal sync off plans nothing, not even skips', () => {
    const world = createDealWorld()
    addDeal(world, 'D1')
    addOpportunity(world, '006A')
    expect(plan(world, [dealChange('D1'), opportunityChange('006A')], { sync: false })).toEqual([])
  })

  it('B-DEAL-5/10/B-OWN-10: a deal in a synced pipeline creates an opportunity with the seven fields and the record type', () => {
    const world = createDealWorld()
    addDeal(world, 'D1', {
      pipeline: 'P-REN',
      stage: 'Negotiation',
      properties: {
        dealname: 'Acme renewal',
        amount: '100',
        dealtype: 'existingbusiness',
        description: 'd',
        hubspot_owner_id: '12',
      },
    })
    const [create] = actionsOf(plan(world, [dealChange('D1')]), 'create-salesforce')
    expect(create).toMatchObject({
      salesforceType: 'Opportunity',
      values: {
        Name: 'Acme renewal',
        Amount: 100,
        Type: 'Existing Customer - Upgrade',
        Description: 'd',
        StageName: 'Negotiation',
        CloseDate: '2026-12-01',
        OwnerId: '005BOB',
        RecordTypeId: '012REN',
      },
      owner: { ownerId: '005BOB' },
    })
  })

  it('B-OWN-10: an unmatched deal owner gives the opportunity to the integration user', () => {
    const world = createDealWorld()
    addDeal(world, 'D1', { properties: { hubspot_owner_id: '14' } })
    const [create] = actionsOf(plan(world, [dealChange('D1')]), 'create-salesforce')
    expect(create?.values['OwnerId']).toBe('005INTEGRATION')
  })

  it('B-DEAL-2/4: a Renewal opportunity lands in the Renewal pipeline at its stage; no record type goes to the default', () => {
    const world = createDealWorld()
    addOpportunity(world, '006R', { RecordTypeId: '012REN', StageName: 'Closed Won', Amount: 50 })
    addOpportunity(world, '006N', { RecordTypeId: null })
    addOpportunity(world, '006U', { RecordTypeId: '012UNKNOWN' })
    const creates = actionsOf(
      plan(
        world,
        ['006R', '006N', '006U'].map((id) => opportunityChange(id)),
      ),
      'create-hubspot',
    )
    expect(creates.map((c) => [c.salesforce.id, c.values['pipeline'], c.values['dealstage']])).toEqual([
      ['006R', 'P-REN', stageId('P-REN', 'Closed Won')],
      ['006N', 'P-NEW', stageId('P-NEW', 'Prospecting')],
      ['006U', 'P-NEW', stageId('P-NEW', 'Prospecting')],
    ])
    expect(creates[0]?.values['amount']).toBe('50.00')
  })

  it('B-DEAL-7: an identical deal and opportunity made independently are never matched: 2 deals and 2 opportunities', () => {
    const world = createDealWorld()
    addDeal(world, 'D1', { properties: { dealname: 'Acme renewal', amount: '100' } })
    addOpportunity(world, '006A', { Name: 'Acme renewal', Amount: 100 })
    dealCycle(world, [dealChange('D1'), opportunityChange('006A')], T)
    expect(world.deals.size).toBe(2)
    expect(world.opportunities.size).toBe(2)
    expect(world.dealLinks.filter((l) => l.state === 'active')).toHaveLength(2)
  })

  it('B-DEAL-20: a deal at a stage its pipeline has no StageName for is a typed error, no create', () => {
    const world = createDealWorld()
    addDeal(world, 'D1')
    world.deals.get('D1')!.properties['dealstage'] = 'P-NEW:99'
    const actions = plan(world, [dealChange('D1')])
    expect(actionsOf(actions, 'create-salesforce')).toEqual([])
    expect(actionsOf(actions, 'error')).toMatchObject([
      { side: 'salesforce', code: 'SF_BAD_PICKLIST', field: 'dealstage' },
    ])
  })

  it('a blank dealname is written as the placeholder; a blank close date is a required-field error', () => {
    const world = createDealWorld()
    addDeal(world, 'D1', { properties: { dealname: null } })
    addDeal(world, 'D2', { properties: { closedate: null } })
    const actions = plan(world, [dealChange('D1'), dealChange('D2')])
    expect(actionsOf(actions, 'create-salesforce').map((c) => [c.hubspotId, c.values['Name']])).toEqual([
      ['D1', '[not provided]'],
    ])
    expect(actionsOf(actions, 'error')).toMatchObject([
      { hubspotId: 'D2', code: 'SF_REQUIRED_FIELD_MISSING', field: 'closedate' },
    ])
    // The placeholder reads as blank: nothing flows back to HubSpot and a second plan writes nothing.
    dealCycle(world, [dealChange('D1')], T)
    const opp = [...world.opportunities.values()][0]!
    expect(opp.fields['Name']).toBe('[not provided]')
    expect(
      crmWrites(plan(world, [dealChange('D1'), opportunityChange([...world.opportunities.keys()][0]!)])),
    ).toEqual([])
  })
})

describe('deals: pipelines that do not sync (B-DEAL-3, 6)', () => {
  it('B-DEAL-6: a deal in an unsynced pipeline never crosses', () => {
    const world = createDealWorld()
    addDeal(world, 'D1', { pipeline: 'default' })
    expect(plan(world, [dealChange('D1')])).toEqual([
      { kind: 'skip', side: 'hubspot', id: 'D1', reason: 'deal-pipeline-not-synced' },
    ])
  })

  it('B-DEAL-3: an opportunity of a record type over the cap never crosses', () => {
    const world = createDealWorld()
    addOpportunity(world, '006A', { RecordTypeId: '012OVER' })
    expect(plan(world, [opportunityChange('006A')])).toEqual([
      { kind: 'skip', side: 'salesforce', id: '006A', reason: 'record-type-not-synced' },
    ])
  })

  it('B-DEAL-6: a linked deal moved to an unsynced pipeline stops syncing both ways', () => {
    const world = createDealWorld()
    linkedPair(world)
    const deal = world.deals.get('D1')!
    deal.properties['pipeline'] = 'default'
    deal.properties['dealstage'] = 'appointmentscheduled'
    deal.properties['amount'] = '5'
    world.opportunities.get('006A')!.fields['Amount'] = 7
    const actions = plan(world, [dealChange('D1'), opportunityChange('006A')])
    expect(crmWrites(actions)).toEqual([])
    expect(actionsOf(actions, 'skip').map((s) => s.reason)).toEqual(['deal-pipeline-not-synced'])
    expect(plan(world, [opportunityChange('006A')])).toEqual([
      { kind: 'skip', side: 'salesforce', id: '006A', reason: 'deal-pipeline-not-synced' },
    ])
  })
})

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

describe('deals: deletes and merges (B-DEAL-8, 9)', () => {
  it('B-DEAL-8: deleting a linked opportunity deletes its deal and tombstones the link', () => {
    const world = createDealWorld()
    linkedPair(world)
    world.opportunities.delete('006A')
    const actions = plan(world, [opportunityChange('006A', 'deleted')])
    expect(actions).toMatchObject([
      { kind: 'delete-hubspot', hubspotId: 'D1', reason: expect.stringMatching(/B-DEAL-8/) as string },
      { kind: 'link-state', hubspotId: 'D1', state: 'tombstoned' },
    ])
  })

  it('B-DEAL-9: deleting a deal never deletes the opportunity; the link is tombstoned and the opportunity is not recreated', () => {
    const world = createDealWorld()
    linkedPair(world)
    world.deals.delete('D1')
    dealCycle(world, [dealChange('D1', 'deleted')], T)
    expect(world.opportunities.has('006A')).toBe(true)
    expect(world.dealLinks.map((l) => l.state)).toEqual(['tombstoned'])
    world.opportunities.get('006A')!.fields['Amount'] = 3
    expect(plan(world, [opportunityChange('006A')])).toEqual([
      { kind: 'skip', side: 'salesforce', id: '006A', reason: 'link-tombstoned' },
    ])
  })

  it('a HubSpot deal merge re-keys the link to the survivor, which keeps syncing', () => {
    const world = createDealWorld()
    linkedPair(world)
    const merged = world.deals.get('D1')!
    world.deals.delete('D1')
    world.deals.set('D9', { ...merged, mergedObjectIds: ['D1'] })
    world.mergedInto.set('D1', 'D9')
    world.opportunities.get('006A')!.fields['Description'] = 'after merge'
    const { deals } = dealCycle(world, [opportunityChange('006A')], T)
    expect(actionsOf(deals, 'rekey')).toMatchObject([{ from: 'D1', to: 'D9' }])
    expect(world.deals.get('D9')?.properties['description']).toBe('after merge')
  })

  it('a deal merged into one with its own opportunity breaks its link; both opportunities stay', () => {
    const world = createDealWorld()
    linkedPair(world, 'D1', '006A')
    linkedPair(world, 'D2', '006B')
    world.deals.delete('D1')
    world.deals.get('D2')!.mergedObjectIds = ['D1']
    world.mergedInto.set('D1', 'D2')
    const actions = plan(world, [dealChange('D2'), opportunityChange('006A')])
    expect(actionsOf(actions, 'link-state')).toMatchObject([{ hubspotId: 'D1', state: 'broken' }])
    expect(actionsOf(actions, 'delete-hubspot')).toEqual([])
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

  it('B-DEAL-16: an account with no company yet waits (the account enqueued); AccountId is never cleared', () => {
    const world = createDealWorld()
    linkedPair(world)
    world.opportunities.get('006A')!.fields['AccountId'] = '001A'
    const first = plan(world, [opportunityChange('006A')])
    expect(actionsOf(first, 'requeue')).toMatchObject([
      { objectKind: 'company', side: 'salesforce', ids: ['001A'] },
    ])
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

describe('deals: the switch, reads and imports', () => {
  it('B-INST-7: paused skips every change as paused', () => {
    const world = createDealWorld()
    addDeal(world, 'D1')
    expect(plan(world, [dealChange('D1'), opportunityChange('006X')], { paused: true })).toEqual([
      { kind: 'skip', side: 'hubspot', id: 'D1', reason: 'paused' },
      { kind: 'skip', side: 'salesforce', id: '006X', reason: 'paused' },
    ])
  })

  it('a record the batch did not read is skipped, replanned when it changes', () => {
    const world = createDealWorld()
    linkedPair(world)
    world.opportunities.delete('006A')
    expect(plan(world, [dealChange('D1'), opportunityChange('006Z')])).toEqual([
      { kind: 'skip', side: 'hubspot', id: 'D1', reason: 'record-not-read' },
      { kind: 'skip', side: 'salesforce', id: '006Z', reason: 'record-not-read' },
    ])
  })

  it('an import of opportunities makes linked pairs take the Salesforce values', () => {
    const world = createDealWorld()
    linkedPair(world)
    world.deals.get('D1')!.properties['description'] = 'hubspot'
    world.opportunities.get('006A')!.fields['Description'] = 'salesforce'
    const imported = plan(world, [opportunityChange('006A')], { salesforceImport: true })
    expect(actionsOf(imported, 'update-hubspot').map((u) => u.values['description'])).toEqual(['salesforce'])
    expect(actionsOf(imported, 'update-salesforce')).toEqual([])
  })

  it('B-DEAL-13/14: one cycle creates the opportunity, then its contact role, through the contact links', () => {
    const world = createDealWorld()
    world.contactLinks.push(
      {
        connectionId: 'c1',
        objectKind: 'contact',
        hubspotId: 'C1',
        salesforceType: 'Contact',
        salesforceId: 'K1',
        state: 'active',
        fields: {},
        createdAt: 0,
        updatedAt: 0,
      },
      {
        connectionId: 'c1',
        objectKind: 'contact',
        hubspotId: 'C3',
        salesforceType: 'Lead',
        salesforceId: 'L3',
        state: 'active',
        fields: {},
        createdAt: 0,
        updatedAt: 0,
      },
    )
    addDeal(world, 'D1', { contacts: ['C1', 'C3'] })
    dealCycle(world, [dealChange('D1')], T)
    expect([...world.roles.values()].map((r) => [r.contactId, r.isPrimary, r.role])).toEqual([
      ['K1', false, null],
    ])
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
