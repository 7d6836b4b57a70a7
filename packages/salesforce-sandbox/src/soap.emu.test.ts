import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { failure, type Harness, startHarness } from './testing/harness.js'

type Row = Record<string, unknown>
let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

describe('convertLead (SOAP)', () => {
  it('creates account, contact, opportunity and contact role, and locks the lead', async () => {
    const { id } = await h.conn
      .sobject('Lead')
      .create({ FirstName: 'Con', LastName: 'Vert', Company: 'Convert Inc', Email: 'con@vert.io' })
    const result = await h.conn.soap.convertLead({
      leadId: id!,
      convertedStatus: 'Closed - Converted',
      doNotCreateOpportunity: false,
    })
    const r = result as unknown as {
      success: boolean
      accountId: string
      contactId: string
      opportunityId: string
    }
    expect(r.success).toBe(true)
    const lead = (await h.conn.sobject('Lead').retrieve(id!)) as Row
    expect(lead).toMatchObject({
      IsConverted: true,
      ConvertedAccountId: r.accountId,
      ConvertedContactId: r.contactId,
      ConvertedOpportunityId: r.opportunityId,
      Status: 'Closed - Converted',
    })
    const contact = await h.conn.query<Row>(
      `SELECT Email, Account.Name FROM Contact WHERE Id = '${r.contactId}'`,
    )
    expect(contact.records[0]).toMatchObject({ Email: 'con@vert.io', Account: { Name: 'Convert Inc' } })
    const role = await h.conn.query<Row>(
      `SELECT ContactId, IsPrimary FROM OpportunityContactRole WHERE OpportunityId = '${r.opportunityId}'`,
    )
    expect(role.records[0]).toMatchObject({ ContactId: r.contactId, IsPrimary: true })
    const err = await failure(h.conn.sobject('Lead').update({ Id: id!, Title: 'x' }))
    expect(err.name).toBe('CANNOT_UPDATE_CONVERTED_LEAD')
  })

  it('converts into an existing account without an opportunity and reports bad statuses per lead', async () => {
    const account = await h.conn.sobject('Account').create({ Name: 'Existing' })
    const a = await h.conn.sobject('Lead').create({ LastName: 'A', Company: 'Ignored' })
    const b = await h.conn.sobject('Lead').create({ LastName: 'B', Company: 'B' })
    const results = (await h.conn.soap.convertLead([
      {
        leadId: a.id!,
        convertedStatus: 'Closed - Converted',
        accountId: account.id!,
        doNotCreateOpportunity: true,
      },
      { leadId: b.id!, convertedStatus: 'Open - Not Contacted', doNotCreateOpportunity: true },
    ])) as unknown as {
      success: boolean
      accountId?: string
      opportunityId?: string | null
      errors: { statusCode: string }[]
    }[]
    expect(results[0]).toMatchObject({ success: true, accountId: account.id })
    expect(results[0]!.opportunityId ?? null).toBeNull()
    expect(results[1]!.success).toBe(false)
    expect(results[1]!.errors[0]!.statusCode).toBe('INVALID_STATUS')
  })
})

describe('merge (SOAP)', () => {
  it('deletes losers with MasterRecordId, re-parents children, and shows losers only through queryAll', async () => {
    const master = await h.conn.sobject('Account').create({ Name: 'Master' })
    const loser = await h.conn.sobject('Account').create({ Name: 'Loser' })
    const child = await h.conn.sobject('Contact').create({ LastName: 'Child', AccountId: loser.id! })
    const result = (await h.conn.soap.merge({
      masterRecord: { type: 'Account', Id: master.id!, Description: 'merged' },
      recordToMergeIds: [loser.id!],
    } as never)) as unknown as { success: boolean; mergedRecordIds: string[]; updatedRelatedIds: string[] }
    expect(result).toMatchObject({
      success: true,
      mergedRecordIds: [loser.id],
      updatedRelatedIds: [child.id],
    })
    const contact = (await h.conn.sobject('Contact').retrieve(child.id!)) as Row
    expect(contact['AccountId']).toBe(master.id)
    const masterRow = (await h.conn.sobject('Account').retrieve(master.id!)) as Row
    expect(masterRow['Description']).toBe('merged')
    expect((await h.conn.query(`SELECT Id FROM Account WHERE Id = '${loser.id!}'`)).totalSize).toBe(0)
    const all = await h.conn.query<Row>(
      `SELECT IsDeleted, MasterRecordId FROM Account WHERE Id = '${loser.id!}'`,
      { scanAll: true },
    )
    expect(all.records[0]).toMatchObject({ IsDeleted: true, MasterRecordId: master.id })
    const err = await failure(h.conn.sobject('Account').update({ Id: loser.id!, Name: 'x' }))
    expect(err.name).toBe('ENTITY_IS_DELETED')
  })

  it('answers a bad session id with an INVALID_SESSION_ID fault', async () => {
    const err = await failure(h.connect('00Dnope!AQbad').soap.getServerTimestamp())
    expect(String(err.name) + err.message).toMatch(/INVALID_SESSION_ID/)
  })
})
