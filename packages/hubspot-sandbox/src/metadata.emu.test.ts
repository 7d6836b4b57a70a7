import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { apiError, type Harness, startHarness } from './testing/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness({ seed: 'none' })
})
afterAll(async () => {
  await h.close()
})

describe('owners (api-surface.md 3.6, design.md 4.3)', () => {
  it('lists the people both sandboxes share, with @acme-demo.com emails', async () => {
    const page = await h.client.crm.owners.ownersApi.getPage(undefined, undefined, 100, false)
    expect(page.results.map((o) => `${o.firstName} ${o.lastName} <${o.email}>`)).toEqual([
      'Avery Lindqvist <avery.lindqvist@acme-demo.com>',
      'Bjorn Nakamura <bjorn.nakamura@acme-demo.com>',
      'Camila Okafor <camila.okafor@acme-demo.com>',
      'Dmitri Haugen <dmitri.haugen@acme-demo.com>',
      'Esther Moreau <esther.moreau@acme-demo.com>',
      'Farah Solberg <farah.solberg@acme-demo.com>',
      'Gustav Reyes <gustav.reyes@acme-demo.com>',
    ])
    expect((await h.client.crm.owners.ownersApi.getPage(undefined, undefined, 100, true)).results).toEqual([])
  })

  it('filters by email, pages, and reads by id or userId', async () => {
    const [camila] = (await h.client.crm.owners.ownersApi.getPage('camila.okafor@acme-demo.com')).results
    expect(camila?.lastName).toBe('Okafor')
    const first = await h.client.crm.owners.ownersApi.getPage(undefined, undefined, 3)
    expect(first.results).toHaveLength(3)
    const second = await h.client.crm.owners.ownersApi.getPage(undefined, first.paging?.next?.after, 3)
    expect(second.results[0]?.firstName).toBe('Dmitri')
    const byId = await h.client.crm.owners.ownersApi.getById(Number(camila?.id), 'id')
    expect(byId.email).toBe('camila.okafor@acme-demo.com')
    const byUser = await h.client.crm.owners.ownersApi.getById(camila?.userId ?? 0, 'userId')
    expect(byUser.id).toBe(camila?.id)
  })
})

describe('pipelines (api-surface.md 3.7)', () => {
  it('has the default Sales Pipeline with string metadata', async () => {
    const { results } = await h.client.crm.pipelines.pipelinesApi.getAll('deals')
    expect(results.map((p) => [p.id, p.label])).toEqual([['default', 'Sales Pipeline']])
    const stages = results[0]?.stages ?? []
    expect(stages.map((s) => s.id)).toEqual([
      'appointmentscheduled',
      'qualifiedtobuy',
      'presentationscheduled',
      'decisionmakerboughtin',
      'contractsent',
      'closedwon',
      'closedlost',
    ])
    expect(stages.find((s) => s.id === 'closedwon')?.metadata).toEqual({
      probability: '1.0',
      isClosed: 'true',
    })
  })

  it('creates a pipeline (201) and a stage (201), usable on deals', async () => {
    const api = h.client.crm.pipelines
    const pipeline = await api.pipelinesApi.create('deals', {
      label: 'Salesforce - Standard pipeline',
      displayOrder: 1,
      stages: [{ label: 'Prospecting', displayOrder: 0, metadata: { probability: '0.1' } }],
    })
    const stage = await api.pipelineStagesApi.create('deals', pipeline.id, {
      label: 'Won',
      displayOrder: 1,
      metadata: { probability: '1.0', isClosed: 'true' },
    })
    const deal = await h.client.crm.deals.basicApi.create({
      properties: { dealname: 'P', pipeline: pipeline.id, dealstage: stage.id },
      associations: [],
    })
    expect(deal.properties).toMatchObject({ pipeline: pipeline.id, dealstage: stage.id })
    const read = await h.client.crm.deals.basicApi.getById(deal.id, [
      'hs_is_closed',
      'hs_deal_stage_probability',
    ])
    expect(read.properties).toMatchObject({ hs_is_closed: 'true', hs_deal_stage_probability: '1.0' })
  })
})

describe('properties (api-surface.md 3.8)', () => {
  it('lists and reads properties, including the crmsync link properties in every seed', async () => {
    const contacts = await h.client.crm.properties.coreApi.getAll('contacts')
    const names = contacts.results.map((p) => p.name)
    expect(names).toEqual(
      expect.arrayContaining([
        'email',
        'salesforceleadid',
        'salesforcecontactid',
        'crmsync_salesforce_id',
        'hs_email_optout',
      ]),
    )
    const unique = await h.client.crm.properties.coreApi.getByName('companies', 'crmsync_salesforce_id')
    expect(unique.hasUniqueValue).toBe(true)
    expect((await h.client.crm.properties.coreApi.getByName('companies', 'salesforceaccountid')).type).toBe(
      'string',
    )
    expect((await h.client.crm.properties.coreApi.getByName('deals', 'salesforceopportunityid')).type).toBe(
      'string',
    )
    const lifecycle = await h.client.crm.properties.coreApi.getByName('contacts', 'lifecyclestage')
    expect(lifecycle.options.map((o) => [o.value, o.displayOrder])).toEqual([
      ['subscriber', 0],
      ['lead', 1],
      ['marketingqualifiedlead', 2],
      ['salesqualifiedlead', 3],
      ['opportunity', 4],
      ['customer', 5],
      ['evangelist', 6],
      ['other', 7],
    ])
    const optout = await h.client.crm.properties.coreApi.getByName('contacts', 'hs_email_optout')
    expect(optout.modificationMetadata?.readOnlyValue).toBe(true)
  })

  it('creates a unique-value property (201) usable for idProperty reads and upserts; a duplicate name is 409', async () => {
    const api = h.client.crm.properties.coreApi
    const created = await api.create('contacts', {
      name: 'external_key',
      label: 'External key',
      type: 'string' as never,
      fieldType: 'text' as never,
      groupName: 'contactinformation',
      hasUniqueValue: true,
    })
    expect(created.hasUniqueValue).toBe(true)
    const upsert = await h.client.crm.contacts.batchApi.upsert({
      inputs: [{ idProperty: 'external_key', id: 'K-1', properties: { firstname: 'Key' } }],
    })
    const read = await h.client.crm.contacts.basicApi.getById(
      'K-1',
      ['firstname'],
      undefined,
      undefined,
      false,
      'external_key',
    )
    expect(read.id).toBe(upsert.results[0]?.id)
    const again = await apiError(
      api.create('contacts', {
        name: 'external_key',
        label: 'x',
        type: 'string' as never,
        fieldType: 'text' as never,
        groupName: 'g',
      }),
    )
    expect(again.code).toBe(409)
    const badPair = await apiError(
      api.create('contacts', {
        name: 'bad_pair',
        label: 'x',
        type: 'number' as never,
        fieldType: 'text' as never,
        groupName: 'g',
      }),
    )
    expect(badPair.code).toBe(400)
  })

  it('refuses writes to calculated properties with READ_ONLY_VALUE', async () => {
    const error = await apiError(
      h.client.crm.companies.basicApi.create({
        properties: { name: 'X', hs_object_id: '5' },
        associations: [],
      }),
    )
    expect(error.code).toBe(400)
    expect(error.body['errors']).toEqual([
      {
        message: '"hs_object_id" is a calculated property; its value cannot be set.',
        code: 'READ_ONLY_VALUE',
        context: { propertyName: ['hs_object_id'] },
      },
    ])
  })
})
