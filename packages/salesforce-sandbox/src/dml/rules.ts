// Org automation that runs on save: validation rules and the Lead assignment rule.
// Conditions are SOQL WHERE expressions, evaluated with the same engine as queries.
import { parseQuery } from '@jetstreamapp/soql-parser-js'

import { RecordError, SfError } from '../errors.js'
import { whereToExpr } from '../soql/expression.js'
import { compilePredicate, type Predicate } from '../soql/predicate.js'
import type { Org } from '../store/org.js'
import type { SfRecord, Table } from '../store/table.js'

const cache = new WeakMap<Table, Map<string, Predicate>>()

/** Compiles `condition` for a table; throws SfError when it is not a valid WHERE expression. */
export function compileCondition(org: Org, table: Table, condition: string): Predicate {
  let byText = cache.get(table)
  if (!byText) cache.set(table, (byText = new Map<string, Predicate>()))
  const hit = byText.get(condition)
  if (hit) return hit
  let predicate: Predicate
  try {
    const where = whereToExpr(parseQuery(`SELECT Id FROM ${table.def.name} WHERE ${condition}`).where)
    predicate = where ? compilePredicate(org, table, where, org.clock.now()) : () => true
  } catch (err) {
    if (err instanceof SfError) throw err
    throw new SfError(400, 'MALFORMED_QUERY', `invalid condition: ${condition}`)
  }
  byText.set(condition, predicate)
  return predicate
}

/** Throws FIELD_CUSTOM_VALIDATION_EXCEPTION for the first active rule whose condition matches. */
export function runValidationRules(org: Org, table: Table, record: SfRecord): void {
  for (const rule of org.validationRules) {
    if (rule.active === false || rule.object.toLowerCase() !== table.def.name.toLowerCase()) continue
    if (compileCondition(org, table, rule.condition)(record)) {
      throw new RecordError('FIELD_CUSTOM_VALIDATION_EXCEPTION', rule.message, rule.field ? [rule.field] : [])
    }
  }
}

/** The OwnerId the active Lead assignment rule gives this record, or undefined to leave it alone. */
export function assignOwner(org: Org, table: Table, record: SfRecord): string | undefined {
  if (table.def.name !== 'Lead' || !org.assignment.active) return undefined
  for (const entry of org.assignment.entries) {
    if (!entry.condition || compileCondition(org, table, entry.condition)(record)) return entry.ownerId
  }
  return org.assignment.defaultOwnerId
}
