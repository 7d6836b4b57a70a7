import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  advanceCaptureCursor,
  captureCursorFrom,
  type CaptureCursorState,
  type CapturedRow,
  captureStep,
  decodeCaptureCursor,
  encodeCaptureCursor,
  needsHorizon,
  SETTLE_EVERY_MS,
} from './capture-cursor.js'

const S = 1000 // one second, in ms

describe('advanceCaptureCursor', () => {
  it('a fresh pass returns new rows, moves the frontier, and leaves the watermark alone', () => {
    const rows = [
      { id: 'a', modstamp: 10 * S },
      { id: 'b', modstamp: 20 * S },
    ]
    // Read at 21 s: the frontier's second (20 s) is over.
    const { fresh, next, passDone } = advanceCaptureCursor({ from: 0, seen: {} }, rows, false, 15 * S, 21 * S)
    expect(fresh).toEqual(rows)
    expect(passDone).toBe(true)
    expect(next.from).toBe(0)
    expect(next.frontier).toEqual({ modstamp: 20 * S, id: 'b' })
    expect(next.seen).toEqual({ [String(10 * S)]: ['a'], [String(20 * S)]: ['b'] })
    // The next page reads after the frontier only: nothing is read twice while it waits to settle.
    expect(captureStep(next)).toEqual({ kind: 'fresh', from: 20 * S, after: { modstamp: 20 * S, id: 'b' } })
  })

  it("reads the frontier's second whole again while it was not over, then goes back to the keyset", () => {
    const rows = [
      { id: 'a', modstamp: 10 * S },
      { id: 'm', modstamp: 20 * S },
    ]
    // Read during second 20: a row stamped 20 s may still commit, with any Id.
    const first = advanceCaptureCursor({ from: 0, seen: {} }, rows, false, 15 * S, 20 * S + 400)
    expect(first.next.frontierOpen).toBe(true)
    expect(captureStep(first.next)).toEqual({ kind: 'fresh', from: 20 * S })
    // The second read whole at 22 s: 'b' committed after the first read with a lower Id than 'm'.
    const again = [
      { id: 'b', modstamp: 20 * S },
      { id: 'm', modstamp: 20 * S },
    ]
    const second = advanceCaptureCursor(first.next, again, false, 15 * S, 22 * S)
    expect(second.fresh.map((r) => r.id)).toEqual(['b'])
    expect(second.next.frontier).toEqual({ modstamp: 20 * S, id: 'm' })
    expect(second.next.frontierOpen).toBeUndefined()
    expect(captureStep(second.next)).toEqual({
      kind: 'fresh',
      from: 20 * S,
      after: { modstamp: 20 * S, id: 'm' },
    })
  })

  it('a pass of several pages judges the frontier by the time of its first page', () => {
    const page1 = advanceCaptureCursor(
      { from: 0, seen: {} },
      [{ id: 'a', modstamp: 20 * S }],
      true,
      undefined,
      20 * S,
    )
    expect(page1.next.freshAfter).toEqual({ modstamp: 20 * S, id: 'a' })
    expect(captureStep(page1.next)).toEqual({
      kind: 'fresh',
      from: 20 * S,
      after: { modstamp: 20 * S, id: 'a' },
    })
    // The last page comes after the second is over, but the pass began inside it.
    const page2 = advanceCaptureCursor(page1.next, [{ id: 'b', modstamp: 20 * S }], false, 15 * S, 21 * S)
    expect(page2.next.frontierOpen).toBe(true)
    expect(page2.next.freshAfter).toBeUndefined()
  })

  it('skips rows already returned under the same (Id, SystemModstamp), not a newer edit', () => {
    const state: CaptureCursorState = { from: 15 * S, seen: { [String(20 * S)]: ['b'] } }
    const rows = [
      { id: 'b', modstamp: 20 * S },
      { id: 'c', modstamp: 20 * S },
      { id: 'b2', modstamp: 21 * S },
    ]
    expect(advanceCaptureCursor(state, rows, false, 16 * S).fresh.map((r) => r.id)).toEqual(['c', 'b2'])
    const edited = [{ id: 'b', modstamp: 30 * S }]
    expect(advanceCaptureCursor(state, edited, false, 16 * S).fresh).toEqual(edited)
  })

  it('schedules a settle once the horizon is SETTLE_EVERY_MS past the watermark, not before', () => {
    const start: CaptureCursorState = { from: 100 * S, seen: {} }
    const early = advanceCaptureCursor(start, [], false, 100 * S + SETTLE_EVERY_MS - 1)
    expect(early.next.settle).toBeUndefined()
    const due = advanceCaptureCursor(start, [], false, 100 * S + SETTLE_EVERY_MS)
    expect(due.next.settle).toEqual({ upTo: 100 * S + SETTLE_EVERY_MS })
    expect(captureStep(due.next)).toMatchObject({
      kind: 'settle',
      from: 100 * S,
      upTo: 100 * S + SETTLE_EVERY_MS,
    })
    expect(needsHorizon(due.next, false)).toBe(false)
  })

  it('a settle pass pages on a keyset, then moves the watermark to its bound and forgets rows below it', () => {
    const state: CaptureCursorState = {
      from: 0,
      seen: { [String(10 * S)]: ['a'], [String(90 * S)]: ['z'] },
      settle: { upTo: 60 * S },
    }
    const page1 = advanceCaptureCursor(
      state,
      [
        { id: 'a', modstamp: 10 * S },
        { id: 'late', modstamp: 20 * S },
      ],
      true,
    )
    expect(page1.fresh.map((r) => r.id)).toEqual(['late'])
    expect(page1.passDone).toBe(false)
    expect(page1.next.settle).toEqual({ upTo: 60 * S, after: { modstamp: 20 * S, id: 'late' } })
    const page2 = advanceCaptureCursor(page1.next, [], false)
    expect(page2.passDone).toBe(false) // a fresh page follows
    expect(page2.next.from).toBe(60 * S)
    expect(page2.next.settle).toBeUndefined()
    expect(page2.next.seen).toEqual({ [String(90 * S)]: ['z'] })
  })
})

describe('encoding', () => {
  it('round-trips, starts from zero, and can start from a date', () => {
    const state: CaptureCursorState = {
      from: 5,
      seen: { '6': ['x'] },
      frontier: { modstamp: 6, id: 'x' },
      settle: { upTo: 7, after: { modstamp: 6, id: 'x' } },
      covered: 8,
    }
    expect(decodeCaptureCursor(encodeCaptureCursor(state))).toEqual(state)
    expect(decodeCaptureCursor(undefined)).toEqual({ from: 0, seen: {} })
    expect(decodeCaptureCursor(captureCursorFrom(42)).from).toBe(42)
    expect(() => decodeCaptureCursor('{"v":3}')).toThrow(/not a Salesforce capture cursor/)
  })

  it('reads a version-1 cursor left mid-pass as a settle up to its pass horizon', () => {
    const v1 = JSON.stringify({
      v: 1,
      from: 5,
      after: { modstamp: 6, id: 'x' },
      horizon: 7,
      seen: { '6': ['x'] },
    })
    expect(decodeCaptureCursor(v1)).toEqual({
      from: 5,
      seen: { '6': ['x'] },
      settle: { upTo: 7, after: { modstamp: 6, id: 'x' } },
    })
  })
})

/*
 * Model: writes start (SystemModstamp) and commit up to `allowance` later; passes run at chosen server times
 * and page through the committed rows with SystemModstamp >= from, as SOQL would. Property: the final version
 * of every record is returned, and no (Id, SystemModstamp) is ever returned twice.
 */
describe('capture model (design.md 3.4 cursor safety)', () => {
  const allowance = 30 * S
  const pageSize = 3

  interface Version {
    id: string
    modstamp: number
    commit: number
  }

  const writesArb = fc.array(
    fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      start: fc.integer({ min: 0, max: 300 }),
      duration: fc.integer({ min: 0, max: 30 }),
    }),
    { minLength: 1, maxLength: 40 },
  )

  /** Writes to one record are serialised by its row lock: each starts after the previous commit. */
  function versionsOf(writes: { id: string; start: number; duration: number }[]): Version[] {
    const lastCommit = new Map<string, number>()
    return [...writes]
      .sort((x, y) => x.start - y.start)
      .map((w) => {
        const start = Math.max(w.start, lastCommit.get(w.id) ?? 0)
        lastCommit.set(w.id, start + w.duration)
        return { id: w.id, modstamp: start * S, commit: (start + w.duration) * S }
      })
  }

  function visibleAt(versions: Version[], now: number): CapturedRow[] {
    const latest = new Map<string, Version>()
    for (const v of versions) if (v.commit <= now) latest.set(v.id, v)
    return [...latest.values()]
      .map((v) => ({ id: v.id, modstamp: v.modstamp }))
      .sort((x, y) => x.modstamp - y.modstamp || x.id.localeCompare(y.id))
  }

  /** One pass as the connector runs it: settle pages if one is due, then fresh pages, as SOQL would. */
  function runPass(
    versions: Version[],
    now: number,
    state: CaptureCursorState,
    out: CapturedRow[],
    reads: { rows: number },
  ): CaptureCursorState {
    let cursor = state
    for (;;) {
      const step = captureStep(cursor)
      const after = step.after
      const rows = visibleAt(versions, now)
        .filter((r) => r.modstamp >= step.from && (step.upTo === undefined || r.modstamp <= step.upTo))
        .filter(
          (r) => !after || r.modstamp > after.modstamp || (r.modstamp === after.modstamp && r.id > after.id),
        )
        .slice(0, pageSize)
      reads.rows += rows.length
      const full = rows.length === pageSize
      const horizon = needsHorizon(cursor, full) ? now - allowance : undefined
      const { fresh, next, passDone } = advanceCaptureCursor(cursor, rows, full, horizon, now)
      out.push(...fresh)
      cursor = decodeCaptureCursor(encodeCaptureCursor(next))
      if (passDone) return cursor
    }
  }

  it('loses no late commit and returns nothing twice', () => {
    fc.assert(
      fc.property(
        writesArb,
        fc.array(fc.integer({ min: 0, max: 340 }), { maxLength: 12 }),
        (writes, times) => {
          const versions = versionsOf(writes)
          const out: CapturedRow[] = []
          const reads = { rows: 0 }
          let state: CaptureCursorState = { from: 0, seen: {} }
          for (const t of [...times].sort((x, y) => x - y))
            state = runPass(versions, t * S, state, out, reads)
          // Two passes long after every commit: the first schedules the last settle, the second runs it.
          state = runPass(versions, 1000 * S, state, out, reads)
          state = runPass(versions, 1000 * S, state, out, reads)
          const keys = out.map((r) => `${r.id}@${r.modstamp}`)
          expect(new Set(keys).size).toBe(keys.length)
          for (const final of visibleAt(versions, 1000 * S))
            expect(keys).toContain(`${final.id}@${final.modstamp}`)
          // Each version is read a bounded number of times however many passes ran: fresh, then settle (and
          // once more when it lies exactly on a settle bound, which the next settle includes again).
          expect(reads.rows).toBeLessThanOrEqual(3 * versions.length)
        },
      ),
      { numRuns: 300 },
    )
  })

  it("a commit in the frontier's own second with a lower Id is found by the next fresh pass, not the settle", () => {
    // b is written and committed at 20 s; a is stamped 20 s too but commits at 21 s, with a lower Id.
    const versions: Version[] = [
      { id: 'b', modstamp: 20 * S, commit: 20 * S },
      { id: 'a', modstamp: 20 * S, commit: 21 * S },
    ]
    const out: CapturedRow[] = []
    const reads = { rows: 0 }
    let state = runPass(versions, 20 * S, { from: 0, seen: {} }, out, reads)
    expect(out.map((r) => r.id)).toEqual(['b'])
    state = runPass(versions, 22 * S, state, out, reads)
    expect(out.map((r) => r.id)).toEqual(['b', 'a'])
    expect(state.settle).toBeUndefined()
  })

  it('a late commit behind the frontier is missed by fresh passes and found by the settle (why settles exist)', () => {
    // a starts at 10 s and commits at 40 s; b is written at 20 s. A pass at 30 s sees only b.
    const versions: Version[] = [
      { id: 'a', modstamp: 10 * S, commit: 40 * S },
      { id: 'b', modstamp: 20 * S, commit: 20 * S },
    ]
    const out: CapturedRow[] = []
    const reads = { rows: 0 }
    let state = runPass(versions, 30 * S, { from: 0, seen: {} }, out, reads)
    state = runPass(versions, 50 * S, state, out, reads)
    expect(out.map((r) => r.id)).toEqual(['b'])
    state = runPass(versions, 200 * S, state, out, reads)
    expect(state.settle).toBeDefined()
    runPass(versions, 200 * S, state, out, reads)
    expect(out.map((r) => r.id)).toEqual(['b', 'a'])
  })
})
