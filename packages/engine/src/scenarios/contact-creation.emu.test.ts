import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import {
  countSalesforce,
  createHubSpotContact,
  createSalesforce,
  hubspotByEmail,
  hubspotContact,
  soql,
} from './scenario-helpers.js'

describe('creation, HubSpot contact -> Lead (default settings)', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair()
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-CON-1 / B-TRIG-6: a new HS contact with an email becomes a linked Lead; a second sync writes nothing', async () => {
    const id = await createHubSpotContact(pair, { email: 'ann@x.com', lastname: 'Lee', company: 'Acme' })
    const summary = await pair.sync()
    expect(summary.objects.contact?.salesforce.created).toBe(1)
    const leads = await soql<{ Id: string }>(pair, "SELECT Id FROM Lead WHERE Email = 'ann@x.com'")
    expect(leads).toHaveLength(1)
    expect((await hubspotContact(pair, id, ['salesforceleadid']))['salesforceleadid']).toBe(leads[0]!.Id)
    await pair.resetCounters()
    await pair.sync()
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  })

  it('B-CON-2: setting lead inserts exactly one Lead and no Contact', async () => {
    await createHubSpotContact(pair, { email: 'lead-only@x.com', lastname: 'Only', company: 'Acme' })
    await pair.sync()
    expect(await countSalesforce(pair, 'Lead', 'lead-only@x.com')).toBe(1)
    expect(await countSalesforce(pair, 'Contact', 'lead-only@x.com')).toBe(0)
  })

  it('B-CON-4: an HS contact without an email is never sent; it is skipped, not an error', async () => {
    const before = await soql(pair, 'SELECT Id FROM Lead')
    await createHubSpotContact(pair, { lastname: 'NoMail', company: 'Acme' })
    const summary = await pair.sync()
    expect(summary.errors).toEqual([])
    expect(summary.objects.contact?.hubspot.skipped).toBe(1)
    expect(await soql(pair, 'SELECT Id FROM Lead')).toHaveLength(before.length)
  })

  it('B-CON-3 / B-TRIG-5: a new SF Lead creates an HS contact linked to it', async () => {
    const leadId = await createSalesforce(pair, 'Lead', {
      LastName: 'Sf',
      Company: 'Acme',
      Email: 'sf-new@x.com',
    })
    await pair.sync()
    const found = await hubspotByEmail(pair, 'sf-new@x.com', ['salesforceleadid'])
    expect(found).toHaveLength(1)
    expect(found[0]!.properties['salesforceleadid']).toBe(leadId)
  })

  it('B-CON-5: an SF Lead without an email does not become an HS contact', async () => {
    const before = (await pair.hs.crm.contacts.basicApi.getPage(100)).results.length
    await createSalesforce(pair, 'Lead', { LastName: 'NoMail', Company: 'Acme' })
    await pair.sync()
    expect((await pair.hs.crm.contacts.basicApi.getPage(100)).results.length).toBe(before)
  })

  it('B-CON-10: two SF Leads with one name and different emails make two HS contacts', async () => {
    await createSalesforce(pair, 'Lead', {
      FirstName: 'Ann',
      LastName: 'Twin',
      Company: 'A',
      Email: 'twin1@x.com',
    })
    await createSalesforce(pair, 'Lead', {
      FirstName: 'Ann',
      LastName: 'Twin',
      Company: 'A',
      Email: 'twin2@x.com',
    })
    await pair.sync()
    expect(await hubspotByEmail(pair, 'twin1@x.com')).toHaveLength(1)
    expect(await hubspotByEmail(pair, 'twin2@x.com')).toHaveLength(1)
  })
})

describe('creation with createInSalesforceAs: contact, createInHubSpot: false', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({ contacts: { createInSalesforceAs: 'contact', createInHubSpot: false } })
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-CON-2: setting contact inserts exactly one Contact and no Lead', async () => {
    const id = await createHubSpotContact(pair, { email: 'k@x.com', lastname: 'Kay' })
    await pair.sync()
    expect(await countSalesforce(pair, 'Contact', 'k@x.com')).toBe(1)
    expect(await countSalesforce(pair, 'Lead', 'k@x.com')).toBe(0)
    const contact = await soql<{ Id: string; AccountId: string | null }>(
      pair,
      "SELECT Id, AccountId FROM Contact WHERE Email = 'k@x.com'",
    )
    expect(contact[0]!.AccountId).toBeNull()
    expect((await hubspotContact(pair, id, ['salesforcecontactid']))['salesforcecontactid']).toBe(
      contact[0]!.Id,
    )
  })

  it('B-CON-3: with creation off, a new SF Lead creates no HS contact', async () => {
    await createSalesforce(pair, 'Lead', { LastName: 'Off', Company: 'Acme', Email: 'off@x.com' })
    await pair.sync()
    expect(await hubspotByEmail(pair, 'off@x.com')).toHaveLength(0)
  })
})

describe('connecting and the global switch', () => {
  it('B-INST-6: records that existed before connecting are not copied by a cycle with no changes', async () => {
    const pair = await startSandboxPair()
    try {
      await createSalesforce(pair, 'Lead', { LastName: 'Old', Company: 'Acme', Email: 'old-sf@x.com' })
      await createHubSpotContact(pair, { email: 'old-hs@x.com', lastname: 'Old' })
      await pair.resetCounters()
      await pair.sync()
      await pair.sync()
      expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
      expect(await hubspotByEmail(pair, 'old-sf@x.com')).toHaveLength(0)
    } finally {
      await pair.close()
    }
  })

  it('B-INST-7: switched off, a cycle reads and writes nothing on either side', async () => {
    const pair = await startSandboxPair({ settings: { enabled: false } })
    try {
      await createHubSpotContact(pair, { email: 'paused@x.com', lastname: 'P' })
      await pair.resetCounters()
      await pair.sync()
      expect(await countSalesforce(pair, 'Lead', 'paused@x.com')).toBe(0)
      const hs = (await (await fetch(`${pair.hubspot.basePath}/__sandbox/counters`)).json()) as {
        total: number
      }
      const sf = (await (await fetch(`${pair.salesforce.instanceUrl}/__sandbox/counters`)).json()) as {
        endpoints: Record<string, number>
      }
      expect(hs.total).toBe(0)
      // Only the test's own SOQL above reached Salesforce.
      expect(Object.values(sf.endpoints).reduce((a, b) => a + b, 0)).toBe(1)
    } finally {
      await pair.close()
    }
  })

  it('B-INST-10: with company and deal sync off, a new Account and a new Opportunity create nothing in HubSpot', async () => {
    const pair = await startSandboxPair()
    try {
      await pair.sync()
      const account = await pair.sf.sobject('Account').create({ Name: 'Off Inc' })
      await pair.sf.sobject('Opportunity').create({
        Name: 'Off deal',
        StageName: 'Prospecting',
        CloseDate: '2027-01-31',
        AccountId: account.id,
      })
      await pair.resetCounters()
      await pair.sync()
      expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
      const companies = await pair.hs.crm.companies.basicApi.getPage(10)
      const deals = await pair.hs.crm.deals.basicApi.getPage(10)
      expect(companies.results.map((c) => c.properties['name'])).not.toContain('Off Inc')
      expect(deals.results.map((d) => d.properties['dealname'])).not.toContain('Off deal')
    } finally {
      await pair.close()
    }
  })
})
