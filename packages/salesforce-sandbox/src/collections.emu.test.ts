import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { failure, type Harness, startHarness } from './testing/harness.js'

type Row = Record<string, unknown>
let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

describe('sObject Collections', () => {
  it('reports partial success per item in input order (allOrNone false)', async () => {
    const results = await h.conn.sobject('Lead').create(
      [
        { LastName: 'Good', Company: 'A' },
        { LastName: 'Bad', Company: 'B', Email: 'nope' },
        { LastName: 'Also good', Company: 'C' },
      ],
      { allOrNone: false },
    )
    expect(results.map((r) => r.success)).toEqual([true, false, true])
    const bad = results[1] as {
      success: false
      errors: { statusCode?: string; errorCode?: string; fields?: string[] }[]
    }
    expect(bad.errors[0]).toMatchObject({ statusCode: 'INVALID_EMAIL_ADDRESS', fields: ['Email'] })
  })

  it('rolls every item back under allOrNone', async () => {
    const results = await h.conn.sobject('Lead').create(
      [
        { LastName: 'Rolled', Company: 'A' },
        { LastName: 'Broken', Company: 'B', Status: 'Nope' },
      ],
      { allOrNone: true },
    )
    expect(results.map((r) => r.success)).toEqual([false, false])
    const errors = results.map((r) => (r as { errors: { statusCode: string }[] }).errors[0]!.statusCode)
    expect(errors).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'])
    const left = await h.conn.query("SELECT Id FROM Lead WHERE LastName = 'Rolled'")
    expect(left.totalSize).toBe(0)
  })

  it('restores the incremental order after a rolled-back update: each record is listed once', async () => {
    const created = await h.conn
      .sobject('Account')
      .create([{ Name: 'R1' }, { Name: 'R2' }], { allOrNone: true })
    await h.admin('POST', '/clock', { advanceSeconds: 5 })
    const results = await h.conn.sobject('Account').update(
      [
        { Id: created[0]!.id!, Name: 'R1 renamed' },
        { Id: created[1]!.id!, Website: 'x'.repeat(300) },
      ],
      { allOrNone: true },
    )
    expect(results.map((r) => r.success)).toEqual([false, false])
    const rows = await h.conn.query<Row>(
      "SELECT Id, Name FROM Account WHERE SystemModstamp > 2000-01-01T00:00:00Z AND Name LIKE 'R%' ORDER BY SystemModstamp, Id LIMIT 100",
    )
    expect(rows.records.map((r) => r['Name'])).toEqual(['R1', 'R2'])
  })

  it('updates (lowercase id), upserts by external id, retrieves by POST and deletes', async () => {
    const created = await h.conn
      .sobject('Contact')
      .create([{ LastName: 'One' }, { LastName: 'Two' }], { allOrNone: true })
    const ids = created.map((r) => r.id!)
    const updated = await h.conn.sobject('Contact').update(
      [
        { Id: ids[0]!, Title: 'T1' },
        { Id: ids[1]!, Email: 'bad' },
      ],
      { allOrNone: false },
    )
    expect(updated.map((r) => r.success)).toEqual([true, false])
    expect(updated[1]).toMatchObject({ id: ids[1] })

    const upserted = await h.conn.sobject('Contact').upsert(
      [
        { HubSpot_Id__c: 'c-1', LastName: 'New' },
        { HubSpot_Id__c: 'c-1', LastName: 'Same' },
      ],
      'HubSpot_Id__c',
      { allOrNone: false },
    )
    expect(upserted.map((r) => (r as { created?: boolean }).created)).toEqual([true, false])
    expect(upserted[0]!.id).toBe(upserted[1]!.id)

    const rows = (await h.conn
      .sobject('Contact')
      .retrieve([ids[0]!, '003000000000000AAA', ids[1]!])) as (Row | null)[]
    expect(rows[0]).toMatchObject({ Id: ids[0], Title: 'T1' })
    expect(rows[1]).toBeNull()
    expect(rows[2]).toMatchObject({ Id: ids[1], Email: null })

    const deleted = await h.conn.sobject('Contact').destroy([ids[0]!, ids[0]!], { allOrNone: false })
    expect(deleted.map((r) => r.success)).toEqual([true, false])
    expect((deleted[1] as { errors: { statusCode: string }[] }).errors[0]!.statusCode).toBe(
      'ENTITY_IS_DELETED',
    )
  })

  it('fails the whole request for more than 200 records and for unknown fields', async () => {
    const many = Array.from({ length: 201 }, (_, i) => ({
      attributes: { type: 'Lead' },
      LastName: `L${i}`,
      Company: 'C',
    }))
    const tooMany = await failure(
      h.conn.requestPost('/composite/sobjects', { allOrNone: false, records: many }),
    )
    expect(tooMany.name).toBe('EXCEEDED_ID_LIMIT')
    const unknown = await failure(
      h.conn.sobject('Lead').create([{ LastName: 'A', Company: 'B', Nope__c: 1 }], { allOrNone: false }),
    )
    expect(unknown.name).toBe('INVALID_FIELD')
  })
})
