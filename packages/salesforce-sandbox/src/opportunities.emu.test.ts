// Opportunities and their contact roles as the deal sync (B-DEAL-*) meets them: two record types, stage facts
// that follow StageName, Salesforce's Type values, and OpportunityContactRole's own rules (contacts only, one
// primary, the opportunity fixed, roles deleted with their opportunity or contact, re-parented by a merge).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { failure, type Harness, startHarness } from './testing/harness.js'

type Row = Record<string, unknown>
const strip = ({ attributes: _, ...row }: Row): Row => row

let h: Harness
beforeAll(async () => {
  h = await startHarness({ seed: 'small' })
})
afterAll(() => h.close())

async function now(): Promise<string> {
  return ((await h.admin('GET', '/clock')) as { now: string }).now.replace(/\.\d+Z$/, 'Z')
}

async function newOpportunity(fields: Row = {}): Promise<string> {
  const created = await h.conn.sobject('Opportunity').create({
    Name: 'Roles deal',
    StageName: 'Prospecting',
    CloseDate: '2031-06-30',
    ...fields,
  })
  return created.id!
}

async function newContact(lastName: string): Promise<string> {
  return (await h.conn.sobject('Contact').create({ LastName: lastName })).id!
}

async function rolesOf(opportunityId: string, all = false): Promise<Row[]> {
  const result = await h.conn.query<Row>(
    `SELECT ContactId, Role, IsPrimary, IsDeleted FROM OpportunityContactRole WHERE OpportunityId = '${opportunityId}' ORDER BY CreatedDate, Id`,
    { scanAll: all },
  )
  return result.records.map(strip)
}

describe('record types', () => {
  it('B-DEAL-2: the org has the New Business and Renewal opportunity record types, queryable from RecordType', async () => {
    const types = await h.conn.query<Row>(
      "SELECT Id, Name, DeveloperName, SobjectType, IsActive FROM RecordType WHERE SobjectType = 'Opportunity' ORDER BY Name",
    )
    expect(types.records.map(({ Id: _, ...r }) => strip(r))).toEqual([
      { Name: 'New Business', DeveloperName: 'New_Business', SobjectType: 'Opportunity', IsActive: true },
      { Name: 'Renewal', DeveloperName: 'Renewal', SobjectType: 'Opportunity', IsActive: true },
    ])
  })

  it('B-DEAL-2: seeded opportunities spread over both record types, readable through RecordType.Name', async () => {
    const result = await h.conn.query<Row>('SELECT Id, RecordType.Name, RecordTypeId, Type FROM Opportunity')
    expect(result.totalSize).toBe(80)
    const byType: Record<string, number> = {}
    for (const r of result.records) {
      const name = (r['RecordType'] as { Name: string }).Name
      byType[name] = (byType[name] ?? 0) + 1
      expect(r['RecordTypeId']).toMatch(/^012/)
      expect(r['Type']).toEqual(
        name === 'Renewal' ? expect.stringMatching(/^Existing Customer - /) : 'New Customer',
      )
    }
    expect(byType).toEqual({ 'New Business': 54, Renewal: 26 })
    const renewals = await h.conn.query(
      "SELECT COUNT() FROM Opportunity WHERE RecordType.DeveloperName = 'Renewal'",
    )
    expect(renewals.totalSize).toBe(26)
  })

  it('refuses a record type of another object', async () => {
    const account = await h.conn.query<Row>("SELECT Id FROM RecordType WHERE SobjectType = 'Account'")
    const err = await failure(
      h.conn.sobject('Opportunity').create({
        Name: 'x',
        StageName: 'Prospecting',
        CloseDate: '2031-01-01',
        RecordTypeId: account.records[0]!['Id'],
      }),
    )
    expect(err.errorCode).toBe('INVALID_CROSS_REFERENCE_KEY')
  })
})

describe('the seeded contact roles', () => {
  it('B-DEAL-13: every seeded opportunity has 1 to 3 roles, exactly one primary, all contacts of its account', async () => {
    const result = await h.conn.query<Row>(
      'SELECT Id, AccountId, (SELECT ContactId, Contact.AccountId, IsPrimary, Role FROM OpportunityContactRoles) FROM Opportunity',
    )
    const sizes = new Set<number>()
    for (const opportunity of result.records) {
      const roles = (opportunity['OpportunityContactRoles'] as { records: Row[] }).records
      sizes.add(roles.length)
      expect(roles.filter((r) => r['IsPrimary'] === true)).toHaveLength(1)
      for (const role of roles) expect((role['Contact'] as Row)['AccountId']).toBe(opportunity['AccountId'])
      expect(new Set(roles.map((r) => r['ContactId'])).size).toBe(roles.length)
    }
    expect([...sizes].sort()).toEqual([1, 2, 3])
    expect((await h.conn.query('SELECT COUNT() FROM OpportunityContactRole')).totalSize).toBe(159)
  })

  it('the seed stays deterministic', async () => {
    const soql = 'SELECT OpportunityId, ContactId, Role, IsPrimary FROM OpportunityContactRole ORDER BY Id'
    const first = (await h.conn.query<Row>(soql)).records
    const again = await startHarness({ seed: 'small' })
    try {
      expect((await again.conn.query<Row>(soql)).records).toEqual(first)
    } finally {
      await again.close()
    }
  })
})

describe('opportunity fields', () => {
  it("B-DEAL-10: Amount is currency, CloseDate a date, Type has Salesforce's values", async () => {
    const fields = (await h.conn.sobject('Opportunity').describe()).fields
    const f = (name: string) => fields.find((x) => x.name === name)!
    expect(f('Amount')).toMatchObject({ type: 'currency', precision: 18, scale: 2, nillable: true })
    expect(f('CloseDate')).toMatchObject({ type: 'date', nillable: false })
    const types = f('Type').picklistValues as { value: string }[]
    expect(types.map((p) => p.value)).toEqual([
      'Existing Customer - Upgrade',
      'Existing Customer - Replacement',
      'Existing Customer - Downgrade',
      'New Customer',
    ])
  })

  it('B-DEAL-20: IsClosed, IsWon, Probability and ForecastCategoryName follow StageName on insert and update', async () => {
    const id = await newOpportunity({ StageName: 'Closed Won' })
    const read = async () =>
      strip(
        (
          await h.conn.query<Row>(
            `SELECT StageName, IsClosed, IsWon, Probability, ForecastCategoryName FROM Opportunity WHERE Id = '${id}'`,
          )
        ).records[0]!,
      )
    expect(await read()).toEqual({
      StageName: 'Closed Won',
      IsClosed: true,
      IsWon: true,
      Probability: 100,
      ForecastCategoryName: 'Closed',
    })
    await h.conn.sobject('Opportunity').update({ Id: id, StageName: 'Negotiation/Review' })
    expect(await read()).toEqual({
      StageName: 'Negotiation/Review',
      IsClosed: false,
      IsWon: false,
      Probability: 80,
      ForecastCategoryName: 'Commit',
    })
    await h.conn.sobject('Opportunity').update({ Id: id, StageName: 'Closed Lost' })
    expect(await read()).toMatchObject({
      IsClosed: true,
      IsWon: false,
      Probability: 0,
      ForecastCategoryName: 'Omitted',
    })
    const closed = await failure(h.conn.sobject('Opportunity').update({ Id: id, IsWon: true }))
    expect(closed.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE')
  })
})

describe('OpportunityContactRole rules', () => {
  it('B-DEAL-14: ContactId must be a contact: a Lead id is FIELD_INTEGRITY_EXCEPTION, an unknown contact INVALID_CROSS_REFERENCE_KEY', async () => {
    const opportunityId = await newOpportunity()
    const lead = await h.conn.sobject('Lead').create({ LastName: 'NotAContact', Company: 'L' })
    const asLead = await failure(
      h.conn.sobject('OpportunityContactRole').create({ OpportunityId: opportunityId, ContactId: lead.id! }),
    )
    expect(asLead.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION')
    expect(asLead.data).toMatchObject({
      message: `Contact ID: id value of incorrect type: ${lead.id!}`,
      fields: ['ContactId'],
    })
    const unknown = await failure(
      h.conn
        .sobject('OpportunityContactRole')
        .create({ OpportunityId: opportunityId, ContactId: '003000000000042AAA' }),
    )
    expect(unknown.errorCode).toBe('INVALID_CROSS_REFERENCE_KEY')
    const missing = await failure(
      h.conn.sobject('OpportunityContactRole').create({ OpportunityId: opportunityId }),
    )
    expect(missing.errorCode).toBe('REQUIRED_FIELD_MISSING')
    expect(await rolesOf(opportunityId)).toEqual([])
  })

  it('OpportunityId cannot change; ContactId, Role and IsPrimary can', async () => {
    const first = await newOpportunity()
    const second = await newOpportunity()
    const contact = await newContact('Fixed')
    const other = await newContact('Moved')
    const role = await h.conn
      .sobject('OpportunityContactRole')
      .create({ OpportunityId: first, ContactId: contact, Role: 'Influencer' })
    const err = await failure(
      h.conn.sobject('OpportunityContactRole').update({ Id: role.id!, OpportunityId: second }),
    )
    expect(err.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE')
    await h.conn.sobject('OpportunityContactRole').update({ Id: role.id!, ContactId: other, Role: 'Other' })
    expect(await rolesOf(first)).toEqual([
      { ContactId: other, Role: 'Other', IsPrimary: false, IsDeleted: false },
    ])
  })

  it('B-DEAL-13: one contact may hold two roles on one opportunity; a new primary role makes the old one non-primary', async () => {
    const opportunityId = await newOpportunity()
    const a = await newContact('Twice')
    const b = await newContact('Primary later')
    const roles = h.conn.sobject('OpportunityContactRole')
    await roles.create({
      OpportunityId: opportunityId,
      ContactId: a,
      Role: 'Decision Maker',
      IsPrimary: true,
    })
    await roles.create({ OpportunityId: opportunityId, ContactId: a, Role: 'Economic Buyer' })
    expect((await rolesOf(opportunityId)).map((r) => [r['ContactId'], r['Role'], r['IsPrimary']])).toEqual([
      [a, 'Decision Maker', true],
      [a, 'Economic Buyer', false],
    ])
    await roles.create({ OpportunityId: opportunityId, ContactId: b, Role: 'Influencer', IsPrimary: true })
    expect((await rolesOf(opportunityId)).map((r) => r['IsPrimary'])).toEqual([false, false, true])
  })

  it('B-DEAL-13: roles have their own SystemModstamp, bumped on create and update, for incremental queries', async () => {
    const opportunityId = await newOpportunity()
    const contact = await newContact('Stamped')
    await h.admin('POST', '/clock', { advanceSeconds: 5 })
    const before = await now()
    await h.admin('POST', '/clock', { advanceSeconds: 5 })
    const role = await h.conn
      .sobject('OpportunityContactRole')
      .create({ OpportunityId: opportunityId, ContactId: contact, Role: 'Influencer' })
    const soql = (since: string) =>
      `SELECT Id, SystemModstamp, LastModifiedDate FROM OpportunityContactRole WHERE SystemModstamp > ${since} ORDER BY SystemModstamp, Id`
    const created = await h.conn.query<Row>(soql(before))
    expect(created.records.map((r) => r['Id'])).toEqual([role.id])
    const createdAt = created.records[0]!['SystemModstamp'] as string
    expect(created.records[0]!['LastModifiedDate']).toBe(createdAt)
    await h.admin('POST', '/clock', { advanceSeconds: 5 })
    const middle = await now()
    await h.admin('POST', '/clock', { advanceSeconds: 5 })
    await h.conn.sobject('OpportunityContactRole').update({ Id: role.id!, Role: 'Other' })
    const updated = await h.conn.query<Row>(soql(middle))
    expect(updated.records.map((r) => r['Id'])).toEqual([role.id])
    expect(Date.parse(updated.records[0]!['SystemModstamp'] as string)).toBeGreaterThan(Date.parse(createdAt))
    // The opportunity itself is not modified by its roles.
    const opportunity = await h.conn.query(
      `SELECT Id FROM Opportunity WHERE Id = '${opportunityId}' AND SystemModstamp > ${middle}`,
    )
    expect(opportunity.totalSize).toBe(0)
  })

  it('B-DEAL-8: deleting an opportunity deletes its roles: queryAll shows them IsDeleted, getDeleted lists them', async () => {
    await h.admin('POST', '/clock', { advanceSeconds: 120 })
    const start = new Date(Date.parse(await now()))
    const opportunityId = await newOpportunity()
    const role = await h.conn
      .sobject('OpportunityContactRole')
      .create({ OpportunityId: opportunityId, ContactId: await newContact('Cascaded'), IsPrimary: true })
    await h.conn.sobject('Opportunity').destroy(opportunityId)
    expect(await rolesOf(opportunityId)).toEqual([])
    expect(await rolesOf(opportunityId, true)).toMatchObject([{ IsDeleted: true, IsPrimary: true }])
    await h.admin('POST', '/clock', { advanceSeconds: 120 })
    const deleted = await h.conn
      .sobject('OpportunityContactRole')
      .deleted(start, new Date(start.getTime() + 180_000))
    expect(deleted.deletedRecords.map((d) => d.id)).toEqual([role.id])
  })

  it('deleting a contact deletes its roles; a role deleted on its own too; getDeleted lists both', async () => {
    await h.admin('POST', '/clock', { advanceSeconds: 120 })
    const start = new Date(Date.parse(await now()))
    const opportunityId = await newOpportunity()
    const leaving = await newContact('Leaving')
    const staying = await newContact('Staying')
    const roles = h.conn.sobject('OpportunityContactRole')
    const viaContact = await roles.create({
      OpportunityId: opportunityId,
      ContactId: leaving,
      Role: 'Influencer',
    })
    const direct = await roles.create({ OpportunityId: opportunityId, ContactId: staying, Role: 'Other' })
    await h.conn.sobject('Contact').destroy(leaving)
    await roles.destroy(direct.id!)
    expect(await rolesOf(opportunityId)).toEqual([])
    const all = await rolesOf(opportunityId, true)
    expect(all).toEqual([
      { ContactId: leaving, Role: 'Influencer', IsPrimary: false, IsDeleted: true },
      { ContactId: staying, Role: 'Other', IsPrimary: false, IsDeleted: true },
    ])
    await h.admin('POST', '/clock', { advanceSeconds: 120 })
    const deleted = await roles.deleted(start, new Date(start.getTime() + 180_000))
    expect(deleted.deletedRecords.map((d) => d.id).sort()).toEqual([viaContact.id, direct.id].sort())
  })

  it('merging contacts re-parents the losers roles to the master', async () => {
    const opportunityId = await newOpportunity()
    const master = await newContact('Master')
    const loser = await newContact('Loser')
    const role = await h.conn
      .sobject('OpportunityContactRole')
      .create({ OpportunityId: opportunityId, ContactId: loser, Role: 'Economic Buyer', IsPrimary: true })
    const result = (await h.conn.soap.merge({
      masterRecord: { type: 'Contact', Id: master },
      recordToMergeIds: [loser],
    } as never)) as unknown as { success: boolean; updatedRelatedIds: string[] }
    expect(result).toMatchObject({ success: true, updatedRelatedIds: [role.id] })
    expect(await rolesOf(opportunityId)).toEqual([
      { ContactId: master, Role: 'Economic Buyer', IsPrimary: true, IsDeleted: false },
    ])
  })
})
