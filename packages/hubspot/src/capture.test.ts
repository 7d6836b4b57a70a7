import type { HubSpotCaptureCursor } from '@crmsync/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { captureContacts, type CaptureDeps, type SearchPage } from './capture.js'
import type { SearchBody } from './search-filters.js'

interface Row {
  readonly id: number
  readonly modified: number
}

/**
 * An in-memory search with HubSpot's rules that matter to capture (api-surface 3.4): filters ANDed, one sort
 * key, ties in an order of its own (not by id), `after` as an offset, 400 for an offset at or past the cap.
 */
function memorySearch(rows: readonly Row[], cap: number, tieOrder: (id: number) => number) {
  const log = { calls: 0, pastCap: 0 }
  const search = (body: SearchBody): Promise<SearchPage> => {
    log.calls += 1
    const offset = Number(body.after ?? 0)
    if (offset >= cap) {
      log.pastCap += 1
      return Promise.reject(Object.assign(new Error('after past cap'), { code: 400, body: {}, headers: {} }))
    }
    const filters = body.filterGroups[0]?.filters ?? []
    const value = (row: Row, name: string) => (name === 'hs_object_id' ? row.id : row.modified)
    const ops = {
      EQ: (a: number, b: number) => a === b,
      GT: (a: number, b: number) => a > b,
      GTE: (a: number, b: number) => a >= b,
      LT: (a: number, b: number) => a < b,
      LTE: (a: number, b: number) => a <= b,
    }
    const hits = rows.filter((row) =>
      filters.every((f) => ops[f.operator](value(row, f.propertyName), Number(f.value))),
    )
    const key = body.sorts[0]?.propertyName ?? 'hs_object_id'
    hits.sort((a, b) => value(a, key) - value(b, key) || tieOrder(a.id) - tieOrder(b.id))
    const page = hits.slice(offset, offset + body.limit)
    const next = offset + page.length
    return Promise.resolve({
      total: hits.length,
      // Search returns lastmodifieddate as ISO-8601.
      results: page.map((row) => ({
        id: String(row.id),
        properties: { lastmodifieddate: new Date(row.modified).toISOString() },
      })),
      nextAfter: next < hits.length && next < cap && page.length > 0 ? String(next) : undefined,
    })
  }
  return { search, log }
}

async function captureUntilDone(deps: CaptureDeps, start?: HubSpotCaptureCursor) {
  let cursor = start
  const seen = new Set<string>()
  const cursors: HubSpotCaptureCursor[] = []
  for (let call = 0; call < 500; call += 1) {
    const result = await captureContacts({ cursor }, deps)
    result.records.forEach((record) => seen.add(record.id))
    cursors.push(result.cursor)
    cursor = result.cursor
    if (!result.more) return { seen, cursors }
  }
  throw new Error('capture never finished')
}

const NOW = Date.parse('2026-06-01T12:00:00Z')

function deps(search: CaptureDeps['search'], cap: number, lagMs: number): CaptureDeps {
  return {
    search,
    serverTime: () => NOW,
    now: () => NOW,
    searchLagMs: lagMs,
    searchResultCap: cap,
    ownAppId: undefined,
  }
}

describe('capture windows (design.md 3.4)', () => {
  it('captures 14,000 contacts with 11,000 at one instant under the real 10,000 cap', async () => {
    const rows: Row[] = []
    for (let id = 1; id <= 11_000; id += 1) rows.push({ id, modified: NOW - 50_000 })
    for (let id = 11_001; id <= 14_000; id += 1)
      rows.push({ id, modified: NOW - 3_600_000 + (id % 997) * 1000 })
    const { search, log } = memorySearch(rows, 10_000, (id) => (id * 7919) % 14_009)
    const { seen } = await captureUntilDone(deps(search, 10_000, 5000))
    expect(seen.size).toBe(14_000)
    expect(log.pastCap).toBe(0)
  })

  it('property: every contact at or before server time minus lag is captured, the cursor never passes it, no page goes past the cap', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 320 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 1, max: 1000 }),
        async (instants, lagMs, seed) => {
          const rows: Row[] = []
          let id = 1
          for (const [secondsAgo, count] of instants) {
            for (let n = 0; n < count; n += 1) rows.push({ id: id++, modified: NOW - secondsAgo * 1000 })
          }
          const { search, log } = memorySearch(rows, 250, (rowId) => (rowId * seed) % 1009)
          const start = { modifiedAt: NOW - 700_000, lastId: null }
          const { seen, cursors } = await captureUntilDone(deps(search, 250, lagMs), start)
          const horizon = NOW - lagMs
          const expected = rows.filter((row) => row.modified <= horizon).map((row) => String(row.id))
          expect(new Set([...seen].filter((x) => expected.includes(x)))).toEqual(new Set(expected))
          expect([...seen].every((x) => expected.includes(x))).toBe(true)
          expect(cursors.every((cursor) => cursor.modifiedAt <= horizon)).toBe(true)
          expect(log.pastCap).toBe(0)
        },
      ),
      { numRuns: 20 },
    )
  }, 20_000)

  it('resumes a tie instant after lastId without re-reading the ids at or below it', async () => {
    const rows: Row[] = Array.from({ length: 450 }, (_, index) => ({ id: index + 1, modified: NOW - 10_000 }))
    const { search } = memorySearch(rows, 10_000, (id) => -id)
    const result = await captureContacts(
      { cursor: { modifiedAt: NOW - 10_000, lastId: '150' } },
      deps(search, 10_000, 0),
    )
    expect(result.records.map((record) => Number(record.id))).toEqual(rows.slice(150).map((row) => row.id))
    expect(result.cursor).toEqual({ modifiedAt: NOW, lastId: null })
  })
})
