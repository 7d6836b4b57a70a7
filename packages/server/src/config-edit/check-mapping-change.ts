import {
  checkMappingDeletion,
  type FieldMapping,
  LOCKED_RULES,
  type MappingProblem,
  resolveFieldMappings,
  USER_RULES,
  type UserMapping,
} from '@crmsync/core'

import type { MappingChange, SyncedKind } from '../api-types.js'
import { type DocumentPath, type EditProblem, formatDocumentPath } from './config-document.js'
import type { ReadFieldTypes } from './field-types.js'
import { MAPPED_KINDS } from './mapped-objects.js'
import { type FileMappingEntry, type SalesforceFields, sameFields, spreadFields } from './mapping-entries.js'

/** What the file's `mappings.<kind>` holds now, and where it sits. */
export interface MappingListNow {
  readonly kind: SyncedKind
  /** The connection's keys in the document (single-pair form: the top level). */
  readonly base: DocumentPath
  readonly entries: readonly FileMappingEntry[]
  /** Items in the list (a new entry gets this index). */
  readonly length: number
}

/** A change that passed: what to write. `salesforce` is undefined for a default (its fields stay). */
export type CheckedChange =
  | {
      readonly ok: true
      readonly hubspot: string
      readonly rule: string
      readonly salesforce: SalesforceFields | undefined
      readonly fieldsForNew: SalesforceFields
    }
  | { readonly ok: false; readonly problems: readonly EditProblem[] }

function describeFields(fields: SalesforceFields): string {
  return Object.entries(fields)
    .map(([type, field]) => `${type}.${field}`)
    .join(', ')
}

function checkRule(rule: unknown, at: (...rest: (string | number)[]) => string): EditProblem | undefined {
  if (typeof rule === 'string' && (USER_RULES as readonly string[]).includes(rule)) return undefined
  const locked = typeof rule === 'string' && (LOCKED_RULES as readonly string[]).includes(rule)
  const message = locked
    ? `rule "${rule}" is locked: crmsync applies it to its own fixed mapping only`
    : `unknown rule "${String(rule)}": choose one of ${USER_RULES.join(', ')}`
  return { path: at('rule'), message }
}

function checkFieldsShape(
  kind: SyncedKind,
  salesforce: unknown,
  at: (...rest: (string | number)[]) => string,
) {
  const fields = spreadFields(kind, salesforce)
  const types: readonly string[] = MAPPED_KINDS[kind].object.types
  const problems: EditProblem[] = []
  for (const [type, field] of Object.entries(fields)) {
    if (!types.includes(type))
      problems.push({
        path: at('salesforce', type),
        message: `${type} is not a Salesforce type of ${kind}s (${types.join(', ')})`,
      })
    else if (field.trim() === '') problems.push({ path: at('salesforce', type), message: 'name a field' })
  }
  if (Object.keys(fields).length === 0)
    problems.push({ path: at('salesforce'), message: `name a field for ${types.join(' or ')}` })
  return { fields, problems }
}

/**
 * Checks a console change of `mappings.<kind>` against the file as it is (B-MAP-5/6/7/9): a default keeps its
 * fields and only its rule may change, a locked one not even that; a new or re-pointed mapping must be an
 * allowed type pair of the property and field as the CRMs describe them (B-MAP-5), not a HubSpot user property
 * (B-MAP-7), and use a property and fields no other mapping of the object uses (B-MAP-6). The checks are the
 * core's (resolveFieldMappings), with the file's other entries standing as taken. When the types cannot be
 * read the change is refused, saying so, rather than the pair guessed.
 */
export async function checkMappingChange(
  now: MappingListNow,
  change: MappingChange,
  readTypes: ReadFieldTypes,
): Promise<CheckedChange> {
  const { kind, base } = now
  const { object, defaults } = MAPPED_KINDS[kind]
  const hubspot = typeof change.hubspot === 'string' ? change.hubspot.trim() : ''
  const existing = now.entries.find((e) => e.hubspot === hubspot)
  const index = existing?.index ?? now.length
  const at = (...rest: (string | number)[]) => formatDocumentPath([...base, 'mappings', kind, index, ...rest])
  if (hubspot === '') return refuse({ path: at('hubspot'), message: 'name a HubSpot property' })
  const ruleProblem = checkRule(change.rule, at)
  const givenFields =
    change.salesforce === undefined ? undefined : checkFieldsShape(kind, change.salesforce, at)
  const shapeProblems = [
    ...(ruleProblem === undefined ? [] : [ruleProblem]),
    ...(givenFields?.problems ?? []),
  ]

  const fixed = defaults.find((m) => m.hubspot === hubspot)
  if (fixed !== undefined) {
    const own = fixed.salesforce as SalesforceFields
    if (fixed.locked === true)
      return refuse({ path: at(), message: `"${hubspot}" is a locked mapping; its rule cannot change` })
    if (
      givenFields !== undefined &&
      givenFields.problems.length === 0 &&
      !sameFields(givenFields.fields, own)
    ) {
      const message = `"${hubspot}" is a default mapping: only its rule can change; its fields stay ${describeFields(own)}`
      shapeProblems.push({ path: at('salesforce'), message })
    }
    if (shapeProblems.length > 0) return { ok: false, problems: shapeProblems }
    return { ok: true, hubspot, rule: change.rule, salesforce: undefined, fieldsForNew: own }
  }
  if (givenFields === undefined)
    shapeProblems.push({ path: at('salesforce'), message: 'name the Salesforce field' })
  if (shapeProblems.length > 0 || givenFields === undefined) return { ok: false, problems: shapeProblems }
  const fields = givenFields.fields

  // The file's other mappings stand as taken: defaults, and the other extra entries (not the one changed).
  const others = now.entries
    .filter((e) => e.hubspot !== hubspot && !defaults.some((m) => m.hubspot === e.hubspot))
    .map((e): FieldMapping<string> => ({
      hubspot: e.hubspot,
      salesforce: e.salesforce,
      hubspotType: 'text',
      salesforceType: 'string',
      rule: 'none',
    }))
  const taken = [...defaults, ...others]
  const entry = { hubspot, salesforce: fields, rule: change.rule }
  const corePath = `mappings.${object.key}[0]`
  const relocate = (p: MappingProblem): EditProblem => ({
    path: p.path.startsWith(corePath) ? at() + p.path.slice(corePath.length) : p.path,
    message: p.message,
  })
  const problems = new Map<string, EditProblem>()
  const add = (p: EditProblem) => problems.set(`${p.path}\u0000${p.message}`, p)
  // B-MAP-6 whatever the types: a stand-in pair the core accepts.
  for (const p of resolveFieldMappings(object, taken, [
    { ...entry, hubspotType: 'text', salesforceType: 'string' },
  ]).problems)
    add(relocate(p))

  const fieldsChanged = existing === undefined || !sameFields(existing.salesforce, fields)
  if (fieldsChanged) {
    const types = await readTypes(kind, hubspot, fields)
    if (!types.ok) {
      add({
        path: at(),
        message: `the field types cannot be checked (B-MAP-5): ${types.reason}; try again when both CRMs answer`,
      })
    } else if ('problem' in types.hubspot) {
      add({ path: at('hubspot'), message: types.hubspot.problem })
    } else {
      const hubspotType = types.hubspot.type
      for (const [type, read] of Object.entries(types.salesforce)) {
        if ('problem' in read) {
          add({ path: at('salesforce', type), message: read.problem })
          continue
        }
        const user: UserMapping<string> = { ...entry, hubspotType, salesforceType: read.type }
        for (const p of resolveFieldMappings(object, taken, [user]).problems) add(relocate(p))
      }
    }
  }
  if (problems.size > 0) return { ok: false, problems: [...problems.values()] }
  return { ok: true, hubspot, rule: change.rule, salesforce: fields, fieldsForNew: fields }
}

function refuse(problem: EditProblem): CheckedChange {
  return { ok: false, problems: [problem] }
}

/**
 * A removal: a default is refused with B-MAP-9's message (the core's checkMappingDeletion), a mapping the file
 * does not list is refused as unknown.
 */
export function checkMappingRemoval(now: MappingListNow, hubspot: string): EditProblem | undefined {
  const { defaults } = MAPPED_KINDS[now.kind]
  const existing = now.entries.find((e) => e.hubspot === hubspot)
  const path = formatDocumentPath([...now.base, 'mappings', now.kind, existing?.index ?? now.length])
  const fixed = defaults.find((m) => m.hubspot === hubspot)
  if (fixed !== undefined) {
    const problem = checkMappingDeletion(fixed, path)
    if (problem !== undefined) return { path: problem.path, message: problem.message }
  }
  if (existing === undefined) return { path, message: `"${hubspot}" is not mapped in the file` }
  return undefined
}
