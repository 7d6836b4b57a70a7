import { validationError } from '../http/errors.js'
import type { ObjectTypeInfo } from '../model/object-types.js'
import type { PropertyDefinition } from '../model/property-definition.js'
import { type HsRecord, readProperty } from '../model/record.js'
import { parseTime } from './normalize-value.js'

export interface SearchFilter {
  readonly propertyName: string
  readonly operator: string
  readonly value?: string
  readonly values?: readonly string[]
  readonly highValue?: string
}

const OPERATORS = new Set([
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
])

const asString = (value: unknown): string | undefined =>
  value === undefined || value === null
    ? undefined
    : typeof value === 'string'
      ? value
      : JSON.stringify(value)

/** Reads one filter from the request body, rejecting unknown operators as HubSpot does. */
export function parseFilter(raw: unknown): SearchFilter {
  const input = (raw ?? {}) as Record<string, unknown>
  const propertyName = asString(input['propertyName']) ?? ''
  const operator = asString(input['operator']) ?? 'EQ'
  if (!OPERATORS.has(operator))
    throw validationError(`There was a problem with the request. Unknown operator ${operator}`)
  const value = asString(input['value'])
  const highValue = asString(input['highValue'])
  const values = Array.isArray(input['values']) ? input['values'].map((v) => asString(v) ?? '') : undefined
  return {
    propertyName,
    operator,
    ...(value === undefined ? {} : { value }),
    ...(highValue === undefined ? {} : { highValue }),
    ...(values === undefined ? {} : { values }),
  }
}

/** Numbers, dates and datetimes compare as numbers; everything else as lower-cased text. */
export function isNumeric(def: PropertyDefinition | undefined, name: string): boolean {
  return name === 'hs_object_id' || def?.type === 'number' || def?.type === 'date' || def?.type === 'datetime'
}

export function toComparable(numeric: boolean, value: string): number | string {
  if (!numeric) return value.toLowerCase()
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`)
  const time = parseTime(value)
  return Number.isFinite(time) && /[-:T]/.test(value) ? time : Number(value)
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern
    .toLowerCase()
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
  return new RegExp(`^${escaped}$`)
}

function containsToken(value: string, token: string): boolean {
  const pattern = wildcard(token)
  const lower = value.toLowerCase()
  return pattern.test(lower) || lower.split(/[\s,;]+/).some((part) => pattern.test(part))
}

/** Evaluates one filter against a record (or its lagged search view). */
export function matchesFilter(
  info: ObjectTypeInfo,
  record: HsRecord,
  filter: SearchFilter,
  def: PropertyDefinition | undefined,
): boolean {
  const raw = readProperty(info, record, filter.propertyName)
  const has = raw !== undefined && raw !== ''
  if (filter.operator === 'HAS_PROPERTY') return has
  if (filter.operator === 'NOT_HAS_PROPERTY') return !has
  const numeric = isNumeric(def, filter.propertyName)
  const compare = (other: string | undefined): number => {
    if (!has || other === undefined) return Number.NaN
    const a = toComparable(numeric, raw)
    const b = toComparable(numeric, other)
    if (typeof a === 'number' && typeof b === 'number') return a - b
    return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0
  }
  const parts = def?.fieldType === 'checkbox' && has ? raw.split(';') : undefined
  const equals = (other: string): boolean =>
    parts === undefined
      ? compare(other) === 0
      : parts.some((part) => part.toLowerCase() === other.toLowerCase())
  switch (filter.operator) {
    case 'EQ':
      return filter.value !== undefined && equals(filter.value)
    case 'NEQ':
      return filter.value === undefined || !equals(filter.value)
    case 'LT':
      return compare(filter.value) < 0
    case 'LTE':
      return compare(filter.value) <= 0
    case 'GT':
      return compare(filter.value) > 0
    case 'GTE':
      return compare(filter.value) >= 0
    case 'BETWEEN':
      return compare(filter.value) >= 0 && compare(filter.highValue) <= 0
    case 'IN':
      return (filter.values ?? []).some(equals)
    case 'NOT_IN':
      return !(filter.values ?? []).some(equals)
    case 'CONTAINS_TOKEN':
      return has && filter.value !== undefined && containsToken(raw, filter.value)
    case 'NOT_CONTAINS_TOKEN':
      return !has || filter.value === undefined || !containsToken(raw, filter.value)
    default:
      return false
  }
}
