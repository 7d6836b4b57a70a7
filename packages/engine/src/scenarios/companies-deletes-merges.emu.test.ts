import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import {
  account,
  accountsNamed,
  companiesNamed,
  companyLink,
  createAccount,
  createHubSpotCompany,
  hubspotCompany,
} from './company-helpers.js'
import { createSalesforce, hubspotContact, salesforceRecord } from './scenario-helpers.js'

/** Salesforce's merge (SOAP, as jsforce has no REST call for it): the losers go, their children move. */
async function mergeAccounts(pair: SandboxPair, master: string, loser: string): Promise<void> {
  const result = (await pair.sf.soap.merge({
    masterRecord: { type: 'Account', Id: master },
    recordToMergeIds: [loser],
  } as never)) as unknown as { success: boolean }
  if (result.success !== true) throw new Error(`merge failed: ${JSON.stringify(result)}`)
}

/** HubSpot's merge (POST /crm/v3/objects/companies/merge): returns the survivor, which has a new id. */
async function mergeCompanies(pair: SandboxPair, primary: string, merged: string): Promise<string> {
  const survivor = await pair.hs.crm.companies.basicApi.merge({
    primaryObjectId: primary,
    objectIdToMerge: merged,
  })
  return survivor.id
}

async function isArchived(pair: SandboxPair, id: string): Promise<boolean> {
  try {
    const read = await pair.hs.crm.companies.basicApi.getById(id)
    // A merged-away id resolves to its survivor: the record asked for is gone.
    return read.id !== id
  } catch {
    return true
  }
}

/** An account with one Contact, synced: the account's company and the Contact's HubSpot contact. */
async function syncedAccount(pair: SandboxPair, name: string, email: string) {
  const accountId = await createAccount(pair, { Name: name })
  const contactId = await createSalesforce(pair, 'Contact', {
    LastName: name,
    Email: email,
    AccountId: accountId,
  })
  await pair.sync()
  const company = (await companyLink(pair, 'salesforce', accountId))?.hubspotId
  const hsContact = (await pair.store.getLink('scenario', 'contact', 'salesforce', contactId))?.hubspotId
  if (company === undefined || hsContact === undefined) throw new Error(`${name} did not sync`)
  expect((await hubspotContact(pair, hsContact, ['associatedcompanyid']))['associatedcompanyid']).toBe(
    company,
  )
  return { accountId, contactId, company, hsContact }
}

const primaryCompany = async (pair: SandboxPair, contact: string) =>
  (await hubspotContact(pair, contact, ['associatedcompanyid']))['associatedcompanyid']

async function expectQuiet(pair: SandboxPair): Promise<void> {
  await pair.resetCounters()
  await pair.sync()
  expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
}

describe('companies: deletes and merges (design.md 3.1, 3.4)', () => {
  let pair: SandboxPair
  let oldSurvivor: string
  beforeAll(async () => {
    pair = await startSandboxPair({
      settings: { companies: { sync: true } },
      contacts: { createInSalesforceAs: 'contact' },
    })
    // An account from before company sync: it has no company until it is edited or imported (B-CMP-3).
    oldSurvivor = await createAccount(pair, { Name: 'Old Survivor', Industry: 'Energy' })
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('design.md 3.1 (B-CON-22 for accounts): a deleted Salesforce account tombstones its link and keeps the company; a later company edit creates no account', async () => {
    const { accountId, company } = await syncedAccount(pair, 'Deleted Account', 'del-acc@x.com')
    await pair.sf.sobject('Account').destroy(accountId)
    await pair.sync()
    expect((await companyLink(pair, 'hubspot', company))?.state).toBe('tombstoned')
    expect(await isArchived(pair, company)).toBe(false)
    await pair.hs.crm.companies.basicApi.update(company, { properties: { phone: '+47 2200' } })
    await pair.resetCounters()
    await pair.sync()
    expect((await pair.writes()).salesforce).toBe(0)
    expect(await accountsNamed(pair, 'Deleted Account')).toEqual([])
    expect((await companyLink(pair, 'hubspot', company))?.state).toBe('tombstoned')
    await expectQuiet(pair)
  })

  it('design.md 3.1 (B-CON-23 for companies): a deleted HubSpot company leaves the account; its link is tombstoned and a later account edit does not recreate the company', async () => {
    const { accountId, company } = await syncedAccount(pair, 'Gone Company', 'gone-co@x.com')
    await pair.hs.crm.companies.basicApi.archive(company)
    await pair.resetCounters()
    await pair.sync()
    expect((await pair.writes()).salesforce).toBe(0)
    expect((await account(pair, accountId))['Name']).toBe('Gone Company')
    // Polling meets the delete when it next reads the company: here, the edit of its account.
    await pair.sf.sobject('Account').update({ Id: accountId, Industry: 'Retail' })
    await pair.sync()
    expect((await companyLink(pair, 'salesforce', accountId))?.state).toBe('tombstoned')
    expect(await companiesNamed(pair, 'Gone Company')).toEqual([])
    await pair.sf.sobject('Account').update({ Id: accountId, Industry: 'Banking' })
    await pair.sync()
    expect(await companiesNamed(pair, 'Gone Company')).toEqual([])
    expect((await account(pair, accountId))['Id']).toBe(accountId)
    await expectQuiet(pair)
  })

  it('design.md 3.4 (B-CON-24/25 for accounts): a Salesforce account merged into an unlinked account: the company moves to the surviving account', async () => {
    const loser = await syncedAccount(pair, 'Merged Away', 'merged-away@x.com')
    await mergeAccounts(pair, oldSurvivor, loser.accountId)
    await pair.sync()
    expect(await companyLink(pair, 'salesforce', oldSurvivor)).toMatchObject({
      hubspotId: loser.company,
      state: 'active',
    })
    // The company is the survivor's now: its id, and its values (the merge bumped it, so it is captured).
    expect(
      await hubspotCompany(pair, loser.company, ['salesforceaccountid', 'name', 'industry']),
    ).toMatchObject({
      salesforceaccountid: oldSurvivor,
      name: 'Old Survivor',
      industry: 'OIL_ENERGY',
    })
    expect(await companiesNamed(pair, 'Old Survivor')).toEqual([loser.company])
    // The merge moved the Contact to the survivor; its HubSpot contact keeps the same company.
    expect((await salesforceRecord(pair, 'Contact', loser.contactId))['AccountId']).toBe(oldSurvivor)
    expect(await primaryCompany(pair, loser.hsContact)).toBe(loser.company)
    await expectQuiet(pair)
    // The pair goes on syncing.
    await pair.sf.sobject('Account').update({ Id: oldSurvivor, Phone: '+47 3300' })
    await pair.sync()
    expect((await hubspotCompany(pair, loser.company, ['phone']))['phone']).toBe('+47 3300')
  })

  it('design.md 3.4 (B-CON-26 for accounts): a Salesforce account merged into an account linked to another company: that link is not merged; its contacts follow the survivor', async () => {
    const master = await syncedAccount(pair, 'Merge Master', 'merge-master@x.com')
    const loser = await syncedAccount(pair, 'Merge Loser', 'merge-loser@x.com')
    await mergeAccounts(pair, master.accountId, loser.accountId)
    await pair.resetCounters()
    await pair.sync()
    // HubSpot companies are never merged from Salesforce: both stay; the loser's link stops syncing.
    expect(await isArchived(pair, loser.company)).toBe(false)
    expect((await companyLink(pair, 'hubspot', loser.company))?.state).toBe('broken')
    expect(await companyLink(pair, 'hubspot', master.company)).toMatchObject({
      salesforceId: master.accountId,
      state: 'active',
    })
    expect((await salesforceRecord(pair, 'Contact', loser.contactId))['AccountId']).toBe(master.accountId)
    expect(await primaryCompany(pair, loser.hsContact)).toBe(master.company)
    expect(await companiesNamed(pair, 'Merge Master')).toEqual([master.company])
    expect(await accountsNamed(pair, 'Merge Loser')).toEqual([])
    expect((await pair.writes()).salesforce).toBe(0)
    await expectQuiet(pair)
    // An edit of the company whose account was merged away writes nothing to Salesforce.
    await pair.hs.crm.companies.basicApi.update(loser.company, { properties: { phone: '+47 4400' } })
    await pair.resetCounters()
    await pair.sync()
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  })

  it('design.md 3.4 (B-CON-27 for companies): a HubSpot merge of an unlinked company into the linked one re-keys the link to the survivor; no new account', async () => {
    const linked = await syncedAccount(pair, 'Keep Linked', 'keep-linked@x.com')
    const other = await createHubSpotCompany(pair, { name: 'Absorbed', domain: 'absorbed.example' })
    await pair.sync()
    expect(await companyLink(pair, 'hubspot', other)).toBeUndefined()
    const survivor = await mergeCompanies(pair, linked.company, other)
    await pair.sync()
    expect(await companyLink(pair, 'salesforce', linked.accountId)).toMatchObject({
      hubspotId: survivor,
      state: 'active',
    })
    expect((await hubspotCompany(pair, survivor, ['salesforceaccountid']))['salesforceaccountid']).toBe(
      linked.accountId,
    )
    // The survivor took the absorbed company's domain where the primary had none: it reaches the account.
    expect(await account(pair, linked.accountId)).toMatchObject({
      Name: 'Keep Linked',
      Website: 'absorbed.example',
    })
    expect(await accountsNamed(pair, 'Absorbed')).toEqual([])
    expect(await accountsNamed(pair, 'Keep Linked')).toHaveLength(1)
    expect(await primaryCompany(pair, linked.hsContact)).toBe(survivor)
    expect((await salesforceRecord(pair, 'Contact', linked.contactId))['AccountId']).toBe(linked.accountId)
    await expectQuiet(pair)
    await pair.hs.crm.companies.basicApi.update(survivor, { properties: { phone: '+47 5500' } })
    await pair.sync()
    expect((await account(pair, linked.accountId))['Phone']).toBe('+47 5500')
  })

  it('design.md 3.4 (B-CON-27 for companies): a HubSpot merge into an unlinked primary: the survivor carries the absorbed company’s account and keeps its link', async () => {
    const linked = await syncedAccount(pair, 'Absorbed Linked', 'absorbed-linked@x.com')
    const primary = await createHubSpotCompany(pair, { name: 'Primary Unlinked' })
    await pair.sync()
    const survivor = await mergeCompanies(pair, primary, linked.company)
    await pair.sync()
    expect(await companyLink(pair, 'salesforce', linked.accountId)).toMatchObject({
      hubspotId: survivor,
      state: 'active',
    })
    expect(await accountsNamed(pair, 'Primary Unlinked')).toEqual([])
    expect(await primaryCompany(pair, linked.hsContact)).toBe(survivor)
    expect((await salesforceRecord(pair, 'Contact', linked.contactId))['AccountId']).toBe(linked.accountId)
    await expectQuiet(pair)
  })

  it('design.md 3.4 (B-CON-27 for companies): a HubSpot merge of two linked companies: the survivor keeps the primary’s account; the other account gets no duplicate', async () => {
    const first = await syncedAccount(pair, 'Both One', 'both-one@x.com')
    const second = await syncedAccount(pair, 'Both Two', 'both-two@x.com')
    const survivor = await mergeCompanies(pair, first.company, second.company)
    await pair.sync()
    expect(await companyLink(pair, 'salesforce', first.accountId)).toMatchObject({
      hubspotId: survivor,
      state: 'active',
    })
    expect(await accountsNamed(pair, 'Both Two')).toHaveLength(1)
    await expectQuiet(pair)
    // The absorbed company's account edited: no second company appears, and the survivor is not overwritten.
    await pair.sf.sobject('Account').update({ Id: second.accountId, Phone: '+47 6600' })
    await pair.sync()
    // Its link stops syncing (broken), as on a Salesforce merge into a linked account.
    expect(await companyLink(pair, 'salesforce', second.accountId)).toMatchObject({
      hubspotId: second.company,
      state: 'broken',
    })
    expect(await companiesNamed(pair, 'Both Two')).toEqual([])
    expect(await hubspotCompany(pair, survivor, ['name', 'phone', 'salesforceaccountid'])).toMatchObject({
      name: 'Both One',
      salesforceaccountid: first.accountId,
    })
    expect((await hubspotCompany(pair, survivor, ['phone']))['phone']).not.toBe('+47 6600')
    await expectQuiet(pair)
  })
})
