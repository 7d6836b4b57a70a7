import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SALESFORCE_INDUSTRY_TO_HUBSPOT } from './model/company-industries.js'
import { apiError, type Harness, startHarness } from './testing/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})

type Filter = { propertyName: string; operator: string; value?: string }
const search = (body: Record<string, unknown>) => h.client.crm.companies.searchApi.doSearch(body)
const advance = (ms: number) => h.call('POST', '/__sandbox/clock', { advanceMs: ms })

describe('company properties a Salesforce account sync needs', () => {
  it('are defined with HubSpot types and groups', async () => {
    const { results } = await h.client.crm.properties.coreApi.getAll('companies')
    const shape = Object.fromEntries(results.map((p) => [p.name, `${p.type}/${p.fieldType}`]))
    expect(shape).toMatchObject({
      name: 'string/text',
      domain: 'string/text',
      website: 'string/text',
      phone: 'string/phonenumber',
      address: 'string/text',
      address2: 'string/text',
      city: 'string/text',
      state: 'string/text',
      zip: 'string/text',
      country: 'string/text',
      industry: 'enumeration/select',
      numberofemployees: 'number/number',
      annualrevenue: 'number/number',
      description: 'string/textarea',
      hubspot_owner_id: 'enumeration/select',
      lifecyclestage: 'enumeration/radio',
      type: 'enumeration/select',
      salesforceaccountid: 'string/text',
      crmsync_salesforce_id: 'string/text',
      hs_lastmodifieddate: 'datetime/date',
      num_associated_contacts: 'number/number',
    })
    const byName = new Map(results.map((p) => [p.name, p]))
    expect(byName.get('salesforceaccountid')?.groupName).toBe('salesforceinformation')
    expect(byName.get('crmsync_salesforce_id')?.hasUniqueValue).toBe(true)
    const contactStages = await h.client.crm.properties.coreApi.getByName('contacts', 'lifecyclestage')
    expect(byName.get('lifecyclestage')?.options).toEqual(contactStages.options)
  })

  it("industry takes HubSpot's codes, which hold a counterpart for every Salesforce value but Other", async () => {
    const industry = await h.client.crm.properties.coreApi.getByName('companies', 'industry')
    const values = industry.options.map((o) => o.value)
    expect(values).toEqual(
      expect.arrayContaining(['COMPUTER_SOFTWARE', 'BANKING', 'INFORMATION_TECHNOLOGY_AND_SERVICES']),
    )
    for (const [, target] of SALESFORCE_INDUSTRY_TO_HUBSPOT)
      if (target !== null) expect(values).toContain(target)
    const refused = await apiError(
      h.client.crm.companies.basicApi.create({
        properties: { name: 'SF value', industry: 'Technology' },
        associations: [],
      }),
    )
    expect(refused.code).toBe(400)
    expect(refused.body['errors']).toEqual([expect.objectContaining({ code: 'INVALID_OPTION' })])
    const ok = await h.client.crm.companies.basicApi.create({
      properties: {
        name: 'Coded',
        industry: 'COMPUTER_SOFTWARE',
        numberofemployees: '12',
        annualrevenue: '1500000.50',
      },
      associations: [],
    })
    expect(ok.properties).toMatchObject({ industry: 'COMPUTER_SOFTWARE', numberofemployees: '12' })
  })

  it('batch upsert keyed by crmsync_salesforce_id creates, then updates the same company', async () => {
    const upsert = (id: string, name: string) =>
      h.client.crm.companies.batchApi.upsert({
        inputs: [{ idProperty: 'crmsync_salesforce_id', id, properties: { name, salesforceaccountid: id } }],
      })
    const first = await upsert('001SB0000000001AAA', 'Upserted')
    expect(first.results[0]).toMatchObject({ _new: true })
    const second = await upsert('001SB0000000001AAA', 'Upserted again')
    expect(second.results[0]).toMatchObject({ _new: false, id: first.results[0]?.id })
    const read = await h.client.crm.companies.basicApi.getById(
      '001SB0000000001AAA',
      ['name'],
      undefined,
      undefined,
      false,
      'crmsync_salesforce_id',
    )
    expect(read.properties['name']).toBe('Upserted again')
  })
})

describe('company search by hs_lastmodifieddate (api-surface.md 3.4)', () => {
  const stamps: Record<string, number> = {}
  beforeAll(async () => {
    for (const name of ['S1', 'S2', 'S3']) {
      await advance(1000)
      const created = await h.client.crm.companies.basicApi.create({ properties: { name }, associations: [] })
      stamps[name] = Date.parse(created.properties['hs_lastmodifieddate'] ?? '')
    }
  })
  const names = async (filters: Filter[], direction = 'ASCENDING') =>
    (
      await search({
        filterGroups: [
          { filters: [...filters, { propertyName: 'name', operator: 'IN', values: ['S1', 'S2', 'S3'] }] },
        ],
        sorts: [{ propertyName: 'hs_lastmodifieddate', direction }],
        properties: ['name', 'hs_lastmodifieddate'],
      })
    ).results.map((r) => r.properties['name'])
  const at = (name: string) => String(stamps[name])

  it('filters with GT, GTE, LT, LTE and EQ and sorts both ways', async () => {
    const on = (operator: string, name: string) =>
      names([{ propertyName: 'hs_lastmodifieddate', operator, value: at(name) }])
    expect(await on('GT', 'S1')).toEqual(['S2', 'S3'])
    expect(await on('GTE', 'S2')).toEqual(['S2', 'S3'])
    expect(await on('LT', 'S2')).toEqual(['S1'])
    expect(await on('LTE', 'S2')).toEqual(['S1', 'S2'])
    expect(await on('EQ', 'S3')).toEqual(['S3'])
    expect(await names([], 'DESCENDING')).toEqual(['S3', 'S2', 'S1'])
  })

  it('walks the watermark without other filters; an update moves the company to the end', async () => {
    const byWatermark = async () =>
      (
        await search({
          filterGroups: [
            { filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: at('S2') }] },
          ],
          sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
          properties: ['name'],
        })
      ).results
    expect((await byWatermark()).map((r) => r.properties['name']).slice(0, 2)).toEqual(['S2', 'S3'])
    const s1 = await search({
      filterGroups: [{ filters: [{ propertyName: 'name', operator: 'EQ', value: 'S1' }] }],
    })
    await advance(1000)
    await h.client.crm.companies.basicApi.update(s1.results[0]?.id ?? '', {
      properties: { phone: '+1 555 0100' },
    })
    expect((await byWatermark()).at(-1)?.properties['name']).toBe('S1')
  })

  it('sorts and pages by hs_object_id', async () => {
    const page = async (direction: string) =>
      (await search({ sorts: [{ propertyName: 'hs_object_id', direction }], limit: 200 })).results.map((r) =>
        Number(r.id),
      )
    const ascending = await page('ASCENDING')
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b))
    expect(await page('DESCENDING')).toEqual([...ascending].reverse())
    const after = await search({
      filterGroups: [
        { filters: [{ propertyName: 'hs_object_id', operator: 'GT', value: String(ascending[0]) }] },
      ],
      sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
      limit: 1,
    })
    expect(after.results.map((r) => Number(r.id))).toEqual([ascending[1]])
  })

  it('lags company writes behind the search-lag knob', async () => {
    await h.call('PATCH', '/__sandbox/knobs', { searchLagMs: 30_000 })
    const created = await h.client.crm.companies.basicApi.create({
      properties: { name: 'Lagging' },
      associations: [],
    })
    const filter = {
      filterGroups: [{ filters: [{ propertyName: 'name', operator: 'EQ', value: 'Lagging' }] }],
    }
    expect((await search(filter)).total).toBe(0)
    await advance(31_000)
    expect((await search(filter)).results.map((r) => r.id)).toEqual([created.id])
    await h.call('PATCH', '/__sandbox/knobs', { searchLagMs: 0 })
  })
})

describe('company lifecycle stage through the API (api-surface.md 8.3)', () => {
  it('moves forward; a backward write is ignored as for contacts, and clearing first allows it', async () => {
    const api = h.client.crm.companies.basicApi
    const company = await api.create({
      properties: { name: 'Staged', lifecyclestage: 'lead' },
      associations: [],
    })
    const stage = async () => (await api.getById(company.id, ['lifecyclestage'])).properties['lifecyclestage']
    await api.update(company.id, { properties: { lifecyclestage: 'customer' } })
    expect(await stage()).toBe('customer')
    await api.update(company.id, { properties: { lifecyclestage: 'opportunity' } })
    expect(await stage()).toBe('customer')
    await api.update(company.id, { properties: { lifecyclestage: '' } })
    await api.update(company.id, { properties: { lifecyclestage: 'opportunity' } })
    expect(await stage()).toBe('opportunity')
  })
})
