// Parses SOQL with @jetstreamapp/soql-parser-js and checks it against the org's schema.
import {
  type FieldType as ParsedField,
  parseQuery,
  type Query,
  type QueryBase,
  type Subquery,
} from '@jetstreamapp/soql-parser-js'

import { SfError } from '../errors.js'
import type { Org } from '../store/org.js'
import type { Table } from '../store/table.js'
import { text } from '../text.js'

export interface ParsedSoql {
  query: QueryBase
  table: Table
  /** Selected field paths, FIELDS() expanded. */
  fields: string[]
  count: boolean
  orderBy: { field: string; desc: boolean; nullsLast: boolean }[]
  limit?: number
  offset?: number
  /** Child subqueries such as `(SELECT ContactId FROM OpportunityContactRoles)`. */
  subqueries: Subquery[]
}

function malformed(soql: string, detail: string): SfError {
  return new SfError(400, 'MALFORMED_QUERY', `\n${soql}\n^\nERROR at Row:1:Column:1\n${detail}`)
}

function selectFields(
  table: Table,
  field: ParsedField,
  soql: string,
): { paths: string[]; count: boolean; subquery?: Subquery } {
  switch (field.type) {
    case 'FieldSubquery':
      return { paths: [], count: false, subquery: field.subquery }
    case 'Field':
      return { paths: [field.field], count: false }
    case 'FieldRelationship':
      return { paths: [[...field.relationships, field.field].join('.')], count: false }
    case 'FieldFunctionExpression': {
      const name = field.functionName.toUpperCase()
      if (name === 'COUNT' && field.parameters?.length === 0) return { paths: [], count: true }
      if (name === 'FIELDS') {
        const which = text(field.parameters?.[0] ?? 'ALL').toUpperCase()
        const defs = table.def.fields.filter((f) => which !== 'STANDARD' || !f.custom)
        return { paths: defs.filter((f) => which !== 'CUSTOM' || f.custom).map((f) => f.name), count: false }
      }
      throw malformed(soql, `unsupported function: ${field.functionName}`)
    }
    default:
      throw malformed(soql, 'subqueries and typeof are not supported by the sandbox')
  }
}

/** Salesforce's answer for an sObject type that does not exist, or that the user cannot see. */
export function invalidType(soql: string, sObject: string): SfError {
  return new SfError(
    400,
    'INVALID_TYPE',
    `\n${soql}\n^\nERROR at Row:1:Column:1\nsObject type '${sObject}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  )
}

export function parseSoql(org: Org, soql: string): ParsedSoql {
  let query: Query
  try {
    query = parseQuery(soql)
  } catch (err) {
    throw malformed(soql, err instanceof Error ? err.message : String(err))
  }
  const table = org.table(query.sObject ?? '')
  if (!table) {
    throw invalidType(soql, query.sObject ?? '')
  }
  return analyzeQuery(table, query, soql)
}

/** Checks a parsed (sub)query against its table: field list, ORDER BY, LIMIT and OFFSET. */
export function analyzeQuery(table: Table, query: QueryBase, soql: string): ParsedSoql {
  if (query.groupBy || query.having) throw malformed(soql, 'GROUP BY is not supported by the sandbox')
  const fields: string[] = []
  const subqueries: Subquery[] = []
  let count = false
  for (const f of query.fields ?? []) {
    const s = selectFields(table, f, soql)
    fields.push(...s.paths)
    if (s.subquery) subqueries.push(s.subquery)
    count ||= s.count
  }
  const orderBy = (query.orderBy ? (Array.isArray(query.orderBy) ? query.orderBy : [query.orderBy]) : []).map(
    (o) => {
      if (!('field' in o) || typeof o.field !== 'string')
        throw malformed(soql, 'ORDER BY supports fields only')
      const desc = o.order === 'DESC'
      return { field: o.field, desc, nullsLast: o.nulls === undefined ? desc : o.nulls === 'LAST' }
    },
  )
  const parsed: ParsedSoql = { query, table, fields, count, orderBy, subqueries }
  if (query.limit !== undefined) parsed.limit = query.limit
  if (query.offset !== undefined) {
    if (query.offset > 2000)
      throw new SfError(400, 'NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is 2000`)
    parsed.offset = query.offset
  }
  return parsed
}
