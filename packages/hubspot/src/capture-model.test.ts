import type { HubSpotCaptureCursor } from '@crmsync/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { compareKeyset, SETTLE_EVERY_MS } from './capture-state.js'
import { type CaptureChain, captureChain, versionKey } from './testing/capture-chain.js'
import { MemoryIndex } from './testing/memory-index.js'

const LAG = 5000
const START = Date.parse('2026-06-01T12:00:00Z')

type Op =
  | { readonly kind: 'wait'; readonly ms: number }
  | { readonly kind: 'create'; readonly count: number; readonly delays: readonly number[] }
  | { readonly kind: 'edit'; readonly pick: number; readonly delay: number }
  | { readonly kind: 'capture' }
  | { readonly kind: 'sync-once' }

const delay = fc.integer({ min: 0, max: LAG })
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('wait' as const),
    ms: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4000 })),
  }),
  fc.record({
    kind: fc.constant('create' as const),
    // Several at one ms share a lastmodifieddate; a burst needs more than one search page.
    count: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 150, max: 260 })),
    delays: fc.array(delay, { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), delay }),
  fc.constant({ kind: 'capture' as const }),
  fc.constant({ kind: 'sync-once' as const }),
)

/**
 * The capture cursor against a lagging index: contacts written with increasing lastmodifieddate (several
 * at one ms), edited again, each write shown by search after a random delay up to the lag; capture chains
 * (as the engine calls them: until `more` is false) at random times, the clock still within a chain.
 */
class Model {
  readonly index: MemoryIndex
  cursor: HubSpotCaptureCursor
  readonly returned = new Set<string>()
  nextId = 1
  /** Since the last chain: nothing written, and everything written was shown at its time. */
  quiet = false

  readonly initial: number

  constructor(offset: number) {
    this.index = new MemoryIndex({ now: START + offset })
    this.initial = this.index.now
    // Connected at `initial` as initCursors starts a cursor (B-INST-6): the changes after it are synced.
    this.cursor = { modifiedAt: this.initial, lastId: null }
    this.index.now += 1
  }

  async chain(settleThrough?: number): Promise<CaptureChain> {
    const frontier = { stamp: this.cursor.modifiedAt, id: this.cursor.lastId }
    const shown = this.index.shown()
    const settledBefore = this.cursor.settled ?? this.cursor.modifiedAt
    const idleBefore = this.quiet && (this.cursor.settled ?? this.cursor.modifiedAt) >= this.cursor.modifiedAt
    const chain = await captureChain(this.index.deps(LAG), this.index, this.cursor, {
      ...(settleThrough === undefined ? {} : { settleThrough }),
    })
    for (const key of chain.returned) {
      expect(this.returned.has(key), `${key} returned twice`).toBe(false)
      this.returned.add(key)
    }
    this.cursor = chain.cursor ?? this.cursor
    // No fixed wait: whatever search shows above the old frontier is returned by this chain.
    for (const v of shown)
      if (compareKeyset({ stamp: v.stamp, id: String(v.id) }, frontier) > 0)
        expect(this.returned.has(versionKey(v.id, v.stamp)), `shown ${v.id}@${v.stamp} not returned`).toBe(
          true,
        )
    this.checkSettled(chain.last.settledThrough)
    // Capture moves `settled` no further than the lag allows (it starts at the moment of connecting).
    expect(chain.last.settledThrough).toBeLessThanOrEqual(Math.max(settledBefore, this.index.now - LAG))
    // An idle, settled portal costs what it cost before settle passes: one call, two searches.
    if (idleBefore) expect(chain.searches).toEqual([2])
    this.quiet = this.index.versions.every((v) => v.visibleAt <= this.index.now)
    return chain
  }

  /** Every contact whose latest write is at or before `settled` was returned with that write. */
  checkSettled(settled: number): void {
    for (const v of this.index.latest().values())
      if (v.stamp <= settled)
        expect(this.returned.has(versionKey(v.id, v.stamp)), `settled ${v.id}@${v.stamp} missing`).toBe(true)
  }

  /** `crmsync sync --once`: everything before its start, waiting for the index when told to. */
  async syncOnce(): Promise<void> {
    const through = this.index.now
    let chain = await this.chain(through)
    for (let round = 0; chain.last.settledThrough < through && round < 3; round += 1) {
      const readyAt = chain.last.settleReadyAt
      expect(readyAt).toBe(through + LAG)
      // The engine waits by HubSpot's clock, whole seconds.
      this.index.now = Math.ceil((readyAt ?? 0) / 1000) * 1000
      this.quiet = false
      chain = await this.chain(through)
    }
    expect(chain.last.settledThrough).toBeGreaterThanOrEqual(through)
    expect(chain.last.settleReadyAt).toBeUndefined()
  }

  async run(step: Op): Promise<void> {
    if (step.kind === 'wait') this.index.now += step.ms
    else if (step.kind === 'capture') await this.chain()
    else if (step.kind === 'sync-once') await this.syncOnce()
    else if (step.kind === 'create') {
      this.quiet = false
      for (let n = 0; n < step.count; n += 1)
        this.index.write(this.nextId++, { delay: step.delays[n % step.delays.length] ?? 0 })
    } else if (this.nextId > 1) {
      this.quiet = false
      this.index.write(1 + (step.pick % (this.nextId - 1)), { delay: step.delay })
    }
  }
}

describe('HubSpot capture cursor against a lagging index (model)', () => {
  it('returns each version once, as soon as search shows it, and every latest version once settled', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 999 }),
        fc.array(op, { maxLength: 40 }),
        async (offset, ops) => {
          const model = new Model(offset)
          for (const step of ops) await model.run(step)
          // Quiet long enough for a settle to come due: every latest version returned.
          model.index.now += LAG + SETTLE_EVERY_MS + 1000
          await model.chain()
          await model.chain()
          const newest = Math.max(0, ...model.index.versions.map((v) => v.stamp))
          expect(model.cursor.settled ?? 0).toBeGreaterThanOrEqual(newest)
          for (const v of model.index.latest().values())
            expect(model.returned.has(versionKey(v.id, v.stamp))).toBe(true)
          // Read once fresh, once by a settle, at most once more at a pass's first page: never once per poll.
          expect(Math.max(0, ...model.index.reads.values())).toBeLessThanOrEqual(3)
          expect(model.index.pastCap).toBe(0)
        },
      ),
      { numRuns: 150 },
    )
  }, 120_000)
})
