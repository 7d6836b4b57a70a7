// mappings.company: an extra mapping of a custom Account field (created in the Salesforce sandbox as the
// Tooling API would) to a custom HubSpot company property (created through the properties API), two-way; the
// default `phone` mapping switched to always-salesforce (B-MAP-2); a mapping of a field the org lacks, left
// out with a warning. Company capture starts when company sync is first on, so the pair syncs once before
// any record is made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { EngineLogger } from '../engine-types.js'
import { type SandboxPair, SCENARIO_MAPPINGS, startSandboxPair } from '../testing/sandbox-pair.js'
import {
  account,
  associatePrimary,
  companyLink,
  createAccount,
  createHubSpotCompany,
  hubspotCompany,
} from './company-helpers.js'
import { createHubSpotContact } from './scenario-helpers.js'

const TIER_FIELD = {
  fullName: 'Account.Customer_Tier__c',
  metadata: { label: 'Customer Tier', type: 'Text', length: 40 },
}

const COMPANY_MAPPINGS = [
  { hubspot: 'customer_tier', salesforce: 'Customer_Tier__c', rule: 'two-way' },
  { hubspot: 'phone', salesforce: { Account: 'Phone' }, rule: 'always-salesforce' },
  // The org has no Region__c: logged and left out, the other mappings sync.
  { hubspot: 'region', salesforce: { Account: 'Region__c' }, rule: 'two-way' },
]

async function updateCompany(pair: SandboxPair, id: string, properties: Record<string, string>) {
  await pair.hs.crm.companies.basicApi.update(id, { properties })
}

async function updateAccount(pair: SandboxPair, fields: Record<string, unknown>) {
  const result = await pair.sf.sobject('Account').update(fields as { Id: string })
  if (!result.success) throw new Error(`update Account failed: ${JSON.stringify(result)}`)
}

/** An Account synced to a new HubSpot company; returns both ids. */
async function linkedAccount(pair: SandboxPair, fields: Record<string, unknown>) {
  const accountId = await createAccount(pair, fields)
  await pair.sync()
  const company = (await companyLink(pair, 'salesforce', accountId))?.hubspotId
  if (company === undefined) throw new Error(`${String(fields['Name'])} did not sync`)
  return { accountId, company }
}

async function expectQuiet(pair: SandboxPair): Promise<void> {
  await pair.resetCounters()
  await pair.sync()
  expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
}

describe('company mappings from the configuration (mappings.company)', () => {
  let pair: SandboxPair
  const warnings: { fields: Record<string, unknown>; message: string }[] = []
  const logger: EngineLogger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (fields, message) => warnings.push({ fields, message }),
    error: () => undefined,
  }

  beforeAll(async () => {
    pair = await startSandboxPair({
      settings: { companies: { sync: true } },
      contacts: { createInSalesforceAs: 'contact' },
      salesforceSandbox: { customFields: [TIER_FIELD] },
      mappings: { ...SCENARIO_MAPPINGS, company: COMPANY_MAPPINGS },
      logger,
    })
    await pair.hs.crm.properties.coreApi.create('companies', {
      name: 'customer_tier',
      label: 'Customer tier',
      type: 'string' as never,
      fieldType: 'text' as never,
      groupName: 'companyinformation',
    })
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-MAP-3: a custom Account field mapped two-way reaches the new company, and edits and clears cross both ways', async () => {
    const { accountId, company } = await linkedAccount(pair, { Name: 'Tiered AS', Customer_Tier__c: 'Gold' })
    expect(await hubspotCompany(pair, company, ['customer_tier'])).toMatchObject({ customer_tier: 'Gold' })

    await updateCompany(pair, company, { customer_tier: 'Platinum' })
    await pair.sync()
    expect((await account(pair, accountId))['Customer_Tier__c']).toBe('Platinum')

    await updateAccount(pair, { Id: accountId, Customer_Tier__c: 'Silver' })
    await pair.sync()
    expect(await hubspotCompany(pair, company, ['customer_tier'])).toMatchObject({ customer_tier: 'Silver' })

    await updateCompany(pair, company, { customer_tier: '' })
    await pair.sync()
    expect((await account(pair, accountId))['Customer_Tier__c']).toBeNull()
    await expectQuiet(pair)
  })

  it('a company created in HubSpot carries its custom property to the Account it creates', async () => {
    const contact = await createHubSpotContact(pair, { email: 'tier@bronze.example', lastname: 'Bronze' })
    await pair.sync()
    const company = await createHubSpotCompany(pair, { name: 'Bronze Ltd', customer_tier: 'Bronze' })
    await associatePrimary(pair, contact, company)
    await pair.sync()
    const link = await companyLink(pair, 'hubspot', company)
    expect(link?.state).toBe('active')
    expect(await account(pair, link!.salesforceId)).toMatchObject({
      Name: 'Bronze Ltd',
      Customer_Tier__c: 'Bronze',
    })
    await expectQuiet(pair)
  })

  it('B-MAP-2: the default phone mapping set to always-salesforce sends no HubSpot edit, even into an empty Account field; Salesforce values and clears reach HubSpot', async () => {
    const { accountId, company } = await linkedAccount(pair, { Name: 'Quiet Phone AS' })

    await updateCompany(pair, company, { phone: '+47 2200 0000' })
    await pair.sync()
    expect((await account(pair, accountId))['Phone']).toBeNull()
    expect(await hubspotCompany(pair, company, ['phone'])).toMatchObject({ phone: '+47 2200 0000' })
    await expectQuiet(pair)

    await updateAccount(pair, { Id: accountId, Phone: '+47 9900 0000' })
    await pair.sync()
    expect(await hubspotCompany(pair, company, ['phone'])).toMatchObject({ phone: '+47 9900 0000' })

    await updateAccount(pair, { Id: accountId, Phone: null })
    await pair.sync()
    expect((await hubspotCompany(pair, company, ['phone']))['phone'] ?? '').toBe('')
    await expectQuiet(pair)
  })

  it('a mapping to an Account field the org lacks is logged and left out; the other mappings sync', () => {
    expect(warnings).toContainEqual({
      fields: { mapping: 'region' },
      message: 'mapping left out: its Salesforce field is missing or of an unsupported type',
    })
    expect(warnings.filter((w) => w.fields['mapping'] !== 'region')).toEqual([])
  })
})
