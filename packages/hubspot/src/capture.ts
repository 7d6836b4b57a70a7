// HubSpot capture (design.md 3.4), of contacts on `lastmodifieddate` and companies on `hs_lastmodifieddate`:
// fresh passes read up to now, settle passes read the indexing-lag span once more; the rules are in
// capture-state.ts, one state machine for every object type. Calls: an idle call is 2 searches (the id walk
// of the frontier's instant, the window after it); a settle adds 1 search per 200 rows of its span.
import type {
  HubSpotCaptureRequest,
  HubSpotCaptureResult,
  HubSpotCompanyCaptureResult,
  HubSpotDealCaptureResult,
} from '@crmsync/core'

import {
  type CaptureDeps,
  findWindow,
  modifiedOf,
  modifiedPropertyOf,
  readWindow,
  type SearchPage,
  walkInstant,
} from './capture-search.js'
import {
  afterFresh,
  afterSettleWalk,
  afterSettleWindow,
  beginSettle,
  type CapturedRow,
  type CaptureState,
  type CaptureTiming,
  cursorOf,
  newestOf,
  settleInstead,
  settleReadyAt,
  startSettleWalk,
  stateOf,
  takeNew,
} from './capture-state.js'
import { fromHubSpotObject, type HubSpotObjectLike, type HubSpotObjectRecord } from './mappers.js'
import { COMPANIES, CONTACTS, DEALS } from './object-kinds.js'
import { SEARCH_PAGE_SIZE, windowQuery } from './search-filters.js'

export type { CaptureDeps, SearchPage } from './capture-search.js'

/** A capture result of any object type (the port has one per type, alike but for the records). */
export type ObjectCaptureResult = Omit<HubSpotCaptureResult, 'records'> & {
  readonly records: readonly HubSpotObjectRecord[]
}

const DEFAULT_MAX_RECORDS = 10_000
/**
 * How far past HubSpot's Date a fresh window reaches: the header has whole seconds, so rows of the current
 * second lie after it, and a little clock skew between HubSpot's servers is harmless. A later row waits for
 * the next pass (the frontier never passes a row it did not read).
 */
const FRESH_AHEAD_MS = 60_000

/** One capture call: the cursor as it moves, the rows it returns and what is left of the record budget. */
class CaptureCall {
  state: CaptureState
  readonly returned: HubSpotObjectLike[] = []
  read = 0
  #newest = 0

  readonly request: HubSpotCaptureRequest
  readonly deps: CaptureDeps
  readonly timing: CaptureTiming
  /** The object's last-modified property. */
  readonly modified: string

  constructor(request: HubSpotCaptureRequest, deps: CaptureDeps, timing: CaptureTiming) {
    this.request = request
    this.deps = deps
    this.timing = timing
    this.modified = modifiedPropertyOf(deps)
    this.state = stateOf(request.cursor)
  }

  /** A row's last-modified date, epoch ms. */
  readonly stampOf = (record: HubSpotObjectLike): number => modifiedOf(record, this.modified)

  readonly rowOf = (record: HubSpotObjectLike): CapturedRow => ({
    id: record.id,
    stamp: this.stampOf(record),
  })

  get properties(): readonly string[] {
    return this.request.properties ?? []
  }

  get budget(): number {
    return (this.request.maxRecords ?? DEFAULT_MAX_RECORDS) - this.read
  }

  /** The result cap for the next window: what search reaches and the budget left, at least one page. */
  get cap(): number {
    return Math.max(SEARCH_PAGE_SIZE, Math.min(this.deps.searchResultCap, this.budget))
  }

  /**
   * HubSpot's present, at least: its latest Date (whole seconds), or the newest last-modified date read
   * when that is later, since a row cannot be read before it was written.
   */
  serverTime(): number {
    return Math.max(this.deps.serverTime() ?? this.deps.now(), this.#newest)
  }

  /** Notes the dates of rows read, for serverTime. */
  saw(records: readonly HubSpotObjectLike[]): void {
    for (const record of records) this.#newest = Math.max(this.#newest, this.stampOf(record))
  }

  /** Returns the rows not returned before and remembers them in the cursor. */
  keep(records: readonly HubSpotObjectLike[]): void {
    this.read += records.length
    this.saw(records)
    const { fresh, state } = takeNew(this.state, records.map(this.rowOf))
    this.state = state
    const keys = new Set(fresh.map((row) => `${row.id}@${row.stamp}`))
    for (const record of records) {
      const key = `${record.id}@${this.stampOf(record)}`
      if (keys.delete(key)) this.returned.push(record)
    }
  }
}

/** Captures changed contacts (`lastmodifieddate`). */
export function captureContacts(
  request: HubSpotCaptureRequest,
  deps: CaptureDeps,
): Promise<HubSpotCaptureResult> {
  return captureObjects(request, { ...deps, modifiedProperty: CONTACTS.modifiedProperty })
}

/** Captures changed companies (`hs_lastmodifieddate`); `deps.search` searches companies. */
export function captureCompanies(
  request: HubSpotCaptureRequest,
  deps: CaptureDeps,
): Promise<HubSpotCompanyCaptureResult> {
  return captureObjects(request, { ...deps, modifiedProperty: COMPANIES.modifiedProperty })
}

/** Captures changed deals (`hs_lastmodifieddate`); `deps.search` searches deals. */
export function captureDeals(
  request: HubSpotCaptureRequest,
  deps: CaptureDeps,
): Promise<HubSpotDealCaptureResult> {
  return captureObjects(request, { ...deps, modifiedProperty: DEALS.modifiedProperty })
}

/**
 * Captures changed records of the type `deps` searches: a settle pass under way, else a fresh pass and the
 * settle it makes due.
 */
export async function captureObjects(
  request: HubSpotCaptureRequest,
  deps: CaptureDeps,
): Promise<ObjectCaptureResult> {
  const timing = { lagMs: deps.searchLagMs, settleEveryMs: deps.settleEveryMs }
  const call = new CaptureCall(request, deps, timing)
  // A settle under way goes first; the fresh pass follows in the next call (`more`).
  const more = call.state.settle !== undefined ? (await settleStep(call), true) : await freshPass(call)
  const serverTime = call.serverTime()
  return {
    records: newestPerRecord(call.returned, call.stampOf).map((record) =>
      fromHubSpotObject(record, deps.ownAppId),
    ),
    cursor: cursorOf(call.state),
    more,
    serverTime,
    settledThrough: call.state.settled,
    ...optional('settleReadyAt', settleReadyAt(call.state, request.settleThrough, more, timing)),
  }
}

/**
 * A fresh pass: query 1 walks the frontier's instant by id, query 2 reads `(frontier, now]` ascending, in a
 * window under the result cap. Returns whether to call again now.
 */
async function freshPass(call: CaptureCall): Promise<boolean> {
  const { deps, properties, timing } = call
  const start = call.state.frontier
  const ties = await walkInstant(start.stamp, start.id, properties, call.budget, deps)
  call.keep(ties.records)
  const tieRows = ties.records.map(call.rowOf)
  if (ties.full) {
    const reached = { stamp: start.stamp, id: ties.lastId }
    call.state = afterFresh(call.state, { readAt: 0, reached, complete: false, whole: false }, timing)
    return true
  }
  const horizon = call.serverTime() + FRESH_AHEAD_MS
  const first = await deps.search(windowQuery(start.stamp, horizon, properties, {}, call.modified))
  call.saw(first.results)
  // At or before every search from here on: the later ones, and this one (its rows were written before it).
  const readAt = call.serverTime()
  if (first.total > first.results.length && settleInstead(call.state, readAt, timing)) {
    return settleBacklog(call, first, readAt - timing.lagMs)
  }
  const found = await findWindow(start.stamp, horizon, call.cap, properties, deps, first)
  if (typeof found === 'number') {
    // Everything before this instant is read; it alone holds more than the cap: the id walk reads it next.
    const reached = { stamp: found, id: null }
    call.state = afterFresh(call.state, { readAt, reached, complete: false, whole: false }, timing)
    return true
  }
  const window = await readWindow(start.stamp, found.upper, found.first, call.cap, properties, deps)
  call.keep(window.records)
  const windowRows = window.records.map(call.rowOf)
  const lastStamp = Math.max(...windowRows.map((row) => row.stamp))
  // A cut window may hold more rows at its last instant: the next pass reads that instant whole.
  const reached = window.cut ? { stamp: lastStamp, id: null } : newestOf([...tieRows, ...windowRows])
  const complete = !window.cut && found.upper >= horizon
  const whole = found.first === first && first.total <= first.results.length
  call.state = afterFresh(
    call.state,
    { readAt, reached, complete, whole },
    timing,
    call.request.settleThrough,
  )
  if (call.state.settle === undefined) return !complete
  if (call.budget > 0) await settleStep(call)
  return call.state.settle !== undefined
}

/**
 * The fresh window holds more than a page and part of it is older than the lag: settle `(settled, upTo]`
 * instead, so that part is read once, exactly. When the fresh pass started at `settled` the two windows
 * begin alike, and its first page serves as the settle's first page. Returns whether to call again.
 */
async function settleBacklog(call: CaptureCall, first: SearchPage, upTo: number): Promise<boolean> {
  const from = call.state.settled
  call.state = beginSettle(call.state, upTo)
  if (call.state.frontier.stamp > from) return settleStep(call).then(() => true)
  const older = first.results.filter((record) => call.stampOf(record) <= upTo)
  // Sorted ascending: a page that reaches past upTo holds the whole settle window.
  const page: SearchPage =
    older.length < first.results.length
      ? { total: older.length, results: older, nextAfter: undefined }
      : { total: first.total, results: older, nextAfter: first.nextAfter }
  const total = await settleStep(call, page)
  // The fresh window's total counts the settle window too: only a surplus can be younger rows.
  return call.state.settle !== undefined || first.total > total
}

/** One step of a settle pass: one window, or the id walk of an instant over the cap. Returns its total. */
async function settleStep(call: CaptureCall, first?: SearchPage): Promise<number> {
  const { deps, properties } = call
  const pass = call.state.settle
  if (pass === undefined) return 0
  if (pass.walk !== undefined) {
    const walked = await walkInstant(pass.walk.at, pass.walk.afterId, properties, call.budget, deps)
    call.keep(walked.records)
    call.state = afterSettleWalk(call.state, walked.lastId, !walked.full)
    return walked.records.length
  }
  const from = call.state.settled
  const found = await findWindow(from, pass.upTo, call.cap, properties, deps, first)
  if (typeof found === 'number') {
    call.state = startSettleWalk(call.state, found)
    return call.budget > 0 ? settleStep(call) : 0
  }
  const window = await readWindow(from, found.upper, found.first, call.cap, properties, deps)
  call.keep(window.records)
  // A window older than the lag only shrinks; cut, it grew anyway (a row indexed later than the lag): all
  // before its last instant was read, and that instant is walked by id.
  call.state = window.cut
    ? startSettleWalk(call.state, Math.max(...window.records.map(call.stampOf)))
    : afterSettleWindow(call.state, found.upper)
  return window.total
}

/** One row per record, its newest version, oldest first (a record can be read by both kinds of pass). */
function newestPerRecord(
  records: readonly HubSpotObjectLike[],
  stampOf: (record: HubSpotObjectLike) => number,
): HubSpotObjectLike[] {
  const newest = new Map<string, HubSpotObjectLike>()
  for (const record of records) {
    const known = newest.get(record.id)
    if (known === undefined || stampOf(record) >= stampOf(known)) newest.set(record.id, record)
  }
  const kept = new Set(newest.values())
  return records.filter((record) => kept.has(record)).sort((a, b) => stampOf(a) - stampOf(b))
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}
