// Builds the JSON shape of query rows: `attributes`, selected fields, and nested parent objects.
import { formatDateTime } from '../clock.js'
import { type FieldDef, fieldValue } from '../metadata/fields.js'
import type { Org } from '../store/org.js'
import type { SfRecord, Table } from '../store/table.js'
import { followRelationship, invalidField, isPolymorphicType, POLYMORPHIC_TYPE } from './paths.js'

export type Projector = (record: SfRecord) => Record<string, unknown>

/** The REST representation of one stored value. */
export function outputValue(def: FieldDef, value: unknown): unknown {
  if (value === undefined || value === null) return null
  if (def.type === 'datetime' && typeof value === 'number') return formatDateTime(value)
  return value
}

export function attributes(table: Table, record: SfRecord, version: string): { type: string; url: string } {
  return {
    type: table.def.name,
    url: `/services/data/${version}/sobjects/${table.def.name}/${String(record['Id'])}`,
  }
}

interface Node {
  fields: FieldDef[]
  children: Map<string, { relationship: string; node: Node; follow: ReturnType<typeof followRelationship> }>
}

/** Compiles a field list (`Id`, `Account.Name`, …) into a projector for one table. */
/** A child subquery column: its relationship name and how to answer it for one parent row. */
export interface ChildColumn {
  name: string
  run(parent: SfRecord): unknown
}

export function compileProjection(
  org: Org,
  table: Table,
  paths: string[],
  version: string,
  children: ChildColumn[] = [],
): Projector {
  const root: Node = { fields: [], children: new Map() }
  for (const path of paths) {
    const parts = path.split('.')
    if (parts.length > 1 && parts[0]!.toLowerCase() === table.def.name.toLowerCase()) parts.shift()
    let node = root
    let current = table
    let lastHop: FieldDef | undefined
    for (let i = 0; i < parts.length - 1; i++) {
      const key = parts[i]!.toLowerCase()
      let child = node.children.get(key)
      if (!child) {
        const follow = followRelationship(org, current, parts[i]!)
        child = {
          relationship: follow.field.relationshipName!,
          node: { fields: [], children: new Map() },
          follow,
        }
        node.children.set(key, child)
      }
      const target = org.table(child.follow.field.referenceTo[0] ?? '')
      if (!target) throw invalidField(table, path)
      // Polymorphic lookups (Owner: User or Group) resolve the leaf on whichever target has it.
      const targets = child.follow.field.referenceTo.map((n) => org.table(n)).filter((t) => t !== undefined)
      current =
        targets.find((t) => t.field(parts[i + 1]!) !== undefined || i + 1 < parts.length - 1) ?? target
      node = child.node
      lastHop = child.follow.field
    }
    const leafName = parts[parts.length - 1]!
    const viaPolymorphic = parts.length > 1 && isPolymorphicType(lastHop, leafName)
    const leaf = viaPolymorphic ? POLYMORPHIC_TYPE : current.field(leafName)
    if (!leaf) throw invalidField(table, path)
    if (!node.fields.includes(leaf)) node.fields.push(leaf)
  }
  if (children.length === 0) return (record) => project(org, table, record, root, version)
  return (record) => {
    const out = project(org, table, record, root, version)
    for (const child of children) out[child.name] = child.run(record)
    return out
  }
}

function project(
  org: Org,
  table: Table,
  record: SfRecord,
  node: Node,
  version: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: attributes(table, record, version) }
  for (const def of node.fields)
    out[def.name] = def === POLYMORPHIC_TYPE ? table.def.name : outputValue(def, fieldValue(def, record))
  for (const child of node.children.values()) {
    const target = child.follow.follow(record)
    out[child.relationship] = target ? project(org, target.table, target.record, child.node, version) : null
  }
  return out
}
