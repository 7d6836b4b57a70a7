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
  salesforceRecord,
} from './scenario-helpers.js'

describe('companies with accounts (B-CMP)', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({
      settings: { companies: { sync: true } },
      contacts: { createInSalesforceAs: 'contact' },
    })
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-CMP-2: a new account with no contact becomes a linked HubSpot company', async () => {
    const id = await createAccount(pair, {
      Name: 'Brandnew AS',
      Website: 'https://www.brandnew.no/',
      Industry: 'Banking',
    })
    await pair.sync()
    const link = await companyLink(pair, 'salesforce', id)
    expect(link?.state).toBe('active')
    expect(
      await hubspotCompany(pair, link!.hubspotId, ['name', 'domain', 'industry', 'salesforceaccountid']),
    ).toMatchObject({
      name: 'Brandnew AS',
      domain: 'brandnew.no',
      industry: 'BANKING',
      salesforceaccountid: id,
    })
    await pair.resetCounters()
    await pair.sync()
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  })

  it('B-CMP-6: a company associated with a contact synced to a private Salesforce Contact creates the account and sets AccountId', async () => {
    const contact = await createHubSpotContact(pair, { email: 'private6@x.com', lastname: 'Six' })
    await pair.sync()
    const contactId = (await hubspotContact(pair, contact, ['salesforcecontactid']))['salesforcecontactid']
    expect(contactId).toMatch(/^003/)
    const company = await createHubSpotCompany(pair, { name: 'Six Ltd', domain: 'six.example' })
    await associatePrimary(pair, contact, company)
    await pair.sync()
    const link = await companyLink(pair, 'hubspot', company)
    expect(link?.state).toBe('active')
    expect(await account(pair, link!.salesforceId)).toMatchObject({ Name: 'Six Ltd', Website: 'six.example' })
    expect((await salesforceRecord(pair, 'Contact', contactId!))['AccountId']).toBe(link!.salesforceId)
    await pair.resetCounters()
    await pair.sync()
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  })

  it('B-CMP-12: a linked Salesforce Contact whose account is unlinked gets a company, and its HubSpot contact is associated with it', async () => {
    const accountId = await createAccount(pair, { Name: 'Twelve Inc' })
    await pair.sync()
    const contactId = await createSalesforce(pair, 'Contact', {
      LastName: 'Tw',
      Email: 'twelve@x.com',
      AccountId: accountId,
    })
    await pair.sync()
    const link = await companyLink(pair, 'salesforce', accountId)
    expect(link?.state).toBe('active')
    const [hs] = await companiesNamed(pair, 'Twelve Inc')
    expect(hs).toBe(link!.hubspotId)
    const contactLink = await pair.store.getLink('scenario', 'contact', 'salesforce', contactId)
    expect(
      (await hubspotContact(pair, contactLink!.hubspotId, ['associatedcompanyid']))['associatedcompanyid'],
    ).toBe(link!.hubspotId)
    expect(await accountsNamed(pair, 'Twelve Inc')).toHaveLength(1)
  })

  // B-BULK-7 (an opportunity waiting for its account) is in deals-more.emu.test.ts.
})
