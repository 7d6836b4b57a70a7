import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from './testing/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})

const DEFINED = 'HUBSPOT_DEFINED' as never
const v4 = () => h.client.crm.associations.v4

const newDeal = async (dealname: string) =>
  (
    await h.client.crm.deals.basicApi.create({
      properties: { dealname, dealstage: 'qualifiedtobuy' },
      associations: [],
    })
  ).id
const newContact = async (email: string) =>
  (await h.client.crm.contacts.basicApi.create({ properties: { email }, associations: [] })).id
const newCompany = async (name: string) =>
  (await h.client.crm.companies.basicApi.create({ properties: { name }, associations: [] })).id

/** A batch read's answer as {fromId: {toId: sorted type ids}}. */
async function batchRead(from: string, to: string, ids: string[]) {
  const page = await v4().batchApi.getPage(from, to, { inputs: ids.map((id) => ({ id })) })
  return Object.fromEntries(
    page.results.map((r) => [
      r._from.id,
      Object.fromEntries(
        r.to.map((t) => [
          String(t.toObjectId),
          t.associationTypes.map((a) => a.typeId).sort((a, b) => a - b),
        ]),
      ),
    ]),
  )
}

describe('deal associations v4 (types 3/4, 5/6 primary, 341/342)', () => {
  it('batch create deal→contact (3) reads back from both sides (3 and 4); batch archive removes both', async () => {
    const [d1, d2] = [await newDeal('D1'), await newDeal('D2')]
    const [c1, c2] = [await newContact('dc1@example.com'), await newContact('dc2@example.com')]
    const created = await v4().batchApi.create('deals', 'contacts', {
      inputs: [
        {
          _from: { id: d1 },
          to: { id: c1 },
          types: [{ associationCategory: DEFINED, associationTypeId: 3 }],
        },
        {
          _from: { id: d2 },
          to: { id: c1 },
          types: [{ associationCategory: DEFINED, associationTypeId: 3 }],
        },
        {
          _from: { id: d2 },
          to: { id: c2 },
          types: [{ associationCategory: DEFINED, associationTypeId: 3 }],
        },
      ],
    })
    expect(created.results).toHaveLength(3)
    expect(await batchRead('deals', 'contacts', [d1, d2])).toEqual({
      [d1]: { [c1]: [3] },
      [d2]: { [c1]: [3], [c2]: [3] },
    })
    expect(await batchRead('contacts', 'deals', [c1, c2])).toEqual({
      [c1]: { [d1]: [4], [d2]: [4] },
      [c2]: { [d2]: [4] },
    })
    // From the contact side with the inverse type (4), as a connector writing contact roles might.
    const c3 = await newContact('dc3@example.com')
    await v4().basicApi.create('contacts', c3, 'deals', d1, [
      { associationCategory: DEFINED, associationTypeId: 4 },
    ])
    expect((await batchRead('deals', 'contacts', [d1]))[d1]).toEqual({ [c1]: [3], [c3]: [3] })

    await v4().batchApi.archive('contacts', 'deals', {
      inputs: [{ _from: { id: c1 }, to: [{ id: d1 }, { id: d2 }] }],
    })
    expect(await batchRead('deals', 'contacts', [d1, d2])).toEqual({
      [d1]: { [c3]: [3] },
      [d2]: { [c2]: [3] },
    })
  })

  it('a deal has one primary company (5, with the plain 341); a new primary demotes the old; the company side reads 6/342', async () => {
    const deal = await newDeal('Primary')
    const [first, second] = [await newCompany('First Co'), await newCompany('Second Co')]
    await v4().batchApi.create('deals', 'companies', {
      inputs: [
        {
          _from: { id: deal },
          to: { id: first },
          types: [{ associationCategory: DEFINED, associationTypeId: 5 }],
        },
      ],
    })
    expect((await batchRead('deals', 'companies', [deal]))[deal]).toEqual({ [first]: [5, 341] })
    // The primary written from the company side (6) is the deal's primary too.
    await v4().basicApi.create('companies', second, 'deals', deal, [
      { associationCategory: DEFINED, associationTypeId: 6 },
    ])
    expect((await batchRead('deals', 'companies', [deal]))[deal]).toEqual({
      [first]: [341],
      [second]: [5, 341],
    })
    expect(await batchRead('companies', 'deals', [first, second])).toEqual({
      [first]: { [deal]: [342] },
      [second]: { [deal]: [6, 342] },
    })
  })

  it('archiving the primary label (5) keeps the plain link; archiving 341 removes the link', async () => {
    const deal = await newDeal('Labels')
    const company = await newCompany('Label Co')
    await v4().basicApi.create('deals', deal, 'companies', company, [
      { associationCategory: DEFINED, associationTypeId: 5 },
    ])
    await v4().batchApi.archiveLabels('deals', 'companies', {
      inputs: [
        {
          _from: { id: deal },
          to: { id: company },
          types: [{ associationCategory: DEFINED, associationTypeId: 5 }],
        },
      ],
    })
    expect((await batchRead('deals', 'companies', [deal]))[deal]).toEqual({ [company]: [341] })
    await v4().batchApi.archiveLabels('deals', 'companies', {
      inputs: [
        {
          _from: { id: deal },
          to: { id: company },
          types: [{ associationCategory: DEFINED, associationTypeId: 341 }],
        },
      ],
    })
    expect((await v4().basicApi.getPage('deals', deal, 'companies')).results).toEqual([])
  })
})
