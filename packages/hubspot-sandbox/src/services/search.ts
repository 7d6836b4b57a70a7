import { validationError } from '../http/errors.js'
import { text } from '../http/query.js'
import type { ObjectStore } from '../model/object-store.js'
import type { ObjectTypeInfo } from '../model/object-types.js'
import type { PropertyDefinition } from '../model/property-definition.js'
import { type HsRecord, readProperty } from '../model/record.js'
import type { Knobs } from '../options.js'
import { isNumeric, matchesFilter, parseFilter, type SearchFilter, toComparable } from './search-filters.js'

export interface SearchSort {
  readonly propertyName: string
  readonly descending: boolean
}

export interface SearchRequest {
  readonly groups: ReadonlyArray<readonly SearchFilter[]>
  readonly sorts: readonly SearchSort[]
  readonly query: string | undefined
  readonly limit: number
  readonly offset: number
}

export interface SearchResult {
  readonly total: number
  readonly rows: HsRecord[]
  readonly nextOffset: number | undefined
}

/** Parses and checks a search body against the limits in the knobs (api-surface.md 3.4). */
export function parseSearchRequest(body: Record<string, unknown>, knobs: Knobs): SearchRequest {
  const rawGroups = Array.isArray(body['filterGroups']) ? (body['filterGroups'] as unknown[]) : []
  if (rawGroups.length > knobs.maxFilterGroups) {
    throw validationError(
      `Too many filter groups (${rawGroups.length}); the limit is ${knobs.maxFilterGroups}`,
    )
  }
  const groups = rawGroups.map((group) => {
    const filters = (group as { filters?: unknown }).filters
    const list = Array.isArray(filters) ? filters.map(parseFilter) : []
    if (list.length > knobs.maxFiltersPerGroup) {
      throw validationError(
        `Too many filters in a group (${list.length}); the limit is ${knobs.maxFiltersPerGroup}`,
      )
    }
    return list
  })
  const filterCount = groups.reduce((sum, group) => sum + group.length, 0)
  if (filterCount > knobs.maxFilters)
    throw validationError(`Too many filters (${filterCount}); the limit is ${knobs.maxFilters}`)
  const sorts = (Array.isArray(body['sorts']) ? (body['sorts'] as unknown[]) : []).map((sort): SearchSort => {
    if (typeof sort === 'string') {
      return sort.startsWith('-')
        ? { propertyName: sort.slice(1), descending: true }
        : { propertyName: sort, descending: false }
    }
    const input = (sort ?? {}) as Record<string, unknown>
    return {
      propertyName: text(input['propertyName'], ''),
      descending: input['direction'] === 'DESCENDING',
    }
  })
  const limit = body['limit'] === undefined ? 10 : Number(body['limit'])
  if (!Number.isInteger(limit) || limit < 0 || limit > knobs.searchPageLimit) {
    throw validationError(`limit must be between 0 and ${knobs.searchPageLimit}`)
  }
  const offset =
    body['after'] === undefined || body['after'] === null || body['after'] === '' ? 0 : Number(body['after'])
  if (!Number.isInteger(offset) || offset < 0) throw validationError('after must be a valid paging cursor')
  if (offset >= knobs.searchResultCap) {
    throw validationError(
      `The search can only reach the first ${knobs.searchResultCap} results; narrow it with filters`,
    )
  }
  const query = typeof body['query'] === 'string' && body['query'] !== '' ? body['query'] : undefined
  if (query !== undefined && query.length > 3000)
    throw validationError('query must be at most 3000 characters')
  return { groups, sorts, query, limit, offset }
}

type Definitions = (name: string) => PropertyDefinition | undefined

const RANGE = new Set(['EQ', 'GT', 'GTE', 'LT', 'LTE', 'BETWEEN'])

/** The record as the (possibly lagging) search index sees it, or undefined when not indexed yet. */
function searchView(record: HsRecord, now: number): HsRecord | undefined {
  const view = record.searchView
  if (view === undefined || view.until <= now) return record
  if (view.props === undefined) return undefined
  return { ...record, props: view.props, updatedAt: view.updatedAt }
}

/**
 * Runs a search. Three plans keep the common cases off a full scan at 1,000,000 rows:
 * - an EQ on hs_object_id or a unique property (email included) in a single group: one index look-up;
 * - last-modified range filters with no sort or a sort on that property: a walk of the sorted index;
 * - otherwise a scan of the live records. The lag knob forces the scan (views differ from the indexes).
 */
export function runSearch(
  store: ObjectStore,
  defs: Definitions,
  request: SearchRequest,
  knobs: Knobs,
  now: number,
): SearchResult {
  const info = store.info
  const matches = (record: HsRecord): boolean =>
    (request.groups.length === 0 ||
      request.groups.some((group) =>
        group.every((filter) => matchesFilter(info, record, filter, defs(filter.propertyName))),
      )) &&
    (request.query === undefined || matchesQuery(info, record, request.query))
  const single = request.groups.length === 1 ? (request.groups[0] ?? []) : undefined
  const lagging = knobs.searchLagMs > 0

  const unique = lagging
    ? undefined
    : single?.find(
        (f) =>
          f.operator === 'EQ' &&
          f.value !== undefined &&
          (f.propertyName === 'hs_object_id' || store.isUnique(f.propertyName)),
      )
  if (unique !== undefined) {
    const record =
      unique.propertyName === 'hs_object_id'
        ? store.records.get(Number(unique.value))
        : store.findByUnique(unique.propertyName, unique.value ?? '')
    const rows =
      record !== undefined && !record.archived && record.mergedInto === undefined && matches(record)
        ? [record]
        : []
    return page(rows, request, knobs)
  }

  const modified = info.lastModifiedProperty
  const sortOk =
    request.sorts.length === 0 || (request.sorts.length === 1 && request.sorts[0]?.propertyName === modified)
  if (!lagging && sortOk && request.groups.length <= 1) {
    const rangeFilters = (single ?? []).filter((f) => f.propertyName === modified && RANGE.has(f.operator))
    const rest = (single ?? []).filter((f) => !rangeFilters.includes(f))
    if (rangeFilters.length > 0 || request.sorts.length === 1) {
      return walkModifiedIndex(
        store,
        rangeFilters,
        rest.length === 0 && request.query === undefined ? undefined : matches,
        request,
        knobs,
      )
    }
  }

  const idSortOk =
    request.sorts.length === 0 ||
    (request.sorts.length === 1 && request.sorts[0]?.propertyName === 'hs_object_id')
  if (!lagging && idSortOk && request.groups.length <= 1) {
    // Id order is the default order, so this walk serves any single-group search without another sort.
    const [lo, hi] = idBounds(
      (single ?? []).filter((f) => f.propertyName === 'hs_object_id' && RANGE.has(f.operator)),
    )
    return walk(store.liveInIdRange(lo, hi, request.sorts[0]?.descending === true), matches, request, knobs)
  }

  const rows: HsRecord[] = []
  for (const record of store.live()) {
    const view = lagging ? searchView(record, now) : record
    if (view !== undefined && matches(view)) rows.push(view)
  }
  sortRows(info, rows, request.sorts, defs)
  return page(rows, request, knobs)
}

function matchesQuery(info: ObjectTypeInfo, record: HsRecord, query: string): boolean {
  const needle = query.toLowerCase()
  return info.queryProperties.some(
    (name) => readProperty(info, record, name)?.toLowerCase().includes(needle) === true,
  )
}

function sortRows(
  info: ObjectTypeInfo,
  rows: HsRecord[],
  sorts: readonly SearchSort[],
  defs: Definitions,
): void {
  rows.sort((a, b) => {
    for (const sort of sorts) {
      const numeric = isNumeric(defs(sort.propertyName), sort.propertyName)
      const va = readProperty(info, a, sort.propertyName)
      const vb = readProperty(info, b, sort.propertyName)
      if (va === vb) continue
      // Records without a value sort last in either direction.
      if (va === undefined) return 1
      if (vb === undefined) return -1
      const ca = toComparable(numeric, va)
      const cb = toComparable(numeric, vb)
      const order = ca < cb ? -1 : ca > cb ? 1 : 0
      if (order !== 0) return sort.descending ? -order : order
    }
    return a.id - b.id
  })
}

function page(rows: HsRecord[], request: SearchRequest, knobs: Knobs): SearchResult {
  const slice = rows.slice(request.offset, request.offset + request.limit)
  const next = request.offset + slice.length
  const more = next < rows.length && next < knobs.searchResultCap && slice.length > 0
  return { total: rows.length, rows: slice, nextOffset: more ? next : undefined }
}

/** Bounds of a last-modified range as index ranks: [from, to). */
function rangeOf(store: ObjectStore, filters: readonly SearchFilter[]): [number, number] {
  let lo = Number.NEGATIVE_INFINITY
  let loInclusive = true
  let hi = Number.POSITIVE_INFINITY
  let hiInclusive = true
  const time = (value: string | undefined): number =>
    value === undefined ? Number.NaN : Number(toComparable(true, value))
  for (const f of filters) {
    const v = time(f.value)
    if (f.operator === 'GT' || f.operator === 'GTE' || f.operator === 'EQ' || f.operator === 'BETWEEN') {
      if (v > lo || (v === lo && f.operator === 'GT')) [lo, loInclusive] = [v, f.operator !== 'GT']
    }
    if (f.operator === 'LT' || f.operator === 'LTE' || f.operator === 'EQ') {
      if (v < hi || (v === hi && f.operator === 'LT')) [hi, hiInclusive] = [v, f.operator !== 'LT']
    }
    if (f.operator === 'BETWEEN') {
      const h = time(f.highValue)
      if (h < hi) [hi, hiInclusive] = [h, true]
    }
  }
  if (Number.isNaN(lo) || Number.isNaN(hi)) return [0, 0]
  const from = store.modified.rank(lo, loInclusive ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY)
  const to = store.modified.rank(hi, hiInclusive ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY)
  return [from, Math.max(from, to)]
}

/** Inclusive id bounds from hs_object_id range filters (ids are integers). */
function idBounds(filters: readonly SearchFilter[]): [number, number] {
  let lo = 0
  let hi = Number.MAX_SAFE_INTEGER
  for (const f of filters) {
    const v = Number(f.value)
    const h = Number(f.highValue)
    if (f.operator === 'GT') lo = Math.max(lo, Math.floor(v) + 1)
    if (f.operator === 'GTE' || f.operator === 'EQ' || f.operator === 'BETWEEN')
      lo = Math.max(lo, Math.ceil(v))
    if (f.operator === 'LT') hi = Math.min(hi, Math.ceil(v) - 1)
    if (f.operator === 'LTE' || f.operator === 'EQ') hi = Math.min(hi, Math.floor(v))
    if (f.operator === 'BETWEEN') hi = Math.min(hi, Math.floor(h))
  }
  return Number.isNaN(lo) || Number.isNaN(hi) ? [1, 0] : [lo, hi]
}

/** Counts every match (for `total`) and keeps only the requested page. */
function walk(
  records: Iterable<HsRecord>,
  matches: (record: HsRecord) => boolean,
  request: SearchRequest,
  knobs: Knobs,
): SearchResult {
  const rows: HsRecord[] = []
  let total = 0
  for (const record of records) {
    if (!matches(record)) continue
    if (total >= request.offset && rows.length < request.limit) rows.push(record)
    total += 1
  }
  const next = request.offset + rows.length
  return {
    total,
    rows,
    nextOffset: next < total && next < knobs.searchResultCap && rows.length > 0 ? next : undefined,
  }
}

function walkModifiedIndex(
  store: ObjectStore,
  range: readonly SearchFilter[],
  extra: ((record: HsRecord) => boolean) | undefined,
  request: SearchRequest,
  knobs: Knobs,
): SearchResult {
  const [from, to] = rangeOf(store, range)
  const descending = request.sorts[0]?.descending === true
  const rows: HsRecord[] = []
  if (extra === undefined) {
    // Pure range: the total is a rank difference and the page is read straight at its offset.
    const total = to - from
    const start = descending ? to - request.offset - request.limit : from + request.offset
    const end = descending ? to - request.offset : Math.min(to, start + request.limit)
    for (const id of store.modified.ids(Math.max(from, start), Math.max(from, end), descending)) {
      const record = store.records.get(id)
      if (record !== undefined) rows.push(record)
    }
    const next = request.offset + rows.length
    const more = next < total && next < knobs.searchResultCap && rows.length > 0
    return { total, rows, nextOffset: more ? next : undefined }
  }
  const records = (function* () {
    for (const id of store.modified.ids(from, to, descending)) {
      const record = store.records.get(id)
      if (record !== undefined) yield record
    }
  })()
  return walk(records, extra, request, knobs)
}
