import { describe, expect, it } from 'vitest'

import {
  afterFresh,
  afterSettleWalk,
  afterSettleWindow,
  type CaptureState,
  compareKeyset,
  cursorOf,
  SETTLE_EVERY_MS,
  settleReadyAt,
  startSettleWalk,
  stateOf,
  takeNew,
  withSettled,
} from './capture-state.js'

const S = 1000
const timing = { lagMs: 5 * S }

describe('HubSpot capture state (design.md 3.4)', () => {
  it('reads a version 1 cursor {modifiedAt, lastId} as settled = frontier = modifiedAt', () => {
    const state = stateOf({ modifiedAt: 50 * S, lastId: '42' })
    expect(state).toEqual({ frontier: { stamp: 50 * S, id: '42' }, settled: 50 * S, seen: {} })
    expect(cursorOf(state)).toEqual({ modifiedAt: 50 * S, lastId: '42', settled: 50 * S, seen: {} })
    expect(stateOf(undefined)).toEqual({ frontier: { stamp: 0, id: null }, settled: 0, seen: {} })
  })

  it('orders the keyset by date, then by id as a number, with null before every id', () => {
    expect(compareKeyset({ stamp: 1, id: '9' }, { stamp: 1, id: '10' })).toBe(-1)
    expect(compareKeyset({ stamp: 1, id: null }, { stamp: 1, id: '1' })).toBe(-1)
    expect(compareKeyset({ stamp: 2, id: null }, { stamp: 1, id: '99' })).toBe(1)
    expect(compareKeyset({ stamp: 1, id: '5' }, { stamp: 1, id: '5' })).toBe(0)
  })

  it('returns an (id, date) once, an edit of it again, and nothing at or below settled twice', () => {
    const start: CaptureState = { frontier: { stamp: 10 * S, id: null }, settled: 10 * S, seen: {} }
    const first = takeNew(start, [
      { id: '1', stamp: 11 * S },
      { id: '1', stamp: 11 * S },
      { id: '2', stamp: 12 * S },
    ])
    expect(first.fresh).toEqual([
      { id: '1', stamp: 11 * S },
      { id: '2', stamp: 12 * S },
    ])
    const again = takeNew(first.state, [
      { id: '1', stamp: 11 * S },
      { id: '1', stamp: 13 * S },
      { id: '3', stamp: 9 * S },
    ])
    expect(again.fresh).toEqual([{ id: '1', stamp: 13 * S }])
  })

  it('moving settled forgets seen below it and lifts the frontier to the highest id returned there', () => {
    const state: CaptureState = {
      frontier: { stamp: 12 * S, id: '2' },
      settled: 10 * S,
      seen: { [11 * S]: ['1'], [12 * S]: ['2'] },
    }
    expect(withSettled(state, 12 * S).seen).toEqual({ [12 * S]: ['2'] })
    expect(withSettled(state, 12 * S).frontier).toEqual({ stamp: 12 * S, id: '2' })
    expect(withSettled(state, 20 * S)).toEqual({
      frontier: { stamp: 20 * S, id: null },
      settled: 20 * S,
      seen: {},
    })
  })

  it('a whole fresh read from settled settles through readAt - lag; one from above it does not', () => {
    const atSettled: CaptureState = { frontier: { stamp: 10 * S, id: '7' }, settled: 10 * S, seen: {} }
    const reached = { stamp: 28 * S, id: '9' }
    const read = { readAt: 30 * S, reached, complete: true, whole: true }
    const clean = afterFresh(atSettled, read, timing)
    expect(clean.settled).toBe(25 * S)
    expect(clean.frontier).toEqual(reached)
    expect(clean.settle).toBeUndefined()
    // Rows of the dirty span (10 s, 20 s] may hide a late one: nothing settles, and by 40 s a settle is due.
    const dirty: CaptureState = { frontier: { stamp: 20 * S, id: '7' }, settled: 10 * S, seen: {} }
    expect(afterFresh(dirty, { ...read, readAt: 22 * S }, timing).settled).toBe(10 * S)
    expect(afterFresh(dirty, { ...read, readAt: 22 * S }, timing).settle).toBeUndefined()
    const due = afterFresh(dirty, { ...read, readAt: 15 * S + SETTLE_EVERY_MS }, timing)
    expect(due.settle).toEqual({ upTo: 10 * S + SETTLE_EVERY_MS })
    // Several pages (rows may have shifted between them), or not everything read: no settling from it.
    expect(afterFresh(atSettled, { ...read, whole: false }, timing).settled).toBe(10 * S)
    expect(afterFresh(atSettled, { ...read, complete: false }, timing).settled).toBe(10 * S)
  })

  it('an idle cursor (frontier at settled) never has a settle due, however long it waits', () => {
    const idle: CaptureState = { frontier: { stamp: 10 * S, id: '7' }, settled: 10 * S, seen: {} }
    const read = { readAt: 10 * S + 3_600_000, complete: true, whole: false }
    expect(afterFresh(idle, read, timing).settle).toBeUndefined()
  })

  it('settleThrough makes a settle due once the index allows, and says when it will', () => {
    const dirty: CaptureState = { frontier: { stamp: 20 * S, id: '7' }, settled: 18 * S, seen: {} }
    const read = { readAt: 22 * S, complete: true, whole: false }
    expect(afterFresh(dirty, read, timing, 21 * S).settle).toBeUndefined()
    expect(settleReadyAt(dirty, 21 * S, false, timing)).toBe(26 * S)
    expect(settleReadyAt(dirty, 21 * S, true, timing)).toBeUndefined()
    expect(settleReadyAt(dirty, 17 * S, false, timing)).toBeUndefined()
    expect(afterFresh(dirty, { ...read, readAt: 26 * S }, timing, 21 * S).settle).toEqual({ upTo: 21 * S })
  })

  it('a settle window moves settled and ends the pass at its bound; an instant over the cap is walked by id', () => {
    const state: CaptureState = {
      frontier: { stamp: 20 * S, id: '7' },
      settled: 10 * S,
      seen: {},
      settle: { upTo: 15 * S },
    }
    expect(afterSettleWindow(state, 12 * S).settle).toEqual({ upTo: 15 * S })
    expect(afterSettleWindow(state, 15 * S)).toEqual({ ...state, settled: 15 * S, settle: undefined })
    const walking = startSettleWalk(state, 13 * S)
    expect(walking.settled).toBe(13 * S - 1)
    expect(walking.settle).toEqual({ upTo: 15 * S, walk: { at: 13 * S, afterId: null } })
    const partway = afterSettleWalk(walking, '400', false)
    expect(partway.settle).toEqual({ upTo: 15 * S, walk: { at: 13 * S, afterId: '400' } })
    const walked = afterSettleWalk(partway, '800', true)
    expect(walked.settled).toBe(13 * S)
    expect(walked.settle).toEqual({ upTo: 15 * S })
  })
})
