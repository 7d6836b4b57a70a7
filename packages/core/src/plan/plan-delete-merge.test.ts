import { describe, expect, it } from 'vitest'

import type { ContactWorld } from '../testing/index.js'
import {
  addHubSpot,
  addSalesforce,
  createWorld,
  cycle,
  DEFAULT_SETTINGS,
  hs,
  ofKind,
  sf,
  writes,
} from '../testing/index.js'

const T = 1_700_000_000_000
const deleteOn = { ...DEFAULT_SETTINGS, deleteInHubSpotWhenDeletedInSalesforce: true }

/** Two linked pairs C1<->L1 and C2<->L2. */
function twoPairs(): ContactWorld {
  const world = createWorld()
  addHubSpot(world, 'C1', { email: 'one@x.com' })
  addHubSpot(world, 'C2', { email: 'two@x.com' })
  addSalesforce(world, 'Lead', 'L1', { Email: 'one@x.com', LastName: 'One' })
  addSalesforce(world, 'Lead', 'L2', { Email: 'two@x.com', LastName: 'Two' })
  cycle(world, [hs('C1'), hs('C2')], T)
  return world
}

const stateOf = (world: ContactWorld, hubspotId: string) =>
  world.links.find((l) => l.hubspotId === hubspotId)?.state

describe('contacts: deletion and merges (behaviors.md 2c)', () => {
  it('B-CON-22: a Salesforce delete deletes the HS contact when set, else marks the link broken', () => {
    const on = twoPairs()
    on.salesforce.delete('L1')
    const deleted = cycle(on, [sf('Lead', 'L1', 'deleted')], T + 1000, { settings: deleteOn })
    expect(ofKind(deleted, 'delete-hubspot').map((a) => a.hubspotId)).toEqual(['C1'])
    expect(stateOf(on, 'C1')).toBe('tombstoned')
    const off = twoPairs()
    off.salesforce.delete('L1')
    expect(writes(cycle(off, [sf('Lead', 'L1', 'deleted')], T + 1000))).toEqual([])
    expect(off.hubspot.has('C1')).toBe(true)
    expect(stateOf(off, 'C1')).toBe('broken')
  })

  it('B-CON-23: an HS delete leaves the Salesforce record untouched; a later SF edit does not resurrect it', () => {
    const world = twoPairs()
    world.hubspot.delete('C1')
    const actions = cycle(world, [hs('C1', 'deleted')], T + 1000)
    expect(writes(actions)).toEqual([])
    expect(world.salesforce.has('L1')).toBe(true)
    expect(stateOf(world, 'C1')).toBe('tombstoned')
    world.salesforce.get('L1')!.fields['Title'] = 'Back?'
    const later = cycle(world, [sf('Lead', 'L1')], T + 2000)
    expect(later).toEqual([{ kind: 'skip', side: 'salesforce', id: 'L1', reason: 'link-tombstoned' }])
  })

  it('B-CON-24: merging in Salesforce deletes the HS contact of the losing record (delete on)', () => {
    const world = twoPairs()
    world.salesforce.delete('L2')
    const actions = cycle(world, [sf('Lead', 'L2', 'deleted', 'L1')], T + 1000, { settings: deleteOn })
    expect(ofKind(actions, 'delete-hubspot').map((a) => a.hubspotId)).toEqual(['C2'])
    expect(world.hubspot.has('C2')).toBe(false)
    expect(stateOf(world, 'C1')).toBe('active')
  })

  it('B-CON-25: a survivor that is not the linked record stops syncing until a resync re-links it', () => {
    const world = createWorld()
    addHubSpot(world, 'C', { email: 'a@x.com' })
    addSalesforce(world, 'Lead', 'L2', { Email: 'a@x.com', LastName: 'Two' })
    cycle(world, [hs('C')], T)
    addSalesforce(world, 'Lead', 'L1', { Email: 'a@x.com', LastName: 'One' })
    world.salesforce.delete('L2')
    cycle(world, [sf('Lead', 'L2', 'deleted', 'L1')], T + 1000, { settings: deleteOn })
    expect(world.hubspot.has('C')).toBe(true)
    expect(stateOf(world, 'C')).toBe('broken')
    expect(cycle(world, [hs('C')], T + 2000)).toEqual([
      { kind: 'skip', side: 'hubspot', id: 'C', reason: 'link-broken' },
    ])
    const resync = cycle(world, [hs('C', 'resync')], T + 3000)
    expect(ofKind(resync, 'relink')).toMatchObject([{ to: { hubspotId: 'C', salesforce: { id: 'L1' } } }])
    expect(world.links.filter((l) => l.state === 'active').map((l) => l.salesforceId)).toEqual(['L1'])
  })

  it('B-CON-26: a Salesforce merge never merges HS contacts (delete off)', () => {
    const world = twoPairs()
    world.salesforce.delete('L2')
    cycle(world, [sf('Lead', 'L2', 'deleted', 'L1')], T + 1000)
    expect([...world.hubspot.keys()]).toEqual(['C1', 'C2'])
  })

  it('B-CON-27: an HS merge changes nothing in Salesforce; a survivor that was not linked waits for resync', () => {
    const keep = twoPairs()
    keep.hubspot.delete('C2')
    const c1 = { id: 'C1', properties: { ...keep.hubspot.get('C1') }, mergedObjectIds: ['C2'] }
    const merged = cycle(keep, [hs('C1')], T + 1000, { hubspot: new Map([['C1', c1]]) })
    expect(writes(merged)).toEqual([])
    expect(stateOf(keep, 'C1')).toBe('active')
    expect(stateOf(keep, 'C2')).toBe('tombstoned')
    expect(keep.salesforce.size).toBe(2)

    const world = createWorld()
    addHubSpot(world, 'C1', { email: 'one@x.com' })
    addSalesforce(world, 'Contact', 'K', { Email: 'one@x.com', LastName: 'K' })
    cycle(world, [hs('C1')], T)
    world.hubspot.delete('C1')
    addHubSpot(world, 'C2', { email: 'two@x.com' })
    const input = {
      hubspot: new Map([['C2', { id: 'C2', properties: { email: 'two@x.com' }, mergedObjectIds: ['C1'] }]]),
    }
    const survivor = cycle(world, [hs('C2')], T + 1000, input)
    expect(writes(survivor)).toEqual([])
    expect(ofKind(survivor, 'skip').map((s) => s.reason)).toEqual(['merged-unlinked-until-resync'])
    const resync = cycle(world, [hs('C2', 'resync')], T + 2000, input)
    expect(ofKind(resync, 'relink')).toMatchObject([{ from: { hubspotId: 'C1' }, to: { hubspotId: 'C2' } }])
    expect(ofKind(resync, 'create-salesforce')).toEqual([])
    expect(world.links.filter((l) => l.state === 'active').map((l) => [l.hubspotId, l.salesforceId])).toEqual(
      [['C2', 'K']],
    )
  })

  it('B-CON-28: a restored HS contact resumes syncing with the same record (no new insert)', () => {
    const world = twoPairs()
    const saved = world.hubspot.get('C1')!
    world.hubspot.delete('C1')
    cycle(world, [hs('C1', 'deleted')], T + 1000)
    world.hubspot.set('C1', { ...saved, jobtitle: 'Restored' })
    const actions = cycle(world, [hs('C1')], T + 2000)
    expect(ofKind(actions, 'create-salesforce')).toEqual([])
    expect(ofKind(actions, 'update-salesforce')).toMatchObject([
      { salesforce: { id: 'L1' }, values: { Title: 'Restored' } },
    ])
    expect(stateOf(world, 'C1')).toBe('active')
  })
})
