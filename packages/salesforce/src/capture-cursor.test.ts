import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  advanceCaptureCursor,
  captureCursorFrom,
  type CaptureCursorState,
  type CapturedRow,
  decodeCaptureCursor,
  encodeCaptureCursor,
} from './capture-cursor.js'

const S = 1000 // one second, in ms

describe('advanceCaptureCursor', () => {
  it('returns new rows and moves the watermark to the horizon at the end of a pass', () => {
    const rows = [
      { id: 'a', modstamp: 10 * S },
      { id: 'b', modstamp: 20 * S },
    ]
    const { fresh, next } = advanceCaptureCursor({ from: 0, seen: {} }, rows, false, 15 * S)
    expect(fresh).toEqual(rows)
    expect(next.from).toBe(15 * S)
    expect(next.after).toBeUndefined()
    // a (10 s) is below the watermark and never read again; b (20 s) will be, so it is remembered
    expect(next.seen).toEqual({ [String(20 * S)]: ['b'] })
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

  it('never moves the watermark past the horizon, nor back', () => {
    const rows = [{ id: 'a', modstamp: 100 * S }]
    expect(advanceCaptureCursor({ from: 0, seen: {} }, rows, true, 50 * S).next.from).toBe(50 * S)
    expect(advanceCaptureCursor({ from: 60 * S, seen: {} }, rows, false, 50 * S).next.from).toBe(60 * S)
  })

  it('keeps a keyset position mid-pass and the pass horizon with it', () => {
    const rows = [
      { id: 'a', modstamp: 10 * S },
      { id: 'b', modstamp: 10 * S },
    ]
    const { next } = advanceCaptureCursor({ from: 0, seen: {} }, rows, true, 50 * S)
    expect(next).toMatchObject({ from: 10 * S, after: { modstamp: 10 * S, id: 'b' }, horizon: 50 * S })
  })
})

describe('encoding', () => {
  it('round-trips, starts from zero, and can start from a date', () => {
    const state: CaptureCursorState = {
      from: 5,
      after: { modstamp: 6, id: 'x' },
      horizon: 7,
      seen: { '6': ['x'] },
    }
    expect(decodeCaptureCursor(encodeCaptureCursor(state))).toEqual(state)
    expect(decodeCaptureCursor(undefined)).toEqual({ from: 0, seen: {} })
    expect(decodeCaptureCursor(captureCursorFrom(42)).from).toBe(42)
    expect(() => decodeCaptureCursor('{"v":2}')).toThrow(/not a Salesforce capture cursor/)
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

  function runPass(
    versions: Version[],
    now: number,
    state: CaptureCursorState,
    out: CapturedRow[],
  ): CaptureCursorState {
    let cursor = state
    for (;;) {
      const after = cursor.after
      const rows = visibleAt(versions, now)
        .filter((r) => r.modstamp >= cursor.from)
        .filter(
          (r) => !after || r.modstamp > after.modstamp || (r.modstamp === after.modstamp && r.id > after.id),
        )
        .slice(0, pageSize)
      const horizon = cursor.after && cursor.horizon !== undefined ? cursor.horizon : now - allowance
      const { fresh, next } = advanceCaptureCursor(cursor, rows, rows.length === pageSize, horizon)
      out.push(...fresh)
      cursor = decodeCaptureCursor(encodeCaptureCursor(next))
      if (cursor.after === undefined) return cursor
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
          let state: CaptureCursorState = { from: 0, seen: {} }
          for (const t of [...times].sort((x, y) => x - y)) state = runPass(versions, t * S, state, out)
          state = runPass(versions, 1000 * S, state, out)
          const keys = out.map((r) => `${r.id}@${r.modstamp}`)
          expect(new Set(keys).size).toBe(keys.length)
          for (const final of visibleAt(versions, 1000 * S))
            expect(keys).toContain(`${final.id}@${final.modstamp}`)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('would lose a late commit if the watermark followed the rows read (why the horizon exists)', () => {
    // a starts at 10 s and commits at 40 s; b is written at 20 s. A pass at 30 s sees only b.
    const versions: Version[] = [
      { id: 'a', modstamp: 10 * S, commit: 40 * S },
      { id: 'b', modstamp: 20 * S, commit: 20 * S },
    ]
    const naive = advanceCaptureCursor({ from: 0, seen: {} }, visibleAt(versions, 30 * S), false, 20 * S)
    const lateRowsAfterNaive = visibleAt(versions, 50 * S).filter((r) => r.modstamp >= naive.next.from)
    expect(lateRowsAfterNaive.map((r) => r.id)).not.toContain('a')
    const safe = advanceCaptureCursor(
      { from: 0, seen: {} },
      visibleAt(versions, 30 * S),
      false,
      30 * S - allowance,
    )
    const next = advanceCaptureCursor(safe.next, visibleAt(versions, 50 * S), false, 50 * S - allowance)
    expect(next.fresh.map((r) => r.id)).toEqual(['a'])
  })
})
