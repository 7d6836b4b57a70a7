import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from './testing/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})

const PRIMARY = 'HUBSPOT_DEFINED' as never
const settings = (body: Record<string, unknown>) => h.call('PATCH', '/__sandbox/settings', body)

/** Companies whose domain is this one, with the properties the setting fills. */
async function companiesWithDomain(domain: string) {
  const page = await h.client.crm.companies.searchApi.doSearch({
    filterGroups: [{ filters: [{ propertyName: 'domain', operator: 'EQ', value: domain }] }],
    properties: ['name', 'domain', 'hs_object_source', 'hs_object_source_label', 'num_associated_contacts'],
  } as never)
  return page.results
}

/** The contact's companies by type id, from the v4 API. */
async function companyLinks(contactId: string): Promise<Record<string, number[]>> {
  const page = await h.client.crm.associations.v4.basicApi.getPage('contacts', contactId, 'companies')
  return Object.fromEntries(
    page.results.map((r) => [
      String(r.toObjectId),
      r.associationTypes.map((t) => t.typeId).sort((a, b) => a - b),
    ]),
  )
}

const associatedCompanyId = async (contactId: string) =>
  (await h.client.crm.contacts.basicApi.getById(contactId, ['associatedcompanyid'])).properties[
    'associatedcompanyid'
  ]

describe('"Create and associate companies with contacts" (Settings > Objects > Companies; B-CMP-5)', () => {
  it('is off by default, so a contact creates no company', async () => {
    expect((await h.call('GET', '/__sandbox/settings')).json).toEqual({
      createAndAssociateCompaniesWithContacts: false,
      autoAssociationExcludedDomains: [],
      syncCompanyLifecycleStageToContacts: false,
    })
    await h.client.crm.contacts.basicApi.create({ properties: { email: 'x@quiet.com' }, associations: [] })
    expect(await companiesWithDomain('quiet.com')).toEqual([])
  })

  it('when on, a new contact gets a primary company named after its domain, marked as made by the setting', async () => {
    const turnedOn = await settings({ createAndAssociateCompaniesWithContacts: true })
    expect(turnedOn.json).toMatchObject({ createAndAssociateCompaniesWithContacts: true })
    const contact = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'ann@acme.com' },
      associations: [],
    })
    const [company, ...more] = await companiesWithDomain('acme.com')
    expect(more).toEqual([])
    expect(company?.properties).toMatchObject({
      name: 'Acme',
      domain: 'acme.com',
      hs_object_source: 'CRM_SETTING',
      hs_object_source_label: 'CRM_SETTING',
      num_associated_contacts: '1',
    })
    expect(await companyLinks(contact.id)).toEqual({ [company?.id ?? '']: [1, 279] })
    expect(await associatedCompanyId(contact.id)).toBe(company?.id)
  })

  it('reuses the company holding the domain, through batch create and batch upsert too', async () => {
    const [acme] = await companiesWithDomain('acme.com')
    const created = await h.client.crm.contacts.batchApi.create({
      inputs: [{ properties: { email: 'bob@acme.com' }, associations: [] }],
    })
    const upserted = await h.client.crm.contacts.batchApi.upsert({
      inputs: [{ idProperty: 'email', id: 'cy@acme.com', properties: { firstname: 'Cy' } }],
    })
    for (const id of [created.results[0]?.id ?? '', upserted.results[0]?.id ?? ''])
      expect(await associatedCompanyId(id)).toBe(acme?.id)
    expect(await companiesWithDomain('acme.com')).toHaveLength(1)
    expect((await companiesWithDomain('acme.com'))[0]?.properties['num_associated_contacts']).toBe('3')
  })

  it('associates when an update sets the email', async () => {
    const contact = await h.client.crm.contacts.basicApi.create({
      properties: { firstname: 'Dan' },
      associations: [],
    })
    expect(await companyLinks(contact.id)).toEqual({})
    await h.client.crm.contacts.basicApi.update(contact.id, { properties: { email: 'dan@globex-corp.com' } })
    const [globex] = await companiesWithDomain('globex-corp.com')
    expect(globex?.properties['name']).toBe('Globex Corp')
    expect(await associatedCompanyId(contact.id)).toBe(globex?.id)
  })

  it('leaves free mail, excluded domains and contacts that already have a primary company alone', async () => {
    await settings({ autoAssociationExcludedDomains: ['Excluded.com'] })
    const initech = await h.client.crm.companies.basicApi.create({
      properties: { name: 'Initech (chosen)' },
      associations: [],
    })
    const { results } = await h.client.crm.contacts.batchApi.create({
      inputs: [
        { properties: { email: 'someone@gmail.com' }, associations: [] },
        { properties: { email: 'someone@excluded.com' }, associations: [] },
        {
          properties: { email: 'peter@initech.com' },
          associations: [
            { to: { id: initech.id }, types: [{ associationCategory: PRIMARY, associationTypeId: 1 }] },
          ],
        },
      ],
    })
    for (const domain of ['gmail.com', 'excluded.com', 'initech.com'])
      expect(await companiesWithDomain(domain)).toEqual([])
    expect(await companyLinks(results[0]?.id ?? '')).toEqual({})
    expect(await associatedCompanyId(results[2]?.id ?? '')).toBe(initech.id)
  })

  it('matches a free-mail contact to an existing company through its website, creating none', async () => {
    const hooli = await h.client.crm.companies.basicApi.create({
      properties: { name: 'Hooli', domain: 'hooli.com' },
      associations: [],
    })
    const contact = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'gavin@yahoo.com', website: 'https://www.hooli.com/' },
      associations: [],
    })
    expect(await associatedCompanyId(contact.id)).toBe(hooli.id)
    expect(await companiesWithDomain('hooli.com')).toHaveLength(1)
  })

  it('applyToExistingContacts (the "Yes" when turning it on) associates the contacts made while it was off', async () => {
    await settings({ createAndAssociateCompaniesWithContacts: false })
    const earlier = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'zed@umbrella.com' },
      associations: [],
    })
    expect(await companiesWithDomain('umbrella.com')).toEqual([])
    await settings({ createAndAssociateCompaniesWithContacts: true, applyToExistingContacts: true })
    const [umbrella] = await companiesWithDomain('umbrella.com')
    expect(await associatedCompanyId(earlier.id)).toBe(umbrella?.id)
    expect(await companiesWithDomain('quiet.com')).toHaveLength(1)
  })

  it('refuses unknown settings and values of the wrong type with 400, changing nothing', async () => {
    for (const body of [{ createAndAssociate: true }, { createAndAssociateCompaniesWithContacts: 'yes' }]) {
      const answer = await settings(body)
      expect(answer.status).toBe(400)
      expect(answer.json).toMatchObject({ category: 'VALIDATION_ERROR' })
    }
    expect((await h.call('GET', '/__sandbox/settings')).json).toMatchObject({
      createAndAssociateCompaniesWithContacts: true,
    })
  })
})
