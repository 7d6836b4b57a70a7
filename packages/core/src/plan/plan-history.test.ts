import { describe, expect, it } from 'vitest'

import type { ContactMapping } from '../mapping/index.js'
import { DEFAULT_CONTACT_MAPPINGS } from '../mapping/index.js'
import { usesChangeTimes } from '../rules/index.js'
import { addHubSpot, addSalesforce, createWorld, cycle, hs, inputFor, sf } from '../testing/index.js'
import { planContactsDetailed } from './plan-contacts.js'

const T = 1_700_000_000_000
const TWO_WAY: readonly ContactMapping[] = DEFAULT_CONTACT_MAPPINGS.map((m) =>
  m.hubspot === 'jobtitle' ? { ...m, rule: 'two-way' } : m,
)

function linkedPair() {
  const world = createWorld()
  addHubSpot(world, 'C', { email: 'a@x.com', lastname: 'Lee', jobtitle: 'A' })
  addSalesforce(world, 'Lead', 'L', { Email: 'a@x.com', LastName: 'Lee', Title: 'A' })
  cycle(world, [hs('C')], T, { mappings: TWO_WAY })
  return world
}

describe('HubSpot property history is read only when a rule compares change times (design.md 3.2)', () => {
  it('usesChangeTimes: two-way and owner fields changed on both sides, or a new two-way link with two values', () => {
    const both = { h: 'x', s: 'y', isNew: false, hChanged: true, sChanged: true }
    expect(usesChangeTimes('two-way', both)).toBe(true)
    expect(usesChangeTimes('owner', both)).toBe(true)
    expect(usesChangeTimes('prefer-salesforce', both)).toBe(false)
    expect(usesChangeTimes('two-way', { ...both, sChanged: false })).toBe(false)
    expect(usesChangeTimes('two-way', { ...both, s: 'x' })).toBe(false)
    expect(usesChangeTimes('two-way', { ...both, isNew: true, hChanged: false })).toBe(true)
    expect(usesChangeTimes('two-way', { ...both, isNew: true, s: null })).toBe(false)
    expect(usesChangeTimes('owner', { ...both, isNew: true })).toBe(false)
  })

  it('B-MAP-3: a two-way conflict read without history asks for it; with history it asks nothing', () => {
    const world = linkedPair()
    world.hubspot.get('C')!['jobtitle'] = 'HS'
    world.salesforce.get('L')!.fields['Title'] = 'SF'
    const changes = [hs('C'), sf('Lead', 'L')]
    const withoutHistory = planContactsDetailed(
      inputFor(world, changes, { now: T + 1000, mappings: TWO_WAY }),
    )
    expect(withoutHistory.hubspotHistoryWanted).toEqual(['C'])

    const input = inputFor(world, changes, { now: T + 1000, mappings: TWO_WAY })
    const withHistory = planContactsDetailed({
      ...input,
      hubspot: new Map([
        ['C', { id: 'C', properties: world.hubspot.get('C')!, propertyChangedAt: { jobtitle: T + 900 } }],
      ]),
    })
    expect(withHistory.hubspotHistoryWanted).toEqual([])
    // With history, HubSpot's change (T+900) is older than Salesforce's (its capture time, T+1000).
    const update = withHistory.actions.find((a) => a.kind === 'update-hubspot')
    expect(update).toMatchObject({ values: { jobtitle: 'SF' } })
  })

  it('a change on one side only never asks for history, even under two-way', () => {
    const world = linkedPair()
    world.hubspot.get('C')!['jobtitle'] = 'HS'
    const plan = planContactsDetailed(inputFor(world, [hs('C')], { now: T + 1000, mappings: TWO_WAY }))
    expect(plan.hubspotHistoryWanted).toEqual([])
    expect(plan.actions.find((a) => a.kind === 'update-salesforce')).toMatchObject({
      values: { Title: 'HS' },
    })
  })
})
