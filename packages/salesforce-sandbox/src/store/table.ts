import type { FieldDef } from '../metadata/fields.js'
import type { ObjectDef } from '../metadata/objects.js'
import { text } from '../text.js'
import { SortedIndex } from './sorted-index.js'

/** A stored record: field name -> value. Absent keys read as null. Records are replaced, never mutated. */
export type SfRecord = Readonly<Record<string, unknown>>

/** The fields kept in a sorted index for range scans. */
export const SORTED_FIELDS = ['SystemModstamp', 'LastModifiedDate'] as const
export type SortedField = (typeof SORTED_FIELDS)[number]

function indexKey(def: FieldDef, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined
  const key = text(value)
  return def.caseSensitive ? key : key.toLowerCase()
}

/** One sObject type's rows with a Map by Id, hash indexes and sorted timestamp indexes. */
export class Table {
  readonly def: ObjectDef
  readonly #rows = new Map<string, SfRecord>()
  readonly #fieldsByLower = new Map<string, FieldDef>()
  readonly #hash = new Map<string, Map<string, Set<string>>>()
  /** The hash-indexed fields, kept as an array because put() walks it for every write. */
  #indexed: FieldDef[] = []
  readonly #sorted = new Map<SortedField, SortedIndex>(SORTED_FIELDS.map((f) => [f, new SortedIndex()]))

  constructor(def: ObjectDef) {
    this.def = def
    for (const f of def.fields) this.#registerField(f)
  }

  get size(): number {
    return this.#rows.size
  }

  /** The field definition for a name in any letter case. */
  field(name: string): FieldDef | undefined {
    return this.#fieldsByLower.get(name.toLowerCase())
  }

  /**
   * Adds a field (custom fields from Tooling; existing rows read null) at the end, or at `position` (a field
   * field-level security made visible again, where it was).
   */
  addField(def: FieldDef, position?: number): void {
    if (position === undefined) this.def.fields.push(def)
    else this.def.fields.splice(position, 0, def)
    this.#registerField(def)
    if (def.indexed) for (const row of this.#rows.values()) this.#indexHash(def, row, true)
  }

  /** Removes a custom field from the schema (Tooling delete); stored values are dropped from reads. */
  removeField(name: string): void {
    const def = this.field(name)
    if (!def) return
    this.def.fields.splice(this.def.fields.indexOf(def), 1)
    this.#fieldsByLower.delete(def.name.toLowerCase())
    this.#hash.delete(def.name)
    this.#indexed = this.#indexed.filter((f) => f !== def)
  }

  get(id: string): SfRecord | undefined {
    return this.#rows.get(id)
  }

  rows(): IterableIterator<SfRecord> {
    return this.#rows.values()
  }

  /** Inserts or replaces a record, keeping every index current. */
  put(record: SfRecord): void {
    const id = record['Id'] as string
    const previous = this.#rows.get(id)
    for (const def of this.#indexed) {
      if (previous && previous[def.name] === record[def.name]) continue
      if (previous) this.#indexHash(def, previous, false)
      this.#indexHash(def, record, true)
    }
    for (const [name, index] of this.#sorted) index.set(id, record[name] as number | undefined)
    this.#rows.set(id, record)
  }

  /** Removes a record completely (used only to roll back a create). */
  remove(id: string): void {
    const previous = this.#rows.get(id)
    if (!previous) return
    for (const def of this.#indexed) this.#indexHash(def, previous, false)
    for (const index of this.#sorted.values()) index.set(id, undefined)
    this.#rows.delete(id)
  }

  /** True when a hash index serves equality look-ups on this field. */
  hasHashIndex(name: string): boolean {
    return this.#hash.has(this.field(name)?.name ?? '')
  }

  /** Ids whose field equals the value (case-insensitive unless the field is case-sensitive). */
  lookup(name: string, value: unknown): Iterable<string> {
    const def = this.field(name)
    const index = def ? this.#hash.get(def.name) : undefined
    const key = def ? indexKey(def, value) : undefined
    if (!index || key === undefined) return []
    return index.get(key) ?? []
  }

  /** Ids ordered by a timestamp field within [from, to]. */
  range(name: SortedField, from?: number, to?: number, descending = false): Iterable<string> {
    return this.#sorted.get(name)!.range(from, to, descending)
  }

  clear(): void {
    this.#rows.clear()
    for (const index of this.#hash.values()) index.clear()
    for (const index of this.#sorted.values()) index.clear()
  }

  #registerField(def: FieldDef): void {
    this.#fieldsByLower.set(def.name.toLowerCase(), def)
    if (def.indexed && !this.#hash.has(def.name)) {
      this.#hash.set(def.name, new Map())
      this.#indexed.push(def)
    }
  }

  #indexHash(def: FieldDef, row: SfRecord, add: boolean): void {
    const key = indexKey(def, row[def.name])
    if (key === undefined) return
    const index = this.#hash.get(def.name)!
    let ids = index.get(key)
    if (add) {
      if (!ids) index.set(key, (ids = new Set()))
      ids.add(row['Id'] as string)
    } else if (ids) {
      ids.delete(row['Id'] as string)
      if (ids.size === 0) index.delete(key)
    }
  }
}
