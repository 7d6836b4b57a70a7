// Compiles a WHERE tree into a predicate over stored records, with Salesforce's semantics:
// text compares case-insensitively, `= null` matches empty fields, ordering comparisons never match null.
import { SfError } from '../errors.js'
import { normalizeId } from '../ids.js'
import { isIdType, isTextType } from '../metadata/fields.js'
import type { Org } from '../store/org.js'
import type { SfRecord, Table } from '../store/table.js'
import { text as asText } from '../text.js'
import { dateLiteralRange } from './date-literals.js'
import type { Expr, Literal } from './expression.js'
import { resolvePath } from './paths.js'

export type Predicate = (record: SfRecord) => boolean

const DAY = 86_400_000

/** Converts a literal into the stored representation of a field type (ms for datetimes, lower case text). */
export function literalValue(literal: Literal, type: string, now: number): unknown {
  if (literal.kind === 'null') return null
  if (literal.kind === 'dateLiteral') return dateLiteralRange(String(literal.value), now)[0]
  if (type === 'datetime') {
    const ms = Date.parse(String(literal.value))
    if (Number.isNaN(ms) || (literal.kind !== 'datetime' && literal.kind !== 'date')) {
      throw new SfError(
        400,
        'INVALID_QUERY_FILTER_OPERATOR',
        `value of filter criterion is not of type dateTime`,
      )
    }
    return ms
  }
  if (type === 'date') return String(literal.value).slice(0, 10)
  if ((type === 'id' || type === 'reference') && literal.kind === 'string') {
    const text = String(literal.value)
    return (normalizeId(text) ?? text).toLowerCase()
  }
  if (literal.kind === 'string') return String(literal.value).toLowerCase()
  return literal.value
}

function normalize(value: unknown, text: boolean): unknown {
  if (value === undefined) return null
  return text && typeof value === 'string' ? value.toLowerCase() : value
}

function likeToRegExp(raw: string): RegExp {
  let source = ''
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!
    if (c === '\\' && i + 1 < raw.length) {
      const next = raw[++i]!
      source += next.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    } else if (c === '%') source += '.*'
    else if (c === '_') source += '.'
    else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${source}$`, 'is')
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const x = String(a)
  const y = String(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/** Builds a predicate; `now` anchors date literals such as TODAY and LAST_N_DAYS:n. */
export function compilePredicate(org: Org, table: Table, expr: Expr, now: number): Predicate {
  switch (expr.kind) {
    case 'and': {
      const items = expr.items.map((e) => compilePredicate(org, table, e, now))
      return (r) => items.every((p) => p(r))
    }
    case 'or': {
      const items = expr.items.map((e) => compilePredicate(org, table, e, now))
      return (r) => items.some((p) => p(r))
    }
    case 'not': {
      const inner = compilePredicate(org, table, expr.item, now)
      return (r) => !inner(r)
    }
    case 'cond':
      return compileCondition(org, table, expr, now)
  }
}

function compileCondition(org: Org, table: Table, expr: Expr & { kind: 'cond' }, now: number): Predicate {
  const path = resolvePath(org, table, expr.field)
  const type = path.leaf.type
  const text = isTextType(type) && !path.leaf.caseSensitive
  const get = (r: SfRecord): unknown => normalize(path.get(r), text)
  const literal = expr.values[0]!
  if (literal.kind === 'dateLiteral' && !expr.list) {
    const [from, to] = dateLiteralRange(String(literal.value), now)
    const key = (v: unknown): unknown =>
      type === 'date' && typeof v === 'string' ? Date.parse(`${v}T00:00:00Z`) : v
    const lo = type === 'date' ? Math.floor(from / DAY) * DAY : from
    return rangePredicate(expr.op, (r) => key(path.get(r)), lo, to)
  }
  const values = expr.values.map((v) => literalValue(v, type, now))
  const value = values[0]
  switch (expr.op) {
    case '=':
      return (r) => get(r) === value
    case '!=':
      return (r) => get(r) !== value
    case 'IN': {
      const set = new Set(values)
      return (r) => set.has(get(r))
    }
    case 'NOT IN': {
      const set = new Set(values)
      return (r) => !set.has(get(r))
    }
    case 'LIKE': {
      const re = likeToRegExp(literal.raw ?? String(literal.value))
      return (r) => {
        const v = path.get(r)
        return v !== null && v !== undefined && re.test(asText(v))
      }
    }
    case 'INCLUDES':
    case 'EXCLUDES': {
      const wanted = values.map((v) =>
        String(v)
          .split(';')
          .map((s) => s.trim().toLowerCase()),
      )
      const includes = (r: SfRecord): boolean => {
        const have = new Set(asText(path.get(r)).toLowerCase().split(';'))
        return wanted.some((group) => group.every((s) => have.has(s)))
      }
      return expr.op === 'INCLUDES' ? includes : (r) => !includes(r)
    }
    default: {
      const op = expr.op
      // Ids order as Salesforce orders them, case-sensitively by the 15 characters (what `WHERE Id > :last
      // ORDER BY Id` paging relies on), not as lower-cased text: '...0a' (seq 36) sorts after '...0A' (seq 10).
      if (isIdType(type) && literal.kind === 'string') {
        const text = String(literal.value)
        const bound = normalizeId(text) ?? text
        return (r) => {
          const v = path.get(r)
          if (typeof v !== 'string') return false
          const c = compare(v, bound)
          return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0
        }
      }
      return (r) => {
        const v = get(r)
        if (v === null || value === null) return false
        const c = compare(v, value)
        return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0
      }
    }
  }
}

function rangePredicate(op: string, get: (r: SfRecord) => unknown, from: number, to: number): Predicate {
  return (r) => {
    const v = get(r)
    if (typeof v !== 'number' || Number.isNaN(v)) return op === '!='
    switch (op) {
      case '=':
        return v >= from && v < to
      case '!=':
        return v < from || v >= to
      case '<':
        return v < from
      case '<=':
        return v < to
      case '>':
        return v >= to
      default:
        return v >= from
    }
  }
}
