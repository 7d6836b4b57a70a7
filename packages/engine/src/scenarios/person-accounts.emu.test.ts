import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import {
  account,
  associatePrimary,
  companiesNamed,
  companyLink,
  createAccount,
  hubspotCompany,
} from './company-helpers.js'
import {
  createHubSpotContact,
  createSalesforce,
  hubspotByEmail,
  hubspotContact,
  salesforceRecord,
  soql,
} from './scenario-helpers.js'

/** The Account record type of person accounts (IsPersonType), in an org with person accounts on. */
async function personRecordType(pair: SandboxPair): Promise<string> {
  const [type] = await soql<{ Id: string }>(
    pair,
    "SELECT Id FROM RecordType WHERE SobjectType = 'Account' AND IsPersonType = true",
  )
  if (type === undefined) throw new Error('the org has no person-account record type')
  return type.Id
}

/** A person account made in Salesforce; returns it with its hidden person contact. */
async function createPersonAccount(
  pair: SandboxPair,
  fields: Record<string, unknown>,
): Promise<{ id: string; contactId: string }> {
  const id = await createAccount(pair, { RecordTypeId: await personRecordType(pair), ...fields })
  const contactId = (await account(pair, id))['PersonContactId']
  if (typeof contactId !== 'string') throw new Error(`person account ${id} has no person contact`)
  return { id, contactId }
}

const contactLink = (pair: SandboxPair, side: 'hubspot' | 'salesforce', id: string) =>
  pair.store.getLink('scenario', 'contact', side, id)

async function convertLead(pair: SandboxPair, leadId: string) {
  const [result] = (await pair.sf.soap.convertLead([
    { leadId, convertedStatus: 'Closed - Converted', doNotCreateOpportunity: true },
  ] as never)) as unknown as { success: boolean; accountId: string; contactId: string }[]
  if (result?.success !== true) throw new Error(`convertLead ${leadId} failed: ${JSON.stringify(result)}`)
  return result
}

describe('person accounts (B-PA), Lead mode, company sync on', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({
      settings: { companies: { sync: true } },
      contacts: { createInSalesforceAs: 'lead' },
      salesforceSandbox: { personAccounts: true },
    })
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-PA-1: a person account becomes one HubSpot contact and one HubSpot company, linked to the person contact and the account', async () => {
    const person = await createPersonAccount(pair, {
      FirstName: 'Jo',
      LastName: 'Doe',
      PersonEmail: 'jo.doe@pa.example',
    })
    await pair.sync()
    const contacts = await hubspotByEmail(pair, 'jo.doe@pa.example', ['salesforcecontactid'])
    expect(contacts).toHaveLength(1)
    const hsContact = contacts[0]!.id
    expect(contacts[0]!.properties['salesforcecontactid']).toBe(person.contactId)
    expect(await contactLink(pair, 'hubspot', hsContact)).toMatchObject({
      salesforceType: 'Contact',
      salesforceId: person.contactId,
      state: 'active',
    })
    const link = await companyLink(pair, 'salesforce', person.id)
    expect(link?.state).toBe('active')
    expect(await companiesNamed(pair, 'Jo Doe')).toEqual([link!.hubspotId])
    expect(
      (await hubspotCompany(pair, link!.hubspotId, ['salesforceaccountid']))['salesforceaccountid'],
    ).toBe(person.id)
    // The contact is the company's person: associated with it, as its Contact belongs to the account.
    expect((await hubspotContact(pair, hsContact, ['associatedcompanyid']))['associatedcompanyid']).toBe(
      link!.hubspotId,
    )
    await pair.resetCounters()
    await pair.sync()
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  })

  it('B-PA-2: the person-account name fills the contact first and last name and the company name', async () => {
    const person = await createPersonAccount(pair, {
      FirstName: 'Ines',
      LastName: 'Aalto',
      PersonEmail: 'ines.aalto@pa.example',
      PersonTitle: 'Potter',
    })
    await pair.sync()
    const hsContact = (await contactLink(pair, 'salesforce', person.contactId))!.hubspotId
    expect(await hubspotContact(pair, hsContact, ['firstname', 'lastname', 'jobtitle'])).toMatchObject({
      firstname: 'Ines',
      lastname: 'Aalto',
      jobtitle: 'Potter',
    })
    const company = (await companyLink(pair, 'salesforce', person.id))!.hubspotId
    expect((await hubspotCompany(pair, company, ['name']))['name']).toBe('Ines Aalto')
    // A rename in Salesforce reaches both: the person contact and the account change together.
    await pair.sf.sobject('Account').update({ Id: person.id, LastName: 'Aalto-Berg' })
    await pair.sync()
    expect((await hubspotContact(pair, hsContact, ['lastname']))['lastname']).toBe('Aalto-Berg')
    expect((await hubspotCompany(pair, company, ['name']))['name']).toBe('Ines Aalto-Berg')
    await pair.resetCounters()
    await pair.sync()
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  })

  it('B-PA-3: another contact associated with a person account’s company gets no AccountId; SF_PERSON_ACCOUNT_CONTACT is recorded', async () => {
    const person = await createPersonAccount(pair, {
      FirstName: 'Ola',
      LastName: 'Nord',
      PersonEmail: 'ola.nord@pa.example',
    })
    const colleague = await createSalesforce(pair, 'Contact', {
      LastName: 'Colleague',
      Email: 'colleague3@pa.example',
    })
    await pair.sync()
    const company = (await companyLink(pair, 'salesforce', person.id))!.hubspotId
    const hsColleague = (await contactLink(pair, 'salesforce', colleague))!.hubspotId
    await associatePrimary(pair, hsColleague, company)
    const summary = await pair.sync({ allowErrors: true })
    expect(summary.errors.map((e) => e.code)).toEqual(['SF_PERSON_ACCOUNT_CONTACT'])
    expect((await salesforceRecord(pair, 'Contact', colleague))['AccountId']).toBeNull()
    const open = await pair.store.listErrors({
      connectionId: 'scenario',
      codes: ['SF_PERSON_ACCOUNT_CONTACT'],
    })
    expect(open.map((e) => [e.side, e.recordId])).toEqual([['hubspot', hsColleague]])
    // The person account keeps its one contact, and the association stays in HubSpot only.
    const members = await soql<{ Id: string }>(
      pair,
      `SELECT Id FROM Contact WHERE AccountId = '${person.id}'`,
    )
    expect(members.map((m) => m.Id)).toEqual([person.contactId])
    expect((await hubspotContact(pair, hsColleague, ['associatedcompanyid']))['associatedcompanyid']).toBe(
      company,
    )
    // Nothing is retried at once: a further sync writes nothing and records no new error.
    await pair.resetCounters()
    const again = await pair.sync({ allowErrors: true })
    expect(again.errors).toEqual([])
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  })

  it('B-PA-4: a new HubSpot contact goes to Salesforce as a Lead, never as a (person) account', async () => {
    const accounts = await soql<{ Id: string }>(pair, 'SELECT Id FROM Account')
    const id = await createHubSpotContact(pair, {
      email: 'new4@pa.example',
      firstname: 'Nina',
      lastname: 'Four',
    })
    await pair.sync()
    const leadId = (await hubspotContact(pair, id, ['salesforceleadid']))['salesforceleadid']
    expect(leadId).toMatch(/^00Q/)
    // Lead.Company is not required with person accounts: blank stays blank, so the lead can still become a
    // person account (B-PA-5), where the "[not provided]" placeholder would make it a business account.
    expect(await salesforceRecord(pair, 'Lead', leadId!)).toMatchObject({
      LastName: 'Four',
      Company: null,
      Email: 'new4@pa.example',
      IsConverted: false,
    })
    expect(await soql(pair, "SELECT Id FROM Contact WHERE Email = 'new4@pa.example'")).toEqual([])
    expect((await soql<{ Id: string }>(pair, 'SELECT Id FROM Account')).length).toBe(accounts.length)
  })

  it('B-PA-5: a lead with a blank Company converts into a person account; the contact follows the person contact and a company appears', async () => {
    const id = await createHubSpotContact(pair, {
      email: 'pia5@pa.example',
      firstname: 'Pia',
      lastname: 'Lund',
    })
    await pair.sync()
    const leadId = (await hubspotContact(pair, id, ['salesforceleadid']))['salesforceleadid']
    expect(leadId).toMatch(/^00Q/)
    const converted = await convertLead(pair, leadId!)
    expect(await account(pair, converted.accountId)).toMatchObject({
      IsPersonAccount: true,
      Name: 'Pia Lund',
    })
    await pair.sync()
    expect(await contactLink(pair, 'hubspot', id)).toMatchObject({
      salesforceType: 'Contact',
      salesforceId: converted.contactId,
      state: 'active',
    })
    expect((await hubspotContact(pair, id, ['salesforcecontactid']))['salesforcecontactid']).toBe(
      converted.contactId,
    )
    const link = await companyLink(pair, 'salesforce', converted.accountId)
    expect(link?.state).toBe('active')
    expect(await companiesNamed(pair, 'Pia Lund')).toEqual([link!.hubspotId])
    expect((await hubspotContact(pair, id, ['associatedcompanyid']))['associatedcompanyid']).toBe(
      link!.hubspotId,
    )
    await pair.resetCounters()
    await pair.sync()
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  })

  it('B-PA-5: a lead with a Company converts into a business account; the contact follows and joins its company', async () => {
    const id = await createHubSpotContact(pair, {
      email: 'bo5@pa.example',
      firstname: 'Bo',
      lastname: 'Berg',
      company: 'Berg AB',
    })
    await pair.sync()
    const leadId = (await hubspotContact(pair, id, ['salesforceleadid']))['salesforceleadid']
    const converted = await convertLead(pair, leadId!)
    expect(await account(pair, converted.accountId)).toMatchObject({
      IsPersonAccount: false,
      Name: 'Berg AB',
    })
    await pair.sync()
    expect((await contactLink(pair, 'hubspot', id))?.salesforceId).toBe(converted.contactId)
    const link = await companyLink(pair, 'salesforce', converted.accountId)
    expect((await hubspotContact(pair, id, ['associatedcompanyid']))['associatedcompanyid']).toBe(
      link!.hubspotId,
    )
    await pair.resetCounters()
    await pair.sync()
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  })
})

describe('B-PA-1: person accounts need creating HubSpot contacts from Salesforce', () => {
  it('B-PA-1: with contact creation in HubSpot off, a person account makes neither a contact nor a company', async () => {
    const pair = await startSandboxPair({
      settings: { companies: { sync: true } },
      contacts: { createInHubSpot: false },
      salesforceSandbox: { personAccounts: true },
    })
    try {
      await pair.sync()
      const person = await createPersonAccount(pair, {
        FirstName: 'No',
        LastName: 'Sync',
        PersonEmail: 'no.sync@pa.example',
      })
      const business = await createAccount(pair, { Name: 'Business Still Syncs' })
      await pair.sync()
      expect(await companyLink(pair, 'salesforce', person.id)).toBeUndefined()
      expect(await companiesNamed(pair, 'No Sync')).toEqual([])
      expect(await hubspotByEmail(pair, 'no.sync@pa.example')).toEqual([])
      expect((await companyLink(pair, 'salesforce', business))?.state).toBe('active')
    } finally {
      await pair.close()
    }
  })
})
