import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { apiError, type Harness, startHarness } from './testing/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})
// Every step one second later, so "the date moved" and "created first" cannot be same-millisecond accidents.
beforeEach(async () => {
  await h.call('POST', '/__sandbox/clock', { advanceMs: 1000 })
})

const DEFINED = 'HUBSPOT_DEFINED' as never
const ROLLUPS = [
  'num_associated_deals',
  'first_deal_created_date',
  'recent_deal_amount',
  'recent_deal_close_date',
  'total_revenue',
]
const DAY = 86_400_000
const day = (n: number) => new Date(Date.UTC(2026, 0, n)).toISOString()

const newContact = async (email: string) =>
  (await h.client.crm.contacts.basicApi.create({ properties: { email }, associations: [] })).id
const newCompany = async (name: string) =>
  (await h.client.crm.companies.basicApi.create({ properties: { name }, associations: [] })).id

/** A deal linked to a contact (3) and, when given, its primary company (5), created now. */
async function newDeal(properties: Record<string, string>, contactId: string, companyId?: string) {
  const associations = [
    { to: { id: contactId }, types: [{ associationCategory: DEFINED, associationTypeId: 3 }] },
    ...(companyId === undefined
      ? []
      : [{ to: { id: companyId }, types: [{ associationCategory: DEFINED, associationTypeId: 5 }] }]),
  ]
  const deal = await h.client.crm.deals.basicApi.create({
    properties: { pipeline: 'default', ...properties },
    associations,
  })
  await h.call('POST', '/__sandbox/clock', { advanceMs: DAY })
  return deal
}

async function contactRollups(id: string) {
  const { properties } = await h.client.crm.contacts.basicApi.getById(id, [...ROLLUPS, 'lastmodifieddate'])
  return properties
}
async function companyRollups(id: string) {
  return (await h.client.crm.companies.basicApi.getById(id, ROLLUPS)).properties
}

describe('deal roll-ups are read-only calculated properties of contacts and companies', () => {
  it('defines the five on contacts and on companies: calculated, readOnlyValue, number or datetime', async () => {
    for (const type of ['contacts', 'companies'] as const) {
      const all = await h.client.crm.properties.coreApi.getAll(type)
      const found = Object.fromEntries(
        all.results
          .filter((p) => ROLLUPS.includes(p.name))
          .map((p) => [p.name, [p.type, p.calculated, p.modificationMetadata?.readOnlyValue]]),
      )
      expect(found).toEqual({
        num_associated_deals: ['number', true, true],
        first_deal_created_date: ['datetime', true, true],
        recent_deal_amount: ['number', true, true],
        recent_deal_close_date: ['datetime', true, true],
        total_revenue: ['number', true, true],
      })
    }
  })

  it('refuses a write of one with 400 VALIDATION_ERROR / READ_ONLY_VALUE (single, batch, companies too)', async () => {
    const contact = await newContact('readonly@example.com')
    const single = await apiError(
      h.client.crm.contacts.basicApi.update(contact, { properties: { total_revenue: '10' } }),
    )
    expect(single.code).toBe(400)
    expect(single.body).toMatchObject({
      category: 'VALIDATION_ERROR',
      errors: [
        {
          code: 'READ_ONLY_VALUE',
          message: '"total_revenue" is a calculated property; its value cannot be set.',
          context: { propertyName: ['total_revenue'] },
        },
      ],
    })
    const batch = await apiError(
      h.client.crm.contacts.batchApi.update({
        inputs: [{ id: contact, properties: { num_associated_deals: '3' } }],
      }),
    )
    expect(batch.code).toBe(400)
    const company = await apiError(
      h.client.crm.companies.basicApi.create({
        properties: { name: 'RO', recent_deal_close_date: day(3) },
        associations: [],
      }),
    )
    expect(company.body).toMatchObject({ errors: [{ code: 'READ_ONLY_VALUE' }] })
    expect((await contactRollups(contact))['total_revenue']).toBeNull()
  })
})

describe('HubSpot calculates them from the associated deals (docs/deal-rollups.md)', () => {
  it('B-DEAL-17: counts the associated deals and keeps the earliest deal create date', async () => {
    const contact = await newContact('count@example.com')
    const first = await newDeal({ dealname: 'First', dealstage: 'appointmentscheduled' }, contact)
    await newDeal({ dealname: 'Second', dealstage: 'qualifiedtobuy' }, contact)
    const rollups = await contactRollups(contact)
    expect(rollups['num_associated_deals']).toBe('2')
    expect(rollups['first_deal_created_date']).toBe(first.properties['createdate'])
    // Open deals only: no revenue yet.
    expect(rollups['total_revenue']).toBeNull()
    expect(rollups['recent_deal_amount']).toBeNull()
  })

  it('recent deal = the last closed-won deal by close date (not the last created, unlike B-DEAL-18); total revenue sums closed-won amounts (B-DEAL-19)', async () => {
    const contact = await newContact('revenue@example.com')
    const company = await newCompany('Revenue Co')
    await newDeal(
      { dealname: 'O1', dealstage: 'closedwon', closedate: day(10), amount: '100' },
      contact,
      company,
    )
    await newDeal(
      { dealname: 'O2', dealstage: 'closedwon', closedate: day(7), amount: '50' },
      contact,
      company,
    )
    await newDeal(
      { dealname: 'Open', dealstage: 'contractsent', closedate: day(20), amount: '70' },
      contact,
      company,
    )
    await newDeal(
      { dealname: 'Lost', dealstage: 'closedlost', closedate: day(25), amount: '30' },
      contact,
      company,
    )
    const expected = {
      num_associated_deals: '4',
      recent_deal_amount: '100',
      recent_deal_close_date: day(10),
      total_revenue: '150',
    }
    expect(await contactRollups(contact)).toMatchObject(expected)
    expect(await companyRollups(company)).toMatchObject(expected)
  })

  it('a change of an associated deal recomputes, moves lastmodifieddate (a poller finds the contact) and is CALCULATED in history', async () => {
    const contact = await newContact('moves@example.com')
    const won = await newDeal(
      { dealname: 'W', dealstage: 'closedwon', closedate: day(3), amount: '40' },
      contact,
    )
    const before = await contactRollups(contact)
    expect(before['total_revenue']).toBe('40')
    const since = Date.parse(before['lastmodifieddate'] ?? '')

    await h.client.crm.deals.basicApi.update(won.id, { properties: { amount: '45.5' } })
    const after = await contactRollups(contact)
    expect(after).toMatchObject({ total_revenue: '45.5', recent_deal_amount: '45.5' })
    expect(Date.parse(after['lastmodifieddate'] ?? '')).toBeGreaterThan(since)
    const found = await h.client.crm.contacts.searchApi.doSearch({
      filterGroups: [
        { filters: [{ propertyName: 'lastmodifieddate', operator: 'GT', value: String(since) }] },
      ],
      limit: 100,
    } as never)
    expect(found.results.map((r) => r.id)).toContain(contact)
    const history = await h.client.crm.contacts.basicApi.getById(contact, undefined, ['total_revenue'])
    expect(history.propertiesWithHistory?.['total_revenue']?.map((e) => [e.value, e.sourceType])).toEqual([
      ['45.5', 'CALCULATED'],
      ['40', 'CALCULATED'],
    ])

    // Moving the deal out of closed won takes it out of the revenue; a sum that had a value reads 0.
    await h.client.crm.deals.basicApi.update(won.id, { properties: { dealstage: 'closedlost' } })
    expect(await contactRollups(contact)).toMatchObject({
      num_associated_deals: '1',
      total_revenue: '0',
      recent_deal_amount: null,
      recent_deal_close_date: null,
    })
  })

  it('a later close date makes another won deal the recent one; batch updates recompute too', async () => {
    const contact = await newContact('closedate@example.com')
    const a = await newDeal(
      { dealname: 'A', dealstage: 'closedwon', closedate: day(5), amount: '10' },
      contact,
    )
    const b = await newDeal(
      { dealname: 'B', dealstage: 'closedwon', closedate: day(6), amount: '20' },
      contact,
    )
    expect(await contactRollups(contact)).toMatchObject({
      recent_deal_amount: '20',
      recent_deal_close_date: day(6),
    })
    await h.client.crm.deals.batchApi.update({
      inputs: [
        { id: a.id, properties: { closedate: day(9) } },
        { id: b.id, properties: { amount: '25' } },
      ],
    })
    expect(await contactRollups(contact)).toMatchObject({
      recent_deal_amount: '10',
      recent_deal_close_date: day(9),
      total_revenue: '35',
    })
  })

  it('a won stage of another pipeline counts once the deal moves there (closed and probability 1)', async () => {
    const pipelines = h.client.crm.pipelines
    const pipeline = await pipelines.pipelinesApi.create('deals', {
      label: 'Renewals',
      displayOrder: 2,
      stages: [
        { label: 'Open', displayOrder: 0, metadata: { probability: '0.5', isClosed: 'false' } },
        { label: 'Renewed', displayOrder: 1, metadata: { probability: '1', isClosed: 'true' } },
        // Probability 1 but not closed: not won.
        { label: 'Verbal yes', displayOrder: 2, metadata: { probability: '1.0', isClosed: 'false' } },
      ],
    })
    const [, renewed, verbal] = pipeline.stages.sort((x, y) => x.displayOrder - y.displayOrder)
    const contact = await newContact('pipeline@example.com')
    const deal = await newDeal({ dealname: 'R', dealstage: 'appointmentscheduled', amount: '80' }, contact)
    await h.client.crm.deals.basicApi.update(deal.id, {
      properties: { pipeline: pipeline.id, dealstage: verbal?.id ?? '' },
    })
    expect((await contactRollups(contact))['total_revenue']).toBeNull()
    await h.client.crm.deals.basicApi.update(deal.id, { properties: { dealstage: renewed?.id ?? '' } })
    expect((await contactRollups(contact))['total_revenue']).toBe('80')
  })

  it('removing the association, deleting the deal and restoring it recompute', async () => {
    const contact = await newContact('links@example.com')
    const company = await newCompany('Links Co')
    const kept = await newDeal(
      { dealname: 'K', dealstage: 'closedwon', closedate: day(2), amount: '5' },
      contact,
      company,
    )
    const gone = await newDeal(
      { dealname: 'G', dealstage: 'closedwon', closedate: day(4), amount: '7' },
      contact,
      company,
    )
    expect(await contactRollups(contact)).toMatchObject({ num_associated_deals: '2', total_revenue: '12' })

    await h.client.crm.associations.v4.basicApi.archive('deals', gone.id, 'contacts', contact)
    expect(await contactRollups(contact)).toMatchObject({
      num_associated_deals: '1',
      total_revenue: '5',
      recent_deal_close_date: day(2),
    })
    expect(await companyRollups(company)).toMatchObject({ num_associated_deals: '2', total_revenue: '12' })

    await h.client.crm.deals.basicApi.archive(gone.id)
    expect(await companyRollups(company)).toMatchObject({ num_associated_deals: '1', total_revenue: '5' })
    expect((await h.call('POST', `/__sandbox/objects/deals/${gone.id}/restore`)).status).toBe(200)
    expect(await companyRollups(company)).toMatchObject({ num_associated_deals: '2', total_revenue: '12' })

    await h.client.crm.deals.basicApi.archive(kept.id)
    await h.client.crm.deals.basicApi.archive(gone.id)
    expect(await companyRollups(company)).toMatchObject({
      num_associated_deals: '0',
      total_revenue: '0',
      first_deal_created_date: null,
      recent_deal_amount: null,
    })
  })

  it('a deal merge leaves one deal on the contact; a contact merge recomputes the survivor from both', async () => {
    const contact = await newContact('dealmerge@example.com')
    const keep = await newDeal(
      { dealname: 'Keep', dealstage: 'closedwon', closedate: day(3), amount: '10' },
      contact,
    )
    const lose = await newDeal(
      { dealname: 'Lose', dealstage: 'closedwon', closedate: day(8), amount: '90' },
      contact,
    )
    expect((await contactRollups(contact))['total_revenue']).toBe('100')
    await h.client.crm.deals.basicApi.merge({ primaryObjectId: keep.id, objectIdToMerge: lose.id })
    expect(await contactRollups(contact)).toMatchObject({
      num_associated_deals: '1',
      total_revenue: '10',
      recent_deal_close_date: day(3),
    })

    const other = await newContact('dealmerge2@example.com')
    await newDeal({ dealname: 'Other', dealstage: 'closedwon', closedate: day(12), amount: '1' }, other)
    const survivor = await h.client.crm.contacts.basicApi.merge({
      primaryObjectId: contact,
      objectIdToMerge: other,
    })
    expect(await contactRollups(survivor.id)).toMatchObject({
      num_associated_deals: '2',
      total_revenue: '11',
      recent_deal_amount: '1',
      recent_deal_close_date: day(12),
    })
  })
})
