import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { apiError, type Harness, startHarness } from './testing/harness.js'

let h: Harness
const contacts: Record<string, string> = {}
beforeAll(async () => {
  h = await startHarness()
  const { results } = await h.client.crm.contacts.batchApi.create({
    inputs: [
      { properties: { email: 'mql@acme.com', lifecyclestage: 'marketingqualifiedlead' }, associations: [] },
      { properties: { email: 'sql@other.org', lifecyclestage: 'salesqualifiedlead' }, associations: [] },
      { properties: { email: 'lead@acme.com', lifecyclestage: 'lead' }, associations: [] },
      { properties: { email: 'none@acme.com' }, associations: [] },
    ],
  })
  for (const r of results) contacts[r.properties['email'] ?? ''] = r.id
})
afterAll(async () => {
  await h.close()
})

const lifecycleIs = (values: string[]) => ({
  filterType: 'PROPERTY',
  property: 'lifecyclestage',
  operation: {
    operationType: 'ENUMERATION',
    operator: 'IS_ANY_OF',
    values,
    includeObjectsWithNoValueSet: false,
  },
})
const emailContains = (value: string) => ({
  filterType: 'PROPERTY',
  property: 'email',
  operation: { operationType: 'STRING', operator: 'CONTAINS', value, includeObjectsWithNoValueSet: false },
})
const branch = (...ands: unknown[][]) => ({
  filterBranchType: 'OR',
  filterBranchOperator: 'OR',
  filters: [],
  filterBranches: ands.map((filters) => ({
    filterBranchType: 'AND',
    filterBranchOperator: 'AND',
    filterBranches: [],
    filters,
  })),
})

describe('lists v3: MANUAL (api-surface.md 3.9)', () => {
  it('creates (200), finds by name, adds and removes members, pages memberships', async () => {
    const lists = h.client.crm.lists
    const { list } = await lists.listsApi.create({
      name: 'Sync these',
      objectTypeId: '0-1',
      processingType: 'MANUAL',
    })
    expect(list).toMatchObject({
      name: 'Sync these',
      processingType: 'MANUAL',
      objectTypeId: '0-1',
      listVersion: 1,
    })
    const byName = await lists.listsApi.getByName('Sync these', '0-1')
    expect(byName.list.listId).toBe(list.listId)
    const ids = Object.values(contacts)
    const added = await lists.membershipsApi.add(list.listId, [...ids, '987654'])
    expect(added.recordsIdsAdded.sort()).toEqual([...ids].sort())
    expect(added.recordIdsMissing).toEqual(['987654'])
    const removed = await lists.membershipsApi.remove(list.listId, [ids[0] ?? ''])
    expect(removed.recordIdsRemoved).toEqual([ids[0]])
    const first = await lists.membershipsApi.getPage(list.listId, undefined, undefined, 2)
    expect(first.results).toHaveLength(2)
    expect(first.results[0]?.membershipTimestamp).toBeInstanceOf(Date)
    const second = await lists.membershipsApi.getPage(list.listId, first.paging?.next?.after, undefined, 2)
    expect([...first.results, ...second.results].map((m) => m.recordId).sort()).toEqual(ids.slice(1).sort())
    const reverse = await lists.membershipsApi.getLists('0-1', ids[1] ?? '')
    expect(reverse.results.map((r) => r.listId)).toEqual([list.listId])
    await lists.listsApi.remove(list.listId)
    expect((await apiError(lists.listsApi.getById(list.listId))).code).toBe(404)
    await lists.listsApi.restore(list.listId)
    expect((await lists.listsApi.getById(list.listId)).list.listId).toBe(list.listId)
  })
})

describe('lists v3: DYNAMIC (api-surface.md 8.2, B-CON-16 inclusion list)', () => {
  it('evaluates OR of AND property filters and follows record changes', async () => {
    const lists = h.client.crm.lists
    const filterBranch = branch(
      [lifecycleIs(['marketingqualifiedlead']), emailContains('@acme.com')],
      [lifecycleIs(['salesqualifiedlead'])],
    )
    const created = await lists.listsApi.create({
      name: 'Qualified',
      objectTypeId: '0-1',
      processingType: 'DYNAMIC',
      filterBranch,
    } as never)
    expect(created.list.processingStatus).toBe('PROCESSING')
    const listId = created.list.listId
    const members = async () =>
      (await lists.membershipsApi.getPage(listId)).results.map((m) => m.recordId).sort()
    expect(await members()).toEqual([contacts['mql@acme.com'], contacts['sql@other.org']].sort())
    expect((await lists.listsApi.getById(listId)).list.processingStatus).toBe('COMPLETE')
    await h.client.crm.contacts.basicApi.update(contacts['lead@acme.com'] ?? '', {
      properties: { lifecyclestage: 'salesqualifiedlead' },
    })
    expect(await members()).toContain(contacts['lead@acme.com'])
    const withFilters = await lists.listsApi.getById(listId, true)
    expect(withFilters.list.filterBranch).toBeDefined()
    expect((await lists.listsApi.getById(listId, false)).list.filterBranch).toBeUndefined()
    await h.client.crm.contacts.basicApi.update(contacts['mql@acme.com'] ?? '', {
      properties: { lifecyclestage: 'customer' },
    })
    expect(await members()).not.toContain(contacts['mql@acme.com'])
    const joiner = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'new@x.org', lifecyclestage: 'salesqualifiedlead' },
      associations: [],
    })
    expect(await members()).toContain(joiner.id)
    await h.client.crm.contacts.basicApi.archive(joiner.id)
    expect(await members()).not.toContain(joiner.id)
  })

  it('refuses manual membership edits on a DYNAMIC list with 400 VALIDATION_ERROR', async () => {
    const lists = h.client.crm.lists
    const { list } = await lists.listsApi.create({
      name: 'Leads',
      objectTypeId: '0-1',
      processingType: 'DYNAMIC',
      filterBranch: branch([lifecycleIs(['lead'])]),
    } as never)
    const error = await apiError(lists.membershipsApi.add(list.listId, [contacts['none@acme.com'] ?? '']))
    expect(error.code).toBe(400)
    expect(error.body).toMatchObject({ category: 'VALIDATION_ERROR' })
    expect(String(error.body['subCategory'])).toMatch(/^ListError\./)
  })

  it('bumps listVersion on updateListFilters and re-evaluates', async () => {
    const lists = h.client.crm.lists
    const { list } = await lists.listsApi.create({
      name: 'Acme people',
      objectTypeId: '0-1',
      processingType: 'DYNAMIC',
      filterBranch: branch([emailContains('@acme.com')]),
    } as never)
    expect((await lists.membershipsApi.getPage(list.listId)).results).toHaveLength(3)
    const updated = await lists.listsApi.updateListFilters(list.listId, {
      filterBranch: branch([emailContains('@other.org')]),
    } as never)
    expect(updated.updatedList?.listVersion).toBe(2)
    expect((await lists.membershipsApi.getPage(list.listId)).results.map((m) => m.recordId)).toEqual([
      contacts['sql@other.org'],
    ])
  })

  it('rejects unsupported filter branches', async () => {
    const bad = { filterBranchType: 'AND', filterBranchOperator: 'AND', filters: [], filterBranches: [] }
    const error = await apiError(
      h.client.crm.lists.listsApi.create({
        name: 'Bad',
        objectTypeId: '0-1',
        processingType: 'DYNAMIC',
        filterBranch: bad,
      } as never),
    )
    expect(error.code).toBe(400)
  })
})
