/*
 * Capture shared by the connections of one org (several HubSpot portals on one Salesforce org, B-MULTI-1..3).
 * Every connection keeps its own capture cursor, so each asks for its own range; but a page one connection
 * read moments ago holds every row another connection's range asks for when that range lies inside it and the
 * page was not cut by the page size. Such a request is answered from that page, with the rows outside its
 * range dropped and the fields it did not ask for removed; the cursor logic then runs on the requester's own
 * cursor exactly as after a read, with the server time of the page (as if it had read at that moment).
 * Anything else is a miss and reads, so correctness never depends on a hit: the worst case is the cost of
 * no sharing. Reads select the union of the fields the connections asked for, so the second connection's
 * fields are learnt on its first read and every later read serves both.
 */
import type { SalesforceRow } from './mappers.js'
import type { KeysetPosition } from './soql.js'

/** The range of one capture query: SystemModstamp in `[from, upTo]`, strictly after `after` (soql.ts). */
export interface CaptureRange {
  readonly from: number
  readonly upTo?: number | undefined
  readonly after?: KeysetPosition | undefined
}

/** What a query returned, as the capture code needs it. */
export interface SharedCapturePage {
  readonly rows: readonly SalesforceRow[]
  readonly serverTime: number | undefined
}

/** A read: its page and the fields its query selected. */
export interface CaptureRead extends SharedCapturePage {
  readonly fields: readonly string[]
}

export interface CaptureShareOptions {
  /**
   * A page older than this (by `now`) is not served: it bounds how stale a served page can be. (Default:
   * unbounded, for one `sync --once` command whose share is made when it starts)
   */
  readonly maxAgeMs?: number | undefined
  /** (Default: Date.now) */
  readonly now?: (() => number) | undefined
}

/** Served and read pages, for tests and benches. */
export interface CaptureShareStats {
  readonly served: number
  readonly read: number
}

interface KeptPage {
  readonly type: string
  readonly range: CaptureRange
  /** Lower-cased top-level field names the query selected. */
  readonly fields: ReadonlySet<string>
  readonly rows: readonly SalesforceRow[]
  readonly full: boolean
  readonly serverTime: number | undefined
  readonly readAt: number
  /** Order of the reads' starts: a requester is only served a page that started after its last one. */
  readonly seq: number
}

/** Pages kept per type: a round reads one or two per stream; more are backlog pages nobody else needs. */
const KEPT_PER_TYPE = 8

const second = (ms: number): number => Math.floor(ms / 1000) * 1000
const topLevel = (field: string): string => (field.split('.')[0] ?? field).toLowerCase()

/**
 * One per org in a process (the wiring gives every connection with the same instance URL the same one).
 * Holds no connection's state: only pages of the org's rows, for a bounded time.
 */
export class SalesforceCaptureShare {
  readonly #maxAgeMs: number
  readonly #now: () => number
  readonly #pages = new Map<string, KeptPage[]>()
  readonly #inFlight = new Map<string, Set<Promise<KeptPage | undefined>>>()
  readonly #fields = new Map<string, Map<string, string>>()
  readonly #covered = new Map<string, number | undefined>()
  readonly #ownOnly = new Set<string>()
  #served = 0
  #read = 0
  #seq = 0
  /** Pages whose read started at or before this seq were read before a write. */
  #writtenAt = 0
  /** Per requester (one connector's capture) and type, the seq of the last page it got. */
  readonly #lastSeen = new WeakMap<object, Map<string, number>>()

  constructor(options: CaptureShareOptions = {}) {
    this.#maxAgeMs = options.maxAgeMs ?? Number.POSITIVE_INFINITY
    this.#now = options.now ?? Date.now
  }

  stats(): CaptureShareStats {
    return { served: this.#served, read: this.#read }
  }

  /** The fields to read: `select` plus every field another connection selected on this type. */
  selectFor(type: string, select: readonly string[]): string[] {
    if (this.#ownOnly.has(type)) return [...select]
    const known = this.#fields.get(type) ?? new Map<string, string>()
    for (const name of select) if (!known.has(name.toLowerCase())) known.set(name.toLowerCase(), name)
    this.#fields.set(type, known)
    return [
      ...select,
      ...[...known]
        .filter(([lower]) => !select.some((s) => s.toLowerCase() === lower))
        .map(([, name]) => name),
    ]
  }

  /**
   * A connection on the org is about to write: no kept page may serve a request from now on, so another
   * connection's next capture sees the write on its next cycle (B-MULTI-2), not one poll later. Pages in
   * flight are dropped too: they may have been read before the write commits.
   */
  orgWritten(): void {
    this.#pages.clear()
    this.#writtenAt = this.#seq
  }

  /**
   * A read of the union failed where the requester's own fields would not (e.g. another connection's user
   * sees a field this one cannot): from now on each connection reads its own fields on this type.
   */
  ownFieldsOnly(type: string): void {
    this.#ownOnly.add(type)
  }

  /**
   * Reads through the share: a kept (or in-flight) page that holds every row of `range` answers, else
   * `read` runs with `fields` and its page is kept for the others.
   */
  async page(
    requester: object,
    type: string,
    range: CaptureRange,
    select: readonly string[],
    pageSize: number,
    read: () => Promise<CaptureRead>,
  ): Promise<SharedCapturePage> {
    const wanted = new Set(select.map(topLevel))
    const seen = this.#lastSeen.get(requester) ?? new Map<string, number>()
    this.#lastSeen.set(requester, seen)
    // A page read before the requester's last one may predate changes that one already reflected.
    const after = seen.get(type) ?? -1
    const got = (page: KeptPage, rows: SharedCapturePage) => {
      seen.set(type, Math.max(after, page.seq))
      return project(rows, wanted)
    }
    const kept = this.#serve(type, range, wanted, after)
    if (kept !== undefined) return got(kept.page, kept.served)
    for (const pending of [...(this.#inFlight.get(type) ?? [])]) {
      const done = await pending
      const stale = done === undefined || done.seq <= after || done.seq <= this.#writtenAt
      const served = stale ? undefined : serveFrom(done, range, wanted)
      if (served !== undefined && done !== undefined) {
        this.#served++
        return got(done, served)
      }
    }
    const reading = this.#keep(type, range, pageSize, read)
    const flights = this.#inFlight.get(type) ?? new Set()
    this.#inFlight.set(type, flights)
    const flight = reading.then(
      (page) => page,
      () => undefined,
    )
    flights.add(flight)
    try {
      const page = await reading
      return got(page, page)
    } finally {
      flights.delete(flight)
    }
  }

  /** latestDateCovered of /updated for a type at a server time, read once for every connection. */
  async covered(
    type: string,
    serverTime: number,
    read: () => Promise<number | undefined>,
  ): Promise<number | undefined> {
    const key = `${type}@${serverTime}`
    if (this.#covered.has(key)) return this.#covered.get(key)
    const value = await read()
    if (this.#covered.size > 64) this.#covered.clear()
    this.#covered.set(key, value)
    return value
  }

  #serve(
    type: string,
    range: CaptureRange,
    wanted: ReadonlySet<string>,
    after: number,
  ): { page: KeptPage; served: SharedCapturePage } | undefined {
    const now = this.#now()
    const pages = (this.#pages.get(type) ?? []).filter((page) => now - page.readAt <= this.#maxAgeMs)
    this.#pages.set(type, pages)
    for (const page of [...pages].reverse()) {
      if (page.seq <= after) continue
      const served = serveFrom(page, range, wanted)
      if (served === undefined) continue
      this.#served++
      return { page, served }
    }
    return undefined
  }

  async #keep(
    type: string,
    range: CaptureRange,
    pageSize: number,
    read: () => Promise<CaptureRead>,
  ): Promise<KeptPage> {
    const seq = ++this.#seq
    const page = await read()
    this.#read++
    const kept: KeptPage = {
      type,
      range,
      fields: new Set(page.fields.map(topLevel)),
      rows: page.rows,
      full: page.rows.length >= pageSize,
      serverTime: page.serverTime,
      readAt: this.#now(),
      seq,
    }
    if (seq > this.#writtenAt) {
      const pages = [...(this.#pages.get(type) ?? []), kept].slice(-KEPT_PER_TYPE)
      this.#pages.set(type, pages)
    }
    return kept
  }
}

/** The rows of `range` from a kept page, or undefined when the page may not hold them all. */
function serveFrom(
  page: KeptPage,
  range: CaptureRange,
  wanted: ReadonlySet<string>,
): SharedCapturePage | undefined {
  for (const field of wanted) if (!page.fields.has(field)) return undefined
  if (sameRange(page.range, range)) return { rows: page.rows, serverTime: page.serverTime }
  // A page cut by the page size holds only the start of its range.
  if (page.full || !contains(page, range)) return undefined
  const rows: SalesforceRow[] = []
  for (const [index, row] of page.rows.entries()) {
    const inRange = rowInRange(page.rows, index, row, range)
    if (inRange === undefined) return undefined
    if (inRange) rows.push(row)
  }
  return { rows, serverTime: page.serverTime }
}

/** The same query (SOQL compares whole seconds: soqlDateTime drops the milliseconds). */
function sameRange(a: CaptureRange, b: CaptureRange): boolean {
  const upTo = (r: CaptureRange) => (r.upTo === undefined ? undefined : second(r.upTo))
  return (
    second(a.from) === second(b.from) &&
    upTo(a) === upTo(b) &&
    a.after?.id === b.after?.id &&
    (a.after === undefined || b.after === undefined || second(a.after.modstamp) === second(b.after.modstamp))
  )
}

/** Whether every row `range` selects is one `page`'s query selected too. */
function contains(page: KeptPage, range: CaptureRange): boolean {
  const outer = page.range
  if (second(range.from) < second(outer.from)) return false
  if (outer.upTo !== undefined && (range.upTo === undefined || second(range.upTo) > second(outer.upTo)))
    return false
  const start = outer.after
  if (start === undefined) return true
  const mine = range.after
  if (mine === undefined) return second(range.from) > second(start.modstamp)
  if (second(mine.modstamp) !== second(start.modstamp)) return mine.modstamp > start.modstamp
  // Same second: the order of Ids is the server's, so only a position the page itself returned is known.
  return mine.id === start.id || positionOf(page.rows, mine) !== -1
}

/** Where a keyset position's row is in a page, or -1 (absent, or since edited to another SystemModstamp). */
function positionOf(rows: readonly SalesforceRow[], at: KeysetPosition): number {
  return rows.findIndex((row) => String(row['Id']) === at.id && stampOf(row) === second(at.modstamp))
}

const stampOf = (row: SalesforceRow): number => second(Date.parse(String(row['SystemModstamp'])))

/** Whether a row of the page is in `range`; undefined when the server's Id order would be needed. */
function rowInRange(
  rows: readonly SalesforceRow[],
  index: number,
  row: SalesforceRow,
  range: CaptureRange,
): boolean | undefined {
  const stamp = stampOf(row)
  if (stamp < second(range.from)) return false
  if (range.upTo !== undefined && stamp > second(range.upTo)) return false
  const after = range.after
  if (after === undefined || stamp > second(after.modstamp)) return true
  if (stamp < second(after.modstamp)) return false
  // Rows come in the server's (SystemModstamp, Id) order: after the position's row, if the page has it.
  const position = positionOf(rows, after)
  return position === -1 ? undefined : index > position
}

/** Only the fields the requester selected (and the record's `attributes`): another's mapped fields stay out. */
function project(page: SharedCapturePage, wanted: ReadonlySet<string>): SharedCapturePage {
  const rows = page.rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).filter(([key]) => key === 'attributes' || wanted.has(key.toLowerCase())),
    ),
  )
  return { rows, serverTime: page.serverTime }
}
