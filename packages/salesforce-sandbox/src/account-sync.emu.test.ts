// What an account sync needs from Account, as Lead and Contact have it (B-CMP, B-PA-2): the connector's
// external-id field `HubSpot_Id__c` for upserts, Collections, queryAll with IsDeleted/MasterRecordId in
// SystemModstamp order, replication, and contacts whose AccountId changes showing up as changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { failure, type Harness, startHarness } from './testing/harness.js'

type Row = Record<string, unknown>
let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

/** The sandbox time at second precision, the precision of SystemModstamp. */
async function now(): Promise<string> {
  const { now } = (await h.admin('GET', '/clock')) as { now: string }
  return new Date(Math.floor(Date.parse(now) / 1000) * 1000).toISOString()
}

describe('Account external id', () => {
  it('B-PA-2: Account has the unique, case-insensitive external-id field HubSpot_Id__c', async () => {
    const fields = (await h.conn.sobject('Account').describe()).fields
    expect(fields.find((f) => f.name === 'HubSpot_Id__c')).toMatchObject({
      type: 'string',
      externalId: true,
      unique: true,
      idLookup: true,
      caseSensitive: false,
    })
    expect(fields.map((f) => f.name)).toContain('HubSpot_Company_Id__c')
  })

  it('B-PA-2: upserts by HubSpot_Id__c, one record (201/200) and as a collection', async () => {
    const account = h.conn.sobject('Account')
    const created = await account.upsert({ HubSpot_Id__c: 'co-1', Name: 'Upsert One' }, 'HubSpot_Id__c')
    expect(created).toMatchObject({ success: true, created: true })
    const again = await account.upsert({ HubSpot_Id__c: 'CO-1', Website: 'https://one.io' }, 'HubSpot_Id__c')
    expect(again).toMatchObject({ success: true, created: false, id: created.id })
    const byValue = await h.conn.request<Row>('/sobjects/Account/HubSpot_Id__c/co-1')
    expect(byValue).toMatchObject({ Id: created.id, Name: 'Upsert One', Website: 'https://one.io' })
    const raw = await h.fetch('/services/data/v59.0/composite/sobjects/Account/HubSpot_Id__c', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        allOrNone: false,
        records: [
          { attributes: { type: 'Account' }, HubSpot_Id__c: 'co-1', Industry: 'Retail' },
          { attributes: { type: 'Account' }, HubSpot_Id__c: 'co-2', Name: 'Upsert Two' },
        ],
      }),
    })
    expect(raw.status).toBe(200)
    expect(await raw.json()).toMatchObject([
      { id: created.id, success: true, created: false },
      { success: true, created: true },
    ])
    const duplicate = await failure(account.create({ Name: 'Dup', HubSpot_Id__c: 'CO-2' }))
    expect(duplicate.errorCode).toBe('DUPLICATE_VALUE')
  })
})

describe('Account change capture', () => {
  it('B-PA-2: Collections, queryAll in SystemModstamp order with deletes and merges, and /updated', async () => {
    await h.admin('POST', '/clock', { advanceSeconds: 120 })
    const start = await now()
    const account = h.conn.sobject('Account')
    const created = await account.create(
      ['A', 'B', 'C', 'D'].map((n) => ({ Name: `Sync ${n}`, HubSpot_Id__c: `sync-${n}` })),
      { allOrNone: true },
    )
    const [a, b, c, d] = created.map((r) => r.id!)
    await h.admin('POST', '/clock', { advanceSeconds: 5 })
    expect(await account.update([{ Id: a!, Industry: 'Banking' }], { allOrNone: true })).toMatchObject([
      { success: true },
    ])
    const retrieved = (await account.retrieve([a!, b!], { fields: ['Name', 'HubSpot_Id__c'] })) as Row[]
    expect(retrieved.map((r) => r['HubSpot_Id__c'])).toEqual(['sync-A', 'sync-B'])
    await account.destroy(c!)
    await h.conn.soap.merge({ masterRecord: { type: 'Account', Id: b! }, recordToMergeIds: [d!] } as never)

    const rows = await h.conn.query<Row>(
      `SELECT Id, HubSpot_Id__c, IsDeleted, MasterRecordId, SystemModstamp FROM Account WHERE SystemModstamp >= ${start} AND HubSpot_Id__c LIKE 'sync-%' ORDER BY SystemModstamp, Id`,
      { scanAll: true },
    )
    const stamps = rows.records.map((r) => Date.parse(String(r['SystemModstamp'])))
    expect(stamps).toEqual([...stamps].sort((x, y) => x - y))
    expect(rows.records.find((r) => r['Id'] === c)).toMatchObject({ IsDeleted: true, MasterRecordId: null })
    expect(rows.records.find((r) => r['Id'] === d)).toMatchObject({ IsDeleted: true, MasterRecordId: b })
    const live = await h.conn.query<Row>("SELECT Id FROM Account WHERE HubSpot_Id__c LIKE 'sync-%'")
    expect(live.records.map((r) => r['Id']).sort()).toEqual([a, b].sort())

    await h.admin('POST', '/clock', { advanceSeconds: 120 })
    const updated = await account.updated(start, await now())
    expect(updated.ids).toEqual(expect.arrayContaining([a, b]))
    expect(updated.ids).not.toContain(c)
  })

  it('B-PA-2: moving a contact to another account bumps the contact SystemModstamp', async () => {
    const [one, two] = await h.conn.sobject('Account').create(
      [
        { Name: 'Old Home', HubSpot_Id__c: 'home-1' },
        { Name: 'New Home', HubSpot_Id__c: 'home-2' },
      ],
      { allOrNone: true },
    )
    const { id } = await h.conn.sobject('Contact').create({ LastName: 'Mover', AccountId: one!.id! })
    await h.admin('POST', '/clock', { advanceSeconds: 10 })
    const cursor = await now()
    await h.conn.sobject('Contact').update({ Id: id!, AccountId: two!.id! })
    const changed = await h.conn.query<Row>(
      `SELECT Id, Account.HubSpot_Id__c FROM Contact WHERE SystemModstamp >= ${cursor} ORDER BY SystemModstamp`,
    )
    expect(changed.records).toHaveLength(1)
    expect(changed.records[0]).toMatchObject({ Id: id, Account: { HubSpot_Id__c: 'home-2' } })
  })
})
