// Pure mapping between Salesforce REST shapes and the core's types (style item 17). No I/O here.
import {
  type ContactSalesforceType,
  ERROR_CODES,
  type RawValue,
  type SalesforceAccountRecord,
  type SalesforceContactRecord,
  type SalesforceCreate,
  type SalesforceFieldDescription,
  type SalesforceObjectDescription,
  type SalesforceOwner,
  type SalesforceQueue,
  type SalesforceRecordError,
  type SalesforceUpdate,
  type SalesforceWriteResult,
} from '@crmsync/core'

import { classifySalesforceFailure } from './errors.js'

/** A record as the REST API returns it: `attributes` plus fields, parents as nested objects. */
export type SalesforceRow = Readonly<Record<string, unknown>>

/** A Collections SaveResult / UpsertResult item. */
export interface SaveResultRow {
  readonly id?: string | null
  readonly success: boolean
  readonly created?: boolean
  readonly errors?: ReadonlyArray<{
    statusCode?: string
    message?: string
    fields?: string[]
    /** With DUPLICATES_DETECTED: the duplicate rule that blocked the save. */
    duplicateResult?: { duplicateRule?: string }
  }>
}

function toRaw(value: unknown): RawValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  return JSON.stringify(value)
}

/** Field values by API name; parent lookups flattened to `Owner.Email`, `attributes` dropped. */
export function flattenFields(row: SalesforceRow, prefix = ''): Record<string, RawValue> {
  const out: Record<string, RawValue> = {}
  for (const [key, value] of Object.entries(row)) {
    if (key === 'attributes') continue
    if (typeof value === 'object' && value !== null && 'attributes' in value) {
      Object.assign(out, flattenFields(value as SalesforceRow, `${prefix}${key}.`))
    } else {
      out[`${prefix}${key}`] = toRaw(value)
    }
  }
  return out
}

/** SystemModstamp (`2024-05-01T10:00:00.000+0000`) as epoch ms. */
export function modstampOf(row: SalesforceRow): number {
  const value = row['SystemModstamp']
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN
  if (Number.isNaN(ms)) throw new Error(`row ${String(row['Id'])} has no SystemModstamp`)
  return ms
}

/** `modifiedAt` from SystemModstamp when the row has one. */
function modifiedOf(row: SalesforceRow): { modifiedAt?: number } {
  const stamp = typeof row['SystemModstamp'] === 'string' ? Date.parse(row['SystemModstamp']) : Number.NaN
  return Number.isNaN(stamp) ? {} : { modifiedAt: stamp }
}

/**
 * A Lead or Contact row as the planner reads it. A Contact row that carries `IsPersonAccount` (read only in
 * orgs with person accounts) says whether it is a person account's hidden contact.
 */
export function fromSalesforceContact(
  type: ContactSalesforceType,
  row: SalesforceRow,
): SalesforceContactRecord {
  const fields = flattenFields(row)
  const id = String(row['Id'])
  const modified = modifiedOf(row)
  if (type !== 'Lead') {
    const person = row['IsPersonAccount']
    return {
      type,
      id,
      fields,
      ...modified,
      ...(typeof person === 'boolean' ? { isPersonContact: person } : {}),
    }
  }
  const converted = row['IsConverted'] === true
  const convertedContactId = row['ConvertedContactId']
  return {
    type,
    id,
    fields,
    ...modified,
    isConverted: converted,
    ...(typeof convertedContactId === 'string' ? { convertedContactId } : {}),
  }
}

/**
 * An Account row. `IsPersonAccount` and `PersonContactId` are read only in orgs with person accounts (B-PA);
 * elsewhere the flags stay at their defaults (a business account).
 */
export function fromSalesforceAccount(row: SalesforceRow): SalesforceAccountRecord {
  const person = row['IsPersonAccount']
  const contactId = row['PersonContactId']
  return {
    type: 'Account',
    id: String(row['Id']),
    fields: flattenFields(row),
    ...modifiedOf(row),
    ...(typeof person === 'boolean' ? { isPersonAccount: person } : {}),
    ...(typeof contactId === 'string' && contactId !== '' ? { personContactId: contactId } : {}),
  }
}

/** A queryAll row with IsDeleted = true, of any type (Lead, Contact, Account). */
export function fromDeletedRow<T extends string>(
  type: T,
  row: SalesforceRow,
): { type: T; id: string; masterRecordId?: string; deletedAt: number } {
  const master = row['MasterRecordId']
  return {
    type,
    id: String(row['Id']),
    ...(typeof master === 'string' && master !== '' ? { masterRecordId: master } : {}),
    deletedAt: modstampOf(row),
  }
}

/** Values to send: `undefined` means "not part of the write"; `null` clears the field. */
function writableFields(
  fields: Readonly<Record<string, RawValue>>,
): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {}
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) out[name] = value
  return out
}

/** One record of `PATCH composite/sobjects/{T}/{ExtField}`. */
export function toSalesforceUpsertInput(
  type: string,
  externalIdField: string,
  create: SalesforceCreate,
): Record<string, unknown> {
  return { attributes: { type }, ...writableFields(create.fields), [externalIdField]: create.externalId }
}

/** One record of `PATCH composite/sobjects` (jsforce and Salesforce both use lowercase `id`). */
export function toSalesforceUpdateInput(type: string, update: SalesforceUpdate): Record<string, unknown> {
  return { attributes: { type }, ...writableFields(update.fields), id: update.id }
}

/**
 * The first error of a failed item, typed; Salesforce's own code is kept alongside ours and leads the
 * message, as Salesforce shows it (`FIELD_CUSTOM_VALIDATION_EXCEPTION: Phone required`, B-ERR-3).
 */
export function fromRecordErrors(errors: SaveResultRow['errors']): SalesforceRecordError {
  const first = errors?.[0]
  const salesforceCode = first?.statusCode ?? 'UNKNOWN'
  const code = classifySalesforceFailure({ salesforceCode })
  // A duplicate rule's block says only "Use one of these records?": the rule's name is what to look up (B-ERR-4).
  const messages = (errors ?? [])
    .map((e) => {
      const rule = e.duplicateResult?.duplicateRule
      return rule === undefined ? (e.message ?? '') : `${e.message ?? ''} (duplicate rule ${rule})`.trim()
    })
    .filter((m) => m !== '')
  return {
    code,
    salesforceCode,
    message: messages.length === 0 ? salesforceCode : `${salesforceCode}: ${messages.join('; ')}`,
    fields: [...new Set((errors ?? []).flatMap((e) => e.fields ?? []))],
    retryable: ERROR_CODES[code].retryable,
  }
}

/** A SaveResult as a per-record result; `fallbackId` is the id the caller sent (updates, deletes). */
export function fromSaveResult(row: SaveResultRow, fallbackId?: string): SalesforceWriteResult {
  const id = typeof row.id === 'string' && row.id !== '' ? row.id : fallbackId
  if (row.success && id !== undefined)
    return { ok: true, id, ...(row.created === undefined ? {} : { created: row.created }) }
  return { ok: false, ...(id === undefined ? {} : { id }), error: fromRecordErrors(row.errors) }
}

function text(row: SalesforceRow, key: string): string {
  const value = row[key]
  return typeof value === 'string' ? value : ''
}

/** A User row (B-OWN-1, B-OWN-3: names and email match HubSpot owners, inactive users still flow). */
export function fromUserRow(row: SalesforceRow): SalesforceOwner {
  return {
    id: text(row, 'Id'),
    kind: 'user',
    firstName: text(row, 'FirstName'),
    lastName: text(row, 'LastName'),
    email: text(row, 'Email'),
    isActive: row['IsActive'] === true,
  }
}

/** A Group row of type Queue. */
export function fromQueueRow(row: SalesforceRow): SalesforceQueue {
  const email = text(row, 'Email')
  return {
    id: text(row, 'Id'),
    name: text(row, 'Name'),
    developerName: text(row, 'DeveloperName'),
    email: email === '' ? null : email,
  }
}

interface DescribeField {
  name: string
  type: string
  length?: number
  precision?: number
  scale?: number
  nillable?: boolean
  createable?: boolean
  updateable?: boolean
  defaultedOnCreate?: boolean
  externalId?: boolean
  unique?: boolean
  restrictedPicklist?: boolean
  referenceTo?: string[]
  picklistValues?: { value: string; active?: boolean }[]
}

/** `GET sobjects/{T}/describe` reduced to what the canonical transforms and the doctor need. */
export function fromDescribe(body: Readonly<Record<string, unknown>>): SalesforceObjectDescription {
  const fields = new Map<string, SalesforceFieldDescription>()
  for (const f of (body['fields'] ?? []) as DescribeField[]) {
    const nillable = f.nillable ?? true
    const createable = f.createable ?? false
    fields.set(f.name, {
      name: f.name,
      type: f.type,
      length: f.length ?? 0,
      precision: f.precision ?? 0,
      scale: f.scale ?? 0,
      nillable,
      createable,
      updateable: f.updateable ?? false,
      requiredOnCreate: !nillable && createable && f.defaultedOnCreate !== true && f.type !== 'boolean',
      externalId: f.externalId ?? false,
      unique: f.unique ?? false,
      picklistValues: (f.picklistValues ?? []).filter((p) => p.active !== false).map((p) => p.value),
      restrictedPicklist: f.restrictedPicklist ?? false,
      referenceTo: f.referenceTo ?? [],
    })
  }
  return {
    name: String(body['name']),
    createable: body['createable'] === true,
    updateable: body['updateable'] === true,
    deletable: body['deletable'] === true,
    fields,
  }
}
