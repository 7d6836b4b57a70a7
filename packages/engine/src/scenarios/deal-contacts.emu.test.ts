import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import { createHubSpotDeal, createOpportunity, dealLink, pipelinesByLabel } from './deal-helpers.js'
import { createHubSpotContact, createSalesforce, hubspotContact, soql } from './scenario-helpers.js'

/** The HubSpot contacts associated with a deal (v4). */
async function dealContacts(pair: SandboxPair, dealId: string): Promise<string[]> {
  const page = await pair.hs.crm.associations.v4.basicApi.getPage('deals', dealId, 'contacts')
  return page.results.map((r) => String(r.toObjectId)).sort()
}

async function contactRoles(pair: SandboxPair, opportunityId: string): Promise<string[]> {
  const rows = await soql<{ ContactId: string }>(
    pair,
    `SELECT ContactId FROM OpportunityContactRole WHERE OpportunityId = '${opportunityId}'`,
  )
  return rows.map((r) => r.ContactId).sort()
}

/** An SF Contact and the HS contact linked to it by one sync. */
async function linkedContact(pair: SandboxPair, email: string): Promise<{ hs: string; sf: string }> {
  const sf = await createSalesforce(pair, 'Contact', { LastName: email.split('@')[0], Email: email })
  await pair.sync()
  const link = await pair.store.getLink('scenario', 'contact', 'salesforce', sf)
  return { hs: link!.hubspotId, sf }
}

describe('deal contacts and contact roles (B-DEAL-13, B-DEAL-14)', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({
      settings: {
        companies: { sync: true },
        deals: { sync: true },
        lifecycle: { automaticTransitions: true },
      },
      contacts: { createInSalesforceAs: 'contact' },
    })
    await pair.sync()
  })
  afterAll(() => pair.close())

  async function quiet() {
    await pair.resetCounters()
    await pair.sync()
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  }

  it('B-DEAL-13: contact roles become deal-contact associations; a contact linked only through the account is not associated', async () => {
    const k1 = await linkedContact(pair, 'role13a@x.com')
    const k2 = await linkedContact(pair, 'role13b@x.com')
    const account = await pair.sf.sobject('Account').create({ Name: 'Role Account' })
    const k3 = await createSalesforce(pair, 'Contact', {
      LastName: 'Acct',
      Email: 'acct13@x.com',
      AccountId: account.id,
    })
    await pair.sync()
    const id = await createOpportunity(pair, { Name: 'Roles 13', AccountId: account.id })
    for (const contact of [k1.sf, k2.sf])
      await pair.sf.sobject('OpportunityContactRole').create({ OpportunityId: id, ContactId: contact })
    await pair.sync()
    const link = await dealLink(pair, 'salesforce', id)
    expect(await dealContacts(pair, link!.hubspotId)).toEqual([k1.hs, k2.hs].sort())
    expect(k3).toMatch(/^003/)
    await quiet()
    // A role removed in Salesforce is removed from the deal.
    const [role] = await soql<{ Id: string }>(
      pair,
      `SELECT Id FROM OpportunityContactRole WHERE OpportunityId = '${id}' AND ContactId = '${k2.sf}'`,
    )
    await pair.sf.sobject('OpportunityContactRole').destroy(role!.Id)
    await pair.sync()
    expect(await dealContacts(pair, link!.hubspotId)).toEqual([k1.hs])
    await quiet()
  })

  it('B-DEAL-14: an HS contact associated with the deal becomes a contact role of its SF Contact; a Lead never does', async () => {
    const k = await linkedContact(pair, 'role14@x.com')
    // Created in HubSpot, it becomes a Salesforce Contact (createInSalesforceAs: contact), so a role too.
    const other = await createHubSpotContact(pair, { email: 'other14@x.com', lastname: 'Other' })
    const lead = await createSalesforce(pair, 'Lead', {
      LastName: 'Lead',
      Company: 'L',
      Email: 'lead14b@x.com',
    })
    await pair.sync()
    const leadLinked = await pair.store.getLink('scenario', 'contact', 'salesforce', lead)
    const pipeline = (await pipelinesByLabel(pair)).get('Salesforce - New Business')!
    const deal = await createHubSpotDeal(pair, {
      dealname: 'Roles 14',
      closedate: '2027-04-30T12:00:00Z',
      pipeline: pipeline.id,
      dealstage: pipeline.stages.get('Prospecting') ?? '',
    })
    for (const contact of [k.hs, leadLinked!.hubspotId, other])
      await pair.hs.crm.associations.v4.basicApi.createDefault('deals', deal, 'contacts', contact)
    await pair.sync()
    const link = await dealLink(pair, 'hubspot', deal)
    const otherContact = (await pair.store.getLink('scenario', 'contact', 'hubspot', other))!.salesforceId
    expect(otherContact).toMatch(/^003/)
    expect(leadLinked!.salesforceId).toMatch(/^00Q/)
    expect(await contactRoles(pair, link!.salesforceId)).toEqual([k.sf, otherContact].sort())
    await quiet()
  })

  it('B-LCS-2 / B-LCS-3 / B-LCS-5: a contact role on an open opportunity moves the contact to opportunity, Closed Won to customer, never back', async () => {
    const k = await linkedContact(pair, 'lcs2@x.com')
    await pair.hs.crm.contacts.basicApi.update(k.hs, { properties: { lifecyclestage: 'salesqualifiedlead' } })
    await pair.sync()
    const id = await createOpportunity(pair, { Name: 'Lifecycle 2' })
    await pair.sf.sobject('OpportunityContactRole').create({ OpportunityId: id, ContactId: k.sf })
    await pair.sync()
    expect((await hubspotContact(pair, k.hs, ['lifecyclestage']))['lifecyclestage']).toBe('opportunity')
    await pair.sf.sobject('Opportunity').update({ Id: id, StageName: 'Closed Won' })
    await pair.sync()
    expect((await hubspotContact(pair, k.hs, ['lifecyclestage']))['lifecyclestage']).toBe('customer')
    const next = await createOpportunity(pair, { Name: 'Lifecycle 5' })
    await pair.sf.sobject('OpportunityContactRole').create({ OpportunityId: next, ContactId: k.sf })
    await pair.sync()
    expect((await hubspotContact(pair, k.hs, ['lifecyclestage']))['lifecyclestage']).toBe('customer')
  })

  it('B-LCS-4: an opportunity with the account but no contact roles moves nobody', async () => {
    const account = await pair.sf.sobject('Account').create({ Name: 'LCS4 Account' })
    const k = await createSalesforce(pair, 'Contact', {
      LastName: 'Four',
      Email: 'lcs4@x.com',
      AccountId: account.id,
    })
    await pair.sync()
    const link = await pair.store.getLink('scenario', 'contact', 'salesforce', k)
    await createOpportunity(pair, { Name: 'Lifecycle 4', AccountId: account.id, StageName: 'Closed Won' })
    await pair.sync()
    expect((await hubspotContact(pair, link!.hubspotId, ['lifecyclestage']))['lifecyclestage']).not.toBe(
      'customer',
    )
  })

  it('B-LCS-6: setting a contact linked to a Lead to customer never converts the Lead', async () => {
    const lead = await createSalesforce(pair, 'Lead', { LastName: 'Six', Company: 'S', Email: 'lcs6@x.com' })
    await pair.sync()
    const link = await pair.store.getLink('scenario', 'contact', 'salesforce', lead)
    await pair.hs.crm.contacts.basicApi.update(link!.hubspotId, {
      properties: { lifecyclestage: 'customer' },
    })
    await pair.sync()
    const [row] = await soql<{ IsConverted: boolean }>(
      pair,
      `SELECT IsConverted FROM Lead WHERE Id = '${lead}'`,
    )
    expect(row?.IsConverted).toBe(false)
  })
})
