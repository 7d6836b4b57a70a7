// Field settings an admin changes in Setup that decide whether a write is accepted:
// - field-level security: a field Read-Only for the integration user's profile is described with
//   createable/updateable false, and a write naming it answers INVALID_FIELD_FOR_INSERT_UPDATE ("Unable to
//   create/update fields: Title. Please check the security settings of this field ...", dml/writer.ts);
// - "Restrict picklist to the values defined in the value set" on a picklist, standard ones included: a value
//   outside the set answers INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST (dml/coerce.ts).
// - field-level security "not visible": the field is gone for the integration user, as Salesforce hides it:
//   absent from describe, SOQL naming it answers INVALID_FIELD ("No such column"), a write naming it
//   INVALID_FIELD ("No such column 'Title' on sobject of type Lead"); stored values stay and read again once
//   it is visible.
// All are named `Object.Field`. A schema reset rebuilds the definitions, which clears them.
import type { Org } from '../store/org.js'
import type { FieldDef } from './fields.js'

/** What the field allowed before it was made read-only, so granting edit access restores exactly that. */
const beforeReadOnly = new WeakMap<FieldDef, { createable: boolean; updateable: boolean }>()

function fieldOf(org: Org, fullName: string): FieldDef {
  const [object = '', name = '', ...rest] = fullName.split('.')
  const def = rest.length === 0 ? org.table(object)?.field(name) : undefined
  if (def === undefined) throw new Error(`${fullName}: no such field (write Object.Field, e.g. Lead.Title)`)
  return def
}

/** Field-level security of the integration user: `readOnly` true takes edit access away, false gives it back. */
export function setFieldReadOnly(org: Org, fullName: string, readOnly: boolean): void {
  const def = fieldOf(org, fullName)
  const saved = beforeReadOnly.get(def)
  if (readOnly && saved === undefined) {
    beforeReadOnly.set(def, { createable: def.createable, updateable: def.updateable })
    def.createable = false
    def.updateable = false
  } else if (!readOnly && saved !== undefined) {
    def.createable = saved.createable
    def.updateable = saved.updateable
    beforeReadOnly.delete(def)
  }
}

/** Fields hidden from the integration user, with their definition and place, so making them visible restores both. */
const hiddenByOrg = new WeakMap<Org, Map<string, { def: FieldDef; position: number }>>()

function hiddenOf(org: Org): Map<string, { def: FieldDef; position: number }> {
  let hidden = hiddenByOrg.get(org)
  if (hidden === undefined)
    hiddenByOrg.set(org, (hidden = new Map<string, { def: FieldDef; position: number }>()))
  // A schema reset brought the field back: it is no longer hidden.
  for (const name of hidden.keys()) {
    const [object = '', field = ''] = name.split('.')
    if (org.table(object)?.field(field) !== undefined) hidden.delete(name)
  }
  return hidden
}

/** Field-level security "visible": `hidden` true takes the field away from the integration user, false gives it back. */
export function setFieldHidden(org: Org, fullName: string, hidden: boolean): void {
  const all = hiddenOf(org)
  const [object = ''] = fullName.split('.')
  const saved = [...all.entries()].find(([name]) => name.toLowerCase() === fullName.toLowerCase())
  if (hidden && saved === undefined) {
    const def = fieldOf(org, fullName)
    const table = org.table(object)!
    all.set(`${table.def.name}.${def.name}`, { def, position: table.def.fields.indexOf(def) })
    table.removeField(def.name)
  } else if (!hidden && saved !== undefined) {
    org.table(object)?.addField(saved[1].def, saved[1].position)
    all.delete(saved[0])
  } else if (!hidden) fieldOf(org, fullName)
}

/** Restricts a picklist to its value set (true) or lets it take any value again (false). */
export function setPicklistRestricted(org: Org, fullName: string, restricted: boolean): void {
  const def = fieldOf(org, fullName)
  if (def.type !== 'picklist' && def.type !== 'multipicklist')
    throw new Error(`${fullName} is not a picklist`)
  def.restrictedPicklist = restricted
}

/** The fields made read-only or hidden and the picklists restricted, as `Object.Field`, for the admin API. */
export function fieldAccess(org: Org): {
  readOnlyFields: string[]
  restrictedPicklists: string[]
  hiddenFields: string[]
} {
  const readOnlyFields: string[] = []
  const restrictedPicklists: string[] = []
  for (const table of org.tables.values())
    for (const def of table.def.fields) {
      if (beforeReadOnly.has(def)) readOnlyFields.push(`${table.def.name}.${def.name}`)
      if (def.restrictedPicklist) restrictedPicklists.push(`${table.def.name}.${def.name}`)
    }
  return { readOnlyFields, restrictedPicklists, hiddenFields: [...hiddenOf(org).keys()] }
}
