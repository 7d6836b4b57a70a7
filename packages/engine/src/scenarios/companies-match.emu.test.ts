import { propertyFilterBranch } from '@crmsync/hubspot/testing/list-filters'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import {
  account,
  accountsNamed,
  associatePrimary,
  companiesNamed,
  companyLink,
  createAccount,
  createHubSpotCompany,
  hubspotCompany,
} from './company-helpers.js'
import {
  createHubSpotContact,
  createSalesforce,
  hubspotContact,
  people,
  salesforceRecord,
  updateHubSpotContact,
} from './scenario-helpers.js'

const OWNER = 'hubspot_owner_id'

describe('matching, pairing and what flows between companies and accounts (B-CMP, B-OWN-8/9)', () => {
  let pair: SandboxPair
  let team: Awaited<ReturnType<typeof people>>
  let oldAccount: string
  beforeAll(async () => {
    pair = await startSandboxPair({
      settings: { companies: { sync: true } },
      contacts: { createInSalesforceAs: 'contact' },
    })
    team = await people(pair)
    // B-CMP-3's account exists before company sync's first run, which starts its capture: every other test's
    // records are made after it, as they would be on a connection that is running.
    oldAccount = await createAccount(pair, { Name: 'Old Three' })
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-CMP-3: an account that existed before company sync reaches HubSpot only when it is edited', async () => {
    const before = oldAccount
    await pair.sync()
    expect(await companyLink(pair, 'salesforce', before)).toBeUndefined()
    expect(await companiesNamed(pair, 'Old Three')).toEqual([])
    await pair.sf.sobject('Account').update({ Id: before, Industry: 'Retail' })
    await pair.sync()
    const link = await companyLink(pair, 'salesforce', before)
    expect(await hubspotCompany(pair, link!.hubspotId, ['name', 'industry'])).toMatchObject({
      name: 'Old Three',
      industry: 'RETAIL',
    })
  })

  it('B-CMP-4: a pre-existing account joins the HubSpot company its contact is associated with; no new company', async () => {
    const accountId = await createAccount(pair, { Name: 'Four Corp' })
    const company = await createHubSpotCompany(pair, { name: 'Four (HubSpot)' })
    const contact = await createHubSpotContact(pair, { email: 'four@x.com', lastname: 'F' })
    await associatePrimary(pair, contact, company)
    await createSalesforce(pair, 'Contact', { LastName: 'F', Email: 'four@x.com', AccountId: accountId })
    await pair.sync()
    expect((await companyLink(pair, 'salesforce', accountId))?.hubspotId).toBe(company)
    // One company, the one that was there: on this first link Salesforce's name wins (prefer-salesforce).
    expect(await companiesNamed(pair, 'Four Corp')).toEqual([company])
    expect(await companiesNamed(pair, 'Four (HubSpot)')).toEqual([])
    expect(await accountsNamed(pair, 'Four Corp')).toHaveLength(1)
  })

  it('B-CMP-10: companies never match accounts by name or domain', async () => {
    const company = await createHubSpotCompany(pair, { name: 'Acme Ten', domain: 'acme-ten.com' })
    await pair.sync()
    const accountId = await createAccount(pair, { Name: 'Acme Ten', Website: 'https://acme-ten.com' })
    await pair.sync()
    const link = await companyLink(pair, 'salesforce', accountId)
    expect(link?.hubspotId).not.toBe(company)
    expect(await companiesNamed(pair, 'Acme Ten')).toHaveLength(2)
  })

  it("B-CMP-11: a contact moved to another company gets that company's account; neither company re-pairs", async () => {
    const a1 = await createAccount(pair, { Name: 'Eleven One' })
    const a2 = await createAccount(pair, { Name: 'Eleven Two' })
    const contactId = await createSalesforce(pair, 'Contact', {
      LastName: 'E',
      Email: 'eleven@x.com',
      AccountId: a1,
    })
    await pair.sync()
    const h1 = (await companyLink(pair, 'salesforce', a1))!.hubspotId
    const h2 = (await companyLink(pair, 'salesforce', a2))!.hubspotId
    const hsContact = (await pair.store.getLink('scenario', 'contact', 'salesforce', contactId))!.hubspotId
    expect((await hubspotContact(pair, hsContact, ['associatedcompanyid']))['associatedcompanyid']).toBe(h1)
    await associatePrimary(pair, hsContact, h2)
    await pair.sync()
    expect((await salesforceRecord(pair, 'Contact', contactId))['AccountId']).toBe(a2)
    expect((await companyLink(pair, 'hubspot', h1))?.salesforceId).toBe(a1)
    expect((await companyLink(pair, 'hubspot', h2))?.salesforceId).toBe(a2)
    await pair.resetCounters()
    await pair.sync()
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  })

  it("B-CMP-14: a contact's lifecycle stage is copied to its company, forward only", async () => {
    const accountId = await createAccount(pair, { Name: 'Fourteen' })
    const contactId = await createSalesforce(pair, 'Contact', {
      LastName: 'L',
      Email: 'fourteen@x.com',
      AccountId: accountId,
    })
    await pair.sync()
    const company = (await companyLink(pair, 'salesforce', accountId))!.hubspotId
    const hsContact = (await pair.store.getLink('scenario', 'contact', 'salesforce', contactId))!.hubspotId
    await updateHubSpotContact(pair, hsContact, { lifecyclestage: 'opportunity' })
    await pair.sync()
    const stage = async () => (await hubspotCompany(pair, company, ['lifecyclestage']))['lifecyclestage']
    expect(await stage()).toBe('opportunity')
    // Back is not copied: the company stays where it is. (HubSpot moves a stage back only once cleared.)
    await updateHubSpotContact(pair, hsContact, { lifecyclestage: '' })
    await updateHubSpotContact(pair, hsContact, { lifecyclestage: 'lead' })
    expect((await hubspotContact(pair, hsContact, ['lifecyclestage']))['lifecyclestage']).toBe('lead')
    await pair.sync()
    expect(await stage()).toBe('opportunity')
    // A user sets the company back by hand; an unrelated edit of the contact does not push it forward again.
    await updateHubSpotContact(pair, hsContact, { lifecyclestage: 'customer' })
    await pair.sync()
    expect(await stage()).toBe('customer')
    for (const lifecyclestage of ['', 'opportunity'])
      await pair.hs.crm.companies.basicApi.update(company, { properties: { lifecyclestage } })
    expect(await stage()).toBe('opportunity')
    await updateHubSpotContact(pair, hsContact, { firstname: 'Unrelated' })
    await pair.sync()
    expect(await stage()).toBe('opportunity')
    await pair.resetCounters()
    await pair.sync()
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  })

  it("B-CMP-12: a Contact moved to another account in Salesforce moves the HubSpot contact to that account's company", async () => {
    const a1 = await createAccount(pair, { Name: 'Twelve One' })
    const a2 = await createAccount(pair, { Name: 'Twelve Two' })
    const contactId = await createSalesforce(pair, 'Contact', {
      LastName: 'T',
      Email: 'twelve-move@x.com',
      AccountId: a1,
    })
    await pair.sync()
    const hsContact = (await pair.store.getLink('scenario', 'contact', 'salesforce', contactId))!.hubspotId
    await pair.sf.sobject('Contact').update({ Id: contactId, AccountId: a2 })
    await pair.sync()
    const h2 = (await companyLink(pair, 'salesforce', a2))?.hubspotId
    expect(h2).toBeDefined()
    expect((await hubspotContact(pair, hsContact, ['associatedcompanyid']))['associatedcompanyid']).toBe(h2)
    expect((await companyLink(pair, 'salesforce', a1))?.salesforceId).toBe(a1)
    await pair.resetCounters()
    await pair.sync()
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  })

  it('B-OWN-8: an account created from a HubSpot company with an unmatched owner is owned by the integration user', async () => {
    const identity = await pair.deps.salesforce.identity()
    const contact = await createHubSpotContact(pair, { email: 'own8@x.com', lastname: 'O' })
    const company = await createHubSpotCompany(pair, { name: 'Owner Eight', [OWNER]: team.farah.hs! })
    await associatePrimary(pair, contact, company)
    await pair.sync()
    const link = await companyLink(pair, 'hubspot', company)
    expect((await account(pair, link!.salesforceId))['OwnerId']).toBe(identity.userId)
  })

  it('B-OWN-8: an account created from a HubSpot company with a matched owner takes that owner', async () => {
    const contact = await createHubSpotContact(pair, { email: 'own8m@x.com', lastname: 'O' })
    const company = await createHubSpotCompany(pair, { name: 'Owner Eight M', [OWNER]: team.bjorn.hs! })
    await associatePrimary(pair, contact, company)
    await pair.sync()
    const link = await companyLink(pair, 'hubspot', company)
    expect((await account(pair, link!.salesforceId))['OwnerId']).toBe(team.bjorn.sf)
  })

  it('B-OWN-9: a company linking to an existing account with an active owner takes the Salesforce owner', async () => {
    const accountId = await createAccount(pair, { Name: 'Nine Owners', OwnerId: team.avery.sf! })
    const company = await createHubSpotCompany(pair, { name: 'Nine Owners HS', [OWNER]: team.bjorn.hs! })
    const contact = await createHubSpotContact(pair, { email: 'own9@x.com', lastname: 'N' })
    await associatePrimary(pair, contact, company)
    await createSalesforce(pair, 'Contact', { LastName: 'N', Email: 'own9@x.com', AccountId: accountId })
    await pair.sync()
    expect((await companyLink(pair, 'salesforce', accountId))?.hubspotId).toBe(company)
    expect((await hubspotCompany(pair, company, [OWNER]))[OWNER]).toBe(team.avery.hs)
    expect((await account(pair, accountId))['OwnerId']).toBe(team.avery.sf)
  })
})

describe('B-CMP-15: a company inclusion list', () => {
  it("B-CMP-15: a non-member company's change is not written to Salesforce; a member's is", async () => {
    const pair = await startSandboxPair({
      settings: { companies: { sync: true } },
      contacts: { createInSalesforceAs: 'contact' },
    })
    try {
      const { list } = await pair.hs.crm.lists.listsApi.create({
        name: 'Customer companies',
        objectTypeId: '0-2',
        processingType: 'DYNAMIC',
        filterBranch: propertyFilterBranch('lifecyclestage', {
          operationType: 'ENUMERATION',
          operator: 'IS_ANY_OF',
          values: ['customer'],
          includeObjectsWithNoValueSet: false,
        }) as never,
      })
      pair.restartEngine({ settings: { companies: { sync: true, inclusionList: list.listId } } })
      await pair.sync()
      const member = await createAccount(pair, { Name: 'Member Fifteen' })
      const other = await createAccount(pair, { Name: 'Other Fifteen' })
      await pair.sync()
      const memberCompany = (await companyLink(pair, 'salesforce', member))!.hubspotId
      const otherCompany = (await companyLink(pair, 'salesforce', other))!.hubspotId
      await pair.hs.crm.companies.basicApi.update(memberCompany, {
        properties: { lifecyclestage: 'customer' },
      })
      await pair.sync()
      await pair.hs.crm.companies.basicApi.update(memberCompany, { properties: { phone: '+47 1500' } })
      await pair.hs.crm.companies.basicApi.update(otherCompany, { properties: { phone: '+47 1501' } })
      await pair.sync()
      expect((await account(pair, member))['Phone']).toBe('+47 1500')
      expect((await account(pair, other))['Phone']).toBeNull()
    } finally {
      await pair.close()
    }
  })
})
