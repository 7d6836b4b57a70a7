// Runs a SOQL query against the org: parse, plan an index, filter, sort, slice and project.
import { type FieldType, isIdType, isTextType } from '../metadata/fields.js'
import type { Org } from '../store/org.js'
import type { SfRecord, Table } from '../store/table.js'
import { text } from '../text.js'
import { type Expr, whereToExpr } from './expression.js'
import { type ParsedSoql, parseSoql } from './parse.js'
import { resolvePath } from './paths.js'
import { type Plan, planWhere } from './plan.js'
import { compilePredicate } from './predicate.js'
import { compileProjection, type Projector } from './projection.js'
import { compileSubquery } from './subquery.js'

export interface QueryOutcome {
  table: Table
  /** Matching rows after ORDER BY, OFFSET and LIMIT (empty for COUNT()). */
  rows: SfRecord[]
  totalSize: number
  project: Projector
  plan: Plan
  /** How many stored rows the query looked at: the proof that an index was used. */
  examined: number
}

export interface QueryOptions {
  /** Include deleted, merged-away and archived rows (queryAll). */
  all: boolean
  /** API version path segment (`v59.0`) for attribute URLs. */
  version: string
}

export interface SortKey {
  get(record: SfRecord): unknown
  desc: boolean
  nullsLast: boolean
  text: boolean
}

function compareValues(a: unknown, b: unknown, key: SortKey): number {
  const aNull = a === null || a === undefined
  const bNull = b === null || b === undefined
  if (aNull || bNull) {
    if (aNull && bNull) return 0
    // Nulls sort first by default, whatever the direction.
    return (aNull ? -1 : 1) * (key.nullsLast ? -1 : 1)
  }
  let c: number
  if (typeof a === 'number' && typeof b === 'number') c = a - b
  else if (typeof a === 'boolean' && typeof b === 'boolean') c = Number(a) - Number(b)
  else {
    const x = key.text ? text(a).toLowerCase() : text(a)
    const y = key.text ? text(b).toLowerCase() : text(b)
    c = x < y ? -1 : x > y ? 1 : 0
  }
  return key.desc ? -c : c
}

export function sortKeysFor(org: Org, table: Table, orderBy: ParsedSoql['orderBy']): SortKey[] {
  return orderBy.map((o) => {
    const path = resolvePath(org, table, o.field)
    const type: FieldType = path.leaf.type
    // Ids sort case-sensitively (their canonical 18 characters), as the Id predicates compare them.
    const text = isTextType(type) && !isIdType(type)
    return { get: (r: SfRecord) => path.get(r), desc: o.desc, nullsLast: o.nullsLast, text }
  })
}

export function compareRows(keys: SortKey[]): (a: SfRecord, b: SfRecord) => number {
  return (a, b) => {
    for (const key of keys) {
      const c = compareValues(key.get(a), key.get(b), key)
      if (c !== 0) return c
    }
    return 0
  }
}

/** Sorts each run of rows that share the same value of `field`, leaving the runs in place. */
function sortRuns(rows: SfRecord[], field: string, compare: (a: SfRecord, b: SfRecord) => number): void {
  let start = 0
  for (let i = 1; i <= rows.length; i++) {
    if (i < rows.length && rows[i]![field] === rows[start]![field]) continue
    if (i - start > 1) {
      const run = rows.slice(start, i).sort(compare)
      for (let k = 0; k < run.length; k++) rows[start + k] = run[k]!
    }
    start = i
  }
}

function candidates(table: Table, plan: Plan, descending: boolean): Iterable<SfRecord> {
  if (plan.kind === 'scan') return table.rows()
  const ids = plan.kind === 'ids' ? plan.ids : table.range(plan.field, plan.from, plan.to, descending)
  return (function* () {
    for (const id of ids) {
      const row = table.get(id)
      if (row) yield row
    }
  })()
}

export function visible(table: Table, all: boolean): (r: SfRecord) => boolean {
  if (all) return () => true
  return table.def.archivable
    ? (r) => r['IsDeleted'] !== true && r['IsArchived'] !== true
    : (r) => r['IsDeleted'] !== true
}

/** Executes a query string. Throws SfError (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE) on bad input. */
export function runQuery(org: Org, soql: string, options: QueryOptions): QueryOutcome {
  const parsed = parseSoql(org, soql)
  const { table } = parsed
  const now = org.clock.now()
  const where: Expr | undefined = whereToExpr(parsed.query.where)
  const predicate = where ? compilePredicate(org, table, where, now) : () => true
  const isVisible = visible(table, options.all)
  const children = parsed.subqueries.map((sub) => compileSubquery(org, table, sub, soql, options, now))
  const project = compileProjection(org, table, parsed.fields, options.version, children)
  const sortKeys = sortKeysFor(org, table, parsed.orderBy)
  let plan = planWhere(table, where, now)
  const firstSort = parsed.orderBy[0]
  // With no usable filter index, ORDER BY a timestamp can still walk the sorted index and stop early.
  if (
    plan.kind === 'scan' &&
    firstSort &&
    parsed.limit !== undefined &&
    firstSort.field.toLowerCase() === 'systemmodstamp'
  ) {
    plan = { kind: 'range', field: 'SystemModstamp' }
  }
  const sortedField = plan.kind === 'range' ? plan.field : undefined
  const orderedByPlan =
    sortedField !== undefined &&
    firstSort !== undefined &&
    firstSort.field.toLowerCase() === sortedField.toLowerCase()
  const wanted = parsed.limit === undefined ? Infinity : parsed.limit + (parsed.offset ?? 0)
  let rows: SfRecord[] = []
  let lastStamp: unknown
  let examined = 0
  for (const row of candidates(table, plan, orderedByPlan && firstSort.desc)) {
    examined++
    if (!isVisible(row) || !predicate(row)) continue
    if (orderedByPlan && rows.length >= wanted) {
      // Rows sharing the boundary stamp are still needed so later sort keys (Id) can order them.
      if (row[sortedField] !== lastStamp) break
    }
    rows.push(row)
    if (orderedByPlan) lastStamp = row[sortedField]
  }
  if (parsed.count) return { table, rows: [], totalSize: rows.length, project, plan, examined }
  if (orderedByPlan) {
    // Rows already come in index order; only runs that share a stamp need the remaining keys.
    const rest = sortKeys.slice(1)
    if (rest.length > 0) sortRuns(rows, sortedField, compareRows(rest))
  } else if (sortKeys.length > 0) {
    rows.sort(compareRows(sortKeys))
  }
  if (parsed.offset !== undefined || parsed.limit !== undefined) {
    const start = parsed.offset ?? 0
    rows = rows.slice(start, parsed.limit === undefined ? undefined : start + parsed.limit)
  }
  return { table, rows, totalSize: rows.length, project, plan, examined }
}
