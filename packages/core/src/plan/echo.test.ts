import { describe, expect, it } from 'vitest'

import { DEFAULT_CONTACT_MAPPINGS } from '../mapping/index.js'
import { buildOwnerIndex } from '../owners/index.js'
import { addHubSpot, addSalesforce, createWorld, cycle, hs, OWNERS } from '../testing/index.js'
import { isHubSpotEcho, isSalesforceEcho } from './echo.js'

const T = 1_700_000_000_000
const transform = { timeZone: 'UTC', owners: buildOwnerIndex(OWNERS) }

function synced() {
  const world = createWorld()
  addHubSpot(world, 'C', { email: 'a@x.com', lastname: 'Lee', jobtitle: 'CTO' })
  addSalesforce(world, 'Lead', 'L', { Email: 'a@x.com', LastName: 'Lee', Company: 'Acme' })
  cycle(world, [hs('C')], T)
  const link = world.links.find((l) => l.hubspotId === 'C')
  if (link === undefined) throw new Error('not linked')
  const lead = () => ({ type: 'Lead' as const, id: 'L', fields: world.salesforce.get('L')!.fields })
  const contact = () => ({ id: 'C', properties: world.hubspot.get('C')! })
  return { world, link, lead, contact }
}

describe('echo detection: a captured record equal to its shadows needs no plan', () => {
  it('a record just synced is an echo on both sides; an edit of a mapped field is not', () => {
    const { world, link, lead, contact } = synced()
    expect(isSalesforceEcho(lead(), link, DEFAULT_CONTACT_MAPPINGS, transform)).toBe(true)
    expect(isHubSpotEcho(contact(), link, DEFAULT_CONTACT_MAPPINGS, transform)).toBe(true)
    world.salesforce.get('L')!.fields['Title'] = 'CEO'
    world.hubspot.get('C')!['phone'] = '555'
    expect(isSalesforceEcho(lead(), link, DEFAULT_CONTACT_MAPPINGS, transform)).toBe(false)
    expect(isHubSpotEcho(contact(), link, DEFAULT_CONTACT_MAPPINGS, transform)).toBe(false)
  })

  it('an unmapped field does not count; formatting that reads the same canonically does not either', () => {
    const { world, link, lead } = synced()
    world.salesforce.get('L')!.fields['Unmapped__c'] = 'x'
    world.salesforce.get('L')!.fields['Email'] = 'A@X.COM'
    expect(isSalesforceEcho(lead(), link, DEFAULT_CONTACT_MAPPINGS, transform)).toBe(true)
  })

  it('is never an echo: no link, a link not active, a converted lead, a merge survivor, a field never seen', () => {
    const { link, lead, contact } = synced()
    expect(isSalesforceEcho(lead(), undefined, DEFAULT_CONTACT_MAPPINGS, transform)).toBe(false)
    const broken = { ...link, state: 'broken' as const }
    expect(isSalesforceEcho(lead(), broken, DEFAULT_CONTACT_MAPPINGS, transform)).toBe(false)
    const converted = { ...lead(), isConverted: true, convertedContactId: '003X' }
    expect(isSalesforceEcho(converted, link, DEFAULT_CONTACT_MAPPINGS, transform)).toBe(false)
    const survivor = { ...contact(), mergedObjectIds: ['D'] }
    expect(isHubSpotEcho(survivor, link, DEFAULT_CONTACT_MAPPINGS, transform)).toBe(false)
    const withoutFax = {
      ...link,
      fields: Object.fromEntries(Object.entries(link.fields).filter(([k]) => k !== 'fax')),
    }
    expect(isSalesforceEcho(lead(), withoutFax, DEFAULT_CONTACT_MAPPINGS, transform)).toBe(false)
  })
})
