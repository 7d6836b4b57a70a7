/*
 * The capture cursor (design.md 3.4), pure. SystemModstamp is set when a transaction starts writing, not when
 * it commits, and a transaction can run for minutes; so a row may appear with a SystemModstamp older than rows
 * already read. The settled watermark `from` therefore never passes the safe horizon
 *   horizon = min(server Date - transaction allowance, latestDateCovered of /updated),
 * below which every transaction has committed.
 *
 * Reading everything from `from` on every pass would read each row once per pass for as long as it stays
 * above the horizon (ten minutes of changes, every 15 s). Instead a cursor runs two kinds of pass:
 *   - fresh: the rows after the `frontier`, the newest (SystemModstamp, Id) read so far, on a keyset; each
 *     row is read as soon as it commits, and once;
 *   - settle: once the horizon has moved SETTLE_EVERY_MS past `from`, the rows of `[from, horizon]` once
 *     more, which finds the late commits a fresh pass skipped (their SystemModstamp was behind the frontier);
 *     then `from` moves to that horizon.
 * So a row costs two reads (three when it lies exactly on a settle bound, which both settles include), not
 * one per pass, and a late commit waits at most one allowance plus SETTLE_EVERY_MS.
 *
 * Ids are not handed out in commit order either (Salesforce app servers draw them from separate blocks), so
 * within one second a row can commit after the frontier with a lower Id. A fresh pass that ended while its
 * frontier's second was still running (server `Date` <= that second) leaves the frontier `open`: the next pass
 * reads that whole second again, and `seen` drops what was returned. Once a pass has read the second from its
 * start after it ended, the keyset takes over. That costs at most one more read of a second's rows, no call in
 * the common case (they share the page), and keeps a same-second commit from waiting for a settle.
 * Rows returned at or after `from` are remembered as `(Id, SystemModstamp)` in `seen` and not returned again;
 * an edit gives a row a new SystemModstamp, so it is returned again.
 *
 *   fresh page full --> fresh (after the new frontier)
 *   fresh page not full --> end of pass; a settle is due when horizon - from >= SETTLE_EVERY_MS
 *   next pass: settle pages [from, upTo] --page not full--> from = upTo, then fresh
 */
import type { KeysetPosition } from './soql.js'

/** How far the horizon must have moved past `from` before a settle pass reads `[from, horizon]` again. */
export const SETTLE_EVERY_MS = 60_000

export interface CaptureCursorState {
  /** Settled watermark, epoch ms: every row below it was read after it committed. */
  readonly from: number
  /** Ids returned per SystemModstamp (epoch ms), for every SystemModstamp >= from. */
  readonly seen: Readonly<Record<string, readonly string[]>>
  /** The newest row a fresh pass read. (Default: none, fresh passes start at `from`) */
  readonly frontier?: KeysetPosition | undefined
  /** The frontier's second was not over when last read from its start: read it whole again. (Default: false) */
  readonly frontierOpen?: boolean | undefined
  /** A fresh pass under way after a full page continues after this row. (Default: none) */
  readonly freshAfter?: KeysetPosition | undefined
  /** Server time of that pass's first page, which is when it read from its start. (Default: unknown) */
  readonly freshReadAt?: number | undefined
  /** A settle pass that is due or under way, up to `upTo`, resumed after `after`. (Default: none) */
  readonly settle?: { readonly upTo: number; readonly after?: KeysetPosition | undefined } | undefined
  /** latestDateCovered last read from /updated, epoch ms: a safe bound until the clock bound passes it. */
  readonly covered?: number | undefined
}

/** One row as capture sees it. */
export interface CapturedRow {
  readonly id: string
  readonly modstamp: number
}

/** The query of the next page: rows with SystemModstamp in `[from, upTo]`, strictly after `after`. */
export interface CaptureStep {
  readonly kind: 'fresh' | 'settle'
  readonly from: number
  /** (Default: no upper bound) */
  readonly upTo?: number | undefined
  /** (Default: from the start of the range) */
  readonly after?: KeysetPosition | undefined
}

const START: CaptureCursorState = { from: 0, seen: {} }

interface StoredCursor extends Partial<CaptureCursorState> {
  readonly v?: number
  /** Version 1 kept a pass position and its horizon: a pass under way, now a settle up to that horizon. */
  readonly after?: KeysetPosition
  readonly horizon?: number
}

/** Parses a stored cursor; `undefined` means a first capture from the beginning of time. */
export function decodeCaptureCursor(value: string | undefined): CaptureCursorState {
  if (value === undefined || value === '') return START
  const parsed = JSON.parse(value) as StoredCursor
  if (
    (parsed.v !== 1 && parsed.v !== 2) ||
    typeof parsed.from !== 'number' ||
    typeof parsed.seen !== 'object' ||
    parsed.seen === null
  )
    throw new Error(`not a Salesforce capture cursor: ${value.slice(0, 80)}`)
  const settle =
    parsed.v === 1
      ? parsed.after !== undefined && parsed.horizon !== undefined
        ? { upTo: parsed.horizon, after: parsed.after }
        : undefined
      : parsed.settle
  return {
    from: parsed.from,
    seen: parsed.seen,
    ...(parsed.frontier === undefined ? {} : { frontier: parsed.frontier }),
    ...(parsed.frontierOpen === true ? { frontierOpen: true } : {}),
    ...(parsed.freshAfter === undefined ? {} : { freshAfter: parsed.freshAfter }),
    ...(parsed.freshReadAt === undefined ? {} : { freshReadAt: parsed.freshReadAt }),
    ...(settle === undefined ? {} : { settle }),
    ...(parsed.covered === undefined ? {} : { covered: parsed.covered }),
  }
}

export function encodeCaptureCursor(state: CaptureCursorState): string {
  return JSON.stringify({ v: 2, ...state })
}

/** A capture cursor that starts at `epochMs` instead of the beginning of time (e.g. "sync from today"). */
export function captureCursorFrom(epochMs: number): string {
  return encodeCaptureCursor({ from: epochMs, seen: {} })
}

/** What the next page reads. */
export function captureStep(state: CaptureCursorState): CaptureStep {
  if (state.settle !== undefined)
    return { kind: 'settle', from: state.from, upTo: state.settle.upTo, after: state.settle.after }
  const after = state.freshAfter ?? (state.frontierOpen === true ? undefined : state.frontier)
  if (after !== undefined) return { kind: 'fresh', from: Math.max(state.from, after.modstamp), after }
  // An open frontier: its whole second again, without the keyset.
  const frontier = state.frontier
  return {
    kind: 'fresh',
    from: frontier === undefined ? state.from : Math.max(state.from, frontier.modstamp),
  }
}

/** Whether folding this page needs the pass's safe horizon: only at the end of a fresh pass. */
export function needsHorizon(state: CaptureCursorState, pageFull: boolean): boolean {
  return state.settle === undefined && !pageFull
}

/**
 * Folds one page of `captureStep(state)` into the cursor. `rows` are the page's rows in query order,
 * `pageFull` says whether the page hit the size limit, `horizon` is the safe horizon (only read when
 * needsHorizon), `serverTime` the server's clock when the page was read (its `Date`; unknown counts as the
 * frontier's second not being over). Returns the rows not returned before, the next cursor, and whether the
 * pass is over.
 */
export function advanceCaptureCursor(
  state: CaptureCursorState,
  rows: readonly CapturedRow[],
  pageFull: boolean,
  horizon?: number,
  serverTime?: number,
): { fresh: CapturedRow[]; next: CaptureCursorState; passDone: boolean } {
  const seen = new Map<number, Set<string>>()
  for (const [stamp, ids] of Object.entries(state.seen)) seen.set(Number(stamp), new Set(ids))
  const fresh: CapturedRow[] = []
  for (const row of rows) {
    const ids = seen.get(row.modstamp) ?? new Set<string>()
    if (ids.has(row.id)) continue
    ids.add(row.id)
    seen.set(row.modstamp, ids)
    fresh.push(row)
  }
  const last = rows.at(-1)
  const keep = (from: number): Record<string, string[]> => {
    const kept: Record<string, string[]> = {}
    for (const [stamp, ids] of [...seen].sort((a, b) => a[0] - b[0]))
      if (stamp >= from) kept[String(stamp)] = [...ids].sort()
    return kept
  }
  const position = (row: CapturedRow): KeysetPosition => ({ modstamp: row.modstamp, id: row.id })
  const base = {
    ...(state.frontier === undefined ? {} : { frontier: state.frontier }),
    ...(state.frontierOpen === true ? { frontierOpen: true } : {}),
    ...(state.covered === undefined ? {} : { covered: state.covered }),
  }

  if (state.settle !== undefined) {
    if (pageFull && last !== undefined) {
      const settle = { upTo: state.settle.upTo, after: position(last) }
      return { fresh, next: { ...base, from: state.from, seen: keep(state.from), settle }, passDone: false }
    }
    const from = Math.max(state.from, state.settle.upTo)
    return { fresh, next: { ...base, from, seen: keep(from) }, passDone: false }
  }

  const frontier = newest(state.frontier, last === undefined ? undefined : position(last))
  const { frontierOpen: _open, ...rest } = base
  const moved = { ...rest, ...(frontier === undefined ? {} : { frontier }) }
  // When this pass read from its start: its first page (a pass resumed after a full page carries it).
  const readAt = state.freshAfter === undefined ? serverTime : state.freshReadAt
  if (pageFull && last !== undefined) {
    // Mid-pass: the keyset carries on; whether the frontier's second is over is judged at the end.
    const next: CaptureCursorState = {
      ...moved,
      ...(state.frontierOpen === true ? { frontierOpen: true } : {}),
      from: state.from,
      seen: keep(state.from),
      freshAfter: position(last),
      ...(readAt === undefined ? {} : { freshReadAt: readAt }),
    }
    return { fresh, next, passDone: false }
  }
  // The frontier's second is over once the server's clock (whole seconds) was past it when the pass began.
  const open = frontier !== undefined && (readAt === undefined || readAt < frontier.modstamp + 1000)
  const settleDue = horizon !== undefined && horizon - state.from >= SETTLE_EVERY_MS
  const settle = settleDue ? { settle: { upTo: horizon } } : {}
  const next = { ...moved, ...(open ? { frontierOpen: true } : {}), from: state.from, seen: keep(state.from) }
  return { fresh, next: { ...next, ...settle }, passDone: true }
}

/** The later of two keyset positions (a re-read of an open second can end on an earlier row). */
function newest(a: KeysetPosition | undefined, b: KeysetPosition | undefined): KeysetPosition | undefined {
  if (a === undefined) return b
  if (b === undefined) return a
  return b.modstamp > a.modstamp || (b.modstamp === a.modstamp && b.id > a.id) ? b : a
}
