// The `mappings:` entries of one connection in the file, read and edited through the YAML document so the
// entries and comments around the edited one stay as written. doctor --fix adds its mappings through here too.
import { SALESFORCE_TYPES } from '@crmsync/core'
import { type Document, isMap, isScalar, isSeq, type Node, stringify, type YAMLMap, type YAMLSeq } from 'yaml'

import type { SyncedKind } from '../api-types.js'
import type { DocumentPath } from './config-document.js'

/** Salesforce field per Salesforce type of the object (Lead and Contact, Account, Opportunity). */
export type SalesforceFields = Readonly<Record<string, string>>

/** One entry of `mappings.<kind>` as the file has it, its `salesforce` spread over the object's types. */
export interface FileMappingEntry {
  readonly index: number
  readonly hubspot: string
  readonly salesforce: SalesforceFields
  readonly rule: string | undefined
}

/** One mapping to write: the HubSpot property and the Salesforce field per type. */
export interface MappingToAdd {
  readonly kind: SyncedKind
  readonly hubspot: string
  /** Mutable: doctor --fix fills in Lead and Contact one after the other. */
  readonly salesforce: Record<string, string>
}

/** A string names the same field on every type of the object, as the schema reads it. */
export function spreadFields(kind: SyncedKind, salesforce: unknown): SalesforceFields {
  if (typeof salesforce === 'string')
    return Object.fromEntries(SALESFORCE_TYPES[kind].map((t) => [t, salesforce]))
  if (typeof salesforce !== 'object' || salesforce === null) return {}
  return Object.fromEntries(
    Object.entries(salesforce).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  )
}

/** The value the file writes: a plain field name where one name serves every type of the object. */
export function compactFields(kind: SyncedKind, fields: SalesforceFields): string | SalesforceFields {
  const types: readonly string[] = SALESFORCE_TYPES[kind]
  const names = new Set(Object.values(fields))
  const [only] = names
  const everyType = types.every((t) => fields[t] !== undefined) && Object.keys(fields).length === types.length
  return names.size === 1 && everyType && only !== undefined ? only : fields
}

/** Every entry of the connection's `mappings.<kind>` (an entry that is not a mapping with a hubspot key is skipped). */
export function fileMappingEntries(doc: Document, base: DocumentPath, kind: SyncedKind): FileMappingEntry[] {
  const list = doc.getIn([...base, 'mappings', kind], true)
  if (!isSeq(list)) return []
  return list.items.flatMap((item, index) => {
    if (!isMap(item)) return []
    const hubspot = item.get('hubspot')
    if (typeof hubspot !== 'string') return []
    const rule = item.get('rule')
    const salesforce = spreadFields(kind, (item.get('salesforce', true) as Node | undefined)?.toJSON())
    return [{ index, hubspot, salesforce, rule: typeof rule === 'string' ? rule : undefined }]
  })
}

function entryNode(
  doc: Document,
  kind: SyncedKind,
  entry: { hubspot: string; salesforce: SalesforceFields; rule?: string },
) {
  const node = doc.createNode({ hubspot: entry.hubspot }) as YAMLMap
  node.set('salesforce', fieldsNode(doc, kind, entry.salesforce))
  if (entry.rule !== undefined) node.set('rule', entry.rule)
  return node
}

function fieldsNode(doc: Document, kind: SyncedKind, fields: SalesforceFields): unknown {
  const value = compactFields(kind, fields)
  if (typeof value === 'string') return value
  const node = doc.createNode(value) as YAMLMap
  node.flow = true
  return node
}

/**
 * The list at `mappings.<kind>`, created when absent; a `contact:` with nothing after it (YAML null) becomes a
 * list that keeps the comment written under it.
 */
function listAt(doc: Document, base: DocumentPath, kind: SyncedKind): YAMLSeq {
  const path = [...base, 'mappings', kind]
  const found = doc.getIn(path, true)
  if (isSeq(found)) return found
  const list = doc.createNode([]) as YAMLSeq
  if (isScalar(found)) {
    if (found.value !== null) throw new Error(`mappings.${kind} is not a list`)
    if (found.comment !== undefined && found.comment !== null) list.commentBefore = found.comment
  }
  const mappings = doc.getIn([...base, 'mappings'], true)
  if (isScalar(mappings) && mappings.value === null) doc.setIn([...base, 'mappings'], doc.createNode({}))
  doc.setIn(path, list)
  return list
}

/**
 * Sets the rule of the entry whose HubSpot property is `hubspot` (and its fields when `salesforce` is given),
 * keeping its other keys (`values`, `truncate`) and comments; appends a new entry when there is none.
 * Returns the entry's index in the list.
 */
export function setMappingEntry(
  doc: Document,
  base: DocumentPath,
  kind: SyncedKind,
  entry: {
    readonly hubspot: string
    readonly salesforce?: SalesforceFields | undefined
    readonly rule: string
  },
  fieldsForNew: SalesforceFields,
): number {
  const list = listAt(doc, base, kind)
  const index = list.items.findIndex((item) => isMap(item) && item.get('hubspot') === entry.hubspot)
  const item = list.items[index]
  if (index >= 0 && isMap(item)) {
    item.set('rule', entry.rule)
    if (entry.salesforce !== undefined) {
      const now = spreadFields(kind, (item.get('salesforce', true) as Node | undefined)?.toJSON())
      if (!sameFields(now, entry.salesforce)) item.set('salesforce', fieldsNode(doc, kind, entry.salesforce))
    }
    return index
  }
  list.add(
    entryNode(doc, kind, {
      hubspot: entry.hubspot,
      salesforce: entry.salesforce ?? fieldsForNew,
      rule: entry.rule,
    }),
  )
  return list.items.length - 1
}

/** Removes the entry of `hubspot` from `mappings.<kind>`; false when the file has none. */
export function removeMappingEntry(
  doc: Document,
  base: DocumentPath,
  kind: SyncedKind,
  hubspot: string,
): boolean {
  const list = doc.getIn([...base, 'mappings', kind], true)
  if (!isSeq(list)) return false
  const index = list.items.findIndex((item) => isMap(item) && item.get('hubspot') === hubspot)
  if (index < 0) return false
  list.items.splice(index, 1)
  return true
}

/** Appends mappings (doctor --fix's new fields) to the connection's lists, one entry each, no rule. */
export function addMappingEntries(
  doc: Document,
  base: DocumentPath,
  mappings: readonly MappingToAdd[],
): void {
  for (const m of mappings) listAt(doc, base, m.kind).add(entryNode(doc, m.kind, m))
}

/** The YAML a user adds by hand under the connection, when the file cannot be written. */
export function mappingsYaml(mappings: readonly MappingToAdd[]): string {
  const byKind: Record<string, unknown[]> = {}
  for (const m of mappings)
    (byKind[m.kind] ??= []).push({ hubspot: m.hubspot, salesforce: compactFields(m.kind, m.salesforce) })
  return stringify({ mappings: byKind })
}

export function sameFields(a: SalesforceFields, b: SalesforceFields): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].every((k) => a[k] === b[k])
}
