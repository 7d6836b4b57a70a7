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
