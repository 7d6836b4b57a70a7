import { describe, expect, it } from 'vitest'

import type { ContactMapping, UserRule } from '../mapping/index.js'
import { DEFAULT_CONTACT_MAPPINGS } from '../mapping/index.js'
import type { ContactWorld } from '../testing/index.js'
import { addHubSpot, addSalesforce, createWorld, cycle, hs, ofKind, sf, writes } from '../testing/index.js'

const T = 1_700_000_000_000

function withRule(rule: UserRule, key = 'jobtitle'): readonly ContactMapping[] {
  return DEFAULT_CONTACT_MAPPINGS.map((m) => (m.hubspot === key ? { ...m, rule } : m))
}

/** A linked, synced pair C<->L with the given extra values. */
function pair(
  hsExtra: Record<string, string> = {},
  sfExtra: Record<string, string> = {},
  mappings = DEFAULT_CONTACT_MAPPINGS,
) {
  const world = createWorld()
  addHubSpot(world, 'C', { email: 'a@x.com', lastname: 'Lee', ...hsExtra })
  addSalesforce(world, 'Lead', 'L', { Email: 'a@x.com', LastName: 'Lee', ...sfExtra })
  cycle(world, [hs('C')], T, { mappings })
  return world
}

let clock = T
function step(world: ContactWorld, mappings = DEFAULT_CONTACT_MAPPINGS) {
  clock += 1000
  return cycle(world, [hs('C'), sf('Lead', 'L')], clock, { mappings })
}
const title = (w: ContactWorld) => [
  w.hubspot.get('C')?.['jobtitle'] ?? null,
  w.salesforce.get('L')?.fields['Title'] ?? null,
]

describe('contacts: field rules through the planner (B-MAP, B-TRIG)', () => {
  it('B-MAP-1: prefer Salesforce unless blank', () => {
    const world = pair({ jobtitle: 'CTO' })
    expect(title(world)).toEqual(['CTO', 'CTO'])
    world.salesforce.get('L')!.fields['Title'] = 'CEO'
    step(world)
    expect(title(world)).toEqual(['CEO', 'CEO'])
    world.hubspot.get('C')!['jobtitle'] = 'VP'
    const revert = step(world)
    expect(title(world)).toEqual(['CEO', 'CEO'])
    expect(ofKind(revert, 'commit')[0]?.decisions.find((d) => d.field === 'jobtitle')).toMatchObject({
      action: 'to-hubspot',
      dropped: ['hubspot'],
      rule: 'prefer-salesforce',
    })
    world.salesforce.get('L')!.fields['Title'] = null
    step(world)
    expect(title(world)).toEqual([null, null])
  })

  it('B-MAP-2: always Salesforce: HubSpot never writes, Salesforce sets and clears', () => {
    const mappings = withRule('always-salesforce')
    const world = pair({ jobtitle: 'CTO' }, {}, mappings)
    expect(title(world)).toEqual(['CTO', null])
    world.salesforce.get('L')!.fields['Title'] = 'CEO'
    step(world, mappings)
    expect(title(world)).toEqual(['CEO', 'CEO'])
    world.hubspot.get('C')!['jobtitle'] = 'VP'
    const kept = step(world, mappings)
    expect(title(world)).toEqual(['VP', 'CEO'])
    expect(writes(kept)).toEqual([])
    world.salesforce.get('L')!.fields['Title'] = null
    step(world, mappings)
    expect(title(world)).toEqual([null, null])
  })

  it('B-MAP-3: two-way: the later change wins, clears included', () => {
    const mappings = withRule('two-way')
    const world = pair({ jobtitle: 'A' }, {}, mappings)
    world.hubspot.get('C')!['jobtitle'] = 'HS'
    world.salesforce.get('L')!.fields['Title'] = 'SF'
    clock += 1000
    const actions = cycle(world, [hs('C')], clock, {
      mappings,
      hubspot: new Map([
        ['C', { id: 'C', properties: world.hubspot.get('C')!, propertyChangedAt: { jobtitle: clock - 500 } }],
      ]),
    })
    expect(title(world)).toEqual(['SF', 'SF'])
    expect(ofKind(actions, 'commit')[0]?.decisions.find((d) => d.field === 'jobtitle')).toMatchObject({
      conflict: true,
    })
    world.hubspot.get('C')!['jobtitle'] = null
    step(world, mappings)
    expect(title(world)).toEqual([null, null])
  })

  it('B-MAP-4: none: no values and no clears pass either way', () => {
    const mappings = withRule('none')
    const world = pair({ jobtitle: 'A' }, { Title: 'B' }, mappings)
    world.hubspot.get('C')!['jobtitle'] = null
    world.salesforce.get('L')!.fields['Title'] = 'C'
    expect(writes(step(world, mappings))).toEqual([])
    expect(title(world)).toEqual([null, 'C'])
  })

  it('B-MAP-8: a new mapping does not backfill until a resync', () => {
    const without = DEFAULT_CONTACT_MAPPINGS.filter((m) => m.hubspot !== 'fax')
    const world = pair({ fax: '111' }, {}, without)
    world.hubspot.get('C')!['phone'] = '1'
    cycle(world, [hs('C')], (clock += 1000), { mappings: without })
    const none = cycle(world, [hs('C')], (clock += 1000))
    expect(writes(none)).toEqual([])
    const resync = cycle(world, [hs('C', 'resync')], (clock += 1000))
    expect(writes(resync)).toMatchObject([{ kind: 'update-salesforce', values: { Fax: '111' } }])
  })

  it('B-MAP-10: a change to an unmapped property writes nothing', () => {
    const world = pair()
    world.hubspot.get('C')!['favorite_color'] = 'blue'
    expect(writes(step(world))).toEqual([])
  })

  it('B-MAP-12: an invalid value fails the whole write in that direction; the other direction proceeds', () => {
    const mappings = DEFAULT_CONTACT_MAPPINGS.map((m) => (m.hubspot === 'state' ? { ...m, maxLength: 2 } : m))
    const world = pair({}, {}, mappings)
    world.hubspot.get('C')!['state'] = 'Calif.'
    world.hubspot.get('C')!['jobtitle'] = 'CTO'
    world.salesforce.get('L')!.fields['Phone'] = '555'
    const actions = step(world, mappings)
    expect(ofKind(actions, 'error')).toMatchObject([
      { side: 'salesforce', code: 'VALUE_TOO_LONG', field: 'state' },
    ])
    expect(ofKind(actions, 'update-salesforce')).toEqual([])
    expect(ofKind(actions, 'update-hubspot')).toMatchObject([{ values: { phone: '555' } }])
    // The failed direction's fields were not committed, so fixing the value retries both.
    world.hubspot.get('C')!['state'] = 'CA'
    expect(ofKind(step(world, mappings), 'update-salesforce')).toMatchObject([
      { values: { State: 'CA', Title: 'CTO' } },
    ])
  })

  it('B-ERR-7: a rejected value leaves nothing half-applied on that record', () => {
    const mappings = DEFAULT_CONTACT_MAPPINGS.map((m) =>
      m.hubspot === 'annualrevenue' ? { ...m, precision: 4 } : m,
    )
    const world = pair({}, {}, mappings)
    world.hubspot.get('C')!['annualrevenue'] = '123456'
    world.hubspot.get('C')!['firstname'] = 'Ann'
    const actions = step(world, mappings)
    expect(ofKind(actions, 'error').map((e) => e.code)).toEqual(['VALUE_OUT_OF_RANGE'])
    expect(world.salesforce.get('L')?.fields['FirstName']).toBeUndefined()
  })

  it('B-ERR-7: an unreadable value stops only the direction its rule could write', () => {
    const world = pair()
    world.salesforce.get('L')!.fields['AnnualRevenue'] = 'lots'
    world.salesforce.get('L')!.fields['Title'] = 'CTO'
    world.hubspot.get('C')!['phone'] = '555'
    const actions = step(world)
    expect(ofKind(actions, 'error')).toMatchObject([
      { side: 'hubspot', code: 'VALUE_INVALID_NUMBER', field: 'annualrevenue' },
    ])
    expect(writes(actions)).toMatchObject([{ kind: 'update-salesforce', values: { Phone: '555' } }])

    const always = withRule('always-salesforce', 'annualrevenue')
    const other = pair({}, {}, always)
    other.hubspot.get('C')!['annualrevenue'] = 'lots'
    other.hubspot.get('C')!['phone'] = '777'
    const fine = step(other, always)
    expect(ofKind(fine, 'error')).toEqual([])
    expect(writes(fine)).toMatchObject([{ kind: 'update-salesforce', values: { Phone: '777' } }])
  })

  it('B-TRIG-3: the rule decides whether a triggered HS edit is written', () => {
    for (const [rule, expected] of [
      ['always-salesforce', []],
      ['two-way', ['update-salesforce']],
    ] as const) {
      const mappings = withRule(rule)
      const world = pair({ jobtitle: 'A' }, { Title: 'A' }, mappings)
      world.hubspot.get('C')!['jobtitle'] = 'B'
      expect(writes(step(world, mappings)).map((a) => a.kind)).toEqual(expected)
    }
  })

  it('B-TRIG-9: a triggered sync writes only fields whose rule allows the direction', () => {
    const mappings = DEFAULT_CONTACT_MAPPINGS.map((m) =>
      m.hubspot === 'jobtitle'
        ? { ...m, rule: 'two-way' as const }
        : m.hubspot === 'city'
          ? { ...m, rule: 'always-salesforce' as const }
          : m,
    )
    const world = pair({ jobtitle: 'A', city: 'Oslo' }, { Title: 'A', City: 'Oslo' }, mappings)
    world.hubspot.get('C')!['jobtitle'] = 'B'
    world.hubspot.get('C')!['city'] = 'Bergen'
    expect(ofKind(step(world, mappings), 'update-salesforce')).toMatchObject([{ values: { Title: 'B' } }])
    expect(world.salesforce.get('L')?.fields['City']).toBe('Oslo')
  })

  it('B-TRIG-4: an edit of a mapped Salesforce field reaches HubSpot on the next run', () => {
    const world = pair()
    world.salesforce.get('L')!.fields['Industry'] = 'Energy'
    const actions = cycle(world, [sf('Lead', 'L')], (clock += 1000))
    expect(writes(actions)).toMatchObject([{ kind: 'update-hubspot', values: { industry: 'Energy' } }])
  })

  it('B-TRIG-8: a manual resync processes the record once and fills what a new mapping left', () => {
    const without = DEFAULT_CONTACT_MAPPINGS.filter((m) => m.hubspot !== 'website')
    const world = pair({}, { Website: 'https://acme.test' }, without)
    const actions = cycle(world, [hs('C', 'resync'), sf('Lead', 'L')], (clock += 1000))
    expect(ofKind(actions, 'commit')).toHaveLength(1)
    expect(writes(actions)).toMatchObject([
      { kind: 'update-hubspot', values: { website: 'https://acme.test' } },
    ])
  })

  it('B-INST-7: while paused nothing is written and every change is skipped', () => {
    const world = pair()
    world.hubspot.get('C')!['jobtitle'] = 'X'
    const actions = cycle(world, [hs('C'), sf('Lead', 'L')], (clock += 1000), { paused: true })
    expect(actions.map((a) => a.kind)).toEqual(['skip', 'skip'])
  })
})
