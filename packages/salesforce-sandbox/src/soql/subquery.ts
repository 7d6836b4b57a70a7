// Child subqueries: `SELECT Id, (SELECT ContactId, Role FROM OpportunityContactRoles) FROM Opportunity`.
// Children are found through the hash index on their lookup field, never by scanning the child table.
import type { Subquery } from '@jetstreamapp/soql-parser-js'

import { SfError } from '../errors.js'
import { CHILD_RELATIONSHIPS } from '../metadata/relationships.js'
import type { Org } from '../store/org.js'
import type { SfRecord, Table } from '../store/table.js'
import { compareRows, type QueryOptions, sortKeysFor, visible } from './execute.js'
import { whereToExpr } from './expression.js'
import { analyzeQuery } from './parse.js'
import { compilePredicate } from './predicate.js'
import { type ChildColumn, compileProjection } from './projection.js'

function childRelationship(
  org: Org,
  parent: Table,
  name: string,
): { table: Table; field: string; name: string } {
  const wanted = name.toLowerCase()
  for (const [key, relationship] of Object.entries(CHILD_RELATIONSHIPS)) {
    if (relationship.toLowerCase() !== wanted) continue
    const [childName, field] = key.split('.') as [string, string]
    const table = org.table(childName)
    if (table?.field(field)?.referenceTo.includes(parent.def.name))
      return { table, field, name: relationship }
  }
  throw new SfError(
    400,
    'INVALID_TYPE',
    `Didn't understand relationship '${name}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.`,
  )
}

/** Compiles one subquery into a column that answers `{totalSize, done, records}` or null when empty. */
export function compileSubquery(
  org: Org,
  parent: Table,
  sub: Subquery,
  soql: string,
  options: QueryOptions,
  now: number,
): ChildColumn {
  const relationship = childRelationship(org, parent, sub.relationshipName)
  const { table, field } = relationship
  const parsed = analyzeQuery(table, sub, soql)
  const where = whereToExpr(sub.where)
  const predicate = where ? compilePredicate(org, table, where, now) : () => true
  const isVisible = visible(table, options.all)
  const project = compileProjection(org, table, parsed.fields, options.version)
  const compare = compareRows(sortKeysFor(org, table, parsed.orderBy))
  return {
    name: relationship.name,
    run(record: SfRecord) {
      let rows: SfRecord[] = []
      for (const id of table.lookup(field, record['Id'])) {
        const row = table.get(id)
        if (row && isVisible(row) && predicate(row)) rows.push(row)
      }
      if (parsed.orderBy.length > 0) rows.sort(compare)
      if (parsed.limit !== undefined) rows = rows.slice(0, parsed.limit)
      if (rows.length === 0) return null
      return { totalSize: rows.length, done: true, records: rows.map(project) }
    },
  }
}
