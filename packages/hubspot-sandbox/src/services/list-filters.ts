import { validationError } from '../http/errors.js'
import type { ObjectTypeInfo } from '../model/object-types.js'
import { type HsRecord, readProperty } from '../model/record.js'
import { parseTime } from './normalize-value.js'

interface Operation {
  operationType?: string
  operator?: string
  value?: unknown
  values?: unknown[]
  highValue?: unknown
  includeObjectsWithNoValueSet?: boolean
}
interface Filter {
  filterType?: string
  property?: string
  operation?: Operation
}
interface Branch {
  filterBranchType?: string
  filters?: Filter[]
  filterBranches?: Branch[]
}

const listError = (message: string) =>
  validationError(message, { subCategory: 'ListError.FILTER_NOT_SUPPORTED' })

/**
 * Checks that a DYNAMIC list's filterBranch is the supported subset (api-surface.md 8.2): an OR root with
 * no filters, whose children are AND branches holding PROPERTY filters.
 */
export function checkFilterBranch(raw: unknown): void {
  const root = raw as Branch | undefined
  if (root === undefined || root === null || typeof root !== 'object')
    throw listError('A DYNAMIC list needs a filterBranch')
  if (root.filterBranchType !== 'OR')
    throw listError(`The root filter branch must be OR, not ${String(root.filterBranchType)}`)
  if ((root.filters ?? []).length > 0) throw listError('The root OR branch cannot hold filters directly')
  for (const branch of root.filterBranches ?? []) {
    if (branch.filterBranchType !== 'AND')
      throw listError(`Unsupported filter branch type ${String(branch.filterBranchType)}`)
    if ((branch.filterBranches ?? []).length > 0)
      throw listError('Nested branches under AND are not supported')
    for (const filter of branch.filters ?? []) {
      if (filter.filterType !== 'PROPERTY')
        throw listError(`Unsupported filter type ${String(filter.filterType)}`)
      if (typeof filter.property !== 'string' || filter.operation === undefined)
        throw listError('A PROPERTY filter needs property and operation')
    }
  }
}

const text = (value: unknown): string =>
  (typeof value === 'string' ? value : JSON.stringify(value)).toLowerCase()

function stringOp(operator: string, actual: string, expected: string): boolean {
  switch (operator) {
    case 'IS_EQUAL_TO':
      return actual === expected
    case 'IS_NOT_EQUAL_TO':
      return actual !== expected
    case 'CONTAINS':
      return actual.includes(expected)
    case 'DOES_NOT_CONTAIN':
      return !actual.includes(expected)
    case 'STARTS_WITH':
      return actual.startsWith(expected)
    case 'ENDS_WITH':
      return actual.endsWith(expected)
    default:
      throw listError(`Unsupported operator ${operator}`)
  }
}

function numberOp(operator: string, actual: number, op: Operation): boolean {
  const value = Number(op.value)
  switch (operator) {
    case 'IS_EQUAL_TO':
      return actual === value
    case 'IS_NOT_EQUAL_TO':
      return actual !== value
    case 'IS_GREATER_THAN':
      return actual > value
    case 'IS_GREATER_THAN_OR_EQUAL_TO':
      return actual >= value
    case 'IS_LESS_THAN':
      return actual < value
    case 'IS_LESS_THAN_OR_EQUAL_TO':
      return actual <= value
    case 'IS_BETWEEN':
      return actual >= value && actual <= Number(op.highValue)
    default:
      throw listError(`Unsupported operator ${operator}`)
  }
}

function passes(info: ObjectTypeInfo, record: HsRecord, filter: Filter): boolean {
  const op = filter.operation ?? {}
  const operator = op.operator ?? ''
  const raw = readProperty(info, record, filter.property ?? '')
  const has = raw !== undefined && raw !== ''
  if (op.operationType === 'ALL_PROPERTY') {
    if (operator === 'IS_KNOWN') return has
    if (operator === 'IS_UNKNOWN' || operator === 'IS_NOT_KNOWN') return !has
    throw listError(`Unsupported operator ${operator}`)
  }
  if (!has) return op.includeObjectsWithNoValueSet === true
  const actual = raw.toLowerCase()
  switch (op.operationType) {
    case 'ENUMERATION': {
      const values = (op.values ?? []).map(text)
      const parts = actual.split(';')
      if (operator === 'IS_ANY_OF') return parts.some((part) => values.includes(part))
      if (operator === 'IS_NONE_OF') return !parts.some((part) => values.includes(part))
      if (operator === 'IS_EXACTLY')
        return parts.length === values.length && parts.every((p) => values.includes(p))
      if (operator === 'IS_NOT_EXACTLY')
        return !(parts.length === values.length && parts.every((p) => values.includes(p)))
      if (operator === 'CONTAINS_ALL') return values.every((v) => parts.includes(v))
      if (operator === 'DOES_NOT_CONTAIN_ALL') return !values.every((v) => parts.includes(v))
      throw listError(`Unsupported operator ${operator}`)
    }
    case 'STRING':
      return stringOp(operator, actual, text(op.value ?? ''))
    case 'MULTISTRING':
      return (op.values ?? []).some((value) => stringOp(operator, actual, text(value)))
    case 'NUMBER':
      return numberOp(operator, Number(raw), op)
    case 'BOOL': {
      const equal = actual === String(op.value).toLowerCase()
      return operator === 'IS_NOT_EQUAL_TO' ? !equal : equal
    }
    case 'DATETIME':
    case 'TIME_POINT':
      return numberOp(operator, parseTime(raw), { ...op, value: parseTime(String(op.value)) })
    default:
      throw listError(`Unsupported operation type ${String(op.operationType)}`)
  }
}

/** Whether a record belongs to a DYNAMIC list: any AND branch whose filters all pass. */
export function matchesFilterBranch(info: ObjectTypeInfo, record: HsRecord, raw: unknown): boolean {
  const root = raw as Branch
  return (root.filterBranches ?? []).some((branch) =>
    (branch.filters ?? []).every((filter) => passes(info, record, filter)),
  )
}
