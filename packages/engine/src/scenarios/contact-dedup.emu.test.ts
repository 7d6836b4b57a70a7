import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import {
  countSalesforce,
  createHubSpotContact,
  createSalesforce,
  hubspotByEmail,
  hubspotContact,
  salesforceRecord,
  soql,
  updateHubSpotContact,
} from './scenario-helpers.js'

describe('dedup by email, conversion, one mapping for Lead and Contact', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair()
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-CON-6: a new SF Lead whose email an unlinked HS contact holds links to it; no HS contact is created', async () => {
    const contactId = await createHubSpotContact(pair, { email: 'dup6@x.com', lastname: 'Six' })
    const leadId = await createSalesforce(pair, 'Lead', {
      LastName: 'Six',
      Company: 'A',
      Email: 'dup6@x.com',
    })
    await pair.sync()
    expect(await hubspotByEmail(pair, 'dup6@x.com')).toHaveLength(1)
    expect(await countSalesforce(pair, 'Lead', 'dup6@x.com')).toBe(1)
    const linked = await hubspotContact(pair, contactId, ['salesforceleadid'])
    expect(linked['salesforceleadid']).toBe(leadId)
  })

  it('B-CON-7: a first-time HS contact links to the existing Lead with its email; no SF insert', async () => {
    const quiet = await startSandboxPair({ contacts: { createInHubSpot: false } })
    try {
      await quiet.sync()
      const leadId = await createSalesforce(quiet, 'Lead', {
        LastName: 'Seven',
        Company: 'A',
        Email: 'dup7@x.com',
      })
      await quiet.sync()
      await quiet.resetCounters()
      const id = await createHubSpotContact(quiet, { email: 'dup7@x.com', lastname: 'Seven' })
      await quiet.sync()
      expect(await countSalesforce(quiet, 'Lead', 'dup7@x.com')).toBe(1)
      expect((await hubspotContact(quiet, id, ['salesforceleadid']))['salesforceleadid']).toBe(leadId)
    } finally {
      await quiet.close()
    }
  })

  it('B-CON-9 / B-CON-8: with a Contact and two Leads on one email, a new HS contact links to the Contact', async () => {
    const pairOff = await startSandboxPair({ contacts: { createInHubSpot: false } })
    try {
      await pairOff.sync()
      const l1 = await createSalesforce(pairOff, 'Lead', {
        LastName: 'L1',
        Company: 'A',
        Email: 'nine@x.com',
      })
      await createSalesforce(pairOff, 'Lead', { LastName: 'L2', Company: 'A', Email: 'nine@x.com' })
      const k = await createSalesforce(pairOff, 'Contact', { LastName: 'K', Email: 'nine@x.com' })
      await pairOff.sync()
      const id = await createHubSpotContact(pairOff, { email: 'nine@x.com', lastname: 'Nine' })
      await pairOff.sync()
      const props = await hubspotContact(pairOff, id, ['salesforcecontactid', 'salesforceleadid'])
      expect(props['salesforcecontactid']).toBe(k)
      expect(props['salesforceleadid'] ?? null).not.toBe(l1)
      expect(await countSalesforce(pairOff, 'Contact', 'nine@x.com')).toBe(1)
      expect(await countSalesforce(pairOff, 'Lead', 'nine@x.com')).toBe(2)
    } finally {
      await pairOff.close()
    }
  })

  it('B-CON-8: several Leads with one email: the link follows the one most recently modified', async () => {
    const l1 = await createSalesforce(pair, 'Lead', { LastName: 'First', Company: 'A', Email: 'eight@x.com' })
    await pair.sync()
    const [contact] = await hubspotByEmail(pair, 'eight@x.com', ['salesforceleadid'])
    expect(contact!.properties['salesforceleadid']).toBe(l1)
    const l2 = await createSalesforce(pair, 'Lead', {
      LastName: 'Second',
      Company: 'A',
      Email: 'eight@x.com',
    })
    await pair.sync()
    expect((await hubspotContact(pair, contact!.id, ['salesforceleadid']))['salesforceleadid']).toBe(l2)
    await pair.sf.sobject('Lead').update({ Id: l1, Title: 'Boss' })
    await pair.sync()
    const after = await hubspotContact(pair, contact!.id, ['salesforceleadid', 'jobtitle'])
    expect(after['salesforceleadid']).toBe(l1)
    expect(after['jobtitle']).toBe('Boss')
    expect(await hubspotByEmail(pair, 'eight@x.com')).toHaveLength(1)
  })

  it('B-CON-11: a linked contact that changes again updates its Lead; no new Lead', async () => {
    const id = await createHubSpotContact(pair, { email: 'eleven@x.com', lastname: 'Eleven', company: 'A' })
    await pair.sync()
    await updateHubSpotContact(pair, id, { jobtitle: 'CTO' })
    await pair.sync()
    const leads = await soql<{ Title: string }>(pair, "SELECT Title FROM Lead WHERE Email = 'eleven@x.com'")
    expect(leads).toEqual([expect.objectContaining({ Title: 'CTO' })])
  })

  it('B-CON-12: a converted Lead hands its link to the Contact; later HS edits update the Contact', async () => {
    const id = await createHubSpotContact(pair, {
      email: 'conv@x.com',
      lastname: 'Conv',
      company: 'Conv Inc',
    })
    await pair.sync()
    const leadId = (await hubspotContact(pair, id, ['salesforceleadid']))['salesforceleadid']!
    const result = (await pair.sf.soap.convertLead({
      leadId,
      convertedStatus: 'Closed - Converted',
      doNotCreateOpportunity: true,
    })) as unknown as { contactId: string }
    await pair.sync()
    expect((await hubspotContact(pair, id, ['salesforcecontactid']))['salesforcecontactid']).toBe(
      result.contactId,
    )
    await updateHubSpotContact(pair, id, { jobtitle: 'VP' })
    await pair.sync()
    expect((await salesforceRecord(pair, 'Contact', result.contactId))['Title']).toBe('VP')
  })

  it('B-CON-13 / B-CON-14: jobtitle reaches Lead.Title and Contact.Title; company reaches only Lead.Company', async () => {
    const onLead = await createHubSpotContact(pair, { email: 'c13l@x.com', lastname: 'L', company: 'Before' })
    const pairContact = await startSandboxPair({ contacts: { createInSalesforceAs: 'contact' } })
    try {
      await pairContact.sync()
      const onContact = await createHubSpotContact(pairContact, { email: 'c13k@x.com', lastname: 'K' })
      await Promise.all([pair.sync(), pairContact.sync()])
      await updateHubSpotContact(pair, onLead, { jobtitle: 'Lead title', company: 'After' })
      await updateHubSpotContact(pairContact, onContact, { jobtitle: 'Contact title', company: 'Ignored' })
      const [leadSync, contactSync] = await Promise.all([pair.sync(), pairContact.sync()])
      expect(leadSync.errors).toEqual([])
      expect(contactSync.errors).toEqual([])
      const lead = await soql<{ Title: string; Company: string }>(
        pair,
        "SELECT Title, Company FROM Lead WHERE Email = 'c13l@x.com'",
      )
      // Company went to Lead.Company at create; afterwards prefer-salesforce keeps the non-blank SF value.
      expect(lead[0]).toMatchObject({ Title: 'Lead title', Company: 'Before' })
      const contact = await soql<{ Title: string }>(
        pairContact,
        "SELECT Title FROM Contact WHERE Email = 'c13k@x.com'",
      )
      expect(contact[0]).toMatchObject({ Title: 'Contact title' })
    } finally {
      await pairContact.close()
    }
  })
})
