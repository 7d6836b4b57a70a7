import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { failure, type Harness, startHarness } from './testing/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

type Row = Record<string, unknown>

describe('single-record CRUD', () => {
  it('creates, retrieves, updates and deletes with server-maintained audit fields', async () => {
    const lead = h.conn.sobject('Lead')
    const created = await lead.create({
      FirstName: 'Ada',
      LastName: 'Lovelace',
      Company: 'Engines',
      Email: 'ada@engines.io',
    })
    expect(created.success).toBe(true)
    expect(created.id).toMatch(/^00Q\w{15}$/)
    const row = (await lead.retrieve(created.id!)) as Row
    expect(row).toMatchObject({
      Name: 'Ada Lovelace',
      Status: 'Open - Not Contacted',
      IsConverted: false,
      IsDeleted: false,
    })
    expect(row['SystemModstamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000$/)
    expect(row['CreatedById']).toBe(row['OwnerId'])

    await h.admin('POST', '/clock', { advanceSeconds: 10 })
    await lead.update({ Id: created.id!, Title: 'Countess' })
    const updated = (await lead.retrieve(created.id!)) as Row
    expect(updated['Title']).toBe('Countess')
    expect(Date.parse(String(updated['SystemModstamp']))).toBeGreaterThan(
      Date.parse(String(row['SystemModstamp'])),
    )

    await lead.destroy(created.id!)
    const err = await failure(lead.retrieve(created.id!))
    expect(err.name).toBe('ENTITY_IS_DELETED')
    const again = await failure(lead.update({ Id: created.id!, Title: 'x' }))
    expect(again.name).toBe('ENTITY_IS_DELETED')
  })

  it('accepts 15-character ids and answers unknown ids with NOT_FOUND', async () => {
    const { id } = await h.conn.sobject('Contact').create({ LastName: 'Fifteen' })
    const row = (await h.conn.sobject('Contact').retrieve(id!.slice(0, 15))) as Row
    expect(row['Id']).toBe(id)
    const err = await failure(h.conn.sobject('Contact').retrieve('003000000000000AAA'))
    expect(err.name).toBe('NOT_FOUND')
  })

  it('upserts by external id: 201 created, then 200 updated on the same record', async () => {
    const contact = h.conn.sobject('Contact')
    const first = await contact.upsert(
      { HubSpot_Id__c: 'hs-101', LastName: 'Upsert', Email: 'u@x.io' },
      'HubSpot_Id__c',
    )
    expect(first).toMatchObject({ success: true, created: true })
    const second = await contact.upsert({ HubSpot_Id__c: 'HS-101', Title: 'Boss' }, 'HubSpot_Id__c')
    expect(second).toMatchObject({ success: true, created: false, id: first.id })
    const found = await h.conn.query<Row>(
      "SELECT Title, HubSpot_Id__c FROM Contact WHERE HubSpot_Id__c = 'hs-101'",
    )
    expect(found.records).toHaveLength(1)
    expect(found.records[0]).toMatchObject({ Title: 'Boss', HubSpot_Id__c: 'hs-101' })
  })
})

describe('external ids that are not unique', () => {
  it('answers 300 MULTIPLE_CHOICES for upsert and GET by a value on several records', async () => {
    await h.conn.tooling.sobject('CustomField').create({
      FullName: 'Account.Legacy_Id__c',
      Metadata: { label: 'Legacy Id', type: 'Text', length: 20, externalId: true, unique: false },
    })
    await h.conn.sobject('Account').create([
      { Name: 'L1', Legacy_Id__c: 'L-1' },
      { Name: 'L2', Legacy_Id__c: 'L-1' },
    ])
    const err = await failure(
      h.conn.sobject('Account').upsert({ Legacy_Id__c: 'L-1', Name: 'x' }, 'Legacy_Id__c'),
    )
    expect(err.name).toBe('MULTIPLE_CHOICES')
    const one = await h.conn.sobject('Account').create({ Name: 'L3', Legacy_Id__c: 'L-3' })
    const row = await h.conn.request<Row>('/sobjects/Account/Legacy_Id__c/L-3')
    expect(row['Id']).toBe(one.id)
  })
})

describe('validation errors (API 8.9)', () => {
  const cases: [string, Row, string, string[]][] = [
    ['missing required fields', { FirstName: 'No' }, 'REQUIRED_FIELD_MISSING', ['LastName', 'Company']],
    ['bad email', { LastName: 'A', Company: 'B', Email: 'not-an-email' }, 'INVALID_EMAIL_ADDRESS', ['Email']],
    ['too long', { LastName: 'x'.repeat(81), Company: 'B' }, 'STRING_TOO_LONG', ['LastName']],
    [
      'restricted picklist',
      { LastName: 'A', Company: 'B', Status: 'Nope' },
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      ['Status'],
    ],
    [
      'dangling reference',
      { LastName: 'A', Company: 'B', OwnerId: '005000000000009AAA' },
      'INVALID_CROSS_REFERENCE_KEY',
      ['OwnerId'],
    ],
    ['malformed id', { LastName: 'A', Company: 'B', OwnerId: 'nope' }, 'MALFORMED_ID', ['OwnerId']],
    [
      'read-only field',
      { LastName: 'A', Company: 'B', IsConverted: true },
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      ['IsConverted'],
    ],
  ]
  for (const [name, record, code, fields] of cases) {
    it(`rejects ${name} with ${code}`, async () => {
      const err = await failure(h.conn.sobject('Lead').create(record))
      expect(err.name).toBe(code)
      expect((err.data as { fields: string[] }).fields).toEqual(fields)
    })
  }

  it('rejects unknown fields with INVALID_FIELD and duplicate external ids with DUPLICATE_VALUE', async () => {
    const unknown = await failure(h.conn.sobject('Lead').create({ LastName: 'A', Company: 'B', Foo__c: 1 }))
    expect(unknown.name).toBe('INVALID_FIELD')
    await h.conn.sobject('Lead').create({ LastName: 'A', Company: 'B', HubSpot_Id__c: 'dup-1' })
    const dup = await failure(
      h.conn.sobject('Lead').create({ LastName: 'C', Company: 'D', HubSpot_Id__c: 'DUP-1' }),
    )
    expect(dup.name).toBe('DUPLICATE_VALUE')
    expect(dup.message).toMatch(
      /duplicate value found: HubSpot_Id__c duplicates value on record with id: 00Q/,
    )
  })

  it('derives opportunity stage facts and refuses inactive owners', async () => {
    const { id } = await h.conn
      .sobject('Opportunity')
      .create({ Name: 'Deal', StageName: 'Closed Won', CloseDate: '2026-12-01' })
    const row = (await h.conn.sobject('Opportunity').retrieve(id!)) as Row
    expect(row).toMatchObject({
      IsClosed: true,
      IsWon: true,
      Probability: 100,
      ForecastCategoryName: 'Closed',
    })
    const gustav = await h.conn.query<Row>("SELECT Id FROM User WHERE Email = 'gustav.reyes@acme-demo.com'")
    const err = await failure(
      h.conn.sobject('Contact').create({ LastName: 'X', OwnerId: gustav.records[0]!['Id'] }),
    )
    expect(err.name).toBe('INACTIVE_OWNER_OR_USER')
  })
})

describe('replication: updated and deleted', () => {
  it('lists ids changed and deleted in a window (minute granularity)', async () => {
    await h.admin('POST', '/clock', { advanceSeconds: 120 })
    const start = new Date(Date.parse(((await h.admin('GET', '/clock')) as { now: string }).now))
    const a = await h.conn.sobject('Account').create({ Name: 'Replicated' })
    const b = await h.conn.sobject('Account').create({ Name: 'Doomed' })
    await h.conn.sobject('Account').destroy(b.id!)
    await h.admin('POST', '/clock', { advanceSeconds: 120 })
    const end = new Date(start.getTime() + 180_000)
    const updated = await h.conn.sobject('Account').updated(start, end)
    expect(updated.ids).toContain(a.id)
    expect(updated.ids).not.toContain(b.id)
    const deleted = await h.conn.sobject('Account').deleted(start, end)
    expect(deleted.deletedRecords.map((d) => d.id)).toEqual([b.id])
    const err = await failure(h.conn.sobject('Account').updated(end, start))
    expect(err.name).toBe('INVALID_REPLICATION_DATE')
  })
})
