import { propertyFilterBranch } from '@crmsync/hubspot/testing/list-filters'
import type { Client } from '@hubspot/api-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import { account, associatePrimary, companyLink, createHubSpotCompany } from './company-helpers.js'
import { createHubSpotContact, hubspotContact, salesforceRecord, soql } from './scenario-helpers.js'

const accountCount = async (pair: SandboxPair) => (await soql(pair, 'SELECT Id FROM Account')).length

/** A DYNAMIC contact list of customers: the contact inclusion list of these scenarios. */
async function customers(hs: Client): Promise<string> {
  const { list } = await hs.crm.lists.listsApi.create({
    name: 'Customers',
    objectTypeId: '0-1',
    processingType: 'DYNAMIC',
    filterBranch: propertyFilterBranch('lifecyclestage', {
      operationType: 'ENUMERATION',
      operator: 'IS_ANY_OF',
      values: ['customer'],
      includeObjectsWithNoValueSet: false,
    }) as never,
  })
  return list.listId
}

describe('which HubSpot companies get an account (B-CMP-5..9), Contact mode with a contact inclusion list', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({
      settings: { companies: { sync: true } },
      contacts: async (hs) => ({ createInSalesforceAs: 'contact', inclusionList: await customers(hs) }),
    })
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-CMP-7: a company associated with a contact in the inclusion list gets an account', async () => {
    const contact = await createHubSpotContact(pair, {
      email: 'member7@x.com',
      lastname: 'M',
      lifecyclestage: 'customer',
    })
    const company = await createHubSpotCompany(pair, { name: 'Member Seven' })
    await associatePrimary(pair, contact, company)
    await pair.sync()
    const link = await companyLink(pair, 'hubspot', company)
    expect(link?.state).toBe('active')
    expect(await account(pair, link!.salesforceId)).toMatchObject({ Name: 'Member Seven' })
    const contactId = (await hubspotContact(pair, contact, ['salesforcecontactid']))['salesforcecontactid']!
    expect((await salesforceRecord(pair, 'Contact', contactId))['AccountId']).toBe(link!.salesforceId)
  })

  it("B-CMP-7 / B-CMP-8: a company that is not its qualifying contact's primary company gets no account", async () => {
    const contact = await createHubSpotContact(pair, {
      email: 'second7@x.com',
      lastname: 'S',
      lifecyclestage: 'customer',
    })
    const primary = await createHubSpotCompany(pair, { name: 'Primary Seven' })
    const other = await createHubSpotCompany(pair, { name: 'Other Seven' })
    await associatePrimary(pair, contact, primary)
    // An unlabeled association (v4 type 279): the contact belongs to the other company too, not primarily.
    await pair.hs.apiRequest({
      method: 'PUT',
      path: `/crm/v4/objects/contacts/${contact}/associations/companies/${other}`,
      body: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }],
    })
    await pair.sync()
    expect((await companyLink(pair, 'hubspot', primary))?.state).toBe('active')
    // Its account would have no contact: the contact's Salesforce Contact belongs to the primary's account.
    expect(await companyLink(pair, 'hubspot', other)).toBeUndefined()
    expect(await soql(pair, "SELECT Id FROM Account WHERE Name = 'Other Seven'")).toEqual([])
  })

  it('B-CMP-7 / B-CMP-8: a company none of whose contacts is in the inclusion list gets no account', async () => {
    const before = await accountCount(pair)
    const contact = await createHubSpotContact(pair, {
      email: 'outsider8@x.com',
      lastname: 'O',
      lifecyclestage: 'lead',
    })
    const company = await createHubSpotCompany(pair, { name: 'Outsider Eight' })
    await associatePrimary(pair, contact, company)
    await pair.sync()
    expect(await companyLink(pair, 'hubspot', company)).toBeUndefined()
    expect(await accountCount(pair)).toBe(before)
  })

  it('B-CMP-8: a company with no associated contacts gets no account', async () => {
    const before = await accountCount(pair)
    const company = await createHubSpotCompany(pair, { name: 'Lonely Eight' })
    await pair.sync()
    expect(await companyLink(pair, 'hubspot', company)).toBeUndefined()
    expect(await accountCount(pair)).toBe(before)
  })

  it('B-CMP-9: a manual resync pushes a company that does not qualify to Salesforce', async () => {
    const company = await createHubSpotCompany(pair, { name: 'Pushed Nine', domain: 'nine.example' })
    await pair.sync()
    expect(await companyLink(pair, 'hubspot', company)).toBeUndefined()
    await pair.engine.resync([company], { objectKind: 'company' })
    const link = await companyLink(pair, 'hubspot', company)
    expect(await account(pair, link!.salesforceId)).toMatchObject({
      Name: 'Pushed Nine',
      Website: 'nine.example',
    })
  })
})

describe('B-CMP-8 in Lead mode: contacts that sync to Leads never make a company qualify', () => {
  it('B-CMP-8: a company whose contacts all sync to Salesforce Leads gets no account', async () => {
    const pair = await startSandboxPair({ settings: { companies: { sync: true } } })
    try {
      await pair.sync()
      const before = await accountCount(pair)
      const contact = await createHubSpotContact(pair, {
        email: 'leadonly@x.com',
        lastname: 'L',
        company: 'Lead Co',
      })
      const company = await createHubSpotCompany(pair, { name: 'Lead Co' })
      await associatePrimary(pair, contact, company)
      await pair.sync()
      expect((await hubspotContact(pair, contact, ['salesforceleadid']))['salesforceleadid']).toMatch(/^00Q/)
      expect(await companyLink(pair, 'hubspot', company)).toBeUndefined()
      expect(await accountCount(pair)).toBe(before)
    } finally {
      await pair.close()
    }
  })
})

describe('B-CMP-5: "create and associate companies with contacts" in Contact mode', () => {
  it('B-CMP-5: the company HubSpot auto-creates for a new contact gets an account, and the Contact points to it', async () => {
    const pair = await startSandboxPair({
      settings: { companies: { sync: true } },
      contacts: { createInSalesforceAs: 'contact' },
      hubspotSandbox: { settings: { createAndAssociateCompaniesWithContacts: true } },
    })
    try {
      await pair.sync()
      const contact = await createHubSpotContact(pair, { email: 'a@acme-five.com', lastname: 'A' })
      const companyId = (await hubspotContact(pair, contact, ['associatedcompanyid']))['associatedcompanyid']
      expect(companyId).toBeTruthy()
      await pair.sync()
      const link = await companyLink(pair, 'hubspot', companyId!)
      expect(link?.state).toBe('active')
      const contactId = (await hubspotContact(pair, contact, ['salesforcecontactid']))['salesforcecontactid']!
      expect((await salesforceRecord(pair, 'Contact', contactId))['AccountId']).toBe(link!.salesforceId)
      await pair.resetCounters()
      await pair.sync()
      expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
    } finally {
      await pair.close()
    }
  })
})
