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

describe('contacts: creation and direction (behaviors.md 2a)', () => {
  it('B-INST-6: connecting copies nothing; a cycle with no changes writes nothing', () => {
    const world = createWorld()
    addHubSpot(world, '1', { email: 'a@x.com' })
    addSalesforce(world, 'Lead', '00Q1', { Email: 'b@x.com', LastName: 'B' })
    expect(cycle(world, [], T)).toEqual([])
    expect(world.links).toEqual([])
  })

  it('B-CON-1: with no inclusion list a new HS contact creates a linked Salesforce record', () => {
    const world = createWorld()
    addHubSpot(world, '1', { email: 'A@x.com', lastname: 'Lee', company: 'Acme' })
    const actions = cycle(world, [hs('1')], T)
    const [create] = ofKind(actions, 'create-salesforce')
    expect(create?.values).toMatchObject({ Email: 'a@x.com', LastName: 'Lee', Company: 'Acme' })
    expect(world.links).toHaveLength(1)
    expect(world.links[0]).toMatchObject({ hubspotId: '1', salesforceType: 'Lead', state: 'active' })
  })

  it('B-CON-2: the setting decides Lead or Contact, never both', () => {
    for (const [as, type] of [
      ['lead', 'Lead'],
      ['contact', 'Contact'],
    ] as const) {
      const world = createWorld()
      addHubSpot(world, '1', { email: 'a@x.com', lastname: 'Lee', company: 'Acme' })
      const settings = { ...DEFAULT_SETTINGS, createInSalesforceAs: as }
      const creates = ofKind(cycle(world, [hs('1')], T, { settings }), 'create-salesforce')
      expect(creates.map((c) => c.salesforceType)).toEqual([type])
      // B-CON-14: a Contact has no Company field; the company is the AccountId lookup.
      expect('Company' in (creates[0]?.values ?? {})).toBe(type === 'Lead')
    }
  })

  it('B-CON-3: with "do nothing" a new Salesforce lead creates no HubSpot contact', () => {
    const world = createWorld()
    addSalesforce(world, 'Lead', '00Q1', { Email: 'a@x.com', LastName: 'Lee' })
    const off = cycle(world, [sf('Lead', '00Q1')], T, {
      settings: { ...DEFAULT_SETTINGS, createInHubSpot: false },
    })
    expect(off).toEqual([{ kind: 'skip', side: 'salesforce', id: '00Q1', reason: 'creation-disabled' }])
    const on = cycle(world, [sf('Lead', '00Q1')], T + 1000)
    expect(ofKind(on, 'create-hubspot')[0]?.values).toMatchObject({ email: 'a@x.com', lastname: 'Lee' })
  })

  it('B-CON-4: an HS contact without email is never sent to Salesforce (skip, not error)', () => {
    const world = createWorld()
    addHubSpot(world, '1', { firstname: 'No', lastname: 'Mail' })
    expect(cycle(world, [hs('1')], T)).toEqual([
      { kind: 'skip', side: 'hubspot', id: '1', reason: 'no-email' },
    ])
  })

  it('B-CON-5: Salesforce leads without email do not become HS contacts', () => {
    const world = createWorld()
    for (let i = 0; i < 10; i++)
      addSalesforce(world, 'Lead', `00Q${i}`, { Email: i < 2 ? '  ' : `l${i}@x.com` })
    const actions = cycle(
      world,
      [...world.salesforce.keys()].map((id) => sf('Lead', id)),
      T,
    )
    expect(ofKind(actions, 'create-hubspot')).toHaveLength(8)
    expect(ofKind(actions, 'skip').map((s) => s.reason)).toEqual(['no-email', 'no-email'])
  })

  it('B-CON-6: a Salesforce lead whose email matches an HS contact links to it instead of creating one', () => {
    const world = createWorld()
    addHubSpot(world, 'C', { email: 'a@x.com' })
    addSalesforce(world, 'Lead', 'L', { Email: 'A@X.com', LastName: 'Lee' })
    const actions = cycle(world, [sf('Lead', 'L')], T)
    expect(ofKind(actions, 'create-hubspot')).toEqual([])
    expect(ofKind(actions, 'link')).toMatchObject([{ hubspotId: 'C', salesforce: { id: 'L' } }])
    expect(world.hubspot.size).toBe(1)
    expect(world.hubspot.get('C')?.['lastname']).toBe('Lee')
  })

  it('B-CON-7: a new HS contact whose email exists in Salesforce links, no insert', () => {
    const world = createWorld()
    addSalesforce(world, 'Lead', 'L', { Email: 'a@x.com', LastName: 'Lee' })
    addHubSpot(world, 'C', { email: 'a@x.com' })
    const second = cycle(world, [hs('C')], T)
    expect(ofKind(second, 'create-salesforce')).toEqual([])
    expect(world.links.map((l) => [l.hubspotId, l.salesforceId])).toEqual([['C', 'L']])
  })

  it('B-CON-8: several Salesforce records share the email: links the first returned, then follows the latest edited', () => {
    const world = createWorld()
    addSalesforce(world, 'Lead', 'L1', { Email: 'a@x.com', LastName: 'One', Title: 'CTO' })
    addSalesforce(world, 'Lead', 'L2', { Email: 'a@x.com', LastName: 'Two', Title: 'CEO' })
    addHubSpot(world, 'C', { email: 'a@x.com' })
    cycle(world, [hs('C')], T)
    expect(world.links.map((l) => l.salesforceId)).toEqual(['L1'])
    expect(world.hubspot.get('C')?.['jobtitle']).toBe('CTO')
    world.salesforce.get('L2')!.fields['Title'] = 'Chief'
    const actions = cycle(world, [sf('Lead', 'L2')], T + 1000)
    expect(ofKind(actions, 'relink')).toMatchObject([
      { from: { salesforce: { id: 'L1' } }, to: { salesforce: { id: 'L2' } } },
    ])
    expect(world.links.map((l) => l.salesforceId)).toEqual(['L2'])
    expect(world.hubspot.get('C')?.['jobtitle']).toBe('Chief')
  })

  it('B-CON-9: Contacts are checked before Leads with the same email', () => {
    const world = createWorld()
    addSalesforce(world, 'Lead', 'L', { Email: 'a@x.com', LastName: 'Lead' })
    addSalesforce(world, 'Contact', 'K', { Email: 'a@x.com', LastName: 'Contact' })
    addHubSpot(world, 'C', { email: 'a@x.com' })
    cycle(world, [hs('C')], T)
    expect(world.links.map((l) => [l.salesforceType, l.salesforceId])).toEqual([['Contact', 'K']])
  })

  it('B-CON-10: only email counts; same names with different emails make two contacts', () => {
    const world = createWorld()
    addSalesforce(world, 'Lead', 'L1', { Email: 'a@x.com', FirstName: 'Ann', LastName: 'Lee' })
    addSalesforce(world, 'Lead', 'L2', { Email: 'b@x.com', FirstName: 'Ann', LastName: 'Lee' })
    cycle(world, [sf('Lead', 'L1'), sf('Lead', 'L2')], T)
    expect(world.hubspot.size).toBe(2)
  })

  it('B-CON-11: a linked contact that re-engages updates its record, no new lead', () => {
    const world = createWorld()
    addHubSpot(world, 'C', { email: 'a@x.com', lastname: 'Lee' })
    addSalesforce(world, 'Contact', 'K', { Email: 'a@x.com', LastName: 'Lee' })
    cycle(world, [hs('C')], T)
    world.hubspot.get('C')!['phone'] = '+47 123'
    const actions = cycle(world, [hs('C')], T + 1000)
    expect(ofKind(actions, 'create-salesforce')).toEqual([])
    expect(ofKind(actions, 'update-salesforce')).toMatchObject([
      { salesforce: { id: 'K' }, values: { Phone: '+47 123' } },
    ])
  })

  it('B-CON-12: a converted lead moves the link to the resulting contact', () => {
    const world = createWorld()
    addHubSpot(world, 'C', { email: 'a@x.com', lastname: 'Lee' })
    addSalesforce(world, 'Lead', 'L', { Email: 'a@x.com', LastName: 'Lee' })
    cycle(world, [hs('C')], T)
    addSalesforce(world, 'Contact', 'K', { Email: 'a@x.com', LastName: 'Lee', Title: 'VP' })
    world.converted.set('L', 'K')
    const actions = cycle(world, [sf('Lead', 'L')], T + 1000)
    expect(ofKind(actions, 'relink')).toHaveLength(1)
    expect(world.links.map((l) => [l.salesforceType, l.salesforceId])).toEqual([['Contact', 'K']])
    expect(world.hubspot.get('C')?.['jobtitle']).toBe('VP')
    world.hubspot.get('C')!['phone'] = '555'
    const later = cycle(world, [hs('C')], T + 2000)
    expect(ofKind(later, 'update-salesforce')).toMatchObject([
      { salesforce: { id: 'K' }, values: { Phone: '555' } },
    ])
  })

  it('B-CON-13: one mapping writes Title on a Lead and on a Contact', () => {
    const world = createWorld()
    addHubSpot(world, 'C1', { email: 'a@x.com' })
    addHubSpot(world, 'C2', { email: 'b@x.com' })
    addSalesforce(world, 'Lead', 'L', { Email: 'a@x.com' })
    addSalesforce(world, 'Contact', 'K', { Email: 'b@x.com' })
    cycle(world, [hs('C1'), hs('C2')], T)
    world.hubspot.get('C1')!['jobtitle'] = 'CTO'
    world.hubspot.get('C2')!['jobtitle'] = 'CFO'
    cycle(world, [hs('C1'), hs('C2')], T + 1000)
    expect(world.salesforce.get('L')?.fields['Title']).toBe('CTO')
    expect(world.salesforce.get('K')?.fields['Title']).toBe('CFO')
  })

  it('B-CON-14: HS company reaches Lead.Company but is not written to a Contact, without error', () => {
    const world = createWorld()
    addHubSpot(world, 'C1', { email: 'a@x.com' })
    addHubSpot(world, 'C2', { email: 'b@x.com' })
    addSalesforce(world, 'Lead', 'L', { Email: 'a@x.com' })
    addSalesforce(world, 'Contact', 'K', { Email: 'b@x.com' })
    cycle(world, [hs('C1'), hs('C2')], T)
    world.hubspot.get('C1')!['company'] = 'Acme'
    world.hubspot.get('C2')!['company'] = 'Acme'
    const actions = cycle(world, [hs('C1'), hs('C2')], T + 1000)
    expect(ofKind(actions, 'error')).toEqual([])
    expect(writes(actions)).toMatchObject([
      { kind: 'update-salesforce', salesforce: { id: 'L' }, values: { Company: 'Acme' } },
    ])
  })

  it('B-TRIG-5: a new Salesforce lead creates an HS contact on the next run', () => {
    const world = createWorld()
    addSalesforce(world, 'Lead', 'L', { Email: 'n@x.com', LastName: 'New', OwnerId: '005ANN' })
    const actions = cycle(world, [sf('Lead', 'L')], T)
    expect(ofKind(actions, 'create-hubspot')[0]?.values).toMatchObject({
      email: 'n@x.com',
      hubspot_owner_id: '11',
    })
  })

  it('B-TRIG-6: a new HS contact outside the inclusion list is not written to Salesforce', () => {
    const world = createWorld()
    addHubSpot(world, 'C', { email: 'a@x.com' })
    const settings = { ...DEFAULT_SETTINGS, inclusionList: '7' }
    expect(cycle(world, [hs('C')], T, { settings })).toEqual([
      { kind: 'skip', side: 'hubspot', id: 'C', reason: 'not-in-inclusion-list' },
    ])
  })
})
