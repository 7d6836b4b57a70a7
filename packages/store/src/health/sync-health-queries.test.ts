import type { ErrorOccurrence, Link, SyncErrorCode } from '@crmsync/core'
import { parse } from 'csv-parse/sync'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { createStateStore } from '../create-state-store.js'
import type { KyselyStateStore } from '../kysely-state-store.js'
import { syncHealthCsv } from './sync-health-csv.js'
import { recordSyncStatusOf, syncHealthReport } from './sync-health-queries.js'

// The Sync Health read model over a real SQLite store (B-ERR-1, B-ERR-8).
let store: KyselyStateStore
beforeEach(async () => {
  store = createStateStore('sqlite::memory:')
  await store.migrate()
})
afterEach(() => store.close())

const connectionId = 'c'
const at = Date.parse('2026-01-02T03:04:05Z')

function occurrence(
  code: SyncErrorCode,
  recordId: string,
  message: string,
  side: 'hubspot' | 'salesforce' = 'hubspot',
): ErrorOccurrence {
  return { connectionId, objectKind: 'contact', side, recordId, code, message, at }
}

function link(hubspotId: string, salesforceId: string): Link {
  return {
    connectionId,
    objectKind: 'contact',
    hubspotId,
    salesforceType: 'Lead',
    salesforceId,
    state: 'active',
    fields: {},
    createdAt: at,
    updatedAt: at,
  }
}

async function seedBErr1() {
  await store.upsertLinks([link('101', '00Q000000000001AAA')])
  await store.recordError(occurrence('SF_INSUFFICIENT_ACCESS', '101', 'no access to Lead.Title'))
  await store.recordError(occurrence('SF_INVALID_FIELD', '101', 'No such column Title'))
  await store.recordError(occurrence('SF_INSUFFICIENT_ACCESS', '102', 'insufficient access, "x", =1+1'))
  await store.recordError(
    occurrence('HS_DUPLICATE_EMAIL', '00Q000000000003AAA', '=HYPERLINK("x")', 'salesforce'),
  )
}

describe('syncHealthReport (B-ERR-1)', () => {
  it('B-ERR-1: 3 permission errors on 2 records and 1 duplicate: Permissions 3/2, Duplicates 1/1; 4 CSV rows', async () => {
    await seedBErr1()
    const report = await syncHealthReport(store, connectionId)
    expect(report.groups.map((g) => [g.label, g.errors, g.records])).toEqual([
      ['Permissions', 3, 2],
      ['Duplicates', 1, 1],
    ])
    const rows = parse(syncHealthCsv(report.rows), { columns: true }) as Record<string, string>[]
    expect(rows).toHaveLength(4)
    // Values round-trip through the quoting; a formula-looking message is kept as text.
    expect(rows.map((r) => r['message']).sort()).toEqual([
      `'=HYPERLINK("x")`,
      'No such column Title',
      'insufficient access, "x", =1+1',
      'no access to Lead.Title',
    ])
    const linked = rows.find((r) => r['code'] === 'SF_INVALID_FIELD')
    expect(linked).toMatchObject({
      type: 'Permissions',
      object: 'contact',
      side: 'hubspot',
      record: '101',
      'linked record': '00Q000000000001AAA',
      attempts: '1',
      'first seen': '2026-01-02T03:04:05.000Z',
    })
    expect(linked?.['what to do']).toMatch(/field-level security/)
  })

  it('filters by type, object and record (either of its ids)', async () => {
    await seedBErr1()
    const permission = await syncHealthReport(store, connectionId, { type: 'permission' })
    expect(permission.rows.map((r) => r.code).sort()).toEqual([
      'SF_INSUFFICIENT_ACCESS',
      'SF_INSUFFICIENT_ACCESS',
      'SF_INVALID_FIELD',
    ])
    expect((await syncHealthReport(store, connectionId, { objectKind: 'deal' })).rows).toEqual([])
    const bySalesforceId = await syncHealthReport(store, connectionId, { recordId: '00Q000000000001AAA' })
    expect(bySalesforceId.rows.map((r) => r.recordId)).toEqual(['101', '101'])
    expect(bySalesforceId.groups).toEqual([
      expect.objectContaining({ type: 'permission', errors: 2, records: 1 }),
    ])
  })

  it('leaves resolved errors out', async () => {
    await seedBErr1()
    await store.resolveErrors(
      { record: { connectionId, objectKind: 'contact', side: 'hubspot', recordId: '101' } },
      at,
    )
    const report = await syncHealthReport(store, connectionId)
    expect(report.groups.map((g) => [g.type, g.errors, g.records])).toEqual([
      ['permission', 1, 1],
      ['duplicate', 1, 1],
    ])
  })

  it('writes only the header when nothing is open', async () => {
    expect(syncHealthCsv((await syncHealthReport(store, connectionId)).rows)).toBe(
      'type,code,object,side,record,linked record,message,what to do,attempts,first seen,last seen,next retry\n',
    )
  })
})

describe('recordSyncStatusOf (B-ERR-8)', () => {
  it('B-ERR-8: synced, error with detail (on either id of the link), or not syncing', async () => {
    await seedBErr1()
    await store.upsertLinks([link('103', '00Q000000000004AAA')])
    const of = (side: 'hubspot' | 'salesforce', recordId: string) =>
      recordSyncStatusOf(store, connectionId, { objectKind: 'contact', side, recordId })
    expect(await of('hubspot', '103')).toEqual({ state: 'synced' })
    const linked = await of('salesforce', '00Q000000000001AAA')
    expect(linked.state === 'error' ? linked.errors.map((e) => [e.code, e.type]).sort() : linked).toEqual([
      ['SF_INSUFFICIENT_ACCESS', 'permission'],
      ['SF_INVALID_FIELD', 'permission'],
    ])
    expect(await of('hubspot', '102')).toMatchObject({
      state: 'error',
      errors: [{ code: 'SF_INSUFFICIENT_ACCESS', message: 'insufficient access, "x", =1+1' }],
    })
    expect(await of('hubspot', '999')).toEqual({ state: 'not-syncing', reason: 'not linked' })
  })
})
