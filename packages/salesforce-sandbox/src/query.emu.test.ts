import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { failure, type Harness, startHarness } from './testing/harness.js'

type Row = Record<string, unknown>
let h: Harness
let accountId: string

beforeAll(async () => {
  h = await startHarness()
  const account = await h.conn.sobject('Account').create({ Name: 'Quote Co' })
  accountId = account.id!
  await h.conn.sobject('Contact').create([
    { LastName: "O'Brien", FirstName: 'Pat', Email: 'Pat.OBrien@Example.com', AccountId: accountId },
    { LastName: 'Back\\slash', FirstName: 'Bo', Email: 'bo@example.com', AccountId: accountId },
    { LastName: '100%_real', FirstName: 'Cy', Email: null, Title: 'CEO' },
    { LastName: 'Zed', FirstName: 'Di', Email: 'di@other.org', Title: 'CTO' },
  ])
})
afterAll(() => h.close())

const names = (rows: Row[]): unknown[] => rows.map((r) => r['LastName'])

describe('SOQL', () => {
  it('orders and compares ids case-sensitively, so Id keyset paging follows creation order', async () => {
    // 80 leads: the last id character runs through 0-9, A-Z and a-z, where lower-cased text order differs.
    const created = await h.conn
      .sobject('Lead')
      .create(Array.from({ length: 80 }, (_, i) => ({ LastName: `K${i}`, Company: 'Keyset' })))
    const ids = created.map((r) => r.id!)
    const ordered = await h.conn.query<Row>("SELECT Id FROM Lead WHERE Company = 'Keyset' ORDER BY Id")
    expect(ordered.records.map((r) => r['Id'])).toEqual(ids)
    const paged: unknown[] = []
    let last = ''
    for (;;) {
      const after = last === '' ? '' : ` AND Id > '${last}'`
      const page = await h.conn.query<Row>(
        `SELECT Id FROM Lead WHERE Company = 'Keyset'${after} ORDER BY Id LIMIT 7`,
      )
      if (page.records.length === 0) break
      paged.push(...page.records.map((r) => r['Id']))
      last = String(page.records.at(-1)!['Id'])
    }
    expect(paged).toEqual(ids)
    // A 15-character id compares as its 18-character form.
    const before = await h.conn.query<Row>(
      `SELECT Id FROM Lead WHERE Company = 'Keyset' AND Id < '${ids[40]!.slice(0, 15)}' ORDER BY Id`,
    )
    expect(before.records.map((r) => r['Id'])).toEqual(ids.slice(0, 40))
    await h.conn.sobject('Lead').destroy(ids) // other tests here count the leads
  })

  it('matches text case-insensitively and handles quotes and backslashes in literals', async () => {
    const q = (soql: string) => h.conn.query<Row>(soql).then((r) => names(r.records))
    expect(await q("SELECT LastName FROM Contact WHERE Email = 'pat.obrien@EXAMPLE.com'")).toEqual([
      "O'Brien",
    ])
    expect(await q("SELECT LastName FROM Contact WHERE LastName = 'O\\'Brien'")).toEqual(["O'Brien"])
    expect(await q("SELECT LastName FROM Contact WHERE LastName = 'Back\\\\slash'")).toEqual(['Back\\slash'])
    expect(await q("SELECT LastName FROM Contact WHERE LastName LIKE '100\\%\\_%'")).toEqual(['100%_real'])
    expect(await q("SELECT LastName FROM Contact WHERE LastName LIKE '100_%' AND LastName != 'x'")).toEqual([
      '100%_real',
    ])
  })

  it('supports IN, NOT IN, null, OR, NOT and parentheses', async () => {
    const q = (where: string) =>
      h.conn
        .query<Row>(`SELECT LastName FROM Contact WHERE ${where} ORDER BY LastName`)
        .then((r) => names(r.records))
    expect(await q("Email IN ('BO@example.com', 'di@other.org')")).toEqual(['Back\\slash', 'Zed'])
    expect(await q("Email NOT IN ('bo@example.com') AND Email != null")).toEqual(["O'Brien", 'Zed'])
    expect(await q('Email = null')).toEqual(['100%_real'])
    expect(await q("(Title = 'CEO' OR Title = 'CTO') AND NOT (LastName = 'Zed')")).toEqual(['100%_real'])
    expect(await q("Title = 'CEO' OR Title = 'CTO' AND LastName = 'Nobody'")).toEqual(['100%_real'])
  })

  it('returns parent relationship fields as nested objects or null', async () => {
    const result = await h.conn.query<Row>(
      "SELECT LastName, Account.Name, Owner.Email FROM Contact WHERE Title = 'CEO' OR LastName = 'Zed' ORDER BY LastName DESC",
    )
    expect(result.records[0]!['Account']).toBeNull()
    const obrien = await h.conn.query<Row>(
      "SELECT Account.Name, Owner.Email FROM Contact WHERE LastName = 'O\\'Brien'",
    )
    expect(obrien.records[0]!['Account']).toMatchObject({ attributes: { type: 'Account' }, Name: 'Quote Co' })
    expect(obrien.records[0]!['Owner']).toMatchObject({ Email: 'integration@acme-demo.com' })
  })

  it('answers child subqueries through the lookup index, null when there are no children', async () => {
    const opp = await h.conn
      .sobject('Opportunity')
      .create({ Name: 'Sub', StageName: 'Prospecting', CloseDate: '2026-06-01', AccountId: accountId })
    const contacts = await h.conn.query<Row>(
      `SELECT Id FROM Contact WHERE AccountId = '${accountId}' ORDER BY LastName`,
    )
    const [c1, c2] = contacts.records.map((r) => r['Id'] as string)
    await h.conn.sobject('OpportunityContactRole').create([
      { OpportunityId: opp.id!, ContactId: c1!, Role: 'Influencer', IsPrimary: false },
      { OpportunityId: opp.id!, ContactId: c2!, Role: 'Decision Maker', IsPrimary: true },
    ])
    const result = await h.conn.query<Row>(
      `SELECT Name, (SELECT ContactId, Role FROM OpportunityContactRoles ORDER BY Role) FROM Opportunity WHERE Id = '${opp.id!}'`,
    )
    const roles = result.records[0]!['OpportunityContactRoles'] as { totalSize: number; records: Row[] }
    expect(roles.totalSize).toBe(2)
    expect(roles.records.map((r) => r['Role'])).toEqual(['Decision Maker', 'Influencer'])
    const account = await h.conn.query<Row>(
      `SELECT Name, (SELECT LastName FROM Contacts WHERE LastName = 'Nobody'), (SELECT Name FROM Opportunities) FROM Account WHERE Id = '${accountId}'`,
    )
    expect(account.records[0]!['Contacts']).toBeNull()
    expect((account.records[0]!['Opportunities'] as { records: Row[] }).records[0]!['Name']).toBe('Sub')
  })

  it('compares datetimes and dates, orders, limits, offsets and counts', async () => {
    const now = ((await h.admin('GET', '/clock')) as { now: string }).now.replace(/\.\d+Z$/, 'Z')
    const later = await h.conn.query<Row>(`SELECT Id FROM Contact WHERE SystemModstamp > ${now}`)
    expect(later.totalSize).toBe(0)
    const before = await h.conn.query<Row>(
      `SELECT Id FROM Contact WHERE CreatedDate <= ${now} AND CreatedDate > 2020-01-01T00:00:00.000+00:00`,
    )
    expect(before.totalSize).toBe(4)
    const today = await h.conn.query<Row>('SELECT Id FROM Contact WHERE CreatedDate = TODAY')
    expect(today.totalSize).toBe(4)
    const page = await h.conn.query<Row>(
      'SELECT LastName FROM Contact ORDER BY LastName DESC NULLS LAST LIMIT 2 OFFSET 1',
    )
    expect(names(page.records)).toEqual(["O'Brien", 'Back\\slash'])
    const count = await h.conn.query('SELECT COUNT() FROM Contact WHERE Title != null')
    expect(count).toMatchObject({ totalSize: 2, done: true, records: [] })
  })

  it('answers bad SOQL with MALFORMED_QUERY, INVALID_FIELD and INVALID_TYPE', async () => {
    expect((await failure(h.conn.query('SELECT Id FRM Lead'))).name).toBe('MALFORMED_QUERY')
    expect((await failure(h.conn.query('SELECT Foo__c FROM Lead'))).name).toBe('INVALID_FIELD')
    expect((await failure(h.conn.query('SELECT Id FROM Foo'))).name).toBe('INVALID_TYPE')
  })

  it('pages over 5,000 rows with 2000-row pages and honours Sforce-Query-Options batchSize', async () => {
    await h.admin('POST', '/seed', { kind: 'large', leads: 5500, seed: 7 })
    const first = await h.conn.query<Row>('SELECT Id, Email FROM Lead')
    expect(first.done).toBe(false)
    expect(first.records).toHaveLength(2000)
    expect(first.totalSize).toBe(5500)
    const second = await h.conn.queryMore<Row>(first.nextRecordsUrl!)
    expect(second.records).toHaveLength(2000)
    const all = await h.conn.query<Row>('SELECT Id FROM Lead', { autoFetch: true, maxFetch: 10_000 })
    expect(all.records).toHaveLength(5500)
    expect(new Set(all.records.map((r) => r['Id'])).size).toBe(5500)
    const small = await h.conn.query<Row>('SELECT Id FROM Lead', {
      headers: { 'Sforce-Query-Options': 'batchSize=500' },
    })
    expect(small.records).toHaveLength(500)
    const incremental = await h.conn.query<Row>(
      'SELECT Id, SystemModstamp FROM Lead ORDER BY SystemModstamp, Id LIMIT 3',
    )
    const stamps = incremental.records.map((r) => Date.parse(String(r['SystemModstamp'])))
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps)
  })

  it('hides deleted rows from query but shows them through queryAll (scanAll), with continuations under /query', async () => {
    const { id } = await h.conn.sobject('Contact').create({ LastName: 'Ghost' })
    await h.conn.sobject('Contact').destroy(id!)
    const live = await h.conn.query<Row>("SELECT Id FROM Contact WHERE LastName = 'Ghost'")
    expect(live.totalSize).toBe(0)
    const all = await h.conn.query<Row>("SELECT Id, IsDeleted FROM Contact WHERE LastName = 'Ghost'", {
      scanAll: true,
    })
    expect(all.records).toEqual([expect.objectContaining({ Id: id, IsDeleted: true })])
    const leads = await h.conn.query<Row>('SELECT Id FROM Lead', {
      scanAll: true,
      autoFetch: true,
      maxFetch: 10_000,
    })
    expect(leads.records.length).toBeGreaterThanOrEqual(5500)
  })
})
