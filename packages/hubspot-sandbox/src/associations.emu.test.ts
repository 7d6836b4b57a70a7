import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from './testing/harness.js'

let h: Harness
let contactId = ''
let companyId = ''
let dealId = ''
beforeAll(async () => {
  h = await startHarness()
  contactId = (
    await h.client.crm.contacts.basicApi.create({
      properties: { email: 'assoc@example.com' },
      associations: [],
    })
  ).id
  companyId = (
    await h.client.crm.companies.basicApi.create({ properties: { name: 'Assoc Co' }, associations: [] })
  ).id
  dealId = (
    await h.client.crm.deals.basicApi.create({ properties: { dealname: 'Assoc deal' }, associations: [] })
  ).id
})
afterAll(async () => {
  await h.close()
})

const HUBSPOT_DEFINED = 'HUBSPOT_DEFINED' as never

describe('associations v4 (api-surface.md 3.5)', () => {
  it('batch create answers 201 and the inverse direction is visible', async () => {
    const v4 = h.client.crm.associations.v4
    const created = await v4.batchApi.create('contacts', 'companies', {
      inputs: [
        {
          _from: { id: contactId },
          to: { id: companyId },
          types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 279 }],
        },
      ],
    })
    expect(created.results[0]).toMatchObject({
      fromObjectTypeId: '0-1',
      fromObjectId: Number(contactId),
      toObjectTypeId: '0-2',
      toObjectId: Number(companyId),
    })
    const inverse = await v4.basicApi.getPage('companies', companyId, 'contacts')
    expect(
      inverse.results.map((r) => [String(r.toObjectId), r.associationTypes.map((t) => t.typeId)]),
    ).toEqual([[contactId, [280]]])
  })

  it('creates default associations (deal to contact and deal to company)', async () => {
    const v4 = h.client.crm.associations.v4
    const result = await v4.batchApi.createDefault('deals', 'contacts', {
      inputs: [{ _from: { id: dealId }, to: { id: contactId } }],
    })
    expect(result.results[0]?.associationSpec).toMatchObject({ associationTypeId: 3 })
    await v4.basicApi.createDefault('deals', dealId, 'companies', companyId)
    const read = await v4.batchApi.getPage('deals', 'companies', { inputs: [{ id: dealId }] })
    expect(read.results[0]?.to.map((t) => t.associationTypes.map((a) => a.typeId))).toEqual([[341]])
  })

  it('PUT with explicit types answers 201; a primary company replaces the previous primary', async () => {
    const v4 = h.client.crm.associations.v4
    const other = (
      await h.client.crm.companies.basicApi.create({ properties: { name: 'Other Co' }, associations: [] })
    ).id
    await v4.basicApi.create('contacts', contactId, 'companies', companyId, [
      { associationCategory: HUBSPOT_DEFINED, associationTypeId: 1 },
    ])
    await v4.basicApi.create('contacts', contactId, 'companies', other, [
      { associationCategory: HUBSPOT_DEFINED, associationTypeId: 1 },
    ])
    const page = await v4.basicApi.getPage('contacts', contactId, 'companies')
    const types = Object.fromEntries(
      page.results.map((r) => [
        String(r.toObjectId),
        r.associationTypes.map((t) => t.typeId).sort((a, b) => a - b),
      ]),
    )
    expect(types).toEqual({ [companyId]: [279], [other]: [1, 279] })
  })

  it('objects read with associations, v3 style', async () => {
    const read = await h.client.crm.contacts.basicApi.getById(contactId, ['email'], undefined, [
      'companies',
      'deals',
    ])
    expect(read.associations?.['companies']?.results.map((r) => r.id)).toContain(companyId)
    expect(read.associations?.['deals']?.results.map((r) => [r.id, r.type])).toEqual([
      [dealId, 'contact_to_deal'],
    ])
  })

  it('batch archive answers 204 and removes both directions', async () => {
    const v4 = h.client.crm.associations.v4
    await v4.batchApi.archive('deals', 'contacts', {
      inputs: [{ _from: { id: dealId }, to: [{ id: contactId }] }],
    })
    expect((await v4.basicApi.getPage('contacts', contactId, 'deals')).results).toEqual([])
    expect((await v4.basicApi.getPage('deals', dealId, 'contacts')).results).toEqual([])
  })

  it('DELETE of a single edge answers 204; labels can be listed, created and archived', async () => {
    const v4 = h.client.crm.associations.v4
    await v4.basicApi.archive('deals', dealId, 'companies', companyId)
    expect((await v4.basicApi.getPage('deals', dealId, 'companies')).results).toEqual([])
    const labels = await v4.schema.definitionsApi.getAll('contacts', 'companies')
    expect(labels.results.map((l) => l.typeId).sort((a, b) => a - b)).toEqual([1, 279])
    const created = await v4.schema.definitionsApi.create('contacts', 'companies', {
      label: 'Billing contact',
      name: 'billing_contact',
    })
    const typeId = created.results[0]?.typeId ?? 0
    expect(created.results[0]).toMatchObject({ category: 'USER_DEFINED', label: 'Billing contact' })
    await v4.schema.definitionsApi.remove('contacts', 'companies', typeId)
    expect(
      (await v4.schema.definitionsApi.getAll('contacts', 'companies')).results.map((l) => l.typeId),
    ).not.toContain(typeId)
  })
})

describe('merge (api-surface.md 3.10, 8.4)', () => {
  it('merges contacts into a new id; old ids resolve to it; associations move; hs_merged_object_ids accumulates', async () => {
    const api = h.client.crm.contacts.basicApi
    const a = await api.create({
      properties: { email: 'keep@example.com', firstname: 'Keep' },
      associations: [],
    })
    const b = await api.create({
      properties: { email: 'lose@example.com', lastname: 'Loser' },
      associations: [],
    })
    await h.client.crm.associations.v4.basicApi.createDefault('contacts', b.id, 'companies', companyId)
    const survivor = await api.merge({ primaryObjectId: a.id, objectIdToMerge: b.id })
    expect(survivor.id).not.toBe(a.id)
    expect(survivor.properties).toMatchObject({
      email: 'keep@example.com',
      firstname: 'Keep',
      lastname: 'Loser',
    })
    expect(survivor.properties['hs_merged_object_ids']?.split(';').sort()).toEqual([a.id, b.id].sort())
    expect((await api.getById(b.id)).id).toBe(survivor.id)
    expect((await api.getById(a.id)).id).toBe(survivor.id)
    const companies = await h.client.crm.associations.v4.basicApi.getPage(
      'contacts',
      survivor.id,
      'companies',
    )
    expect(companies.results.map((r) => String(r.toObjectId))).toContain(companyId)
    const search = await h.client.crm.contacts.searchApi.doSearch({
      filterGroups: [
        { filters: [{ propertyName: 'hs_object_id', operator: 'IN', values: [a.id, b.id, survivor.id] }] },
      ],
    } as never)
    expect(search.results.map((r) => r.id)).toEqual([survivor.id])
    const c = await api.create({ properties: { email: 'third@example.com' }, associations: [] })
    const again = await api.merge({ primaryObjectId: survivor.id, objectIdToMerge: c.id })
    expect(again.properties['hs_merged_object_ids']?.split(';').sort()).toEqual(
      [a.id, b.id, survivor.id, c.id].sort(),
    )
  })

  it('merges deals keeping the primary id', async () => {
    const api = h.client.crm.deals.basicApi
    const a = await api.create({ properties: { dealname: 'Primary' }, associations: [] })
    const b = await api.create({ properties: { dealname: 'Secondary', amount: '500' }, associations: [] })
    const survivor = await api.merge({ primaryObjectId: a.id, objectIdToMerge: b.id })
    expect(survivor.id).toBe(a.id)
    expect(survivor.properties).toMatchObject({
      dealname: 'Primary',
      amount: '500',
      hs_merged_object_ids: b.id,
    })
  })
})
