import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { failure, type Harness, startHarness } from './testing/harness.js'

type Row = Record<string, unknown>
let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

async function userId(email: string): Promise<string> {
  const r = await h.conn.query<Row>(`SELECT Id FROM User WHERE Email = '${email}'`)
  return r.records[0]!['Id'] as string
}

describe('Tooling API custom fields (API 8.7)', () => {
  it('adds a unique external-id text field that describe, writes, SOQL and upsert see at once', async () => {
    const created = await h.conn.tooling.sobject('CustomField').create({
      FullName: 'Lead.Sync_Id__c',
      Metadata: {
        label: 'Sync Id',
        type: 'Text',
        length: 64,
        externalId: true,
        unique: true,
        caseSensitive: false,
        required: false,
      },
    })
    expect(created).toMatchObject({ success: true })
    const describe = await h.conn.sobject('Lead').describe()
    expect(describe.fields.find((f) => f.name === 'Sync_Id__c')).toMatchObject({
      custom: true,
      externalId: true,
      unique: true,
      length: 64,
    })
    const up = await h.conn
      .sobject('Lead')
      .upsert({ Sync_Id__c: 'S-1', LastName: 'Tool', Company: 'T' }, 'Sync_Id__c')
    expect(up).toMatchObject({ created: true })
    const found = await h.conn.tooling.query<Row>(
      "SELECT Id, DeveloperName FROM CustomField WHERE TableEnumOrId = 'Lead' AND DeveloperName = 'Sync_Id'",
    )
    expect(found.records[0]!['Id']).toBe(created.id)
    const dup = await failure(
      h.conn.tooling
        .sobject('CustomField')
        .create({ FullName: 'Lead.Sync_Id__c', Metadata: { label: 'Again', type: 'Text', length: 10 } }),
    )
    expect(dup.name).toBe('DUPLICATE_DEVELOPER_NAME')
    const noLength = await failure(
      h.conn.tooling
        .sobject('CustomField')
        .create({ FullName: 'Lead.Other__c', Metadata: { label: 'Other', type: 'Text' } }),
    )
    expect(noLength.name).toBe('REQUIRED_FIELD_MISSING')
  })
})

describe('Lead assignment rules (API 8.8)', () => {
  it('runs on create and update unless Sforce-Auto-Assign: FALSE is sent', async () => {
    const camila = await userId('camila.okafor@acme-demo.com')
    const avery = await userId('avery.lindqvist@acme-demo.com')
    await h.admin('PUT', '/assignment-rule', {
      active: true,
      entries: [{ condition: "LeadSource = 'Web'", ownerId: camila }],
    })
    const active = await h.conn.query(
      "SELECT Id FROM AssignmentRule WHERE SobjectType = 'Lead' AND Active = true",
    )
    expect(active.totalSize).toBe(1)

    const assigned = await h.conn
      .sobject('Lead')
      .create({ LastName: 'Web', Company: 'W', LeadSource: 'Web', OwnerId: avery })
    expect(((await h.conn.sobject('Lead').retrieve(assigned.id!)) as Row)['OwnerId']).toBe(camila)

    const kept = await h.conn
      .sobject('Lead')
      .create(
        { LastName: 'Web2', Company: 'W', LeadSource: 'Web', OwnerId: avery },
        { headers: { 'Sforce-Auto-Assign': 'FALSE' } },
      )
    expect(((await h.conn.sobject('Lead').retrieve(kept.id!)) as Row)['OwnerId']).toBe(avery)

    // A plain PATCH without the header re-runs assignment and overwrites the owner.
    await h.conn.sobject('Lead').update({ Id: kept.id!, Title: 'x' })
    expect(((await h.conn.sobject('Lead').retrieve(kept.id!)) as Row)['OwnerId']).toBe(camila)
    await h.admin('PUT', '/assignment-rule', { active: false, entries: [] })
  })
})

describe('validation rules', () => {
  it('fails matching saves with FIELD_CUSTOM_VALIDATION_EXCEPTION, single and in collections', async () => {
    await h.admin('PUT', '/validation-rules', {
      rules: [
        {
          object: 'Opportunity',
          name: 'No_Negative',
          condition: 'Amount < 0',
          message: 'Amount must not be negative',
          field: 'Amount',
        },
      ],
    })
    const err = await failure(
      h.conn
        .sobject('Opportunity')
        .create({ Name: 'Neg', StageName: 'Prospecting', CloseDate: '2026-01-01', Amount: -5 }),
    )
    expect(err.name).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION')
    expect(err.data).toMatchObject({ message: 'Amount must not be negative', fields: ['Amount'] })
    const results = await h.conn.sobject('Opportunity').create(
      [
        { Name: 'Ok', StageName: 'Prospecting', CloseDate: '2026-01-01', Amount: 5 },
        { Name: 'Neg', StageName: 'Prospecting', CloseDate: '2026-01-01', Amount: -1 },
      ],
      { allOrNone: false },
    )
    expect(results.map((r) => r.success)).toEqual([true, false])
    await h.admin('PUT', '/validation-rules', { rules: [] })
  })
})

describe('faults and counters (admin API)', () => {
  it('injects REQUEST_LIMIT_EXCEEDED, 503 (retried by jsforce on GET), expired sessions and per-record lock errors', async () => {
    await h.admin('PUT', '/faults', { faults: [{ kind: 'REQUEST_LIMIT_EXCEEDED', count: 1 }] })
    expect((await failure(h.conn.query('SELECT Id FROM User'))).name).toBe('REQUEST_LIMIT_EXCEEDED')
    expect((await h.conn.query('SELECT Id FROM User')).totalSize).toBeGreaterThan(0)

    await h.admin('PUT', '/faults', { faults: [{ kind: 'SERVER_UNAVAILABLE', count: 1 }] })
    expect((await h.conn.query('SELECT Id FROM User')).totalSize).toBeGreaterThan(0)
    await h.admin('PUT', '/faults', { faults: [{ kind: 'SERVER_UNAVAILABLE', count: 1 }] })
    expect((await failure(h.conn.sobject('Lead').create({ LastName: 'P', Company: 'Q' }))).name).toBe(
      'SERVER_UNAVAILABLE',
    )

    await h.admin('PUT', '/faults', { faults: [{ kind: 'INVALID_SESSION_ID', count: 1 }] })
    expect((await failure(h.conn.query('SELECT Id FROM User'))).name).toBe('INVALID_SESSION_ID')

    await h.admin('PUT', '/faults', { faults: [{ kind: 'UNABLE_TO_LOCK_ROW', rate: 0.5 }], seed: 3 })
    const results = await h.conn.sobject('Lead').create(
      Array.from({ length: 40 }, (_, i) => ({ LastName: `Lock${i}`, Company: 'L' })),
      { allOrNone: false },
    )
    const locked = results.filter((r) => !r.success)
    expect(locked.length).toBeGreaterThan(5)
    expect(locked.length).toBeLessThan(35)
    expect((locked[0] as unknown as { errors: { statusCode: string }[] }).errors[0]!.statusCode).toBe(
      'UNABLE_TO_LOCK_ROW',
    )
    await h.admin('DELETE', '/faults')
  })

  it('injects timeouts: jsforce retries an idempotent GET after the dropped connection, a POST fails', async () => {
    await h.admin('PUT', '/faults', { faults: [{ kind: 'TIMEOUT', count: 1, delayMs: 50 }] })
    expect((await h.conn.query('SELECT Id FROM User')).totalSize).toBeGreaterThan(0)
    await h.admin('PUT', '/faults', { faults: [{ kind: 'TIMEOUT', count: 1, delayMs: 50 }] })
    await expect(h.conn.sobject('Lead').create({ LastName: 'T', Company: 'T' })).rejects.toThrow()
    await h.admin('DELETE', '/faults')
  })

  it('refreshes an expired session through the refresh_token grant after a password login', async () => {
    const { Connection } = (await import('jsforce')).default
    const conn = new Connection({
      version: '59.0',
      oauth2: { loginUrl: h.instanceUrl, clientId: 'cid', clientSecret: 'secret' },
    })
    await conn.login('bjorn.nakamura@acme-demo.com', 'pw')
    const before = conn.accessToken
    await h.admin('DELETE', '/tokens')
    const users = await conn.query('SELECT Id FROM User')
    expect(users.totalSize).toBeGreaterThan(0)
    expect(conn.accessToken).not.toBe(before)
    await h.admin('POST', '/reset', { kind: 'none' })
  })

  it('counts API calls per endpoint and enforces the daily limit', async () => {
    await h.admin('DELETE', '/counters')
    await h.conn.query('SELECT Id FROM User')
    await h.conn.query('SELECT Id FROM Lead')
    await h.conn.sobject('Lead').describe()
    const counters = (await h.admin('GET', '/counters')) as {
      apiUsage: { used: number }
      endpoints: Record<string, number>
    }
    expect(counters.apiUsage.used).toBe(3)
    expect(counters.endpoints['GET /services/data/:version/query']).toBe(2)
    const { Connection } = (await import('jsforce')).default
    const tagged = new Connection({
      instanceUrl: h.instanceUrl,
      accessToken: h.accessToken,
      version: '59.0',
      callOptions: { client: 'crmsync' },
    })
    await tagged.query('SELECT Id FROM User')
    const byClient = (await h.admin('GET', '/counters')) as { clients: Record<string, number> }
    expect(byClient.clients).toEqual({ crmsync: 1 })
    await h.admin('PUT', '/limits', { apiMax: 5 })
    await h.conn.query('SELECT Id FROM User')
    expect((await failure(h.conn.query('SELECT Id FROM User'))).name).toBe('REQUEST_LIMIT_EXCEEDED')
    await h.admin('PUT', '/limits', { apiMax: 5_000_000, apiUsed: 0 })
  })

  it('resets to the empty org and seeds small data deterministically', async () => {
    await h.admin('POST', '/reset', { kind: 'small', seed: 11 })
    const count = async (type: string) => (await h.conn.query(`SELECT COUNT() FROM ${type}`)).totalSize
    expect([
      await count('Lead'),
      await count('Contact'),
      await count('Account'),
      await count('Opportunity'),
    ]).toEqual([200, 300, 100, 80])
    const first = await h.conn.query<Row>('SELECT Email FROM Contact ORDER BY Email LIMIT 5')
    await h.admin('POST', '/reset', { kind: 'small', seed: 11 })
    const again = await h.conn.query<Row>('SELECT Email FROM Contact ORDER BY Email LIMIT 5')
    expect(again.records.map((r) => r['Email'])).toEqual(first.records.map((r) => r['Email']))
    await h.admin('POST', '/reset', { kind: 'none' })
    expect(await count('Lead')).toBe(0)
    const users = await h.conn.query<Row>('SELECT Email, IsActive FROM User ORDER BY Email')
    expect(users.records.map((u) => u['Email'])).toContain('esther.moreau@acme-demo.com')
    expect(users.records.find((u) => u['Email'] === 'gustav.reyes@acme-demo.com')!['IsActive']).toBe(false)
    const queue = await h.conn.query("SELECT Id FROM Group WHERE Type = 'Queue'")
    expect(queue.totalSize).toBe(1)
  })
})
