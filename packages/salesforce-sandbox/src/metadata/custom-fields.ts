// Custom fields as the Tooling API (and seed options) create them: `FullName` plus `Metadata`.
import { RecordError, SfError } from '../errors.js'
import type { Org } from '../store/org.js'
import type { Table } from '../store/table.js'
import { text } from '../text.js'
import { field, type FieldDef, type FieldType, picklist } from './fields.js'
import { compileFormula, type Formula } from './formula.js'

/** The `Metadata` object of a CustomField (the subset the sandbox understands). */
export interface CustomFieldMetadata {
  label?: string
  type?: string
  length?: number
  precision?: number
  scale?: number
  externalId?: boolean
  unique?: boolean
  caseSensitive?: boolean
  required?: boolean
  description?: string
  defaultValue?: string
  referenceTo?: string
  relationshipName?: string
  /** Makes a formula field (Number, Currency, Percent or Text): read-only, computed when read. */
  formula?: string
  /** How blank inputs enter a number formula. (Default: BlankAsZero) */
  formulaTreatBlanksAs?: 'BlankAsZero' | 'BlankAsBlank'
  valueSet?: {
    restricted?: boolean
    valueSetDefinition?: { value?: { fullName: string; default?: boolean }[] }
  }
}

const TYPES: Record<string, FieldType> = {
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Number: 'double',
  Currency: 'currency',
  Percent: 'percent',
  Checkbox: 'boolean',
  Date: 'date',
  DateTime: 'datetime',
  Email: 'email',
  Phone: 'phone',
  Url: 'url',
  Picklist: 'picklist',
  MultiselectPicklist: 'multipicklist',
  Lookup: 'reference',
}

/** Adds the field to its object and returns the definition; throws Salesforce's errors for bad input. */
export function addCustomField(org: Org, fullName: unknown, metadata: CustomFieldMetadata): FieldDef {
  // Custom activity fields are made on `Activity` and appear on both Task and Event.
  const [objectPart, ...rest] = text(fullName).split('.')
  if (objectPart?.toLowerCase() === 'activity') {
    const name = rest.join('.')
    const event = org.table('Event')!
    if (event.field(name))
      throw new RecordError(
        'DUPLICATE_DEVELOPER_NAME',
        `There is already a field named ${name} on Activity.`,
        [],
      )
    const def = addCustomField(org, `Task.${name}`, metadata)
    event.addField(def)
    return def
  }
  const [objectName, name, extra] = text(fullName).split('.')
  const table = objectName ? org.table(objectName) : undefined
  if (
    !table ||
    !name ||
    extra !== undefined ||
    !/^[A-Za-z][A-Za-z0-9_]*__c$/.test(name) ||
    name.includes('___')
  ) {
    throw new RecordError('FIELD_INTEGRITY_EXCEPTION', `Invalid FullName: ${String(fullName)}`, ['FullName'])
  }
  if (table.field(name)) {
    throw new RecordError(
      'DUPLICATE_DEVELOPER_NAME',
      `There is already a field named ${name.replace(/__c$/, '')} on ${table.def.name}.`,
      [],
    )
  }
  // Salesforce offers neither External ID nor Unique on activity custom fields (Task and Event).
  if ((table.def.name === 'Task' || table.def.name === 'Event') && (metadata.externalId || metadata.unique)) {
    throw new RecordError(
      'FIELD_INTEGRITY_EXCEPTION',
      'External ID and Unique are not available for activity custom fields',
      ['externalId'],
    )
  }
  if (!metadata.label)
    throw new RecordError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [label]', ['label'])
  const type = TYPES[metadata.type ?? '']
  if (!type) throw new RecordError('INVALID_FIELD', `Invalid field type: ${String(metadata.type)}`, ['type'])
  const formula = metadata.formula === undefined ? undefined : compileFormulaField(table, metadata)
  if ((metadata.type === 'Text' || metadata.type === 'LongTextArea') && !metadata.length && !formula) {
    throw new RecordError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [length]', ['length'])
  }
  if (metadata.type === 'Text' && (metadata.length ?? 0) > 255) {
    throw new RecordError('FIELD_INTEGRITY_EXCEPTION', 'Length cannot exceed 255 for a Text field', [
      'length',
    ])
  }
  const values = metadata.valueSet?.valueSetDefinition?.value ?? []
  let referenceTo: string[] = []
  if (type === 'reference') {
    const target = org.table(metadata.referenceTo ?? '')
    if (!target)
      throw new SfError(
        400,
        'FIELD_INTEGRITY_EXCEPTION',
        `referenceTo is not a valid object: ${String(metadata.referenceTo)}`,
      )
    referenceTo = [target.def.name]
  }
  const def = field(name, type, {
    label: metadata.label,
    ...(metadata.type === 'TextArea'
      ? { length: 255 }
      : metadata.length !== undefined
        ? { length: metadata.length }
        : {}),
    nillable: metadata.required !== true && type !== 'boolean',
    unique: metadata.unique === true,
    externalId: metadata.externalId === true,
    caseSensitive: metadata.caseSensitive === true,
    custom: true,
    referenceTo,
    relationshipName:
      type === 'reference' ? (metadata.relationshipName ?? name.replace(/__c$/, '')) + '__r' : null,
    picklistValues: picklist(
      values.map((v) => v.fullName),
      values.find((v) => v.default)?.fullName,
    ),
    restrictedPicklist: metadata.valueSet?.restricted === true,
    ...(metadata.precision !== undefined ? { precision: metadata.precision } : {}),
    ...(metadata.scale !== undefined ? { scale: metadata.scale } : {}),
    ...(type === 'boolean' ? { defaultValue: metadata.defaultValue === 'true' } : {}),
    ...(formula ? { formula, createable: false, updateable: false, nillable: true, length: 1300 } : {}),
  })
  table.addField(def)
  return def
}

const FORMULA_TYPES = new Set(['Number', 'Currency', 'Percent', 'Text'])

/** Checks a formula field's metadata and compiles its formula over the fields of the same object. */
function compileFormulaField(table: Table, metadata: CustomFieldMetadata): Formula {
  if (!FORMULA_TYPES.has(metadata.type ?? ''))
    throw new RecordError(
      'FIELD_INTEGRITY_EXCEPTION',
      `Formula fields cannot be of type ${String(metadata.type)}`,
      ['type'],
    )
  return compileFormula(
    text(metadata.formula),
    (name) => {
      const def = table.field(name)
      // Inputs are stored fields; a formula over another formula is beyond this sandbox.
      return def && !def.formula ? def.name : undefined
    },
    metadata.formulaTreatBlanksAs !== 'BlankAsBlank',
    metadata.type === 'Text',
  )
}
