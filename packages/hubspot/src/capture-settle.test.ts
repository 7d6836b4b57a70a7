import type { HubSpotCaptureCursor } from '@crmsync/core'
import { describe, expect, it } from 'vitest'

import { SETTLE_EVERY_MS } from './capture-state.js'
import { captureChain, versionKey } from './testing/capture-chain.js'
import { MemoryIndex } from './testing/memory-index.js'

const NOW = Date.parse('2026-06-01T12:00:00Z')
const LAG = 5000

/** A cursor settled and fresh at `at`, as a connection starts (initCursors). */
const connectedAt = (at: number): HubSpotCaptureCursor => ({ modifiedAt: at, lastId: null, settled: at })

describe('fresh and settle passes (design.md 3.4)', () => {
  it('returns an edit by the next call with no wait for the lag', async () => {
    const index = new MemoryIndex({ now: NOW })
    index.now = NOW + 1300
    index.write(1)
    index.now = NOW + 1500
    const chain = await captureChain(index.deps(LAG), index, connectedAt(NOW))
    expect(chain.returned).toEqual([versionKey(1, NOW + 1300)])
    expect(chain.searches).toEqual([2])
    // Younger than the lag: returned, not yet settled (settled stays where the connection started).
    expect(chain.last.settledThrough).toBe(NOW)
  })

  it('finds a row indexed late behind a newer one with the settle, once, for one more search', async () => {
    const index = new MemoryIndex({ now: NOW })
    index.now = NOW + 100
    index.write(1, { delay: 4000 })
    index.now = NOW + 200
    index.write(2)
    index.now = NOW + 500
    let chain = await captureChain(index.deps(LAG), index, connectedAt(NOW))
    expect(chain.returned).toEqual([versionKey(2, NOW + 200)])
    const found: string[] = []
    const searches: number[] = []
    for (let second = 1; second <= 20; second += 1) {
      index.now = NOW + 500 + second * 1000
      chain = await captureChain(index.deps(LAG), index, chain.cursor)
      found.push(...chain.returned)
      searches.push(...chain.searches)
    }
    expect(found).toEqual([versionKey(1, NOW + 100)])
    // Two searches a poll, and the one settle search of the dirty span, once.
    expect(searches.filter((n) => n !== 2)).toEqual([3])
    expect(chain.last.settledThrough).toBeGreaterThan(NOW + 200)
  })

  it('an idle portal costs two searches a call and no settle, for as long as it stays idle', async () => {
    const index = new MemoryIndex({ now: NOW })
    index.write(1, { stamp: NOW - 1000 })
    let cursor = (await captureChain(index.deps(LAG), index, connectedAt(NOW - 2000))).cursor
    const searches: number[] = []
    for (let second = 1; second <= 120; second += 1) {
      index.now = NOW + second * 1000
      const chain = await captureChain(index.deps(LAG), index, cursor)
      searches.push(...chain.searches)
      cursor = chain.cursor
    }
    expect(searches.filter((n) => n !== 2)).toEqual([3])
    expect(searches).toHaveLength(120)
  })

  it('steady traffic costs one more search per settle span, and a burst read young is read twice at most', async () => {
    const index = new MemoryIndex({ now: NOW })
    let cursor = connectedAt(NOW)
    let id = 1
    let calls = 0
    let searches = 0
    const returned: string[] = []
    for (let second = 1; second <= 60; second += 1) {
      index.now = NOW + second * 1000 - 300
      // A burst of 700 at 20 s, else one change a second, each shown within the lag.
      const count = second === 20 ? 700 : 1
      for (let n = 0; n < count; n += 1, id += 1) index.write(id, { delay: (id * 1237) % LAG })
      index.now = NOW + second * 1000
      const chain = await captureChain(index.deps(LAG), index, cursor)
      cursor = chain.cursor ?? cursor
      returned.push(...chain.returned)
      calls += chain.searches.length
      searches += chain.searches.reduce((a, b) => a + b, 0)
    }
    index.now += LAG + SETTLE_EVERY_MS
    const last = await captureChain(index.deps(LAG), index, cursor)
    returned.push(...last.returned)
    expect(returned.length).toBe(new Set(returned).size)
    expect(new Set(returned)).toEqual(
      new Set([...index.latest().values()].map((v) => versionKey(v.id, v.stamp))),
    )
    expect(Math.max(...index.reads.values())).toBeLessThanOrEqual(2)
    // Fresh passes: 2 a call, plus their pages of the burst (4); settles: one search per span of about
    // SETTLE_EVERY_MS, plus the burst's pages when it is settled (4).
    const spans = Math.ceil(60_000 / SETTLE_EVERY_MS)
    expect(searches).toBeLessThanOrEqual(2 * calls + 4 + spans + 4)
  })

  it('reads a backlog older than the lag once, in as many searches as before settle passes', async () => {
    const index = new MemoryIndex({ now: NOW })
    for (let id = 1; id <= 1000; id += 1) index.write(id, { stamp: NOW - 60_000 + id * 10 })
    const chain = await captureChain(index.deps(LAG), index, connectedAt(NOW - 70_000))
    expect(chain.returned).toHaveLength(1000)
    expect([...index.reads.values()].every((n) => n === 1)).toBe(true)
    // The id walk of the frontier's instant and the window's 5 pages, as the lagging capture read it.
    expect(chain.searches).toEqual([6])
    expect(chain.last.settledThrough).toBe(NOW - LAG)
  })

  it('settleThrough: says when the index allows a settle through it, then settles', async () => {
    const index = new MemoryIndex({ now: NOW })
    index.now = NOW + 100
    index.write(1, { delay: 3000 })
    index.write(2)
    index.now = NOW + 400
    const through = NOW + 400
    let chain = await captureChain(index.deps(LAG), index, connectedAt(NOW), { settleThrough: through })
    expect(chain.returned).toEqual([versionKey(2, NOW + 100)])
    expect(chain.last.more).toBe(false)
    expect(chain.last.settleReadyAt).toBe(through + LAG)
    // The engine waits by HubSpot's Date, which has whole seconds.
    index.now = Math.ceil((through + LAG) / 1000) * 1000
    chain = await captureChain(index.deps(LAG), index, chain.cursor, { settleThrough: through })
    expect(chain.returned).toEqual([versionKey(1, NOW + 100)])
    expect(chain.last.settledThrough).toBeGreaterThanOrEqual(through)
    expect(chain.last.settleReadyAt).toBeUndefined()
  })

  it('pages a shrinking settle window without skipping: a row edited away between pages moves the rest back', async () => {
    const index = new MemoryIndex({ now: NOW, tieOrder: (id) => id })
    for (let id = 1; id <= 600; id += 1) index.write(id, { stamp: NOW - 60_000 + id })
    let searches = 0
    // After the window's first page, contact 5 (on that page) is edited: every later row moves back one.
    index.beforeSearch = () => {
      searches += 1
      if (searches === 3) index.write(5)
    }
    const chain = await captureChain(index.deps(LAG), index, connectedAt(NOW - 70_000))
    const expected = [...index.latest().values()].map((v) => versionKey(v.id, v.stamp))
    expect(new Set(chain.returned)).toEqual(new Set([...expected, versionKey(5, NOW - 60_000 + 5)]))
  })

  it('cuts a young window that grew to the cap instead of paging past it, and reads the rest next', async () => {
    const index = new MemoryIndex({ now: NOW, cap: 400 })
    for (let id = 1; id <= 390; id += 1) index.write(id, { stamp: NOW - 3000 + id })
    let searches = 0
    index.beforeSearch = () => {
      if ((searches += 1) === 3) for (let id = 391; id <= 450; id += 1) index.write(id, { stamp: NOW - 2000 })
    }
    const chain = await captureChain(index.deps(LAG), index, connectedAt(NOW - 3000))
    expect(new Set(chain.returned).size).toBe(450)
    expect(index.pastCap).toBe(0)
  })
})
