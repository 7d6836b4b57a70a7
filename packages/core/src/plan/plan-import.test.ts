import { describe, expect, it } from 'vitest'

import { DEFAULT_CONTACT_MAPPINGS } from '../mapping/index.js'
import {
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
const listed = { ...DEFAULT_SETTINGS, inclusionList: '42' }

describe('contacts: planning a Salesforce import (behaviors.md 15)', () => {
  it('B-BULK-3: with an inclusion list an imported lead creates a contact with only its email', () => {
    const world = createWorld()
    addSalesforce(world, 'Lead', 'L', { Email: 'a@x.com', LastName: 'Lee', Title: 'CTO' })
    const actions = cycle(world, [sf('Lead', 'L')], T, { settings: listed, salesforceImport: true })
    expect(ofKind(actions, 'create-hubspot').map((a) => a.values)).toEqual([{ email: 'a@x.com' }])
  })

  it('B-BULK-3: the held-back fields fill once the contact is eligible, and stay blank while it is not', () => {
    const world = createWorld()
    addSalesforce(world, 'Lead', 'L', { Email: 'a@x.com', LastName: 'Lee', Title: 'CTO' })
    cycle(world, [sf('Lead', 'L')], T, { settings: listed, salesforceImport: true })
    const hubspotId = world.links[0]?.hubspotId ?? ''
    const outside = cycle(world, [sf('Lead', 'L')], T + 1000, { settings: listed, salesforceImport: true })
    expect(writes(outside)).toEqual([])
    expect(ofKind(outside, 'skip').map((s) => s.reason)).toEqual(['not-in-inclusion-list'])
    const inside = cycle(world, [hs(hubspotId)], T + 2000, {
      settings: listed,
      inclusionListMembers: new Set([hubspotId]),
    })
    expect(writes(inside)).toMatchObject([
      { kind: 'update-hubspot', values: { lastname: 'Lee', jobtitle: 'CTO' } },
    ])
  })

  it('B-BULK-3: with no inclusion list an import creates the contact with every mapped value', () => {
    const world = createWorld()
    addSalesforce(world, 'Lead', 'L', { Email: 'a@x.com', LastName: 'Lee', Title: 'CTO' })
    const actions = cycle(world, [sf('Lead', 'L')], T, { salesforceImport: true })
    expect(ofKind(actions, 'create-hubspot')[0]?.values).toMatchObject({ lastname: 'Lee', jobtitle: 'CTO' })
  })

  it('B-BULK-6: an import moves a Salesforce value that a rule had kept apart; a plain sync does not', () => {
    const world = createWorld()
    addSalesforce(world, 'Lead', 'L', { Email: 'a@x.com', LastName: 'Lee' })
    cycle(world, [sf('Lead', 'L')], T)
    const hubspotId = world.links[0]?.hubspotId ?? ''
    world.salesforce.get('L')!.fields['Title'] = 'CTO'
    const off = (rule: 'none' | 'prefer-salesforce') => ({
      mappings: DEFAULT_CONTACT_MAPPINGS.map((m) => (m.hubspot === 'jobtitle' ? { ...m, rule } : m)),
    })
    expect(writes(cycle(world, [sf('Lead', 'L')], T + 1000, off('none')))).toEqual([])
    expect(writes(cycle(world, [sf('Lead', 'L')], T + 2000, off('prefer-salesforce')))).toEqual([])
    const imported = cycle(world, [sf('Lead', 'L')], T + 3000, {
      ...off('prefer-salesforce'),
      salesforceImport: true,
    })
    expect(writes(imported)).toEqual([
      expect.objectContaining({ kind: 'update-hubspot', hubspotId, values: { jobtitle: 'CTO' } }),
    ])
  })
})
