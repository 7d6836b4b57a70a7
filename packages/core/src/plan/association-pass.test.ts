import { describe, expect, it } from 'vitest'

import { ACCOUNT_ASSOCIATION_FIELD, LIFECYCLE_SEEN_FIELD, lifecycleSeenValue } from '../company/index.js'
import type { Link } from '../model/index.js'
import { addHubSpot, addSalesforce, createWorld, inputFor } from '../testing/contact-world.js'
import { hs, ofKind, sf } from '../testing/plan-cycle.js'
import { planContacts } from './plan-contacts.js'

const T = 1_700_000_000_000

/** HubSpot contact H (primary company 9, stage lead) linked to Contact 003K (account 001A), as pass 3 left them. */
function linkedWorld() {
  const world = createWorld()
  addHubSpot(world, 'H', {
    email: 'a@x.com',
    lastname: 'A',
    associatedcompanyid: '9',
    lifecyclestage: 'lead',
  })
  addSalesforce(world, 'Contact', '003K', { Email: 'a@x.com', LastName: 'A', AccountId: '001A' })
  const link: Link = {
    connectionId: 'c',
    objectKind: 'contact',
    hubspotId: 'H',
    salesforceType: 'Contact',
    salesforceId: '003K',
    state: 'active',
    fields: {
      [ACCOUNT_ASSOCIATION_FIELD]: {
        ancestor: '001A',
        hubspotShadow: { value: '9', seenAt: T },
        salesforceShadow: { value: '001A', seenAt: T },
      },
      [LIFECYCLE_SEEN_FIELD]: {
        ancestor: lifecycleSeenValue('9', 'lead'),
        hubspotShadow: { value: lifecycleSeenValue('9', 'lead'), seenAt: T },
      },
    },
    createdAt: T,
    updatedAt: T,
  }
  world.links.push(link)
  return world
}

const toPass3 = (world: ReturnType<typeof createWorld>, changes: Parameters<typeof inputFor>[1]) =>
  ofKind(planContacts(inputFor(world, changes, { now: T + 1000, companySync: true })), 'requeue')
    .filter((a) => a.objectKind === 'contact-company')
    .flatMap((a) => a.ids.map((id) => `${a.side}:${id}`))

describe('which changed contacts go on to pass 3 (design.md 3.4, company sync)', () => {
  it('a linked contact whose company, account and stage are as pass 3 left them does not: nothing there to do', () => {
    const world = linkedWorld()
    world.hubspot.get('H')!['jobtitle'] = 'CTO'
    world.salesforce.get('003K')!.fields['Title'] = 'CTO'
    expect(toPass3(world, [hs('H'), sf('Contact', '003K')])).toEqual([])
  })

  it('B-CMP-11: a HubSpot contact given another primary company does', () => {
    const world = linkedWorld()
    world.hubspot.get('H')!['associatedcompanyid'] = '10'
    expect(toPass3(world, [hs('H')])).toEqual(['hubspot:H'])
  })

  it('B-CMP-14: a HubSpot contact whose lifecycle stage changed does', () => {
    const world = linkedWorld()
    world.hubspot.get('H')!['lifecyclestage'] = 'opportunity'
    expect(toPass3(world, [hs('H')])).toEqual(['hubspot:H'])
  })

  it('B-CMP-12: a Salesforce Contact moved to another account does', () => {
    const world = linkedWorld()
    world.salesforce.get('003K')!.fields['AccountId'] = '001B'
    expect(toPass3(world, [sf('Contact', '003K')])).toEqual(['salesforce:003K'])
  })

  it('a contact this plan links (here: created in Salesforce), and an unlinked one, do', () => {
    const world = createWorld()
    addHubSpot(world, 'N', { email: 'n@x.com', lastname: 'N' })
    expect(toPass3(world, [hs('N')])).toEqual(['hubspot:N'])
  })

  it('a link that pass 3 never saw (company sync switched on later) does, once', () => {
    const world = linkedWorld()
    world.links[0] = { ...world.links[0]!, fields: {} }
    expect(toPass3(world, [hs('H'), sf('Contact', '003K')])).toEqual(['hubspot:H', 'salesforce:003K'])
  })
})
