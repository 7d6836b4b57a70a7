import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { apiError, type Harness, startHarness } from './testing/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})

describe('batch endpoints (api-surface.md 3.3)', () => {
  it('batch create answers 201 with every record; the client accepts it', async () => {
    const inputs = Array.from({ length: 100 }, (_, i) => ({
      properties: { email: `b${i}@example.com`, firstname: `B${i}` },
      associations: [],
    }))
    const created = await h.client.crm.contacts.batchApi.create({ inputs })
    expect(created.status).toBe('COMPLETE')
    expect(created.results).toHaveLength(100)
    expect(created.completedAt).toBeInstanceOf(Date)
  })

  it('refuses more than 100 inputs with 400 VALIDATION_ERROR', async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({
      properties: { email: `over${i}@example.com` },
      associations: [],
    }))
    const error = await apiError(h.client.crm.contacts.batchApi.create({ inputs }))
    expect(error.code).toBe(400)
    expect(error.body['category']).toBe('VALIDATION_ERROR')
  })

  it('batch read answers 207 with OBJECT_NOT_FOUND for missing ids, and reads by email', async () => {
    const { results } = await h.client.crm.contacts.batchApi.create({
      inputs: [
        { properties: { email: 'r1@example.com' }, associations: [] },
        { properties: { email: 'r2@example.com' }, associations: [] },
      ],
    })
    const ids = results.map((r) => r.id)
    const read = await h.client.crm.contacts.batchApi.read({
      inputs: [...ids, '999999'].map((id) => ({ id })),
      properties: ['email'],
      propertiesWithHistory: [],
    })
    expect(read.results.map((r) => r.id).sort()).toEqual([...ids].sort())
    const withErrors = read as typeof read & {
      numErrors?: number
      errors?: Array<{ category: string; context: Record<string, string[]> }>
    }
    expect(withErrors.numErrors).toBe(1)
    expect(withErrors.errors?.[0]).toMatchObject({
      category: 'OBJECT_NOT_FOUND',
      context: { ids: ['999999'] },
    })
    const byEmail = await h.client.crm.contacts.batchApi.read({
      inputs: [{ id: 'R2@example.com' }],
      idProperty: 'email',
      properties: ['email'],
      propertiesWithHistory: [],
    })
    expect(byEmail.results[0]?.properties['email']).toBe('r2@example.com')
  })

  it('batch update changes found records and reports missing ones (207)', async () => {
    const { results } = await h.client.crm.companies.batchApi.create({
      inputs: [{ properties: { name: 'U1' }, associations: [] }],
    })
    const id = results[0]?.id ?? ''
    const updated = await h.client.crm.companies.batchApi.update({
      inputs: [
        { id, properties: { name: 'U1b' } },
        { id: '424242', properties: { name: 'x' } },
      ],
    })
    expect(updated.results.map((r) => r.properties['name'])).toEqual(['U1b'])
    expect((updated as { numErrors?: number }).numErrors).toBe(1)
  })

  it('batch upsert by a unique-value property creates then updates, with the new flag', async () => {
    const api = h.client.crm.contacts.batchApi
    const input = (name: string) => ({
      idProperty: 'crmsync_salesforce_id',
      id: '00Q000000000001',
      properties: { firstname: name, email: 'ups@example.com' },
    })
    const first = await api.upsert({ inputs: [input('First')] })
    expect(first.results[0]).toMatchObject({ _new: true })
    const second = await api.upsert({ inputs: [input('Second')] })
    expect(second.results[0]).toMatchObject({ _new: false, id: first.results[0]?.id })
    expect(second.results[0]?.properties['firstname']).toBe('Second')
    const byEmail = await api.upsert({
      inputs: [{ idProperty: 'email', id: 'UPS@example.com', properties: { lastname: 'ByEmail' } }],
    })
    expect(byEmail.results[0]).toMatchObject({ _new: false, id: first.results[0]?.id })
    const notUnique = await apiError(
      api.upsert({ inputs: [{ idProperty: 'firstname', id: 'x', properties: {} }] }),
    )
    expect(notUnique.code).toBe(400)
  })

  it('batch archive answers 204 and the records leave reads', async () => {
    const { results } = await h.client.crm.deals.batchApi.create({
      inputs: [{ properties: { dealname: 'A1' }, associations: [] }],
    })
    const id = results[0]?.id ?? ''
    await h.client.crm.deals.batchApi.archive({ inputs: [{ id }] })
    expect((await apiError(h.client.crm.deals.basicApi.getById(id))).code).toBe(404)
    const archived = await h.client.crm.deals.basicApi.getPage(
      100,
      undefined,
      ['dealname'],
      undefined,
      undefined,
      true,
    )
    expect(archived.results.map((r) => r.id)).toContain(id)
  })

  it('rejects a batch with a duplicate email inside it and creates none', async () => {
    const inputs = [
      { properties: { email: 'same@example.com' }, associations: [] },
      { properties: { email: 'SAME@example.com' }, associations: [] },
    ]
    expect((await apiError(h.client.crm.contacts.batchApi.create({ inputs }))).code).toBe(400)
    const read = await h.client.crm.contacts.batchApi.read({
      inputs: [{ id: 'same@example.com' }],
      idProperty: 'email',
      properties: [],
      propertiesWithHistory: [],
    })
    expect(read.results).toHaveLength(0)
  })
})
