import type { ObjectTypeInfo } from './object-types.js'
import type { HistoryEntry, HsRecord, WriteSource } from './record.js'
import { SortedIndex } from './sorted-index.js'

/** Unique values are compared case-insensitively for email (api-surface.md 3.2) and exactly otherwise. */
function uniqueKey(property: string, value: string): string {
  return property === 'email' ? value.toLowerCase() : value
}

/**
 * The records of one object type, with the indexes that keep look-ups off full scans at 1,000,000 rows:
 * a Map by id, a hash index per unique-value property (email included), and a sorted index on the
 * last-modified time. Indexes cover live records only (not archived, not merged away).
 */
export class ObjectStore {
  readonly info: ObjectTypeInfo
  readonly records = new Map<number, HsRecord>()
  readonly modified = new SortedIndex()
  /** Ids in ascending order; ids are allocated increasing, so appends keep it sorted. */
  readonly #order: number[] = []
  readonly #unique = new Map<string, Map<string, number>>()

  constructor(info: ObjectTypeInfo, uniqueProperties: readonly string[]) {
    this.info = info
    for (const property of uniqueProperties) this.#unique.set(property, new Map())
  }

  get liveCount(): number {
    return this.modified.size
  }

  isUnique(property: string): boolean {
    return this.#unique.has(property)
  }

  /** Starts indexing a property that just became unique-valued. */
  addUniqueIndex(property: string): void {
    const index = new Map<string, number>()
    for (const record of this.records.values()) {
      const value = record.props[property]
      if (isLive(record) && value !== undefined && value !== '')
        index.set(uniqueKey(property, value), record.id)
    }
    this.#unique.set(property, index)
  }

  /** The record stored under this id, following merges to the survivor. */
  resolve(id: number): HsRecord | undefined {
    let record = this.records.get(id)
    while (record?.mergedInto !== undefined) record = this.records.get(record.mergedInto)
    return record
  }

  /** The live record holding this value of a unique property (or email), if any. */
  findByUnique(property: string, value: string): HsRecord | undefined {
    const id = this.#unique.get(property)?.get(uniqueKey(property, value))
    return id === undefined ? undefined : this.records.get(id)
  }

  insert(record: HsRecord): void {
    this.records.set(record.id, record)
    const last = this.#order[this.#order.length - 1]
    if (last === undefined || last < record.id) this.#order.push(record.id)
    else this.#order.splice(lowerBound(this.#order, record.id), 0, record.id)
    if (isLive(record)) this.#index(record)
  }

  /** Sets or clears (undefined) one stored value, keeping unique indexes and history. */
  write(record: HsRecord, name: string, value: string | undefined, at: number, source: WriteSource): void {
    const previous = record.props[name]
    if (previous === value) return
    const index = this.#unique.get(name)
    if (index !== undefined && isLive(record)) {
      if (previous !== undefined && previous !== '') index.delete(uniqueKey(name, previous))
      if (value !== undefined && value !== '') index.set(uniqueKey(name, value), record.id)
    }
    record.history ??= new Map()
    let entries = record.history.get(name)
    if (entries === undefined) {
      entries = []
      if (previous !== undefined)
        entries.push({ value: previous, timestamp: record.createdAt, ...record.source })
      record.history.set(name, entries)
    }
    const entry: HistoryEntry = { value: value ?? '', timestamp: at, ...source }
    entries.push(entry)
    if (value === undefined) delete record.props[name]
    else record.props[name] = value
  }

  /** Moves the record's last-modified time, keeping the sorted index. */
  touch(record: HsRecord, at: number): void {
    if (isLive(record)) this.modified.remove(record.updatedAt, record.id)
    record.updatedAt = at
    if (isLive(record)) this.modified.insert(record.updatedAt, record.id)
  }

  /** Takes a record out of the live indexes (archive or merge); the caller sets the flag after. */
  unindex(record: HsRecord): void {
    if (!isLive(record)) return
    this.modified.remove(record.updatedAt, record.id)
    for (const [property, index] of this.#unique) {
      const value = record.props[property]
      if (value !== undefined && index.get(uniqueKey(property, value)) === record.id) {
        index.delete(uniqueKey(property, value))
      }
    }
  }

  /** Puts a record (restored, or new) into the live indexes. */
  reindex(record: HsRecord): void {
    if (isLive(record)) this.#index(record)
  }

  /** Records in id order after `afterId`, live ones or (archived=true) archived ones. */
  *list(afterId: number, archived: boolean): Generator<HsRecord> {
    for (let i = lowerBound(this.#order, afterId + 1); i < this.#order.length; i += 1) {
      const record = this.records.get(this.#order[i] as number)
      if (record === undefined || record.mergedInto !== undefined) continue
      if (record.archived === archived) yield record
    }
  }

  /** Live records with lo <= id <= hi, ascending or descending, without touching the rest. */
  *liveInIdRange(lo: number, hi: number, descending: boolean): Generator<HsRecord> {
    const from = lowerBound(this.#order, lo)
    const to = lowerBound(this.#order, hi + 1)
    for (let n = 0; n < to - from; n += 1) {
      const record = this.records.get(this.#order[descending ? to - 1 - n : from + n] as number)
      if (record !== undefined && isLive(record)) yield record
    }
  }

  /** Live records in id order. */
  live(): Generator<HsRecord> {
    return this.list(0, false)
  }

  clear(): void {
    this.records.clear()
    this.#order.length = 0
    this.modified.clear()
    for (const index of this.#unique.values()) index.clear()
  }

  #index(record: HsRecord): void {
    this.modified.insert(record.updatedAt, record.id)
    for (const [property, index] of this.#unique) {
      const value = record.props[property]
      if (value !== undefined && value !== '') index.set(uniqueKey(property, value), record.id)
    }
  }
}

export function isLive(record: HsRecord): boolean {
  return !record.archived && record.mergedInto === undefined
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((sorted[mid] as number) < value) lo = mid + 1
    else hi = mid
  }
  return lo
}
