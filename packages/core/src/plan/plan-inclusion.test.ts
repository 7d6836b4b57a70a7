import { describe, expect, it } from 'vitest'

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
const settings = { ...DEFAULT_SETTINGS, inclusionList: '42' }

describe('contacts: inclusion list (behaviors.md 2b)', () => {
  it('B-CON-15: only members of the inclusion list are written to Salesforce', () => {
    const world = createWorld()
    addHubSpot(world, 'SUB', { email: 's@x.com', lifecyclestage: 'subscriber' })
    addHubSpot(world, 'MQL', { email: 'm@x.com', lifecyclestage: 'marketingqualifiedlead' })
    const actions = cycle(world, [hs('SUB'), hs('MQL')], T, {
      settings,
      inclusionListMembers: new Set(['MQL']),
    })
    expect(ofKind(actions, 'create-salesforce').map((a) => a.hubspotId)).toEqual(['MQL'])
    expect(ofKind(actions, 'skip')).toEqual([
      { kind: 'skip', side: 'hubspot', id: 'SUB', reason: 'not-in-inclusion-list' },
    ])
  })

  it('B-CON-21: the legacy default inclusion list leaves out subscribers when no list is set', () => {
    const world = createWorld()
    addHubSpot(world, 'SUB', { email: 's@x.com', lifecyclestage: 'subscriber' })
    addHubSpot(world, 'OTHER', { email: 'o@x.com', lifecyclestage: 'other' })
    addHubSpot(world, 'NONE', { email: 'n@x.com' })
    const legacy = { ...DEFAULT_SETTINGS, legacyDefaultInclusion: true }
    const actions = cycle(world, [hs('SUB'), hs('OTHER'), hs('NONE')], T, { settings: legacy })
    expect(ofKind(actions, 'create-salesforce').map((a) => a.hubspotId)).toEqual(['OTHER', 'NONE'])
    expect(ofKind(actions, 'skip')).toEqual([
      { kind: 'skip', side: 'hubspot', id: 'SUB', reason: 'not-in-inclusion-list' },
    ])
    // Without the option everyone syncs; with a list set, the list decides and the option is ignored.
    const plain = createWorld()
    addHubSpot(plain, 'SUB', { email: 's@x.com', lifecyclestage: 'subscriber' })
    expect(ofKind(cycle(plain, [hs('SUB')], T), 'create-salesforce')).toHaveLength(1)
    const listed = createWorld()
    addHubSpot(listed, 'SUB', { email: 's@x.com', lifecyclestage: 'subscriber' })
    const withList = { ...legacy, inclusionList: '42' }
    const created = cycle(listed, [hs('SUB')], T, {
      settings: withList,
      inclusionListMembers: new Set(['SUB']),
    })
    expect(ofKind(created, 'create-salesforce')).toHaveLength(1)
  })

  it('B-CON-17: choosing a list pushes nothing; a member is written only when it changes', () => {
    const world = createWorld()
    for (let i = 0; i < 50; i++) addHubSpot(world, `M${i}`, { email: `m${i}@x.com` })
    const members = new Set([...world.hubspot.keys()])
    expect(cycle(world, [], T, { settings, inclusionListMembers: members })).toEqual([])
    const actions = cycle(world, [hs('M7')], T + 1000, { settings, inclusionListMembers: members })
    expect(writes(actions).map((a) => a.kind)).toEqual(['create-salesforce'])
  })

  it('B-CON-18: joining the list triggers the write with no other change', () => {
    const world = createWorld()
    addHubSpot(world, 'C', { email: 'a@x.com', lifecyclestage: 'lead' })
    cycle(world, [hs('C')], T, { settings, inclusionListMembers: new Set() })
    expect(world.salesforce.size).toBe(0)
    cycle(world, [hs('C')], T + 1000, { settings, inclusionListMembers: new Set(['C']) })
    expect(world.salesforce.size).toBe(1)
  })

  it('B-CON-19: a new SF lead creates an HS contact outside the list; then no updates cross until it qualifies', () => {
    const world = createWorld()
    addSalesforce(world, 'Lead', 'L', { Email: 'a@x.com', LastName: 'Lee' })
    cycle(world, [sf('Lead', 'L')], T, { settings })
    const [link] = world.links
    expect(link?.salesforceId).toBe('L')
    const hubspotId = link?.hubspotId ?? ''
    world.salesforce.get('L')!.fields['Phone'] = '555'
    world.hubspot.get(hubspotId)!['jobtitle'] = 'CTO'
    const blocked = cycle(world, [sf('Lead', 'L'), hs(hubspotId)], T + 1000, { settings })
    expect(writes(blocked)).toEqual([])
    expect(ofKind(blocked, 'skip').map((s) => s.reason)).toEqual(['not-in-inclusion-list'])
    const member = cycle(world, [hs(hubspotId)], T + 2000, {
      settings,
      inclusionListMembers: new Set([hubspotId]),
    })
    expect(writes(member)).toMatchObject([
      { kind: 'update-salesforce', values: { Title: 'CTO' } },
      { kind: 'update-hubspot', values: { phone: '555' } },
    ])
  })

  it('B-CON-20: membership is evaluated at the moment of sync', () => {
    const world = createWorld()
    addHubSpot(world, 'C', { email: 'a@x.com' })
    addSalesforce(world, 'Lead', 'L', { Email: 'a@x.com' })
    cycle(world, [hs('C')], T, { settings, inclusionListMembers: new Set(['C']) })
    world.hubspot.get('C')!['jobtitle'] = 'Left the segment'
    const actions = cycle(world, [hs('C')], T + 1000, { settings, inclusionListMembers: new Set() })
    expect(writes(actions)).toEqual([])
  })

  it('B-OPT-5: opt-out does not move for a contact outside the list until its first sync, which carries it', () => {
    const world = createWorld()
    addHubSpot(world, 'C', { email: 'a@x.com', hs_email_optout: 'true' })
    expect(writes(cycle(world, [hs('C')], T, { settings }))).toEqual([])
    const actions = cycle(world, [hs('C')], T + 1000, { settings, inclusionListMembers: new Set(['C']) })
    expect(ofKind(actions, 'create-salesforce')[0]?.values).toMatchObject({ HasOptedOutOfEmail: true })
  })
})
