import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { captureContacts } from './capture.js'
import { captureChain, versionKey } from './testing/capture-chain.js'
import { MemoryIndex } from './testing/memory-index.js'

const NOW = Date.parse('2026-06-01T12:00:00Z')

describe('capture windows (design.md 3.4)', () => {
  it('captures 14,000 contacts with 11,000 at one instant under the real 10,000 cap', async () => {
    const index = new MemoryIndex({ now: NOW, tieOrder: (id) => (id * 7919) % 14_009 })
    for (let id = 1; id <= 11_000; id += 1) index.write(id, { stamp: NOW - 50_000 })
    for (let id = 11_001; id <= 14_000; id += 1)
      index.write(id, { stamp: NOW - 3_600_000 + (id % 997) * 1000 })
    const chain = await captureChain(index.deps(5000), index, undefined)
    expect(new Set(chain.returned.map((key) => key.split('@')[0])).size).toBe(14_000)
    expect(chain.returned.length).toBe(14_000)
    expect(index.pastCap).toBe(0)
  })

  it('property: every contact is captured (no fixed wait), settled never passes server time minus lag, no page goes past the cap', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 320 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 1, max: 1000 }),
        async (instants, lagMs, seed) => {
          const index = new MemoryIndex({ now: NOW, cap: 250, tieOrder: (id) => (id * seed) % 1009 })
          let id = 1
          for (const [secondsAgo, count] of instants)
            for (let n = 0; n < count; n += 1) index.write(id++, { stamp: NOW - secondsAgo * 1000 })
          const start = { modifiedAt: NOW - 700_000, lastId: null }
          const chain = await captureChain(index.deps(lagMs), index, start)
          expect(new Set(chain.returned)).toEqual(
            new Set(index.versions.map((v) => versionKey(v.id, v.stamp))),
          )
          expect(chain.returned.length).toBe(index.versions.length)
          for (const result of chain.results) {
            expect(result.settledThrough).toBeLessThanOrEqual(NOW - lagMs)
            expect(result.cursor.settled).toBe(result.settledThrough)
          }
          expect(index.pastCap).toBe(0)
        },
      ),
      { numRuns: 20 },
    )
  }, 20_000)

  it('resumes a tie instant after lastId without re-reading the ids at or below it', async () => {
    const index = new MemoryIndex({ now: NOW, tieOrder: (id) => -id })
    for (let id = 1; id <= 450; id += 1) index.write(id, { stamp: NOW - 10_000 })
    const result = await captureContacts(
      { cursor: { modifiedAt: NOW - 10_000, lastId: '150' } },
      index.deps(0),
    )
    expect(result.records.map((record) => Number(record.id))).toEqual(
      Array.from({ length: 300 }, (_, n) => n + 151),
    )
    // Read through NOW with no lag: settled there, the frontier lifted to it, nothing kept in `seen`.
    expect(result.cursor).toEqual({ modifiedAt: NOW, lastId: null, settled: NOW, seen: {} })
    expect(result.settledThrough).toBe(NOW)
    // Two pages of the id walk and one window.
    expect(index.calls).toBe(3)
  })

  it('walks 450 contacts at one ms in the fresh window by id when the window is over the cap', async () => {
    const index = new MemoryIndex({ now: NOW, cap: 250 })
    const start = { modifiedAt: NOW - 9000, lastId: null, settled: NOW - 9000 }
    index.now = NOW - 1500
    for (let id = 1; id <= 450; id += 1) index.write(id, { stamp: NOW - 1000 })
    index.write(451, { stamp: NOW - 999 })
    index.now = NOW
    const chain = await captureChain(index.deps(5000), index, start)
    expect(chain.returned).toHaveLength(451)
    expect(index.pastCap).toBe(0)
    // Young (inside the 5 s lag), so nothing settled past them yet.
    expect(chain.last.settledThrough).toBe(NOW - 5000)
  })

  it('a version already returned is not returned again; an edit (a new lastmodifieddate) is', async () => {
    const index = new MemoryIndex({ now: NOW })
    index.write(1, { stamp: NOW - 3000 })
    const first = await captureChain(index.deps(5000), index, { modifiedAt: NOW - 4000, lastId: null })
    expect(first.returned).toEqual([versionKey(1, NOW - 3000)])
    const again = await captureChain(index.deps(5000), index, first.cursor)
    expect(again.returned).toEqual([])
    index.now = NOW + 500
    index.write(1)
    const edited = await captureChain(index.deps(5000), index, again.cursor)
    expect(edited.returned).toEqual([versionKey(1, NOW + 500)])
  })
})
