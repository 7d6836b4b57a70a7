import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from './testing/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})
beforeEach(async () => {
  await h.call('POST', '/__sandbox/clock', { advanceMs: 1000 })
})

const DEFINED = 'HUBSPOT_DEFINED' as never
const settings = (body: Record<string, unknown>) => h.call('PATCH', '/__sandbox/settings', body)

const newCompany = async (lifecyclestage?: string) =>
  (
    await h.client.crm.companies.basicApi.create({
      properties: { name: 'H', ...(lifecyclestage === undefined ? {} : { lifecyclestage }) },
      associations: [],
    })
  ).id

/** A contact whose primary company is `companyId` (associatedcompanyid makes the 1/2 association). */
const newContact = async (email: string, companyId: string, lifecyclestage?: string) =>
  (
    await h.client.crm.contacts.basicApi.create({
      properties: {
        email,
        associatedcompanyid: companyId,
        ...(lifecyclestage === undefined ? {} : { lifecyclestage }),
      },
      associations: [],
    })
  ).id

const stageOf = async (contactId: string) =>
  (await h.client.crm.contacts.basicApi.getById(contactId, ['lifecyclestage'])).properties['lifecyclestage']

const setCompanyStage = (companyId: string, lifecyclestage: string) =>
  h.client.crm.companies.basicApi.update(companyId, { properties: { lifecyclestage } })

describe('"Sync lifecycle stages" from a company to its contacts (B-LCS-8)', () => {
  it('is off by default: a company stage change leaves its contacts alone', async () => {
    expect((await h.call('GET', '/__sandbox/settings')).json).toMatchObject({
      syncCompanyLifecycleStageToContacts: false,
    })
    const company = await newCompany()
    const contact = await newContact('off@example.com', company, 'subscriber')
    await setCompanyStage(company, 'customer')
    expect(await stageOf(contact)).toBe('subscriber')
  })

  it('B-LCS-8: when on, H set to lead moves C1 (subscriber) to lead and leaves C2 (opportunity); H to customer moves both', async () => {
    const turnedOn = await settings({ syncCompanyLifecycleStageToContacts: true })
    expect(turnedOn.json).toMatchObject({ syncCompanyLifecycleStageToContacts: true })
    const company = await newCompany()
    const c1 = await newContact('c1@example.com', company, 'subscriber')
    const c2 = await newContact('c2@example.com', company, 'opportunity')
    const blank = await newContact('blank@example.com', company)

    await setCompanyStage(company, 'lead')
    expect([await stageOf(c1), await stageOf(c2), await stageOf(blank)]).toEqual([
      'lead',
      'opportunity',
      'lead',
    ])
    const read = await h.client.crm.contacts.basicApi.getById(
      c1,
      ['hs_lifecyclestage_lead_date'],
      ['lifecyclestage'],
    )
    expect(read.properties['hs_lifecyclestage_lead_date']).not.toBeNull()
    expect(read.propertiesWithHistory?.['lifecyclestage']?.[0]).toMatchObject({
      value: 'lead',
      sourceType: 'CRM_SETTING',
    })

    await setCompanyStage(company, 'customer')
    expect([await stageOf(c1), await stageOf(c2)]).toEqual(['customer', 'customer'])
  })

  it('never moves a contact backwards, and leaves contacts whose primary company is another', async () => {
    await settings({ syncCompanyLifecycleStageToContacts: true })
    const company = await newCompany()
    const ahead = await newContact('ahead@example.com', company, 'evangelist')
    const elsewhere = await newContact('elsewhere@example.com', await newCompany(), 'subscriber')
    // A plain (unlabeled) link: the article speaks of the primary company's contacts only.
    await h.client.crm.associations.v4.basicApi.create('contacts', elsewhere, 'companies', company, [
      { associationCategory: DEFINED, associationTypeId: 279 },
    ])
    await setCompanyStage(company, 'customer')
    expect(await stageOf(ahead)).toBe('evangelist')
    expect(await stageOf(elsewhere)).toBe('subscriber')
  })

  it('is one-way: a contact stage change leaves the company alone; turning it off stops the sync', async () => {
    await settings({ syncCompanyLifecycleStageToContacts: true })
    const company = await newCompany('lead')
    const contact = await newContact('oneway@example.com', company, 'lead')
    await h.client.crm.contacts.basicApi.update(contact, { properties: { lifecyclestage: 'customer' } })
    const read = await h.client.crm.companies.basicApi.getById(company, ['lifecyclestage'])
    expect(read.properties['lifecyclestage']).toBe('lead')

    await settings({ syncCompanyLifecycleStageToContacts: false })
    const later = await newContact('later@example.com', company, 'subscriber')
    await setCompanyStage(company, 'opportunity')
    expect(await stageOf(later)).toBe('subscriber')
  })

  it('refuses a non-boolean value for the setting with 400', async () => {
    expect((await settings({ syncCompanyLifecycleStageToContacts: 'yes' })).status).toBe(400)
  })
})
