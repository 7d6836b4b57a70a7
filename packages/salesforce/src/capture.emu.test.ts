import type { SalesforceContactRecord } from '@crmsync/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { captureCursorFrom, SETTLE_EVERY_MS } from './capture-cursor.js'
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
    // The seed lies far below the horizon, so the next pass settles it: read once more, nothing returned.
    const settled = await pass(leads, rest.cursor)
    expect(settled.ids).toEqual([])
    expect(settled.pages).toBe(3) // two settle pages and one fresh page
    // Nothing changed since: a pass is one queryAll after the frontier; the stored latestDateCovered
    // still bounds the watermark, so /updated is not asked again.
    const idleBefore = h.connector.apiUsage().byOperation
    expect((await pass(leads, settled.cursor)).ids).toEqual([])
    const idle = h.connector.apiUsage().byOperation
    expect((idle['queryAll'] ?? 0) - (idleBefore['queryAll'] ?? 0)).toBe(1)
    expect(idle['replication.updated']).toBe(idleBefore['replication.updated'])
  })

  it('a row with an older SystemModstamp committed late is found by the settle; rows already read are not returned again', async () => {
    h.clock.advance(600_000)
    const start = h.clock.now()
    const base = await pass(leads, captureCursorFrom(start - 1000))
    h.clock.advance(10_000)
    const early = await createLead('cursor-early')
    const first = await pass(leads, base.cursor)
    expect(first.ids).toEqual([early])
    // A transaction that began 5 s before `early` was written commits only now: behind the frontier, so
    // fresh passes do not see it.
    const late = commitLate(h.clock.now() - 5_000)
    h.clock.advance(5_000)
    const second = await pass(leads, first.cursor)
    expect(second.ids).toEqual([])
    // Once the horizon (server time minus the allowance) is a settle interval past the watermark, a pass
    // schedules the settle and the next one reads [watermark, horizon] again: the late row, and only it.
    h.clock.advance(ALLOWANCE_MS + SETTLE_EVERY_MS)
    const scheduled = await pass(leads, second.cursor)
    expect(scheduled.ids).toEqual([])
    const settled = await pass(leads, scheduled.cursor)
    expect(settled.ids).toEqual([late])
    // An edit gives `early` a new SystemModstamp, so it comes back once.
    h.clock.advance(1_000)
    await h.connector.write({
      type: 'Lead',
      updates: [{ id: early, fields: { Email: 'early@example.com' } }],
    })
    expect((await pass(leads, settled.cursor)).ids).toEqual([early])
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
    // With no allowance the horizon is server time itself: this pass schedules a settle up to now, and the
    // next runs it, so the watermark passes rows whose transactions are still open.
    h.clock.advance(SETTLE_EVERY_MS)
    const scheduled = await pass(naiveLeads, first.cursor)
    const settled = await pass(naiveLeads, scheduled.cursor)
    const late = commitLate(h.clock.now() - 5_000)
    h.clock.advance(SETTLE_EVERY_MS + 5_000)
    let cursor = settled.cursor
    const seen: string[] = []
    for (let i = 0; i < 3; i++) {
      const next = await pass(naiveLeads, cursor)
      seen.push(...next.ids)
      cursor = next.cursor
    }
    expect(seen).not.toContain(late)
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
