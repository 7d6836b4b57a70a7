import { describe, expect, it } from 'vitest'

import { OWNERS } from '../testing/index.js'
import { buildOwnerIndex, canonicalOwnerFromHubSpot, ownerForCreate } from './index.js'

const index = buildOwnerIndex(OWNERS)

describe('owner matching and create-time owners (B-OWN)', () => {
  it('B-OWN-3: an HS owner matches an active SF user by first name, last name and email (case-insensitive)', () => {
    expect(index.salesforceFor('11')).toBe('005ANN')
    expect(index.salesforceFor('14')).toBeUndefined()
    // Same name and email, but the Salesforce user is inactive.
    expect(index.salesforceFor('15')).toBeUndefined()
    const annie = buildOwnerIndex({
      ...OWNERS,
      hubspot: [{ id: '11', firstName: 'Annie', lastName: 'Lee', email: 'ann@acme.test' }],
    })
    expect(annie.salesforceFor('11')).toBeUndefined()
  })

  it('B-OWN-3: two active users matching one HS owner is ambiguous and matches nobody', () => {
    const twin = { ...OWNERS.salesforce[0]!, id: '005ANN2' }
    expect(
      buildOwnerIndex({ ...OWNERS, salesforce: [...OWNERS.salesforce, twin] }).salesforceFor('11'),
    ).toBeUndefined()
  })

  it('B-OWN-1: any SF owner flows to its HS owner, inactive users and linked queues included', () => {
    expect(index.hubspotFor('005OLD')).toBe('15')
    expect(index.hubspotFor('00GQUEUE')).toBe('90')
    expect(index.salesforceFor('90')).toBe('00GQUEUE')
    expect(index.hubspotFor('005SFONLY')).toBeUndefined()
  })

  it("B-OWN-1: a queue flows to the one HS owner with its email that is no user's match", () => {
    const queue = { ...OWNERS.salesforce.find((o) => o.kind === 'queue')!, hubspotOwnerId: undefined }
    const others = OWNERS.salesforce.filter((o) => o.kind !== 'queue')
    const withQueue = (email: string, hubspot = OWNERS.hubspot) =>
      buildOwnerIndex({ ...OWNERS, salesforce: [...others, { ...queue, email }], hubspot })
    const byEmail = withQueue('Queue@ACME.test')
    expect(byEmail.hubspotFor('00GQUEUE')).toBe('90')
    expect(byEmail.salesforceFor('90')).toBe('00GQUEUE')
    expect(canonicalOwnerFromHubSpot('90', byEmail)).toBe('00GQUEUE')
    // No email, or an email two HS owners share: nothing to go by.
    expect(withQueue('').hubspotFor('00GQUEUE')).toBeUndefined()
    const twin = { id: '91', firstName: 'Other', lastName: 'Queue', email: 'queue@acme.test' }
    expect(withQueue('queue@acme.test', [...OWNERS.hubspot, twin]).hubspotFor('00GQUEUE')).toBeUndefined()
    // Ann's HS owner is Ann's even when the queue uses her address: it must read back as Ann.
    const shared = withQueue('ann@acme.test')
    expect(shared.hubspotFor('00GQUEUE')).toBeUndefined()
    expect(shared.salesforceFor('11')).toBe('005ANN')
  })

  it('B-OWN-1: the owner of a queue owns a new lead, never a new contact, account or opportunity', () => {
    expect(ownerForCreate('Lead', '90', index)).toMatchObject({
      ownerId: '00GQUEUE',
      useAssignmentRules: false,
    })
    for (const object of ['Contact', 'Account', 'Opportunity'] as const) {
      expect(ownerForCreate(object, '90', index).ownerId).toBe('005INTEGRATION')
    }
  })

  it('B-OWN-4: an unmatched HS owner has a canonical value no Salesforce id can equal', () => {
    expect(canonicalOwnerFromHubSpot('14', index)).toBe('hubspot:14')
    expect(canonicalOwnerFromHubSpot('12', index)).toBe('005BOB')
    expect(canonicalOwnerFromHubSpot(undefined, index)).toBeNull()
    // An inactive user's HS owner compares as that user, so it equals the Salesforce value it came from.
    expect(canonicalOwnerFromHubSpot('15', index)).toBe('005OLD')
  })

  it('B-OWN-5: a new lead takes a matched owner, else lead assignment rules decide', () => {
    expect(ownerForCreate('Lead', '12', index)).toMatchObject({
      ownerId: '005BOB',
      useAssignmentRules: false,
    })
    expect(ownerForCreate('Lead', '14', index)).toMatchObject({
      ownerId: undefined,
      useAssignmentRules: true,
    })
    expect(ownerForCreate('Lead', undefined, index)).toMatchObject({
      ownerId: undefined,
      useAssignmentRules: true,
    })
  })

  it('B-OWN-8: a new account takes a matched owner, else the integration user', () => {
    expect(ownerForCreate('Account', '13', index).ownerId).toBe('005CID')
    expect(ownerForCreate('Account', '14', index).ownerId).toBe('005INTEGRATION')
  })

  it('B-OWN-10: a new opportunity takes a matched owner, else the integration user', () => {
    expect(ownerForCreate('Opportunity', '11', index).ownerId).toBe('005ANN')
    expect(ownerForCreate('Opportunity', '15', index).ownerId).toBe('005INTEGRATION')
  })

  it('B-OWN-11: records created from unowned HS records are owned by the integration user', () => {
    for (const object of ['Contact', 'Account', 'Opportunity'] as const) {
      expect(ownerForCreate(object, undefined, index)).toMatchObject({
        ownerId: '005INTEGRATION',
        useAssignmentRules: false,
      })
    }
  })
})
