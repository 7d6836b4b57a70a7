import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import { companyLink, hubspotCompany } from './company-helpers.js'
import { createHubSpotContact, hubspotContact } from './scenario-helpers.js'

/**
 * B-CMP-13: Lead mode with HubSpot's "create and associate companies with contacts" on. A lead carries no
 * account, so the company HubSpot made for the contact has none until the lead is converted.
 */
describe('B-CMP-13: Lead mode with HubSpot auto-created companies', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({
      settings: { companies: { sync: true } },
      contacts: { createInSalesforceAs: 'lead' },
      hubspotSandbox: { settings: { createAndAssociateCompaniesWithContacts: true } },
    })
    await pair.sync()
  })
  afterAll(() => pair.close())

  /** A HubSpot contact whose company HubSpot made; synced to a Lead, which is then converted with an account. */
  async function convertedWithAccount(email: string, company: string) {
    const contact = await createHubSpotContact(pair, { email, lastname: 'Thirteen', company })
    const auto = (await hubspotContact(pair, contact, ['associatedcompanyid']))['associatedcompanyid']
    expect(auto).toBeTruthy()
    expect((await hubspotCompany(pair, auto!, ['hs_object_source']))['hs_object_source']).toBe('CRM_SETTING')
    await pair.sync()
    const leadId = (await hubspotContact(pair, contact, ['salesforceleadid']))['salesforceleadid']
    expect(leadId).toMatch(/^00Q/)
    expect(await companyLink(pair, 'hubspot', auto!)).toBeUndefined() // a lead gives it no account
    const result = (await pair.sf.soap.convertLead({
      leadId: leadId!,
      convertedStatus: 'Closed - Converted',
      doNotCreateOpportunity: true,
    })) as unknown as { contactId: string; accountId: string }
    await pair.sync()
    return { contact, auto: auto!, accountId: result.accountId, contactId: result.contactId }
  }

  it("B-CMP-13 (parity): the converted lead's new account becomes a second company, which the contact follows", async () => {
    const { contact, auto, accountId, contactId } = await convertedWithAccount(
      't13@thirteen.example',
      'Thirteen Inc',
    )
    expect((await hubspotContact(pair, contact, ['salesforcecontactid']))['salesforcecontactid']).toBe(
      contactId,
    )
    const created = (await companyLink(pair, 'salesforce', accountId))?.hubspotId
    expect(created).toBeDefined()
    expect(created).not.toBe(auto)
    expect(await companyLink(pair, 'hubspot', auto)).toBeUndefined()
    expect((await hubspotCompany(pair, created!, ['name']))['name']).toBe('Thirteen Inc')
    // Salesforce wins the contact's first association: its primary company is the account's.
    expect((await hubspotContact(pair, contact, ['associatedcompanyid']))['associatedcompanyid']).toBe(
      created,
    )
    await pair.resetCounters()
    await pair.sync()
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  })

  it('B-CMP-13 [engine]: with reuseAutoCreatedCompany the account joins the company HubSpot made; no second company', async () => {
    pair.restartEngine({ settings: { companies: { sync: true, reuseAutoCreatedCompany: true } } })
    const { contact, auto, accountId } = await convertedWithAccount('t13@reuse.example', 'Reuse Inc')
    expect((await companyLink(pair, 'salesforce', accountId))?.hubspotId).toBe(auto)
    expect((await hubspotContact(pair, contact, ['associatedcompanyid']))['associatedcompanyid']).toBe(auto)
    // On this first link Salesforce's account name wins (prefer-salesforce), as for any matched company.
    expect(await hubspotCompany(pair, auto, ['name', 'salesforceaccountid'])).toMatchObject({
      name: 'Reuse Inc',
      salesforceaccountid: accountId,
    })
    await pair.resetCounters()
    await pair.sync()
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  })
})
