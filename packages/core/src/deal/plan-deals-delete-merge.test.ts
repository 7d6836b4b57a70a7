import { describe, expect, it } from 'vitest'

import { actionsOf } from '../testing/company-world.js'
import {
  createDealWorld,
  dealChange,
  dealCycle,
  type DealWorld,
  linkedDealPair,
  opportunityChange,
  planDealsIn,
} from '../testing/deal-world.js'
import type { DealChange, PlanDealsInput } from './index.js'

const T = 1_700_000_000_000
const plan = (world: DealWorld, changes: readonly DealChange[], options: Partial<PlanDealsInput> = {}) =>
  planDealsIn(world, changes, { now: T, ...options })
const linkedPair = (world: DealWorld, deal = 'D1', opp = '006A') => linkedDealPair(world, deal, opp, T - 1000)

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
