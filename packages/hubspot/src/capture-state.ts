/*
 * The HubSpot capture cursor (design.md 3.4), pure; capture.ts runs its searches. One state machine for every
 * object type, each with its own cursor: contacts on `lastmodifieddate`, companies on `hs_lastmodifieddate`
 * (below, "lastmodifieddate" stands for either, and "contact" for either record). HubSpot search trails writes
 * by a few seconds (the indexing lag), and not in order: a contact can show up after contacts with a later
 * `lastmodifieddate` were already read. Waiting out the lag before reading anything (the old design) delays
 * every change by it. Instead the cursor keeps two marks on the keyset (lastmodifieddate, id):
 *
 *   settled <= frontier
 *   ----------|===========|----------------> lastmodifieddate
 *     settled    dirty     frontier   (next fresh pass reads from here up to now)
 *
 * (When `settled` moves past the frontier, the frontier moves up to it: below `settled` nothing is read.)
 * - A FRESH pass reads what search shows after the frontier, up to HubSpot's present (no lag subtracted), and
 *   moves the frontier to the newest row read: a change is returned as soon as search shows it.
 * - What a fresh pass can have skipped is a row that was not yet indexed when the keyset passed it. Such a
 *   row is younger than the lag at that read (stamp > read time - lag) and lies at or below the frontier.
 *   A SETTLE pass reads `(settled, readAt - lag]` once more, where everything is indexed, drops rows already
 *   returned, and moves `settled` there. Above the frontier nothing is lost: the next fresh pass reads it.
 * - A settle is due when the dirty span `(settled, min(frontier, readAt - lag)]` is not empty and `settled`
 *   is SETTLE_EVERY_MS behind `readAt - lag`, or when the caller asks (`settleThrough`).
 * - A fresh pass that starts at `settled` and reads its window in one search response needs no settle of
 *   what it read: everything at or before `readAt - lag` was indexed, so `settled` moves there at once.
 *   That keeps idle and quiet portals free of settle passes, and a backlog read after it aged is never
 *   read twice. When a fresh pass finds more than a page and part of its span is older than the lag, it
 *   settles that part instead (capture.ts), so a backlog is read once, in windows checked against shrinking.
 * - Rows returned are kept as `(id, lastmodifieddate)` in `seen` for dates at or after `settled` and never
 *   returned again; an edit gives a new date, which is returned.
 *
 * Guarantees, as long as search trails writes by no more than `lagMs` (and HubSpot's clocks agree that
 * closely): every contact whose current `lastmodifieddate` is at or before `settled` has been returned, with
 * that version; no (id, lastmodifieddate) is returned twice; a row search shows above the frontier is
 * returned by the next fresh pass; a late one within lag + SETTLE_EVERY_MS + one poll. Row counts (`total`)
 * are never taken as proof that nothing was missed: a contact returned at t1 and edited again at t3 inside
 * one span, indexed late, leaves the count unchanged. They are used only to page windows that can shrink.
 *
 * Cost: an idle portal costs the fresh pass's two searches per call and no settle (the frontier does not
 * move); steady traffic one more search per settle span (SETTLE_EVERY_MS); a burst read while younger
 * than the lag is read once more by one settle, never once per poll.
 */
import type { HubSpotCaptureCursor, HubSpotSettlePass } from '@crmsync/core'

/**
 * How far `settled` may trail `readAt - lag` while something is dirty. 10 s: a late-indexed row (the
 * exception: it needs a later row read before it is indexed) waits at most lag + 10 s + one poll, and steady
 * traffic pays one search per 10 s for it (5 % more than the fresh passes at a 1-second poll).
 */
export const SETTLE_EVERY_MS = 10_000

/** A keyset position on (lastmodifieddate, id); id null: before every id at that instant. */
export interface Keyset {
  readonly stamp: number
  readonly id: string | null
}

export interface CapturedRow {
  readonly id: string
  readonly stamp: number
}

export interface CaptureState {
  readonly frontier: Keyset
  readonly settled: number
  /** Ids returned per lastmodifieddate, for dates at or after `settled`. */
  readonly seen: Readonly<Record<string, readonly string[]>>
  readonly settle?: HubSpotSettlePass | undefined
}

export interface CaptureTiming {
  /** How far search may trail writes. */
  readonly lagMs: number
  /** (Default: SETTLE_EVERY_MS) */
  readonly settleEveryMs?: number | undefined
}

/** What a fresh pass read, for `afterFresh`. */
export interface FreshRead {
  /** A time at or before every search of the pass after its id walk: HubSpot's Date, or a later row date. */
  readonly readAt: number
  /** The newest position the pass read through on the keyset. (Default: none, the frontier stays) */
  readonly reached?: Keyset | undefined
  /** The pass read everything search showed after the frontier. */
  readonly complete: boolean
  /** Its window came back in one search response, so no row can have shifted between pages. */
  readonly whole: boolean
}

/** The cursor as state; no cursor starts at the beginning of time. Version 1 cursors settle at modifiedAt. */
export function stateOf(cursor: HubSpotCaptureCursor | undefined): CaptureState {
  if (cursor === undefined) return { frontier: { stamp: 0, id: null }, settled: 0, seen: {} }
  const settled = Math.min(cursor.settled ?? cursor.modifiedAt, cursor.modifiedAt)
  return {
    frontier: { stamp: cursor.modifiedAt, id: cursor.lastId },
    settled,
    seen: cursor.seen ?? {},
    ...(cursor.settle === undefined ? {} : { settle: cursor.settle }),
  }
}

export function cursorOf(state: CaptureState): HubSpotCaptureCursor {
  return {
    modifiedAt: state.frontier.stamp,
    lastId: state.frontier.id,
    settled: state.settled,
    seen: state.seen,
    ...(state.settle === undefined ? {} : { settle: state.settle }),
  }
}

/** Orders keyset positions; HubSpot ids are decimal numbers, null comes before every id. */
export function compareKeyset(a: Keyset, b: Keyset): number {
  if (a.stamp !== b.stamp) return a.stamp < b.stamp ? -1 : 1
  if (a.id === b.id) return 0
  if (a.id === null) return -1
  if (b.id === null) return 1
  const [x, y] = [BigInt(a.id), BigInt(b.id)]
  return x < y ? -1 : x > y ? 1 : 0
}

/** The newest position among rows read (undefined when none). */
export function newestOf(rows: readonly CapturedRow[]): Keyset | undefined {
  let newest: Keyset | undefined
  for (const row of rows) {
    const at = { stamp: row.stamp, id: row.id }
    if (newest === undefined || compareKeyset(at, newest) > 0) newest = at
  }
  return newest
}

/**
 * Splits rows read into those not returned before and remembers them. Rows at or before `settled` are
 * settled, so returned already (no query reads below it; this only guards against returning one twice).
 */
export function takeNew(
  state: CaptureState,
  rows: readonly CapturedRow[],
): { fresh: CapturedRow[]; state: CaptureState } {
  const seen: Record<string, readonly string[]> = { ...state.seen }
  const fresh: CapturedRow[] = []
  for (const row of rows) {
    if (row.stamp < state.settled) continue
    const key = String(row.stamp)
    const ids = seen[key] ?? []
    if (ids.includes(row.id)) continue
    seen[key] = [...ids, row.id]
    fresh.push(row)
  }
  return { fresh, state: { ...state, seen } }
}

/** Moves `settled` forward, forgets `seen` below it and keeps the frontier at or after it. */
export function withSettled(state: CaptureState, settled: number): CaptureState {
  if (settled <= state.settled) return state
  const seen: Record<string, readonly string[]> = {}
  for (const [stamp, ids] of Object.entries(state.seen)) if (Number(stamp) >= settled) seen[stamp] = ids
  // Every id at `settled` is settled; the highest one returned there is where a fresh pass resumes.
  const ids = seen[String(settled)] ?? []
  const highest = newestOf(ids.map((id) => ({ id, stamp: settled })))
  const lifted: Keyset = highest ?? { stamp: settled, id: null }
  const frontier = compareKeyset(lifted, state.frontier) > 0 ? lifted : state.frontier
  return { ...state, settled, seen, frontier }
}

/** Whether a settle is due after a complete fresh pass (see the header). */
function settleDue(state: CaptureState, horizon: number, timing: CaptureTiming, through?: number): boolean {
  const every = timing.settleEveryMs ?? SETTLE_EVERY_MS
  const dirty = Math.min(state.frontier.stamp, horizon) > state.settled
  if (dirty && horizon - state.settled >= every) return true
  return through !== undefined && state.settled < through && through <= horizon
}

/**
 * Folds a fresh pass: the frontier moves to what it reached; a whole read from `settled` settles through
 * `readAt - lag`; a complete pass checks whether a settle is due, which then reads `(settled, readAt - lag]`:
 * a complete pass showed nothing more up to there, so reading past the frontier costs nothing.
 */
export function afterFresh(
  state: CaptureState,
  read: FreshRead,
  timing: CaptureTiming,
  settleThrough?: number,
): CaptureState {
  const startedAtSettled = state.frontier.stamp <= state.settled
  const reached = read.reached
  const frontier =
    reached !== undefined && compareKeyset(reached, state.frontier) > 0 ? reached : state.frontier
  let next: CaptureState = { ...state, frontier }
  const horizon = read.readAt - timing.lagMs
  if (read.complete && read.whole && startedAtSettled) next = withSettled(next, horizon)
  if (!read.complete || !settleDue(next, horizon, timing, settleThrough)) return next
  return { ...next, settle: { upTo: horizon } }
}

/** Whether a fresh pass that found more than a page should settle the part older than the lag instead. */
export function settleInstead(state: CaptureState, readAt: number, timing: CaptureTiming): boolean {
  return readAt - timing.lagMs > state.frontier.stamp
}

/** Plans a settle through `upTo` (a fresh pass that found a backlog older than the lag). */
export function beginSettle(state: CaptureState, upTo: number): CaptureState {
  return upTo > state.settled ? { ...state, settle: { upTo } } : state
}

/** A settle window `(settled, upper]` was read whole. */
export function afterSettleWindow(state: CaptureState, upper: number): CaptureState {
  const next = withSettled(state, upper)
  const pass = next.settle
  if (pass === undefined || next.settled < pass.upTo) return next
  const { settle: _done, ...rest } = next
  return rest
}

/** A settle met an instant holding more than search can reach; `(settled, at - 1]` was found empty. */
export function startSettleWalk(state: CaptureState, at: number): CaptureState {
  const next = withSettled(state, at - 1)
  return { ...next, settle: { upTo: state.settle?.upTo ?? at, walk: { at, afterId: null } } }
}

/** The id walk of a settle instant went up to `lastId`; `done` when it read the instant's last id. */
export function afterSettleWalk(state: CaptureState, lastId: string | null, done: boolean): CaptureState {
  const pass = state.settle
  if (pass?.walk === undefined) return state
  if (!done) return { ...state, settle: { upTo: pass.upTo, walk: { at: pass.walk.at, afterId: lastId } } }
  return afterSettleWindow({ ...state, settle: { upTo: pass.upTo } }, pass.walk.at)
}

/** When a settle through `through` becomes possible, if the caller has to wait for it. */
export function settleReadyAt(
  state: CaptureState,
  through: number | undefined,
  more: boolean,
  timing: CaptureTiming,
): number | undefined {
  if (through === undefined || more || state.settled >= through) return undefined
  return through + timing.lagMs
}
