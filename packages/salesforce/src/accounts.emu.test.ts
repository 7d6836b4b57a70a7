// Emulator-only checks of the Account methods (B-CMP, B-PA): exact calls per endpoint, the headers the
// writes send, the describe cache behind hasPersonAccounts, paging and the doctor's failing checks. The
// behaviour any org must show is in testing/connector-contract.ts.
import type { SalesforceCreate, SalesforceWriteResult } from '@crmsync/core'
import type { Connection, HttpRequest } from 'jsforce'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { captureCursorFrom } from './capture-cursor.js'
import { createSalesforceConnector } from './salesforce-connector.js'
import { type Harness, startHarness } from './testing/sandbox-harness.js'

const UPSERT = 'PATCH /services/data/:version/composite/sobjects/:type/:field'
const UPDATE = 'PATCH /services/data/:version/composite/sobjects'
const DELETE = 'DELETE /services/data/:version/composite/sobjects'
const RETRIEVE = 'POST /services/data/:version/composite/sobjects/:type'
const DESCRIBE = 'GET /services/data/:version/sobjects/:type/describe'
const QUERY = 'GET /services/data/:version/query'
const QUERY_ALL = 'GET /services/data/:version/queryAll'

function okId(result: SalesforceWriteResult | undefined): string {
  if (!result?.ok) throw new Error(`write failed: ${JSON.stringify(result)}`)
  return result.id
}

const account = (key: string): SalesforceCreate => ({ externalId: `42:${key}`, fields: { Name: key } })

/** Sandbox-counted calls per endpoint made while `run` runs. */
async function countCalls(h: Harness, run: () => Promise<unknown>): Promise<Record<string, number>> {
  await h.admin('DELETE', '/counters')
  await run()
  return h.counters()
}

/**
 * The headers of every request the connector sends while `run` runs, read on the connection's own transport
 * (the sandbox runs no Account assignment rule, so the header has no effect to observe there).
 */
async function sentHeaders(
  connection: Connection,
  run: () => Promise<unknown>,
): Promise<{ method: string; url: string; headers: Record<string, string> }[]> {
  const seen: { method: string; url: string; headers: Record<string, string> }[] = []
  const real = connection._transport
  const spy = Object.create(real) as typeof real
  spy.httpRequest = (req: HttpRequest, opts?: object) => {
    seen.push({ method: req.method, url: req.url, headers: { ...(req.headers as Record<string, string>) } })
    return real.httpRequest(req, opts)
  }
  connection._transport = spy
  try {
    await run()
  } finally {
    connection._transport = real
  }
  return seen
}

describe('Account writes and reads, calls per endpoint', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  it('Account creates, updates and deletes: 1 Collections call per 200 each; replaying the creates duplicates nothing', async () => {
    const creates = Array.from({ length: 250 }, (_, i) => account(`bulk-${i}`))
    let ids: string[] = []
    expect(
      await countCalls(h, async () => {
        ids = (await h.connector.write({ type: 'Account', creates })).creates.map(okId)
      }),
    ).toEqual({ [UPSERT]: 2 })
    const before = h.org.table('Account')?.size
    const replay = await h.connector.write({ type: 'Account', creates })
    expect(replay.creates.map(okId)).toEqual(ids)
    expect(replay.creates.every((r) => r.ok && r.created === false)).toBe(true)
    expect(h.org.table('Account')?.size).toBe(before)
    expect(
      await countCalls(h, () =>
        h.connector.write({
          type: 'Account',
          updates: ids.map((id) => ({ id, fields: { Website: 'https://x.test' } })),
        }),
      ),
    ).toEqual({ [UPDATE]: 2 })
    expect(h.org.table('Account')?.get(ids[249] ?? '')).toMatchObject({
      Website: 'https://x.test',
      Name: 'bulk-249',
    })
    expect(
      await countCalls(h, async () => {
        const res = await h.connector.write({ type: 'Account', deletes: ids })
        expect(res.deletes.every((r) => r.ok)).toBe(true)
      }),
    ).toEqual({ [DELETE]: 2 })
    expect(h.org.table('Account')?.get(ids[0] ?? '')?.['IsDeleted']).toBe(true)
  })

  it('Account creates and updates send Sforce-Auto-Assign: FALSE, as Lead and Contact writes do', async () => {
    const headers = await sentHeaders(h.connection, async () => {
      const id = okId(
        (await h.connector.write({ type: 'Account', creates: [account('no-assign')] })).creates[0],
      )
      await h.connector.write({ type: 'Account', updates: [{ id, fields: { Website: 'https://y.test' } }] })
    })
    const writes = headers.filter((r) => r.method === 'PATCH')
    expect(writes.map((r) => r.url.replace(/^.*\/services\/data\/v[\d.]+/, ''))).toEqual([
      '/composite/sobjects/Account/HubSpot_Id__c',
      '/composite/sobjects',
    ])
    for (const w of writes) expect(w.headers['Sforce-Auto-Assign']).toBe('FALSE')
  })

  it('retrieveAccounts: 1 POST per 2000 ids; the first Account read costs one describe, then none', async () => {
    const connector = createSalesforceConnector({ connection: h.connection })
    const ids = (
      await h.connector.write({
        type: 'Account',
        creates: Array.from({ length: 3 }, (_, i) => account(`get-${i}`)),
      })
    ).creates.map(okId)
    const many = [...ids, ...Array.from({ length: 2100 }, (_, i) => `001${String(i).padStart(12, '0')}AAA`)]
    let got = new Map<string, unknown>()
    expect(
      await countCalls(h, async () => {
        got = new Map(await connector.retrieveAccounts(many, ['Name']))
      }),
    ).toEqual({ [DESCRIBE]: 1, [RETRIEVE]: 2 })
    expect([...got.keys()]).toEqual(ids)
    expect(await countCalls(h, () => connector.retrieveAccounts(ids, ['Name']))).toEqual({ [RETRIEVE]: 1 })
  })

  it('findContactsByAccount and listAccountIds: query calls only; Leads never cost a describe', async () => {
    const connector = createSalesforceConnector({ connection: h.connection })
    const [a] = (await h.connector.write({ type: 'Account', creates: [account('fca')] })).creates.map(okId)
    const contact = okId(
      (
        await h.connector.write({
          type: 'Contact',
          creates: [{ externalId: '42:fca-c', fields: { LastName: 'C', AccountId: a ?? '' } }],
        })
      ).creates[0],
    )
    let found: unknown
    expect(
      await countCalls(h, async () => {
        found = await connector.findContactsByAccount([a ?? ''])
      }),
    ).toEqual({ [DESCRIBE]: 1, [QUERY]: 1 })
    expect(found).toEqual([{ id: contact, accountId: a }])
    const pages: number[] = []
    expect(
      await countCalls(h, async () => {
        for await (const page of connector.listAccountIds()) pages.push(page.length)
      }),
    ).toEqual({ [QUERY]: 1 })
    const live = [...(h.org.table('Account')?.rows() ?? [])].filter((r) => r['IsDeleted'] !== true)
    expect(pages).toEqual([live.length])
    const leads = await countCalls(h, () => connector.captureChanges('Lead', undefined, ['LastName']))
    expect(leads[DESCRIBE]).toBeUndefined()
  })

  it('captureAccounts pages 2100 accounts sharing one SystemModstamp by (SystemModstamp, Id), 2000 a page', async () => {
    h.clock.advance(60_000)
    const at = h.clock.now()
    const creates = Array.from({ length: 2100 }, (_, i) => account(`same-second-${i}`))
    expect((await h.connector.write({ type: 'Account', creates })).creates.every((r) => r.ok)).toBe(true)
    const seen: string[] = []
    let cursor = captureCursorFrom(at)
    let pages = 0
    const calls = await countCalls(h, async () => {
      for (let more = true; more; pages++) {
        const page = await h.connector.captureAccounts(cursor, ['Name'])
        seen.push(...page.records.map((r) => r.id))
        cursor = page.cursor
        more = page.hasMore
      }
    })
    expect(pages).toBe(2)
    expect(new Set(seen).size).toBe(2100)
    expect(calls[QUERY_ALL]).toBe(2)
  })
})

describe('doctor: the Account checks fail with their fix', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
    // A text field on Account that is neither an external id nor unique.
    await h.admin('POST', '/custom-fields', {
      fullName: 'Account.Plain_Id__c',
      metadata: { label: 'Plain Id', type: 'Text', length: 255 },
    })
  })
  afterAll(() => h.close())

  it('a field that is not a unique external id, and a missing one, each say what to create', async () => {
    const plain = createSalesforceConnector({ connection: h.connection, externalIdField: 'Plain_Id__c' })
    const failedPlain = (await plain.doctor({ objects: ['Account'] })).filter((c) => !c.ok)
    expect(failedPlain).toEqual([
      {
        name: 'Account: external-id field Plain_Id__c',
        ok: false,
        detail: 'externalId=false, unique=false',
        fix:
          'Create a Text(255) field Plain_Id__c on Account, marked External ID and Unique, editable by the ' +
          'integration user; creates are upserts on it.',
      },
    ])
    const missing = createSalesforceConnector({ connection: h.connection, externalIdField: 'Missing_Id__c' })
    const failedMissing = (await missing.doctor({ objects: ['Account'] })).filter((c) => !c.ok)
    expect(failedMissing.map((c) => [c.name, c.detail])).toEqual([
      ['Account: external-id field Missing_Id__c', 'missing'],
    ])
    // Asked for Account only: Lead and Contact, which lack the field too, are not checked.
    expect((await missing.doctor({ objects: ['Account'] })).some((c) => c.name.startsWith('Lead'))).toBe(
      false,
    )
  })
})

describe('person accounts as an org setting (B-PA)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  it('hasPersonAccounts is off, then on in a connector made after the setting changed; one describe each', async () => {
    const before = createSalesforceConnector({ connection: h.connection })
    expect(await countCalls(h, () => before.hasPersonAccounts())).toEqual({ [DESCRIBE]: 1 })
    expect(await before.hasPersonAccounts()).toBe(false)
    await h.admin('PUT', '/person-accounts', { enabled: true })
    try {
      const after = createSalesforceConnector({ connection: h.connection })
      let on: boolean | undefined
      expect(
        await countCalls(h, async () => {
          on = await after.hasPersonAccounts()
          await after.hasPersonAccounts()
        }),
      ).toEqual({ [DESCRIBE]: 1 })
      expect(on).toBe(true)
      // Captures of Accounts read the person flags without another describe.
      const page = await countCalls(h, () => after.captureAccounts(undefined, ['Name']))
      expect(page[DESCRIBE]).toBeUndefined()
      // Salesforce never turns the feature off, so the answer is cached for the connector's lifetime.
      expect(await countCalls(h, () => before.hasPersonAccounts())).toEqual({})
    } finally {
      await h.admin('PUT', '/person-accounts', { enabled: false })
    }
  })

  it('Contact capture reads IsPersonAccount only where it exists, asking the Contact describe once', async () => {
    await h.admin('PUT', '/person-accounts', { enabled: true })
    try {
      const connector = createSalesforceConnector({ connection: h.connection })
      const created = await connector.write({
        type: 'Contact',
        creates: [{ externalId: '42:pc', fields: { LastName: 'Plain' } }],
      })
      const id = okId(created.creates[0])
      await connector.describe('Contact') // as the engine does when it resolves the mappings
      const calls = await countCalls(h, async () => {
        const page = await connector.captureChanges('Contact', undefined, ['AccountId'])
        expect(page.records.find((r) => r.id === id)).toMatchObject({
          isPersonContact: false,
          fields: { IsPersonAccount: false, AccountId: null },
        })
      })
      expect(calls[DESCRIBE]).toBeUndefined()
    } finally {
      await h.admin('PUT', '/person-accounts', { enabled: false })
    }
  })
})
