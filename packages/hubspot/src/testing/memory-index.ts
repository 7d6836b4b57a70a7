import type { CaptureDeps, SearchPage } from '../capture-search.js'
import type { SearchBody } from '../search-filters.js'

/** One write of a contact: its lastmodifieddate, and when search starts to show it. */
export interface IndexedVersion {
  readonly id: number
  readonly stamp: number
  readonly visibleAt: number
}

export interface MemoryIndexOptions {
  /** Model time, epoch ms; the Date header gives it in whole seconds. */
  readonly now: number
  /** Results a search can reach. (Default: 10,000) */
  readonly cap?: number | undefined
  /** Where a row goes among rows of one sort value. (Default: a shuffle of ids, not id order) */
  readonly tieOrder?: ((id: number) => number) | undefined
  /**
   * The indexed object's last-modified property; a search naming another property (but `hs_object_id`) is
   * refused, as HubSpot would find nothing on it. (Default: lastmodifieddate, contacts')
   */
  readonly modifiedProperty?: string | undefined
}

const OPS = {
  EQ: (a: number, b: number) => a === b,
  GT: (a: number, b: number) => a > b,
  GTE: (a: number, b: number) => a >= b,
  LT: (a: number, b: number) => a < b,
  LTE: (a: number, b: number) => a <= b,
}

/**
 * An in-memory contact (or company) search with HubSpot's rules that matter to capture (api-surface 3.4): filters ANDed,
 * one sort key, ties in an order of its own, `after` as an offset, 400 for an offset at or past the cap.
 * And an indexing lag: each write shows from its `visibleAt`; search shows a contact's newest shown write.
 * Counts searches, offsets past the cap, and how often each (id, lastmodifieddate) came back.
 */
export class MemoryIndex {
  now: number
  readonly cap: number
  readonly versions: IndexedVersion[] = []
  calls = 0
  pastCap = 0
  readonly reads = new Map<string, number>()
  /** Runs before each search is answered (a test changes the index between pages). */
  beforeSearch: (() => void) | undefined
  readonly modifiedProperty: string
  readonly #tieOrder: (id: number) => number

  constructor(options: MemoryIndexOptions) {
    this.now = options.now
    this.cap = options.cap ?? 10_000
    this.modifiedProperty = options.modifiedProperty ?? 'lastmodifieddate'
    this.#tieOrder = options.tieOrder ?? ((id) => (id * 7919) % 10_007)
  }

  /** Writes a version of contact `id` at the current time (or `stamp`), shown `delay` ms later. */
  write(id: number, options: { stamp?: number; delay?: number } = {}): IndexedVersion {
    const stamp = options.stamp ?? this.now
    const version = { id, stamp, visibleAt: stamp + (options.delay ?? 0) }
    this.versions.push(version)
    return version
  }

  /** What search shows now: per contact, its newest version already indexed. */
  shown(): IndexedVersion[] {
    const newest = new Map<number, IndexedVersion>()
    for (const version of this.versions) {
      if (version.visibleAt > this.now) continue
      const known = newest.get(version.id)
      if (known === undefined || version.stamp >= known.stamp) newest.set(version.id, version)
    }
    return [...newest.values()]
  }

  /** Per contact, its newest version written, shown or not. */
  latest(): Map<number, IndexedVersion> {
    const newest = new Map<number, IndexedVersion>()
    for (const version of this.versions) {
      const known = newest.get(version.id)
      if (known === undefined || version.stamp >= known.stamp) newest.set(version.id, version)
    }
    return newest
  }

  readonly search = (body: SearchBody): Promise<SearchPage> => {
    this.calls += 1
    this.beforeSearch?.()
    const offset = Number(body.after ?? 0)
    if (offset >= this.cap) {
      this.pastCap += 1
      return Promise.reject(Object.assign(new Error('after past cap'), { code: 400, body: {}, headers: {} }))
    }
    const filters = body.filterGroups[0]?.filters ?? []
    const known = ['hs_object_id', this.modifiedProperty]
    const named = [...filters.map((f) => f.propertyName), ...body.sorts.map((sort) => sort.propertyName)]
    const unknown = named.find((name) => !known.includes(name))
    if (unknown !== undefined)
      return Promise.reject(new Error(`this index has no ${unknown} (it indexes ${this.modifiedProperty})`))
    const value = (row: IndexedVersion, name: string) => (name === 'hs_object_id' ? row.id : row.stamp)
    const hits = this.shown().filter((row) =>
      filters.every((f) => OPS[f.operator](value(row, f.propertyName), Number(f.value))),
    )
    const key = body.sorts[0]?.propertyName ?? 'hs_object_id'
    hits.sort((a, b) => value(a, key) - value(b, key) || this.#tieOrder(a.id) - this.#tieOrder(b.id))
    const page = hits.slice(offset, offset + body.limit)
    for (const row of page)
      this.reads.set(`${row.id}@${row.stamp}`, (this.reads.get(`${row.id}@${row.stamp}`) ?? 0) + 1)
    const next = offset + page.length
    return Promise.resolve({
      total: hits.length,
      // Search returns the last-modified date as ISO-8601.
      results: page.map((row) => ({
        id: String(row.id),
        properties: { [this.modifiedProperty]: new Date(row.stamp).toISOString() },
      })),
      nextAfter: next < hits.length && next < this.cap && page.length > 0 ? String(next) : undefined,
    })
  }

  /** Capture's dependencies over this index: HubSpot's Date header has whole seconds. */
  deps(searchLagMs: number, extra: Partial<CaptureDeps> = {}): CaptureDeps {
    return {
      search: this.search,
      serverTime: () => Math.floor(this.now / 1000) * 1000,
      now: () => this.now,
      searchLagMs,
      searchResultCap: this.cap,
      ownAppId: undefined,
      ...extra,
    }
  }
}
