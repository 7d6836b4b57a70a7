// Field metadata: what describe reports and what validation and SOQL rely on.
import type { SfRecord } from '../store/table.js'
import type { Formula } from './formula.js'

export type FieldType =
  | 'id'
  | 'reference'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'multipicklist'
  | 'boolean'
  | 'currency'
  | 'double'
  | 'percent'
  | 'int'
  | 'date'
  | 'datetime'

export interface PicklistValue {
  value: string
  label: string
  active: boolean
  defaultValue: boolean
  /** Dependent picklists only: the controlling values this value is valid for (describe's base64 bit set). */
  validFor?: string
}

export interface FieldDef {
  name: string
  label: string
  type: FieldType
  /** Maximum length of text fields; 0 for other types. */
  length: number
  precision: number
  scale: number
  /** Digits of an int field as describe reports them. (Default: 9, Salesforce's int maximum) */
  digits?: number
  nillable: boolean
  createable: boolean
  updateable: boolean
  /** Required on create: not nillable, createable and without a default. */
  required: boolean
  defaultedOnCreate: boolean
  unique: boolean
  externalId: boolean
  caseSensitive: boolean
  custom: boolean
  nameField: boolean
  referenceTo: string[]
  relationshipName: string | null
  picklistValues: PicklistValue[]
  restrictedPicklist: boolean
  /** Where picklist values come from when they live in rows (Lead Status, Opportunity stages, currencies). */
  picklistSource?: 'LeadStatus' | 'OpportunityStage' | 'CurrencyType'
  /** The value a new record gets when the field is left out. */
  defaultValue?: string | number | boolean
  /** Keep a hash index on this field (Email, unique and external-id fields). */
  indexed: boolean
  /** The controlling field of a dependent picklist (`StateCode` depends on `CountryCode`). */
  controllerName?: string
  /** A code field of the State and Country/Territory Picklists, validated with its address, not alone. */
  addressPicklist?: 'state' | 'country'
  /** A formula field: computed when read, never stored or written. */
  formula?: Formula
}

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  picklist: 'xsd:string',
  multipicklist: 'xsd:string',
  boolean: 'xsd:boolean',
  currency: 'xsd:double',
  double: 'xsd:double',
  percent: 'xsd:double',
  int: 'xsd:int',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
}

const TEXT_TYPES = new Set<FieldType>([
  'string',
  'textarea',
  'email',
  'phone',
  'url',
  'picklist',
  'multipicklist',
])

/** True for types whose values are strings compared case-insensitively in SOQL. */
/** Ids and lookups: equal case-insensitively in their 18-character form, ordered case-sensitively. */
export function isIdType(type: FieldType): boolean {
  return type === 'id' || type === 'reference'
}

export function isTextType(type: FieldType): boolean {
  return TEXT_TYPES.has(type) || type === 'id' || type === 'reference'
}

type FieldOptions = Partial<Omit<FieldDef, 'name' | 'type'>>

function labelOf(name: string): string {
  return (
    name
      .replace(/__c$/, '')
      // Standard lookups end in "ID" (`ContactId` is "Contact ID"), which errors quote.
      .replace(/([a-z])Id$/, '$1ID')
      .replace(/_/g, ' ')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
  )
}

/** A field's value in a stored record: formula fields are computed from the record at every read. */
export function fieldValue(def: FieldDef, record: SfRecord): unknown {
  return def.formula ? def.formula.evaluate(record) : record[def.name]
}

/** Builds a field definition; options default to a nillable, createable and updateable standard field. */
export function field(name: string, type: FieldType, options: FieldOptions = {}): FieldDef {
  const nillable = options.nillable ?? type !== 'boolean'
  const createable = options.createable ?? true
  const defaultedOnCreate =
    options.defaultedOnCreate ?? (type === 'boolean' || options.defaultValue !== undefined)
  const def: FieldDef = {
    name,
    label: options.label ?? labelOf(name),
    type,
    length: options.length ?? (TEXT_TYPES.has(type) ? 255 : type === 'id' || type === 'reference' ? 18 : 0),
    precision: options.precision ?? (type === 'currency' || type === 'double' || type === 'percent' ? 18 : 0),
    scale: options.scale ?? (type === 'currency' ? 2 : 0),
    nillable,
    createable,
    updateable: options.updateable ?? createable,
    required: options.required ?? (!nillable && createable && !defaultedOnCreate),
    defaultedOnCreate,
    unique: options.unique ?? false,
    externalId: options.externalId ?? false,
    caseSensitive: options.caseSensitive ?? false,
    custom: options.custom ?? name.endsWith('__c'),
    nameField: options.nameField ?? false,
    referenceTo: options.referenceTo ?? [],
    relationshipName: options.relationshipName ?? null,
    picklistValues: options.picklistValues ?? [],
    restrictedPicklist: options.restrictedPicklist ?? false,
    indexed: options.indexed ?? (type === 'email' || options.unique === true || options.externalId === true),
  }
  if (options.defaultValue !== undefined) def.defaultValue = options.defaultValue
  if (options.picklistSource !== undefined) def.picklistSource = options.picklistSource
  if (options.digits !== undefined) def.digits = options.digits
  if (options.controllerName !== undefined) def.controllerName = options.controllerName
  if (options.addressPicklist !== undefined) def.addressPicklist = options.addressPicklist
  if (options.formula !== undefined) def.formula = options.formula
  if (type === 'boolean' && def.defaultValue === undefined) def.defaultValue = false
  return def
}

/** A lookup field; the relationship name drops the `Id` suffix (`AccountId` -> `Account`). */
export function reference(name: string, referenceTo: string[], options: FieldOptions = {}): FieldDef {
  const relationshipName = name.endsWith('__c') ? name.replace(/__c$/, '__r') : name.replace(/Id$/, '')
  return field(name, 'reference', { relationshipName, referenceTo, ...options })
}

/** A read-only, server-maintained field. */
export function system(name: string, type: FieldType, options: FieldOptions = {}): FieldDef {
  return field(name, type, { createable: false, updateable: false, ...options })
}

/** Picklist values from plain strings; the first value listed in `defaults` is the default. */
export function picklist(values: string[], defaultValue?: string): PicklistValue[] {
  return values.map((value) => ({ value, label: value, active: true, defaultValue: value === defaultValue }))
}

/** The field entry of a describe result. */
export function describeField(def: FieldDef, picklistValues: PicklistValue[]): Record<string, unknown> {
  const idLookup = def.type === 'id' || ((def.unique || def.externalId) && def.type !== 'reference')
  return {
    name: def.name,
    label: def.label,
    type: def.type,
    soapType: SOAP_TYPES[def.type],
    length: def.length,
    byteLength: def.length * 3,
    precision: def.precision,
    scale: def.scale,
    digits: def.type === 'int' ? (def.digits ?? 9) : 0,
    nillable: def.nillable,
    createable: def.createable,
    updateable: def.updateable,
    defaultedOnCreate: def.defaultedOnCreate,
    defaultValue: def.defaultValue ?? null,
    unique: def.unique,
    externalId: def.externalId,
    idLookup,
    calculated: def.formula !== undefined,
    calculatedFormula: def.formula?.text ?? null,
    custom: def.custom,
    caseSensitive: def.caseSensitive,
    filterable: def.type !== 'textarea',
    sortable: def.type !== 'textarea' && def.type !== 'multipicklist',
    groupable: def.type !== 'textarea' && def.type !== 'double' && def.type !== 'datetime',
    nameField: def.nameField,
    autoNumber: false,
    referenceTo: def.referenceTo,
    relationshipName: def.relationshipName,
    polymorphicForeignKey: def.referenceTo.length > 1,
    picklistValues: picklistValues.map((p) => ({ ...p, validFor: p.validFor ?? null })),
    restrictedPicklist: def.restrictedPicklist,
    dependentPicklist: def.controllerName !== undefined,
    controllerName: def.controllerName ?? null,
    htmlFormatted: false,
    permissionable: def.nillable && def.type !== 'id',
  }
}
