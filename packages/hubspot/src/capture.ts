import type {
  HubSpotCaptureCursor,
  HubSpotCaptureRequest,
  HubSpotCaptureResult,
  HubSpotContactRecord,
} from '@crmsync/core'

import { fromHubSpotContact, type HubSpotObjectLike } from './mappers.js'
import {
  CONTACT_MODIFIED,
  SEARCH_PAGE_SIZE,
  type SearchBody,
  tieQuery,
  windowQuery,
} from './search-filters.js'

export interface SearchPage {
  readonly total: number
  readonly results: readonly HubSpotObjectLike[]
  readonly nextAfter: string | undefined
}

export interface CaptureDeps {
  readonly search: (body: SearchBody) => Promise<SearchPage>
  /** HubSpot's time from the latest Date header; undefined before any response. */
  readonly serverTime: () => number | undefined
  /** Local time, used only when HubSpot sent no Date header. */
  readonly now: () => number
  /** How far search trails writes; the watermark stays this far behind server time. */
  readonly searchLagMs: number
  /** Results a search can reach (HubSpot: 10,000). */
  readonly searchResultCap: number
  readonly ownAppId: string | undefined
}

const DEFAULT_MAX_RECORDS = 10_000

/** `lastmodifieddate` as epoch ms: search returns it as ISO-8601, filters take epoch ms (api-surface 3.4). */
function modifiedOf(record: HubSpotObjectLike): number {
  const raw = record.properties[CONTACT_MODIFIED] ?? ''
  return /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw)
}

/**
 * The cursor after a fully read window `(from, upper]`: everything up to `upper` is captured, and at `upper`
 * itself every id up to the highest seen there (query 1 picks up ids above it that are indexed late).
 */
function cursorAfter(records: readonly HubSpotObjectLike[], upper: number): HubSpotCaptureCursor {
  let lastId: string | null = null
  for (const record of records) {
    if (modifiedOf(record) !== upper) continue
    if (lastId === null || BigInt(record.id) > BigInt(lastId)) lastId = record.id
  }
  return { modifiedAt: upper, lastId }
}

/** Query 1: every contact at the cursor's instant above its id, walked by id. */
async function readTies(
  cursor: HubSpotCaptureCursor,
  properties: readonly string[],
  budget: number,
  deps: CaptureDeps,
): Promise<{ records: HubSpotObjectLike[]; cursor: HubSpotCaptureCursor; full: boolean }> {
  const records: HubSpotObjectLike[] = []
  let lastId = cursor.lastId
  for (;;) {
    const page = await deps.search(tieQuery(cursor.modifiedAt, lastId, properties))
    records.push(...page.results)
    lastId = page.results.at(-1)?.id ?? lastId
    if (page.results.length < SEARCH_PAGE_SIZE) break
    if (records.length >= budget)
      return { records, cursor: { modifiedAt: cursor.modifiedAt, lastId }, full: true }
  }
  return { records, cursor: { modifiedAt: cursor.modifiedAt, lastId }, full: false }
}

/**
 * Captures changed contacts (design.md 3.4): query 1 (`modified = w AND id > lastId`, by id), then query 2
 * (`w < modified <= upper`, ascending), where `upper` starts at server time minus the indexing lag and is
 * narrowed until the window holds no more results than search can reach. When one instant alone holds
 * more, the cursor moves to that instant and query 1 walks it by id on the next call.
 */
export async function captureContacts(
  request: HubSpotCaptureRequest,
  deps: CaptureDeps,
): Promise<HubSpotCaptureResult> {
  const properties = request.properties ?? []
  const budget = request.maxRecords ?? DEFAULT_MAX_RECORDS
  const start = request.cursor ?? { modifiedAt: 0, lastId: null }
  const ties = await readTies(start, properties, budget, deps)
  const serverTime = deps.serverTime() ?? deps.now()
  const finish = (records: readonly HubSpotObjectLike[], cursor: HubSpotCaptureCursor, more: boolean) => ({
    records: records.map((record): HubSpotContactRecord => fromHubSpotContact(record, deps.ownAppId)),
    cursor,
    more,
    serverTime,
  })
  if (ties.full) return finish(ties.records, ties.cursor, true)

  const horizon = serverTime - deps.searchLagMs
  const from = ties.cursor.modifiedAt
  if (horizon <= from) return finish(ties.records, ties.cursor, false)

  const cap = Math.max(SEARCH_PAGE_SIZE, Math.min(deps.searchResultCap, budget))
  const found = await findWindow(from, horizon, cap, properties, deps)
  // One instant alone holds more than the cap: everything before it is read, query 1 walks it next call.
  if (typeof found === 'number') return finish(ties.records, { modifiedAt: found, lastId: null }, true)
  const { upper, first } = found
  const window = [...first.results]
  let after = first.nextAfter
  while (after !== undefined) {
    const page = await deps.search(windowQuery(from, upper, properties, { after }))
    window.push(...page.results)
    after = page.nextAfter
  }
  return finish([...ties.records, ...window], cursorAfter(window, upper), upper < horizon)
}

/**
 * The window `(from, upper]` to read: the whole span up to the horizon when its results fit under the cap,
 * else a narrower one found by halving between a bound known to fit and one known not to. The first page
 * is sorted ascending, so the instant before its last row already bounds a window that fits. Returns a
 * number, the instant itself, when nothing lies before an instant that alone holds more than the cap.
 */
async function findWindow(
  from: number,
  horizon: number,
  cap: number,
  properties: readonly string[],
  deps: CaptureDeps,
): Promise<{ upper: number; first: SearchPage } | number> {
  let page = await deps.search(windowQuery(from, horizon, properties))
  if (page.total <= cap) return { upper: horizon, first: page }
  let hi = horizon
  const lastOnPage = page.results.at(-1)
  let lo = Math.max(from, lastOnPage === undefined ? from : modifiedOf(lastOnPage) - 1)
  let loPage: SearchPage | undefined
  while (hi - lo > 1) {
    const guess = lo + Math.floor((hi - lo) / 2)
    page = await deps.search(windowQuery(from, guess, properties))
    if (page.total > cap) hi = guess
    else if (page.total * 2 >= cap) return { upper: guess, first: page }
    else [lo, loPage] = [guess, page]
  }
  if (loPage !== undefined && loPage.total > 0) return { upper: lo, first: loPage }
  if (loPage === undefined && lo > from) {
    const fits = await deps.search(windowQuery(from, lo, properties))
    if (fits.total > 0) return { upper: lo, first: fits }
  }
  // (from, lo] is empty and the instant hi = lo + 1 alone holds more than the cap.
  return hi
}
