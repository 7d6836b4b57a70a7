// The searches capture is made of (design.md 3.4): the id walk of one instant, finding a window under the
// result cap, and reading a window's pages. capture.ts decides which to run; capture-state.ts keeps the cursor.
// They serve any object type: `deps.search` searches one, `deps.modifiedProperty` is its last-modified date.
import type { HubSpotObjectLike } from './mappers.js'
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
  /** Searches the captured object type. */
  readonly search: (body: SearchBody) => Promise<SearchPage>
  /**
   * That type's last-modified property, which the searches filter and sort on (object-kinds.ts).
   * (Default: lastmodifieddate, contacts')
   */
  readonly modifiedProperty?: string | undefined
  /** HubSpot's time from the latest Date header; undefined before any response. */
  readonly serverTime: () => number | undefined
  /** Local time, used only when HubSpot sent no Date header. */
  readonly now: () => number
  /** How far search trails writes: a settle pass reads this span once more. */
  readonly searchLagMs: number
  /** Results a search can reach (HubSpot: 10,000). */
  readonly searchResultCap: number
  /** (Default: SETTLE_EVERY_MS of capture-state.ts) */
  readonly settleEveryMs?: number | undefined
  readonly ownAppId: string | undefined
}

/** The last-modified property capture reads for these deps. */
export function modifiedPropertyOf(deps: CaptureDeps): string {
  return deps.modifiedProperty ?? CONTACT_MODIFIED
}

/**
 * The last-modified date (`property`, contacts' by default) as epoch ms: search returns it as ISO-8601,
 * filters take epoch ms (api-surface 3.4).
 */
export function modifiedOf(record: HubSpotObjectLike, property = CONTACT_MODIFIED): number {
  const raw = record.properties[property] ?? ''
  return /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw)
}

/**
 * Query 1: the records at one instant with an id above `afterId`, walked by id (a keyset, so rows indexed
 * meanwhile never shift a page, and the result cap never applies). Stops after a full page once `budget`
 * records are read (`full`).
 */
export async function walkInstant(
  at: number,
  afterId: string | null,
  properties: readonly string[],
  budget: number,
  deps: CaptureDeps,
): Promise<{ records: HubSpotObjectLike[]; lastId: string | null; full: boolean }> {
  const records: HubSpotObjectLike[] = []
  let lastId = afterId
  for (;;) {
    const page = await deps.search(tieQuery(at, lastId, properties, modifiedPropertyOf(deps)))
    records.push(...page.results)
    lastId = page.results.at(-1)?.id ?? lastId
    if (page.results.length < SEARCH_PAGE_SIZE) return { records, lastId, full: false }
    if (records.length >= budget) return { records, lastId, full: true }
  }
}

/**
 * The window `(from, upper]` to read: the whole span up to the horizon when its results fit under the cap,
 * else a narrower one found by halving between a bound known to fit and one known not to. The first page
 * is sorted ascending, so the instant before its last row already bounds a window that fits. Returns a
 * number, the instant itself, when nothing lies before an instant that alone holds more than the cap.
 * `first` is a first page of `(from, horizon]` already read (its total may count more, never fewer).
 */
export async function findWindow(
  from: number,
  horizon: number,
  cap: number,
  properties: readonly string[],
  deps: CaptureDeps,
  first?: SearchPage,
): Promise<{ upper: number; first: SearchPage } | number> {
  const modified = modifiedPropertyOf(deps)
  const query = (upTo: number) => windowQuery(from, upTo, properties, {}, modified)
  let page = first ?? (await deps.search(query(horizon)))
  if (page.total <= cap) return { upper: horizon, first: page }
  let hi = horizon
  const lastOnPage = page.results.at(-1)
  let lo = Math.max(from, lastOnPage === undefined ? from : modifiedOf(lastOnPage, modified) - 1)
  let loPage: SearchPage | undefined
  while (hi - lo > 1) {
    const guess = lo + Math.floor((hi - lo) / 2)
    page = await deps.search(query(guess))
    if (page.total > cap) hi = guess
    else if (page.total * 2 >= cap) return { upper: guess, first: page }
    else [lo, loPage] = [guess, page]
  }
  if (loPage !== undefined && loPage.total > 0) return { upper: lo, first: loPage }
  if (loPage === undefined && lo > from) {
    const fits = await deps.search(query(lo))
    if (fits.total > 0) return { upper: lo, first: fits }
  }
  // (from, lo] is empty and the instant hi = lo + 1 alone holds more than the cap.
  return hi
}

/**
 * Reads the pages of `(from, upper]` after its first page. `after` is an offset into the sorted results,
 * so a row that leaves the window (edited again, now later) shifts the rest back and the next page would
 * skip one: when the total shrinks by n, the next page starts n earlier (repeats are dropped by the
 * cursor's `seen`). Rows entering the window (indexed meanwhile) only repeat one; in a window older than
 * the lag none can enter, so its read is exact. `cut` when the next offset reached the cap (the window grew).
 */
export async function readWindow(
  from: number,
  upper: number,
  first: SearchPage,
  cap: number,
  properties: readonly string[],
  deps: CaptureDeps,
): Promise<{ records: HubSpotObjectLike[]; total: number; cut: boolean }> {
  const records = [...first.results]
  let total = first.total
  let offset = first.results.length
  while (offset < total && first.nextAfter !== undefined) {
    if (offset >= cap) return { records, total, cut: true }
    const after = String(offset)
    const page = await deps.search(windowQuery(from, upper, properties, { after }, modifiedPropertyOf(deps)))
    records.push(...page.results)
    const removed = total - page.total
    total = page.total
    if (removed > 0) offset = Math.max(0, offset - removed)
    else if (page.results.length === 0) break
    else offset += page.results.length
  }
  return { records, total, cut: false }
}
