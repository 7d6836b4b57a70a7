// Person accounts through the SOAP calls (B-PA-5): convertLead makes a person account of a lead without a
// company and a business account otherwise; merge merges person accounts with their person contacts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from './testing/harness.js'

type Row = Record<string, unknown>
interface ConvertResult {
  success: boolean
  accountId: string
  contactId: string
  opportunityId: string | null
  errors?: unknown
}
interface MergeResult {
  success: boolean
  mergedRecordIds: string[]
  updatedRelatedIds: string[]
  errors?: { statusCode: string; message: string }[]
}

let h: Harness
let personType: string
beforeAll(async () => {
  h = await startHarness({ personAccounts: true })
  const types = await h.conn.query<Row>(
    "SELECT Id FROM RecordType WHERE SobjectType = 'Account' AND IsPersonType = true",
  )
  personType = types.records[0]!['Id'] as string
})
afterAll(() => h.close())

const retrieve = (type: string, id: string): Promise<Row> => h.conn.sobject(type).retrieve(id)

async function convert(leadId: string, createOpportunity = false): Promise<ConvertResult> {
  return (await h.conn.soap.convertLead({
    leadId,
    convertedStatus: 'Closed - Converted',
    doNotCreateOpportunity: !createOpportunity,
  })) as unknown as ConvertResult
}

async function merge(masterId: string, loserId: string): Promise<MergeResult> {
  return (await h.conn.soap.merge({
    masterRecord: { type: 'Account', Id: masterId },
    recordToMergeIds: [loserId],
  } as never)) as unknown as MergeResult
}

describe('convertLead with person accounts on', () => {
  it('B-PA-5: a lead with a blank Company converts into a person account and its person contact', async () => {
    const { id } = await h.conn.sobject('Lead').create({
      FirstName: 'Pia',
      LastName: 'Lund',
      Email: 'pia@lund.dk',
      Title: 'Architect',
      City: 'Aarhus',
      LeadSource: 'Web',
    })
    const result = await convert(id!, true)
    expect(result.success).toBe(true)
    const account = await retrieve('Account', result.accountId)
    expect(account).toMatchObject({
      IsPersonAccount: true,
      RecordTypeId: personType,
      Name: 'Pia Lund',
      PersonEmail: 'pia@lund.dk',
      PersonTitle: 'Architect',
      PersonMailingCity: 'Aarhus',
      PersonLeadSource: 'Web',
      PersonContactId: result.contactId,
    })
    expect(await retrieve('Contact', result.contactId)).toMatchObject({
      IsPersonAccount: true,
      AccountId: result.accountId,
      Email: 'pia@lund.dk',
    })
    expect(await retrieve('Lead', id!)).toMatchObject({
      IsConverted: true,
      ConvertedAccountId: result.accountId,
      ConvertedContactId: result.contactId,
      ConvertedOpportunityId: result.opportunityId,
    })
    const role = await h.conn.query<Row>(
      `SELECT ContactId FROM OpportunityContactRole WHERE OpportunityId = '${result.opportunityId!}'`,
    )
    expect(role.records[0]).toMatchObject({ ContactId: result.contactId })
  })

  it('B-PA-5: a lead with a Company converts into a business account as before', async () => {
    const { id } = await h.conn
      .sobject('Lead')
      .create({ FirstName: 'Bo', LastName: 'Berg', Company: 'Berg AB', Email: 'bo@berg.se' })
    const result = await convert(id!)
    expect(result.success).toBe(true)
    expect(await retrieve('Account', result.accountId)).toMatchObject({
      Name: 'Berg AB',
      IsPersonAccount: false,
      PersonContactId: null,
    })
    expect(await retrieve('Contact', result.contactId)).toMatchObject({
      IsPersonAccount: false,
      AccountId: result.accountId,
      Email: 'bo@berg.se',
    })
  })
})

describe('merge with person accounts on', () => {
  it('B-PA-5: merging person accounts merges their person contacts and re-parents the contacts children', async () => {
    const create = async (last: string, email: string): Promise<{ id: string; contactId: string }> => {
      const { id } = await h.conn
        .sobject('Account')
        .create({ RecordTypeId: personType, FirstName: 'Ann', LastName: last, PersonEmail: email })
      return { id: id!, contactId: (await retrieve('Account', id!))['PersonContactId'] as string }
    }
    const master = await create('Master', 'ann@master.io')
    const loser = await create('Loser', 'ann@loser.io')
    const task = await h.conn.sobject('Task').create({ Subject: 'Call Ann', WhoId: loser.contactId })
    const result = await merge(master.id, loser.id)
    expect(result).toMatchObject({ success: true, mergedRecordIds: [loser.id] })
    expect(result.updatedRelatedIds).toContain(task.id)
    expect((await retrieve('Task', task.id!))['WhoId']).toBe(master.contactId)
    const losers = await h.conn.query<Row>(
      `SELECT Id, IsDeleted, MasterRecordId FROM Contact WHERE Id = '${loser.contactId}'`,
      { scanAll: true },
    )
    expect(losers.records[0]).toMatchObject({ IsDeleted: true, MasterRecordId: master.contactId })
    const accounts = await h.conn.query<Row>(
      `SELECT IsDeleted, MasterRecordId FROM Account WHERE Id = '${loser.id}'`,
      { scanAll: true },
    )
    expect(accounts.records[0]).toMatchObject({ IsDeleted: true, MasterRecordId: master.id })
    const live = await h.conn.query<Row>(`SELECT Id FROM Contact WHERE AccountId = '${master.id}'`)
    expect(live.records.map((r) => r['Id'])).toEqual([master.contactId])
  })

  it('B-PA-5: a person account does not merge with a business account; business merges still work', async () => {
    const { id: person } = await h.conn
      .sobject('Account')
      .create({ RecordTypeId: personType, LastName: 'Alone' })
    const { id: business } = await h.conn.sobject('Account').create({ Name: 'Company' })
    const mixed = await merge(person!, business!)
    expect(mixed.success).toBe(false)
    expect(mixed.errors).toMatchObject([{ statusCode: 'INVALID_OPERATION' }])
    expect(await retrieve('Account', business!)).toMatchObject({ IsDeleted: false })
    const { id: other } = await h.conn.sobject('Account').create({ Name: 'Company Dup' })
    expect(await merge(business!, other!)).toMatchObject({ success: true, mergedRecordIds: [other] })
  })
})
