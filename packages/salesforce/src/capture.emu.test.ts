import type { SalesforceContactRecord } from '@crmsync/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { captureCursorFrom } from './capture-cursor.js'
import { createSalesforceConnector } from './salesforce-connector.js'
import { type Harness, startHarness } from './testing/sandbox-harness.js'

const ALLOWANCE_MS = 60_000
let h: Harness

beforeAll(async () => {
  h = await startHarness({
    sandbox: { seed: { kind: 'large', leads: 2500 } },
    connector: { transactionAllowanceMs: ALLOWANCE_MS },
  })
})
afterAll(() => h.close())

type Capture = (cursor: string | undefined) => Promise<{
  records: readonly SalesforceContactRecord[]
  cursor: string
  hasMore: boolean
}>

/** Runs one pass: pages until hasMore is false. */
async function pass(
  capture: Capture,
  cursor: string | undefined,
): Promise<{ ids: string[]; cursor: string; pages: number }> {
  const ids: string[] = []
  let pages = 0
  let next = cursor
  for (;;) {
    const page = await capture(next)
    pages++
    ids.push(...page.records.map((r) => r.id))
    next = page.cursor
    if (!page.hasMore) return { ids, cursor: next, pages }
  }
}

const leads: Capture = (cursor) => h.connector.captureChanges('Lead', cursor, ['Email', 'LastName'])

async function createLead(externalId: string, fields: Record<string, string> = {}): Promise<string> {
  const res = await h.connector.write({
    type: 'Lead',
    creates: [{ externalId, fields: { LastName: externalId, Company: 'Acme', ...fields } }],
  })
  const result = res.creates[0]
  if (!result?.ok) throw new Error(`create failed: ${JSON.stringify(result)}`)
  return result.id
}

/** A row written straight into the org's store, as a transaction that started at `modstamp` and commits now. */
function commitLate(modstamp: number): string {
  const table = h.org.table('Lead')
  if (table === undefined) throw new Error('no Lead table')
  const id = h.org.ids.next('00Q')
  table.put({
    Id: id,
    IsDeleted: false,
    CreatedDate: modstamp,
    CreatedById: h.org.integrationUserId,
    LastModifiedDate: modstamp,
    LastModifiedById: h.org.integrationUserId,
    SystemModstamp: modstamp,
    LastName: 'Late',
    Company: 'Acme',
    Status: 'Open - Not Contacted',
    OwnerId: h.org.integrationUserId,
    IsConverted: false,
  })
  return id
}

describe('captureChanges', () => {
  it('pages over 2500 rows in SystemModstamp order: 2 queryAll calls and 1 /updated call; an idle pass costs 1 call', async () => {
    const before = h.connector.apiUsage().byOperation
    const first = await leads(undefined)
    expect(first.records).toHaveLength(2000)
    expect(first.hasMore).toBe(true)
    const rest = await pass(leads, first.cursor)
    const ids = [...first.records.map((r) => r.id), ...rest.ids]
    expect(new Set(ids).size).toBe(2500)
    expect(ids.length).toBe(h.org.table('Lead')?.size)
    const stamps = first.records.map((r) => Date.parse(String(r.fields['SystemModstamp'])))
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b))
    expect(first.records[0]?.fields).toHaveProperty('Email')
    const after = h.connector.apiUsage().byOperation
    expect((after['queryAll'] ?? 0) - (before['queryAll'] ?? 0)).toBe(2)
    expect((after['replication.updated'] ?? 0) - (before['replication.updated'] ?? 0)).toBe(1)
    // Nothing changed since: the next pass returns nothing, in one queryAll; the stored latestDateCovered
    // still bounds the watermark, so /updated is not asked again.
    expect((await pass(leads, rest.cursor)).ids).toEqual([])
    const idle = h.connector.apiUsage().byOperation
    expect((idle['queryAll'] ?? 0) - (after['queryAll'] ?? 0)).toBe(1)
    expect(idle['replication.updated']).toBe(after['replication.updated'])
  })

  it('a row with an older SystemModstamp committed late is not lost; rows already read are not returned again', async () => {
    h.clock.advance(600_000)
    const start = h.clock.now()
    const base = await pass(leads, captureCursorFrom(start - 1000))
    h.clock.advance(10_000)
    const early = await createLead('cursor-early')
    const first = await pass(leads, base.cursor)
    expect(first.ids).toEqual([early])
    // A transaction that began 5 s before `early` was written commits only now.
    const late = commitLate(h.clock.now() - 5_000)
    h.clock.advance(5_000)
    const second = await pass(leads, first.cursor)
    expect(second.ids).toEqual([late])
    // An edit gives `early` a new SystemModstamp, so it comes back once.
    h.clock.advance(1_000)
    await h.connector.write({
      type: 'Lead',
      updates: [{ id: early, fields: { Email: 'early@example.com' } }],
    })
    expect((await pass(leads, second.cursor)).ids).toEqual([early])
  })

  it('without the allowance the same late row would be lost (the check above can fail)', async () => {
    const naive = createSalesforceConnector({
      connection: h.connection,
      transactionAllowanceMs: 0,
      replicationHorizon: false,
    })
    const naiveLeads: Capture = (cursor) => naive.captureChanges('Lead', cursor, ['LastName'])
    h.clock.advance(60_000)
    const base = await pass(naiveLeads, captureCursorFrom(h.clock.now() - 1000))
    h.clock.advance(10_000)
    const early = await createLead('naive-early')
    const first = await pass(naiveLeads, base.cursor)
    expect(first.ids).toEqual([early])
    const late = commitLate(h.clock.now() - 5_000)
    h.clock.advance(5_000)
    expect((await pass(naiveLeads, first.cursor)).ids).not.toContain(late)
  })

  it('2100 rows sharing one SystemModstamp page by (SystemModstamp, Id) without loops or losses', async () => {
    h.clock.advance(60_000)
    const at = h.clock.now()
    const creates = Array.from({ length: 2100 }, (_, i) => ({
      externalId: `same-second:${i}`,
      fields: { LastName: `Same ${i}`, Company: 'Acme' },
    }))
    const written = await h.connector.write({ type: 'Lead', creates })
    expect(written.creates.every((r) => r.ok)).toBe(true)
    const result = await pass(leads, captureCursorFrom(at))
    expect(result.pages).toBe(2)
    expect(new Set(result.ids).size).toBe(2100)
  })
})
