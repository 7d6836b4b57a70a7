import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from './testing/harness.js'

let h: Harness
let contact = ''
let company = ''
beforeAll(async () => {
  h = await startHarness()
  contact = (
    await h.client.crm.contacts.basicApi.create({ properties: { email: 'v3@example.com' }, associations: [] })
  ).id
  company = (
    await h.client.crm.companies.basicApi.create({ properties: { name: 'V3 Co' }, associations: [] })
  ).id
})
afterAll(async () => {
  await h.close()
})

const associatedCompanyId = async () =>
  (await h.client.crm.contacts.basicApi.getById(contact, ['associatedcompanyid'])).properties[
    'associatedcompanyid'
  ]

describe('associations v3 (client.crm.associations.batchApi; the v3 per-object endpoints)', () => {
  it('lists the named types: contact_to_company is the primary', async () => {
    const types = await h.client.crm.associations.schema.typesApi.getAll('contacts', 'companies')
    expect(types.results.map((t) => [t.id, t.name]).sort()).toEqual([
      ['1', 'contact_to_company'],
      ['279', 'contact_to_company_unlabeled'],
    ])
  })

  it('batch create answers 201, batch read lists the types, batch archive answers 204', async () => {
    const api = h.client.crm.associations.batchApi
    const created = await api.create('contacts', 'companies', {
      inputs: [{ _from: { id: contact }, to: { id: company }, type: 'contact_to_company' }],
    })
    expect(created.results).toEqual([
      expect.objectContaining({ _from: { id: contact }, to: { id: company }, type: 'contact_to_company' }),
    ])
    expect(await associatedCompanyId()).toBe(company)
    const read = await api.read('companies', 'contacts', { inputs: [{ id: company }] })
    expect(read.results[0]?.to.map((t) => [t.id, t.type]).sort()).toEqual([
      [contact, 'company_to_contact'],
      [contact, 'company_to_contact_unlabeled'],
    ])
    await api.archive('contacts', 'companies', {
      inputs: [{ _from: { id: contact }, to: { id: company }, type: 'contact_to_company' }],
    })
    expect(await associatedCompanyId()).toBeNull()
    const left = await h.client.crm.associations.v4.basicApi.getPage('contacts', contact, 'companies')
    expect(left.results.map((r) => r.associationTypes.map((t) => t.typeId))).toEqual([[279]])
  })

  it('per-object PUT, GET and DELETE (apiRequest: the v14 client no longer wraps them)', async () => {
    const path = `/crm/v3/objects/contacts/${contact}/associations/companies/${company}/contact_to_company`
    const put = await h.call('PUT', path)
    expect(put.status).toBe(200)
    const object = put.json as { id: string; associations: { companies: { results: unknown[] } } }
    expect(object.id).toBe(contact)
    expect(object.associations.companies.results).toContainEqual({ id: company, type: 'contact_to_company' })
    const listed = await h.call('GET', `/crm/v3/objects/contacts/${contact}/associations/companies`)
    expect((listed.json as { results: unknown[] }).results).toEqual([
      { id: company, type: 'contact_to_company_unlabeled' },
      { id: company, type: 'contact_to_company' },
    ])
    const removed = await h.call(
      'DELETE',
      `/crm/v3/objects/contacts/${contact}/associations/companies/${company}/contact_to_company_unlabeled`,
    )
    expect(removed.status).toBe(204)
    expect((await h.call('GET', `/crm/v3/objects/contacts/${contact}/associations/companies`)).json).toEqual({
      results: [],
    })
    expect(await associatedCompanyId()).toBeNull()
  })
})
