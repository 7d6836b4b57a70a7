import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from './testing/harness.js'

let h: Harness
const ids: Record<string, string> = {}
beforeAll(async () => {
  h = await startHarness()
  const { results } = await h.client.crm.companies.batchApi.create({
    inputs: [
      { properties: { name: 'Customer One', lifecyclestage: 'customer' }, associations: [] },
      { properties: { name: 'Customer Two', lifecyclestage: 'customer' }, associations: [] },
      { properties: { name: 'Prospect', lifecyclestage: 'lead' }, associations: [] },
      { properties: { name: 'Unstaged' }, associations: [] },
    ],
  })
  for (const r of results) ids[r.properties['name'] ?? ''] = r.id
})
afterAll(async () => {
  await h.close()
})

const customers = {
  filterBranchType: 'OR',
  filterBranchOperator: 'OR',
  filters: [],
  filterBranches: [
    {
      filterBranchType: 'AND',
      filterBranchOperator: 'AND',
      filterBranches: [],
      filters: [
        {
          filterType: 'PROPERTY',
          property: 'lifecyclestage',
          operation: {
            operationType: 'ENUMERATION',
            operator: 'IS_ANY_OF',
            values: ['customer'],
            includeObjectsWithNoValueSet: false,
          },
        },
      ],
    },
  ],
}

describe('company lists (Lists v3 with objectTypeId 0-2; B-CMP-15)', () => {
  it('a DYNAMIC company list selects companies by lifecycle stage and follows their changes', async () => {
    const lists = h.client.crm.lists
    const { list } = await lists.listsApi.create({
      name: 'Customer companies',
      objectTypeId: '0-2',
      processingType: 'DYNAMIC',
      filterBranch: customers as never,
    })
    expect(list).toMatchObject({ objectTypeId: '0-2', processingType: 'DYNAMIC' })
    const members = async () =>
      (await lists.membershipsApi.getPage(list.listId)).results.map((m) => m.recordId).sort()
    expect(await members()).toEqual([ids['Customer One'], ids['Customer Two']].sort())
    await h.client.crm.companies.basicApi.update(ids['Prospect'] ?? '', {
      properties: { lifecyclestage: 'customer' },
    })
    expect(await members()).toContain(ids['Prospect'])
    const reverse = await lists.membershipsApi.getLists('0-2', ids['Prospect'] ?? '')
    expect(reverse.results.map((r) => r.listId)).toEqual([list.listId])
    expect((await lists.listsApi.getByName('Customer companies', '0-2')).list.listId).toBe(list.listId)
    await h.client.crm.companies.basicApi.archive(ids['Customer One'] ?? '')
    expect(await members()).not.toContain(ids['Customer One'])
  })
})
