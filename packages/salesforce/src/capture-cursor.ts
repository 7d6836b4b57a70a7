/*
 * The capture cursor (design.md 3.4), pure. SystemModstamp is set when a transaction starts writing, not when
 * it commits, and a transaction can run for minutes; so a row may appear with a SystemModstamp older than rows
 * already read. The stored watermark `from` therefore never passes the safe horizon
 *   horizon = min(server Date - transaction allowance, latestDateCovered of /updated),
 * and every pass re-reads `SystemModstamp >= from`. Rows returned at or after `from` are remembered as
 * `(Id, SystemModstamp)` in `seen` and skipped when read again; a row edited again has a new SystemModstamp
 * and is returned again.
 *
 * Within a pass, pages follow a keyset on (SystemModstamp, Id) (`after`), so thousands of rows sharing one
 * second never loop. A row that commits late behind `after` has a SystemModstamp above the pass's horizon
 * (it was not committed when read, so it started after `serverTime - allowance`), hence at or after `from`,
 * and the next pass sees it.
 *
 *   pass start (after = none) --page full--> mid-pass (after = last row) --page not full--> pass start
 */
import type { KeysetPosition } from './soql.js'

export interface CaptureCursorState {
  /** Watermark, epoch ms: each pass reads rows with SystemModstamp >= from. */
  readonly from: number
  /** Position inside the current pass. (Default: none, a pass starts) */
  readonly after?: KeysetPosition | undefined
  /** The pass's safe horizon, fixed by its first page. (Default: none outside a pass) */
  readonly horizon?: number | undefined
  /** Ids returned per SystemModstamp (epoch ms), for every SystemModstamp >= from. */
  readonly seen: Readonly<Record<string, readonly string[]>>
  /** latestDateCovered last read from /updated, epoch ms: a safe bound until the clock bound passes it. */
  readonly covered?: number | undefined
}

/** One row as capture sees it. */
export interface CapturedRow {
  readonly id: string
  readonly modstamp: number
}

const START: CaptureCursorState = { from: 0, seen: {} }

/** Parses a stored cursor; `undefined` means a first capture from the beginning of time. */
export function decodeCaptureCursor(value: string | undefined): CaptureCursorState {
  if (value === undefined || value === '') return START
  const parsed = JSON.parse(value) as Partial<CaptureCursorState> & { v?: number }
  if (
    parsed.v !== 1 ||
    typeof parsed.from !== 'number' ||
    typeof parsed.seen !== 'object' ||
    parsed.seen === null
  )
    throw new Error(`not a Salesforce capture cursor: ${value.slice(0, 80)}`)
  return {
    from: parsed.from,
    after: parsed.after,
    horizon: parsed.horizon,
    seen: parsed.seen,
    covered: parsed.covered,
  }
}

export function encodeCaptureCursor(state: CaptureCursorState): string {
  return JSON.stringify({ v: 1, ...state })
}

/** A capture cursor that starts at `epochMs` instead of the beginning of time (e.g. "sync from today"). */
export function captureCursorFrom(epochMs: number): string {
  return encodeCaptureCursor({ from: epochMs, seen: {} })
}

/**
 * Folds one page into the cursor. `rows` are the page's rows in query order, `pageFull` says whether the
 * page hit the size limit (another page follows), `horizon` is the pass's safe horizon.
 * Returns the rows not seen before and the next cursor.
 */
export function advanceCaptureCursor(
  state: CaptureCursorState,
  rows: readonly CapturedRow[],
  pageFull: boolean,
  horizon: number,
): { fresh: CapturedRow[]; next: CaptureCursorState } {
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
  // Mid-pass, rows up to the last one read are known; at the end of a pass, everything up to the horizon is.
  const reached = pageFull && last !== undefined ? Math.min(horizon, last.modstamp) : horizon
  const from = Math.max(state.from, reached)
  const kept: Record<string, string[]> = {}
  for (const [stamp, ids] of [...seen].sort((a, b) => a[0] - b[0])) {
    if (stamp >= from) kept[String(stamp)] = [...ids].sort()
  }
  const next: CaptureCursorState =
    pageFull && last !== undefined
      ? { from, after: { modstamp: last.modstamp, id: last.id }, horizon, seen: kept }
      : { from, seen: kept }
  return { fresh, next }
}
