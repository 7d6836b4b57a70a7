import { describe, expect, it } from 'vitest'

import { DEFAULT_CONTACT_MAPPINGS } from '../mapping/index.js'
import {
  buildOwnerIndex,
  linksAwaitingOwner,
  newlyMatchedOwners,
  ownersWithoutHubSpot,
} from '../owners/index.js'
import type { ContactWorld } from '../testing/index.js'
import {
  addHubSpot,
  addSalesforce,
  createWorld,
  cycle,
  DEFAULT_SETTINGS,
  hs,
  ofKind,
  OWNERS,
  sf,
  writes,
} from '../testing/index.js'

const T = 1_700_000_000_000
let clock = T

/** A linked pair; the SF owner is the first argument, the HS owner (owner id) the second. */
function pair(
  sfOwner: string,
  hsOwner?: string,
  extra: { hs?: Record<string, string>; sf?: Record<string, unknown> } = {},
) {
  const world = createWorld()
  addHubSpot(world, 'C', {
    email: 'a@x.com',
    ...(hsOwner === undefined ? {} : { hubspot_owner_id: hsOwner }),
    ...extra.hs,
  })
  addSalesforce(world, 'Lead', 'L', {
    Email: 'a@x.com',
    LastName: 'Lee',
    OwnerId: sfOwner,
    ...(extra.sf as object),
  })
  cycle(world, [hs('C')], (clock += 1000))
  return world
}
const owners = (w: ContactWorld) => [
  w.hubspot.get('C')?.['hubspot_owner_id'] ?? null,
  w.salesforce.get('L')?.fields['OwnerId'],
]
const step = (w: ContactWorld) => cycle(w, [hs('C'), sf('Lead', 'L')], (clock += 1000))

describe('contacts: owners (B-OWN) and email opt-out (B-OPT) through the planner', () => {
  it('B-OWN-1: a lead owned by a queue gives the HS contact the queue’s owner entry', () => {
    const world = createWorld()
    addSalesforce(world, 'Lead', 'L', { Email: 'q@x.com', LastName: 'Q', OwnerId: '00GQUEUE' })
    cycle(world, [sf('Lead', 'L')], (clock += 1000))
    expect([...world.hubspot.values()][0]?.['hubspot_owner_id']).toBe('90')
  })

  it('B-OWN-2: Salesforce OwnerId maps to the HS owner by default', () => {
    const world = pair('005ANN', '11')
    world.salesforce.get('L')!.fields['OwnerId'] = '005CID'
    expect(ofKind(step(world), 'update-hubspot')).toMatchObject([{ values: { hubspot_owner_id: '13' } }])
  })

  it('B-OWN-9: on first link the active Salesforce owner is kept, afterwards the newest value wins', () => {
    const world = pair('005BOB', '13')
    expect(owners(world)).toEqual(['12', '005BOB'])
    world.hubspot.get('C')!['hubspot_owner_id'] = '13'
    step(world)
    expect(owners(world)).toEqual(['13', '005CID'])
  })

  it('B-OWN-13: an owner change alone syncs the record', () => {
    const world = pair('005ANN', '11')
    world.salesforce.get('L')!.fields['OwnerId'] = '005BOB'
    const actions = cycle(world, [sf('Lead', 'L')], (clock += 1000))
    expect(writes(actions)).toMatchObject([{ kind: 'update-hubspot', values: { hubspot_owner_id: '12' } }])
  })

  it('B-OWN-3: an HS owner reaches Salesforce only when it matches an active user by name and email', () => {
    const world = pair('005ANN', '11')
    world.hubspot.get('C')!['hubspot_owner_id'] = '12'
    step(world)
    expect(owners(world)).toEqual(['12', '005BOB'])
  })

  it('B-OWN-4: an HS owner with no Salesforce counterpart snaps back to the Salesforce owner', () => {
    const world = pair('005ANN', '11')
    world.hubspot.get('C')!['hubspot_owner_id'] = '14'
    const actions = step(world)
    expect(owners(world)).toEqual(['11', '005ANN'])
    expect(ofKind(actions, 'update-salesforce')).toEqual([])
    const decision = ofKind(actions, 'commit')[0]?.decisions.find((d) => d.field === 'hubspot_owner_id')
    expect(decision).toMatchObject({ action: 'to-hubspot', rule: 'owner', dropped: ['hubspot'] })
    expect(decision?.reason).toContain('B-OWN-4')
  })

  it('B-OWN-5: a new lead with no matched HS owner uses assignment rules, and that owner flows back', () => {
    const world = createWorld()
    addHubSpot(world, 'C', { email: 'a@x.com', lastname: 'Lee' })
    const created = cycle(world, [hs('C')], (clock += 1000))
    expect(ofKind(created, 'create-salesforce')[0]?.owner).toMatchObject({
      ownerId: undefined,
      useAssignmentRules: true,
    })
    const leadId = world.links[0]?.salesforceId ?? ''
    cycle(world, [sf('Lead', leadId)], (clock += 1000))
    expect(world.hubspot.get('C')?.['hubspot_owner_id']).toBe('12')
  })

  it('B-OWN-5: a new lead takes a matched HS owner and skips assignment rules', () => {
    const world = createWorld()
    addHubSpot(world, 'C', { email: 'a@x.com', lastname: 'Lee', hubspot_owner_id: '13' })
    const created = cycle(world, [hs('C')], (clock += 1000))
    expect(ofKind(created, 'create-salesforce')[0]).toMatchObject({
      values: { OwnerId: '005CID' },
      owner: { useAssignmentRules: false },
    })
  })

  it('B-OWN-11: a Contact created from an unowned HS contact is owned by the integration user', () => {
    const world = createWorld()
    addHubSpot(world, 'C', { email: 'a@x.com', lastname: 'Lee' })
    const settings = { ...DEFAULT_SETTINGS, createInSalesforceAs: 'contact' as const }
    const created = cycle(world, [hs('C')], (clock += 1000), { settings })
    expect(ofKind(created, 'create-salesforce')[0]?.values).toMatchObject({ OwnerId: '005INTEGRATION' })
  })

  it('B-OWN-6: linking to an existing lead with an active owner keeps the Salesforce owner', () => {
    const world = pair('005ANN', '12')
    expect(owners(world)).toEqual(['11', '005ANN'])
    world.hubspot.get('C')!['hubspot_owner_id'] = '12'
    step(world)
    expect(owners(world)).toEqual(['12', '005BOB'])
  })

  it('B-OWN-7: after the first assignment owner changes flow both ways', () => {
    const world = pair('005ANN', '11')
    world.salesforce.get('L')!.fields['OwnerId'] = '005BOB'
    step(world)
    expect(owners(world)).toEqual(['12', '005BOB'])
    world.hubspot.get('C')!['hubspot_owner_id'] = '13'
    step(world)
    expect(owners(world)).toEqual(['13', '005CID'])
  })

  it('B-OWN-12: the owner rule is two-way even where other fields prefer Salesforce', () => {
    const world = pair('005ANN', '11')
    world.hubspot.get('C')!['hubspot_owner_id'] = '13'
    expect(ofKind(step(world), 'update-salesforce')).toMatchObject([{ values: { OwnerId: '005CID' } }])
  })

  it('B-OWN-14: an empty HS owner on a synced contact is filled from Salesforce', () => {
    const world = pair('005ANN')
    expect(owners(world)).toEqual(['11', '005ANN'])
  })

  it('B-OWN-1: an SF owner with no HS owner waits without failing the record, and is filled once it has one', () => {
    const world = pair('005SFONLY', undefined, { sf: { Title: 'CTO' } })
    expect(world.hubspot.get('C')?.['jobtitle']).toBe('CTO')
    expect(owners(world)).toEqual([null, '005SFONLY'])
    // Planned again with nothing changed: still no HS owner, so still nothing to write.
    expect(writes(step(world))).toEqual([])
    const sal = { id: '16', firstName: 'Sal', lastName: 'Only', email: 'sal@acme.test' }
    const withSal = { ...OWNERS, hubspot: [...OWNERS.hubspot, sal] }
    expect(linksAwaitingOwner(world.links, DEFAULT_CONTACT_MAPPINGS, buildOwnerIndex(OWNERS))).toEqual([])
    expect(linksAwaitingOwner(world.links, DEFAULT_CONTACT_MAPPINGS, buildOwnerIndex(withSal))).toEqual(['C'])
    const actions = cycle(world, [hs('C')], (clock += 1000), { owners: withSal })
    expect(writes(actions)).toMatchObject([{ kind: 'update-hubspot', values: { hubspot_owner_id: '16' } }])
    expect(owners(world)).toEqual(['16', '005SFONLY'])
    expect(linksAwaitingOwner(world.links, DEFAULT_CONTACT_MAPPINGS, buildOwnerIndex(withSal))).toEqual([])
    expect(writes(cycle(world, [hs('C')], (clock += 1000), { owners: withSal }))).toEqual([])
  })

  it("B-OWN-1: a queue's HS owner set on a contact linked to a Contact snaps back (queues own only leads)", () => {
    const world = createWorld()
    addHubSpot(world, 'C', { email: 'q@x.com', hubspot_owner_id: '11' })
    addSalesforce(world, 'Contact', 'K', { Email: 'q@x.com', LastName: 'Q', OwnerId: '005ANN' })
    cycle(world, [hs('C')], (clock += 1000))
    world.hubspot.get('C')!['hubspot_owner_id'] = '90'
    const actions = cycle(world, [hs('C'), sf('Contact', 'K')], (clock += 1000))
    expect(ofKind(actions, 'update-salesforce')).toEqual([])
    expect(ofKind(actions, 'update-hubspot')).toMatchObject([{ values: { hubspot_owner_id: '11' } }])
    // On a Lead the same owner is the queue, and is written.
    const lead = pair('005ANN', '11')
    lead.hubspot.get('C')!['hubspot_owner_id'] = '90'
    expect(ofKind(step(lead), 'update-salesforce')).toMatchObject([{ values: { OwnerId: '00GQUEUE' } }])
  })

  it('B-OWN-1: only owners that just gained an HS owner narrow the search for waiting links', () => {
    const world = pair('005SFONLY')
    const sal = { id: '16', firstName: 'Sal', lastName: 'Only', email: 'sal@acme.test' }
    const before = ownersWithoutHubSpot(OWNERS, buildOwnerIndex(OWNERS))
    expect(before).toEqual(['005INTEGRATION', '005SFONLY'])
    const withSal = { ...OWNERS, hubspot: [...OWNERS.hubspot, sal] }
    const after = buildOwnerIndex(withSal)
    expect(ownersWithoutHubSpot(withSal, after)).toEqual(['005INTEGRATION'])
    expect([...newlyMatchedOwners(before, after)]).toEqual(['005SFONLY'])
    expect(linksAwaitingOwner(world.links, DEFAULT_CONTACT_MAPPINGS, after, new Set(['005ANN']))).toEqual([])
    expect(linksAwaitingOwner(world.links, DEFAULT_CONTACT_MAPPINGS, after, new Set(['005SFONLY']))).toEqual([
      'C',
    ])
  })

  it('B-OPT-2: unsubscribing in HubSpot sets Email Opt Out in Salesforce', () => {
    const world = pair('005ANN', '11', {
      hs: { hs_email_optout: 'false' },
      sf: { HasOptedOutOfEmail: false },
    })
    world.hubspot.get('C')!['hs_email_optout'] = 'true'
    expect(ofKind(step(world), 'update-salesforce')).toMatchObject([{ values: { HasOptedOutOfEmail: true } }])
  })

  it('B-OPT-3: checking Email Opt Out in Salesforce unsubscribes the HS contact', () => {
    const world = pair('005ANN', '11', { sf: { HasOptedOutOfEmail: false } })
    world.salesforce.get('L')!.fields['HasOptedOutOfEmail'] = true
    expect(ofKind(step(world), 'update-hubspot')).toMatchObject([{ values: { hs_email_optout: 'true' } }])
  })

  it('B-OPT-4: unchecking Email Opt Out never resubscribes, and the box is not re-set unless HubSpot changes', () => {
    const world = pair('005ANN', '11', { hs: { hs_email_optout: 'true' }, sf: { HasOptedOutOfEmail: true } })
    world.salesforce.get('L')!.fields['HasOptedOutOfEmail'] = false
    const actions = step(world)
    expect(writes(actions)).toEqual([])
    const decision = ofKind(actions, 'commit')[0]?.decisions.find((d) => d.field === 'hs_email_optout')
    expect(decision).toMatchObject({ action: 'none', rule: 'opt-out', dropped: ['salesforce'] })
    expect(writes(step(world))).toEqual([])
    expect(world.hubspot.get('C')?.['hs_email_optout']).toBe('true')
  })

  it('B-OPT-1: opt-out true wins when a new link pairs the two sides', () => {
    const world = pair('005ANN', '11', { hs: { hs_email_optout: 'false' }, sf: { HasOptedOutOfEmail: true } })
    expect(world.hubspot.get('C')?.['hs_email_optout']).toBe('true')
  })
})
