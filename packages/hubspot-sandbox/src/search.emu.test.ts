import type { Client } from '@hubspot/api-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { apiError, type Harness, startHarness } from './testing/harness.js'

type Filter = {
  propertyName: string
  operator: string
  value?: string
  values?: string[]
  highValue?: string
}
type Body = {
  filterGroups?: Array<{ filters: Filter[] }>
  sorts?: unknown[]
  properties?: string[]
  limit?: number
  after?: string
  query?: string
}

/** The client types operators as an enum and sorts as strings; plain objects pass through untouched. */
function search(client: Client, type: 'contacts' | 'companies' | 'deals', body: Body) {
  const api =
    type === 'contacts'
      ? client.crm.contacts.searchApi
      : type === 'companies'
        ? client.crm.companies.searchApi
        : client.crm.deals.searchApi
  return api.doSearch(body as never)
}

let h: Harness
const ids: string[] = []
beforeAll(async () => {
  h = await startHarness()
  const { results } = await h.client.crm.contacts.batchApi.create({
    inputs: [
      {
        properties: { email: 'ann@acme.com', firstname: 'Ann', lifecyclestage: 'lead', phone: '1' },
        associations: [],
      },
      {
        properties: { email: 'bob@acme.com', firstname: 'Bob', lifecyclestage: 'customer' },
        associations: [],
      },
      { properties: { email: 'cy@other.org', firstname: 'Cy', lifecyclestage: 'lead' }, associations: [] },
      { properties: { email: 'di@other.org', firstname: 'Di' }, associations: [] },
    ],
  })
  ids.push(...results.map((r) => r.id).sort((a, b) => Number(a) - Number(b)))
})
afterAll(async () => {
  await h.close()
})

describe('search (api-surface.md 3.4)', () => {
  it('ANDs filters in a group and ORs groups', async () => {
    const result = await search(h.client, 'contacts', {
      filterGroups: [
        {
          filters: [
            { propertyName: 'lifecyclestage', operator: 'EQ', value: 'lead' },
            { propertyName: 'email', operator: 'CONTAINS_TOKEN', value: '*@acme.com' },
          ],
        },
        { filters: [{ propertyName: 'firstname', operator: 'EQ', value: 'di' }] },
      ],
      properties: ['firstname'],
    })
    expect(result.results.map((r) => r.properties['firstname']).sort()).toEqual(['Ann', 'Di'])
    expect(result.total).toBe(2)
    expect(Object.keys(result.results[0]?.properties ?? {}).sort()).toEqual([
      'createdate',
      'firstname',
      'hs_object_id',
      'lastmodifieddate',
    ])
  })

  it('supports IN, NOT_IN, NEQ, HAS_PROPERTY, NOT_HAS_PROPERTY and BETWEEN', async () => {
    const names = async (filters: Filter[]) =>
      (
        await search(h.client, 'contacts', {
          filterGroups: [{ filters }],
          properties: ['firstname'],
          sorts: [{ propertyName: 'firstname', direction: 'ASCENDING' }],
        })
      ).results.map((r) => r.properties['firstname'])
    expect(
      await names([{ propertyName: 'lifecyclestage', operator: 'IN', values: ['lead', 'customer'] }]),
    ).toEqual(['Ann', 'Bob', 'Cy'])
    expect(await names([{ propertyName: 'lifecyclestage', operator: 'NOT_IN', values: ['lead'] }])).toEqual([
      'Bob',
      'Di',
    ])
    expect(await names([{ propertyName: 'firstname', operator: 'NEQ', value: 'Ann' }])).toEqual([
      'Bob',
      'Cy',
      'Di',
    ])
    expect(await names([{ propertyName: 'phone', operator: 'HAS_PROPERTY' }])).toEqual(['Ann'])
    expect(await names([{ propertyName: 'lifecyclestage', operator: 'NOT_HAS_PROPERTY' }])).toEqual(['Di'])
    expect(
      await names([
        { propertyName: 'hs_object_id', operator: 'BETWEEN', value: ids[1] ?? '', highValue: ids[2] ?? '' },
      ]),
    ).toEqual(['Bob', 'Cy'])
  })

  it('sorts descending and pages with after until paging is absent', async () => {
    const seen: string[] = []
    let after: string | undefined
    do {
      const page = await search(h.client, 'contacts', {
        sorts: [{ propertyName: 'hs_object_id', direction: 'DESCENDING' }],
        limit: 3,
        ...(after === undefined ? {} : { after }),
      })
      seen.push(...page.results.map((r) => r.id))
      after = page.paging?.next?.after
    } while (after !== undefined)
    expect(seen).toEqual([...ids].reverse())
  })

  it('pages by keyset on hs_object_id GT lastId, the way past the 10k cap', async () => {
    const seen: string[] = []
    let lastId = '0'
    for (;;) {
      const page = await search(h.client, 'contacts', {
        filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'GT', value: lastId }] }],
        sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
        limit: 2,
      })
      if (page.results.length === 0) break
      seen.push(...page.results.map((r) => r.id))
      lastId = page.results.at(-1)?.id ?? lastId
    }
    expect(seen).toEqual(ids)
  })

  it('walks the last-modified watermark with GTE and an ascending sort', async () => {
    const contact = await h.client.crm.contacts.basicApi.getById(ids[2] ?? '', ['lastmodifieddate'])
    const watermark = String(new Date(contact.properties['lastmodifieddate'] ?? '').getTime())
    await h.client.crm.contacts.basicApi.update(ids[0] ?? '', { properties: { firstname: 'Ann2' } })
    const result = await search(h.client, 'contacts', {
      filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: watermark }] }],
      sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
      properties: ['lastmodifieddate'],
    })
    expect(result.results.at(-1)?.id).toBe(ids[0])
    const stamps = result.results.map((r) => Date.parse(r.properties['lastmodifieddate'] ?? ''))
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b))
    expect(stamps.every((stamp) => stamp >= Number(watermark))).toBe(true)
  })

  it('refuses a page larger than 200 and unknown operators with 400', async () => {
    expect((await apiError(search(h.client, 'contacts', { limit: 201 }))).code).toBe(400)
    const error = await apiError(
      search(h.client, 'contacts', {
        filterGroups: [{ filters: [{ propertyName: 'email', operator: 'LIKE', value: 'x' }] }],
      }),
    )
    expect(error.code).toBe(400)
    expect(error.body['category']).toBe('VALIDATION_ERROR')
  })

  it('caps reachable results at 10,000: paging stops and an after past it gets 400', async () => {
    await h.call('POST', '/__sandbox/seed', { seed: { companies: 10_050, engagements: false } })
    const body = { sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }], limit: 200 }
    const last = await search(h.client, 'companies', { ...body, after: '9800' })
    expect(last.total).toBe(10_050)
    expect(last.results).toHaveLength(200)
    expect(last.paging).toBeUndefined()
    const past = await apiError(search(h.client, 'companies', { ...body, after: '10000' }))
    expect(past.code).toBe(400)
  })

  it('lags writes when the search-lag knob is on, like the real index', async () => {
    await h.call('PATCH', '/__sandbox/knobs', { searchLagMs: 60_000 })
    const created = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'late@example.com' },
      associations: [],
    })
    const filter = {
      filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: 'late@example.com' }] }],
    }
    expect((await search(h.client, 'contacts', filter)).total).toBe(0)
    await h.call('POST', '/__sandbox/clock', { advanceMs: 61_000 })
    expect((await search(h.client, 'contacts', filter)).results.map((r) => r.id)).toEqual([created.id])
    await h.call('PATCH', '/__sandbox/knobs', { searchLagMs: 0 })
  })
})
