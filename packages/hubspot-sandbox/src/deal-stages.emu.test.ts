import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { apiError, type Harness, startHarness } from './testing/harness.js'

let h: Harness
let renewals: { id: string; open: string; won: string }
beforeAll(async () => {
  h = await startHarness()
  const pipeline = await h.client.crm.pipelines.pipelinesApi.create('deals', {
    label: 'Renewals',
    displayOrder: 1,
    stages: [
      { label: 'Open', displayOrder: 0, metadata: { probability: '0.5', isClosed: 'false' } },
      { label: 'Renewed', displayOrder: 1, metadata: { probability: '1.0', isClosed: 'true' } },
    ],
  })
  const [open, won] = pipeline.stages.sort((a, b) => a.displayOrder - b.displayOrder)
  renewals = { id: pipeline.id, open: open?.id ?? '', won: won?.id ?? '' }
})
afterAll(async () => {
  await h.close()
})

const DEFAULT_STAGES =
  'appointmentscheduled, qualifiedtobuy, presentationscheduled, decisionmakerboughtin, contractsent, closedwon, closedlost'

const createDeal = (properties: Record<string, string>) =>
  h.client.crm.deals.basicApi.create({ properties, associations: [] })

describe("a deal's dealstage must be a stage of its pipeline (api-surface.md 8.5)", () => {
  it("refuses a stage of another pipeline on create with INVALID_OPTION and HubSpot's dealstage text", async () => {
    const error = await apiError(createDeal({ dealname: 'X', pipeline: 'default', dealstage: renewals.won }))
    expect(error.code).toBe(400)
    expect(error.body).toMatchObject({
      category: 'VALIDATION_ERROR',
      errors: [
        {
          code: 'INVALID_OPTION',
          message: `${renewals.won} is not a valid pipeline stage ID. Valid options are: pipelineId=default : [${DEFAULT_STAGES}]`,
          context: { propertyName: ['dealstage'] },
        },
      ],
    })
    // Without a pipeline the deal lands in the default pipeline, so the same stage is refused there too.
    expect((await apiError(createDeal({ dealname: 'Y', dealstage: renewals.open }))).code).toBe(400)
  })

  it('refuses the whole batch create when one input has a bad stage; nothing is written', async () => {
    const before = await h.client.crm.deals.basicApi.getPage(100)
    const error = await apiError(
      h.client.crm.deals.batchApi.create({
        inputs: [
          { properties: { dealname: 'Good', dealstage: 'closedwon' }, associations: [] },
          { properties: { dealname: 'Bad', dealstage: 'nosuchstage' }, associations: [] },
        ],
      }),
    )
    expect(error.code).toBe(400)
    expect((await h.client.crm.deals.basicApi.getPage(100)).results).toHaveLength(before.results.length)
  })

  it('refuses a pipeline move that keeps a stage the new pipeline lacks; accepts it with a stage of it', async () => {
    const deal = await createDeal({ dealname: 'Move', dealstage: 'qualifiedtobuy' })
    const moved = await apiError(
      h.client.crm.deals.basicApi.update(deal.id, { properties: { pipeline: renewals.id } }),
    )
    expect(moved.code).toBe(400)
    expect(moved.body).toMatchObject({
      errors: [{ code: 'INVALID_OPTION', context: { propertyName: ['dealstage'] } }],
    })
    const stayed = await h.client.crm.deals.basicApi.getById(deal.id, ['pipeline', 'dealstage'])
    expect(stayed.properties).toMatchObject({ pipeline: 'default', dealstage: 'qualifiedtobuy' })

    const batch = await apiError(
      h.client.crm.deals.batchApi.update({
        inputs: [{ id: deal.id, properties: { dealstage: renewals.open } }],
      }),
    )
    expect(batch.code).toBe(400)

    await h.client.crm.deals.basicApi.update(deal.id, {
      properties: { pipeline: renewals.id, dealstage: renewals.open },
    })
    const read = await h.client.crm.deals.basicApi.getById(deal.id, ['pipeline', 'dealstage'])
    expect(read.properties).toMatchObject({ pipeline: renewals.id, dealstage: renewals.open })
  })

  it('accepts a deal with a pipeline and no stage (HubSpot documents dealstage as recommended; see docs/deal-rollups.md)', async () => {
    const deal = await createDeal({ dealname: 'No stage', pipeline: renewals.id })
    const read = await h.client.crm.deals.basicApi.getById(deal.id, [
      'pipeline',
      'dealstage',
      'hs_is_closed_won',
    ])
    expect(read.properties).toMatchObject({ pipeline: renewals.id, dealstage: null, hs_is_closed_won: null })
  })
})

describe('hs_is_closed and hs_is_closed_won follow the stage', () => {
  it('closed won, closed lost, open and a won stage of another pipeline', async () => {
    const flags = async (stage: Record<string, string>) => {
      const deal = await createDeal({ dealname: 'F', ...stage })
      const { properties } = await h.client.crm.deals.basicApi.getById(deal.id, [
        'hs_is_closed',
        'hs_is_closed_won',
      ])
      return [properties['hs_is_closed'], properties['hs_is_closed_won']]
    }
    expect(await flags({ dealstage: 'closedwon' })).toEqual(['true', 'true'])
    expect(await flags({ dealstage: 'closedlost' })).toEqual(['true', 'false'])
    expect(await flags({ dealstage: 'contractsent' })).toEqual(['false', 'false'])
    expect(await flags({ pipeline: renewals.id, dealstage: renewals.won })).toEqual(['true', 'true'])
  })
})

describe('dealstage and pipeline in search', () => {
  it('filters by both and returns them', async () => {
    const deal = await createDeal({ dealname: 'Searchable', pipeline: renewals.id, dealstage: renewals.won })
    const page = await h.client.crm.deals.searchApi.doSearch({
      filterGroups: [
        {
          filters: [
            { propertyName: 'pipeline', operator: 'EQ', value: renewals.id },
            { propertyName: 'dealstage', operator: 'IN', values: [renewals.won] },
          ],
        },
      ],
      properties: ['dealname', 'pipeline', 'dealstage'],
      limit: 100,
    } as never)
    expect(
      page.results.map((r) => [r.id, r.properties['pipeline'], r.properties['dealstage']]),
    ).toContainEqual([deal.id, renewals.id, renewals.won])
    expect(page.results.every((r) => r.properties['dealstage'] === renewals.won)).toBe(true)
  })
})
