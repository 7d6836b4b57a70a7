import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { apiError, type Harness, startHarness } from './testing/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})
// Every step one second later, so "the date moved" cannot be a same-millisecond accident.
beforeEach(async () => {
  await h.call('POST', '/__sandbox/clock', { advanceMs: 1000 })
})

const DEFINED = 'HUBSPOT_DEFINED' as never
const v4 = () => h.client.crm.associations.v4

const newContact = async (email: string) =>
  (await h.client.crm.contacts.basicApi.create({ properties: { email }, associations: [] })).id
const newCompany = async (name: string) =>
  (await h.client.crm.companies.basicApi.create({ properties: { name }, associations: [] })).id

/** A contact's associatedcompanyid and last-modified time (ms). */
async function contactState(id: string) {
  const { properties } = await h.client.crm.contacts.basicApi.getById(id, [
    'associatedcompanyid',
    'lastmodifieddate',
  ])
  return {
    associatedcompanyid: properties['associatedcompanyid'] ?? null,
    modified: Date.parse(properties['lastmodifieddate'] ?? ''),
  }
}

/** A company's contact count and last-modified time (ms). */
async function companyState(id: string) {
  const { properties } = await h.client.crm.companies.basicApi.getById(id, [
    'num_associated_contacts',
    'hs_lastmodifieddate',
  ])
  return {
    contacts: properties['num_associated_contacts'] ?? null,
    modified: Date.parse(properties['hs_lastmodifieddate'] ?? ''),
  }
}

/** Ids of contacts a `lastmodifieddate GT since` search returns, as a sync's capture asks. */
async function modifiedSince(since: number): Promise<string[]> {
  const page = await h.client.crm.contacts.searchApi.doSearch({
    filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GT', value: String(since) }] }],
    sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
    limit: 100,
  } as never)
  return page.results.map((r) => r.id)
}

describe("a contact's primary company shows in associatedcompanyid and moves both dates", () => {
  it('v4 PUT of a primary (1): associatedcompanyid set, the contact found by a lastmodifieddate search, the company counted', async () => {
    const contact = await newContact('p1@example.com')
    const company = await newCompany('P1 Co')
    const [before, companyBefore] = [await contactState(contact), await companyState(company)]
    expect(companyBefore.contacts).toBe('0')
    await h.call('POST', '/__sandbox/clock', { advanceMs: 1000 })
    await v4().basicApi.create('contacts', contact, 'companies', company, [
      { associationCategory: DEFINED, associationTypeId: 1 },
    ])
    const after = await contactState(contact)
    expect(after.associatedcompanyid).toBe(company)
    expect(after.modified).toBeGreaterThan(before.modified)
    expect(await modifiedSince(before.modified)).toContain(contact)
    const companyAfter = await companyState(company)
    expect(companyAfter.contacts).toBe('1')
    expect(companyAfter.modified).toBeGreaterThan(companyBefore.modified)
  })

  it('a new primary through v4 batch create replaces the old one; the old company keeps counting the plain link', async () => {
    const contact = await newContact('p2@example.com')
    const [first, second] = [await newCompany('First'), await newCompany('Second')]
    await v4().basicApi.create('contacts', contact, 'companies', first, [
      { associationCategory: DEFINED, associationTypeId: 1 },
    ])
    const before = await contactState(contact)
    const firstBefore = await companyState(first)
    await h.call('POST', '/__sandbox/clock', { advanceMs: 1000 })
    await v4().batchApi.create('contacts', 'companies', {
      inputs: [
        {
          _from: { id: contact },
          to: { id: second },
          types: [{ associationCategory: DEFINED, associationTypeId: 1 }],
        },
      ],
    })
    const after = await contactState(contact)
    expect(after.associatedcompanyid).toBe(second)
    expect(after.modified).toBeGreaterThan(before.modified)
    const firstAfter = await companyState(first)
    expect(firstAfter.contacts).toBe('1')
    expect(firstAfter.modified).toBeGreaterThan(firstBefore.modified)
    expect((await companyState(second)).contacts).toBe('1')
  })

  it('an unlabeled link (279/280) changes neither date nor associatedcompanyid, only the count', async () => {
    const contact = await newContact('p3@example.com')
    const company = await newCompany('Plain')
    const [before, companyBefore] = [await contactState(contact), await companyState(company)]
    await h.call('POST', '/__sandbox/clock', { advanceMs: 1000 })
    await v4().basicApi.create('companies', company, 'contacts', contact, [
      { associationCategory: DEFINED, associationTypeId: 280 },
    ])
    expect(await contactState(contact)).toEqual(before)
    expect(await companyState(company)).toEqual({ contacts: '1', modified: companyBefore.modified })
    expect(await modifiedSince(before.modified)).not.toContain(contact)
  })

  it('removing the primary clears associatedcompanyid and moves the dates; removing the link lowers the count', async () => {
    const contact = await newContact('p4@example.com')
    const company = await newCompany('Dropped')
    await v4().basicApi.create('contacts', contact, 'companies', company, [
      { associationCategory: DEFINED, associationTypeId: 1 },
    ])
    const before = await contactState(contact)
    await h.call('POST', '/__sandbox/clock', { advanceMs: 1000 })
    await v4().batchApi.archiveLabels('contacts', 'companies', {
      inputs: [
        {
          _from: { id: contact },
          to: { id: company },
          types: [{ associationCategory: DEFINED, associationTypeId: 1 }],
        },
      ],
    })
    const after = await contactState(contact)
    expect(after.associatedcompanyid).toBeNull()
    expect(after.modified).toBeGreaterThan(before.modified)
    expect((await companyState(company)).contacts).toBe('1')
    await v4().basicApi.archive('contacts', contact, 'companies', company)
    expect((await companyState(company)).contacts).toBe('0')
  })

  it('a primary from the company side (2) is the contact primary: still one per contact', async () => {
    const contact = await newContact('p5@example.com')
    const [a, b] = [await newCompany('Side A'), await newCompany('Side B')]
    for (const company of [a, b])
      await v4().basicApi.create('companies', company, 'contacts', contact, [
        { associationCategory: DEFINED, associationTypeId: 2 },
      ])
    const page = await v4().basicApi.getPage('contacts', contact, 'companies')
    const primaries = page.results.filter((r) => r.associationTypes.some((t) => t.typeId === 1))
    expect(primaries.map((r) => String(r.toObjectId))).toEqual([b])
    expect((await contactState(contact)).associatedcompanyid).toBe(b)
  })

  it('associations on create and v3 contact_to_company set it too', async () => {
    const [a, b] = [await newCompany('On create'), await newCompany('Through v3')]
    const created = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'p6@example.com' },
      associations: [{ to: { id: a }, types: [{ associationCategory: DEFINED, associationTypeId: 1 }] }],
    })
    expect(created.properties['associatedcompanyid']).toBe(a)
    const before = await contactState(created.id)
    await h.call('POST', '/__sandbox/clock', { advanceMs: 1000 })
    await h.client.crm.associations.batchApi.create('contacts', 'companies', {
      inputs: [{ _from: { id: created.id }, to: { id: b }, type: 'contact_to_company' }],
    })
    const after = await contactState(created.id)
    expect(after.associatedcompanyid).toBe(b)
    expect(after.modified).toBeGreaterThan(before.modified)
  })

  it('writing associatedcompanyid makes that company the primary; an unknown company is refused', async () => {
    const company = await newCompany('By property')
    const contact = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'p7@example.com', associatedcompanyid: company },
      associations: [],
    })
    const page = await v4().basicApi.getPage('contacts', contact.id, 'companies')
    expect(
      page.results.map((r) => [String(r.toObjectId), r.associationTypes.map((t) => t.typeId).sort()]),
    ).toEqual([[company, [1, 279]]])
    expect((await companyState(company)).contacts).toBe('1')
    const error = await apiError(
      h.client.crm.contacts.basicApi.update(contact.id, { properties: { associatedcompanyid: '999999' } }),
    )
    expect(error.code).toBe(400)
    expect(error.body['errors']).toEqual([
      expect.objectContaining({ code: 'INVALID_OPTION', context: { propertyName: ['associatedcompanyid'] } }),
    ])
  })

  it("archiving the company clears its contacts' associatedcompanyid; archiving a contact lowers the count", async () => {
    const company = await newCompany('Archived')
    const [c1, c2] = [await newContact('p8@example.com'), await newContact('p9@example.com')]
    for (const contact of [c1, c2])
      await v4().basicApi.create('contacts', contact, 'companies', company, [
        { associationCategory: DEFINED, associationTypeId: 1 },
      ])
    await h.client.crm.contacts.basicApi.archive(c2)
    expect((await companyState(company)).contacts).toBe('1')
    await h.client.crm.companies.basicApi.archive(company)
    expect((await contactState(c1)).associatedcompanyid).toBeNull()
  })
})
