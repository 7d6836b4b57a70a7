// Resolves field paths such as `Email`, `Account.Name` or `Owner.Email` against a table.
import { SfError } from '../errors.js'
import { field, type FieldDef, fieldValue } from '../metadata/fields.js'
import type { Org } from '../store/org.js'
import type { SfRecord, Table } from '../store/table.js'

export interface ResolvedPath {
  /** The path as written in the query's canonical casing (`Account.Name`). */
  names: string[]
  /** The leaf field's definition (from the first target table that has it). */
  leaf: FieldDef
  /** Reads the leaf value from a record, following lookups; null when any hop is empty. */
  get(record: SfRecord): unknown
}

export function invalidField(table: Table, path: string): SfError {
  return new SfError(
    400,
    'INVALID_FIELD',
    `No such column '${path}' on entity '${table.def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  )
}

/**
 * `Type` through a polymorphic relationship (`Who.Type`, `What.Type`): SOQL reads such a relationship as
 * the `Name` object, whose `Type` is the sObject type of the record it points to ('Lead' or 'Contact').
 */
export const POLYMORPHIC_TYPE: FieldDef = field('Type', 'string', {
  length: 40,
  createable: false,
  updateable: false,
})

/** True when `leafName` is the Name object's `Type` read through the polymorphic lookup `hop`. */
export function isPolymorphicType(hop: FieldDef | undefined, leafName: string): boolean {
  return hop !== undefined && hop.referenceTo.length > 1 && leafName.toLowerCase() === 'type'
}

function relationshipField(table: Table, name: string): FieldDef | undefined {
  const lower = name.toLowerCase()
  return table.def.fields.find((f) => f.relationshipName?.toLowerCase() === lower)
}

/** Resolves `a.b.c` on a table; throws INVALID_FIELD when a segment does not exist. */
export function resolvePath(org: Org, table: Table, path: string): ResolvedPath {
  const parts = path.split('.')
  // SOQL allows prefixing with the object's own name: `Lead.Email`.
  if (parts.length > 1 && parts[0]!.toLowerCase() === table.def.name.toLowerCase()) parts.shift()
  const hops: FieldDef[] = []
  const names: string[] = []
  let targets = [table]
  for (let i = 0; i < parts.length - 1; i++) {
    const hop = targets.map((t) => relationshipField(t, parts[i]!)).find((f) => f !== undefined)
    if (!hop) throw invalidField(table, path)
    hops.push(hop)
    names.push(hop.relationshipName!)
    targets = hop.referenceTo.map((name) => org.table(name)).filter((t): t is Table => t !== undefined)
  }
  const leafName = parts[parts.length - 1]!
  const typeOfTarget = isPolymorphicType(hops[hops.length - 1], leafName)
  const leaf = typeOfTarget
    ? POLYMORPHIC_TYPE
    : targets.map((t) => t.field(leafName)).find((f) => f !== undefined)
  if (!leaf) throw invalidField(table, path)
  names.push(leaf.name)
  if (hops.length === 0) return { names, leaf, get: (record) => fieldValue(leaf, record) ?? null }
  return {
    names,
    leaf,
    get(record) {
      let current: SfRecord | undefined = record
      let currentTable = table
      for (const hop of hops) {
        const target = org.findById(current[hop.name])
        if (!target) return null
        current = target.record
        currentTable = target.table
      }
      return typeOfTarget ? currentTable.def.name : (fieldValue(leaf, current) ?? null)
    },
  }
}

/** Follows one relationship hop; used by projection to build nested parent objects. */
export function followRelationship(
  org: Org,
  table: Table,
  relationship: string,
): { field: FieldDef; follow(record: SfRecord): { table: Table; record: SfRecord } | undefined } {
  const hop = relationshipField(table, relationship)
  if (!hop) throw invalidField(table, relationship)
  return { field: hop, follow: (record) => org.findById(record[hop.name]) }
}
