// Creates, updates, upserts and deletes records with the validation a Salesforce org applies.
import { toSecond } from '../clock.js'
import { entityIsDeleted, notWritable, RecordError, SfError } from '../errors.js'
import { normalizeId } from '../ids.js'
import { objectAccess, type ObjectPermissionName } from '../metadata/permission-sets.js'
import type { Org } from '../store/org.js'
import type { SfRecord, Table } from '../store/table.js'
import { text } from '../text.js'
import { deriveActivityAccount, deriveEvent, deriveTask } from './activities.js'
import { coerceValue } from './coerce.js'
import { deleteRolesOf, keepOnePrimary } from './contact-roles.js'
import { applyCurrency } from './currency.js'
import { runDuplicateRules } from './duplicate-rules.js'
import { logEmailTask } from './email-message.js'
import {
  applyPersonAccount,
  checkPersonDelete,
  personContactOf,
  syncPersonRecords,
} from './person-accounts.js'
import { assignOwner, runValidationRules } from './rules.js'
import { applyStateCountry } from './state-country.js'
import { Transaction } from './transaction.js'

export interface WriteOptions {
  /** The user the changes are attributed to (CreatedById/LastModifiedById). */
  userId: string
  /** Run the Lead assignment rule (the `Sforce-Auto-Assign` header; absent means true). */
  autoAssign: boolean
  /** Fault hook: return true to fail this record with UNABLE_TO_LOCK_ROW. */
  lockFault?: () => boolean
  /** EmailMessages come from Einstein Activity Capture: no Task is logged for them (B-ACT-8). */
  einsteinCapture?: boolean
}

const IGNORED_KEYS = new Set(['attributes', 'id'])

/** Throws the request-level INVALID_FIELD error for any key that is not a field of the object. */
export function checkFieldNames(table: Table, input: Record<string, unknown>): void {
  for (const key of Object.keys(input)) {
    if (IGNORED_KEYS.has(key.toLowerCase())) continue
    if (!table.field(key)) {
      throw new SfError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${table.def.name}`)
    }
  }
}

export class Writer {
  readonly org: Org
  readonly options: WriteOptions
  readonly tx: Transaction

  constructor(org: Org, options: WriteOptions, tx = new Transaction()) {
    this.org = org
    this.options = options
    this.tx = tx
  }

  tableOf(type: string): Table {
    const table = this.org.table(type)
    if (!table) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist')
    return table
  }

  /**
   * The user's object permission for a write: without it the record fails on its own (a SaveResult error
   * in a collection), as Salesforce answers a profile without Create, Edit or Delete on the object.
   */
  #requireAccess(table: Table, permission: ObjectPermissionName): void {
    if (!objectAccess(this.org, this.options.userId, table.def.name)[permission])
      throw new RecordError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id', [])
  }

  /** Inserts a record and returns its id. */
  create(type: string, input: Record<string, unknown>): string {
    const table = this.tableOf(type)
    if (!table.def.createable)
      throw new RecordError('INVALID_TYPE_FOR_OPERATION', `entity type cannot be inserted: ${table.def.name}`)
    this.#requireAccess(table, 'PermissionsCreate')
    const changes = this.#changes(table, input, 'create')
    const now = toSecond(this.org.clock.now())
    const id = this.org.ids.next(table.def.keyPrefix)
    const record: Record<string, unknown> = { Id: id }
    for (const def of table.def.fields)
      if (def.defaultValue !== undefined) record[def.name] = def.defaultValue
    if (table.field('OwnerId')) record['OwnerId'] = this.options.userId
    if (table.def.name === 'Lead')
      record['Status'] =
        this.org.picklistValues(table.field('Status')!).find((p) => p.defaultValue)?.value ?? null
    Object.assign(record, changes)
    Object.assign(record, {
      IsDeleted: false,
      CreatedDate: now,
      CreatedById: this.options.userId,
      LastModifiedDate: now,
      LastModifiedById: this.options.userId,
      SystemModstamp: now,
    })
    this.#save(table, record, undefined, changes)
    if (table.def.name === 'EmailMessage' && this.options.einsteinCapture !== true)
      logEmailTask(this, table, id)
    return id
  }

  /** Applies changes to an existing record. */
  update(type: string | undefined, rawId: unknown, input: Record<string, unknown>): string {
    const { table, record: existing } = this.#existing(type, rawId)
    if (!table.def.updateable)
      throw new RecordError('INVALID_TYPE_FOR_OPERATION', `entity type cannot be updated: ${table.def.name}`)
    this.#requireAccess(table, 'PermissionsEdit')
    if (table.def.name === 'Lead' && existing['IsConverted'] === true) {
      throw new RecordError('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead', [])
    }
    const changes = this.#changes(table, input, 'update')
    const now = toSecond(this.org.clock.now())
    const record = {
      ...existing,
      ...changes,
      LastModifiedDate: now,
      LastModifiedById: this.options.userId,
      SystemModstamp: now,
    }
    this.#save(table, record, existing, changes)
    return existing['Id'] as string
  }

  /** Creates or updates by an external-id field; throws MULTIPLE_CHOICES (300) on several matches. */
  upsert(
    type: string,
    extField: string,
    extValue: unknown,
    input: Record<string, unknown>,
  ): { id: string; created: boolean } {
    const table = this.tableOf(type)
    const def = table.field(extField)
    if (!def || (!def.externalId && def.type !== 'id')) {
      throw new SfError(
        400,
        'INVALID_FIELD',
        `Field ${extField} is not an external id field on ${table.def.name}`,
      )
    }
    if (extValue === null || extValue === undefined || extValue === '') {
      throw new SfError(400, 'MISSING_ARGUMENT', `${def.name} not specified`)
    }
    const matches = this.findByExternalId(table, def.name, extValue)
    if (matches.length > 1) {
      throw new RecordError(
        'MULTIPLE_CHOICES',
        `more than one record found for external id field: ${matches.join(', ')}`,
        [],
        300,
      )
    }
    const body = { ...input }
    for (const key of Object.keys(body)) if (key.toLowerCase() === def.name.toLowerCase()) delete body[key]
    if (matches[0]) return { id: this.update(table.def.name, matches[0], body), created: false }
    if (def.type === 'id')
      throw new SfError(
        404,
        'NOT_FOUND',
        'Provided external ID field does not exist or is not accessible: Id',
      )
    return { id: this.create(table.def.name, { ...body, [def.name]: extValue }), created: true }
  }

  /** Live records whose external-id field equals the value. */
  findByExternalId(table: Table, field: string, value: unknown): string[] {
    if (field === 'Id') {
      const id = normalizeId(String(value))
      return id && table.get(id) && table.get(id)!['IsDeleted'] !== true ? [id] : []
    }
    const def = table.field(field)!
    const key = def.type === 'string' || def.type === 'email' ? String(value) : value
    return [...table.lookup(field, key)].filter((id) => table.get(id)?.['IsDeleted'] !== true)
  }

  /** Moves a record to the recycle bin. */
  destroy(type: string | undefined, rawId: unknown): string {
    const { table, record } = this.#existing(type, rawId)
    if (!table.def.deletable)
      throw new RecordError('INVALID_TYPE_FOR_OPERATION', `entity type cannot be deleted: ${table.def.name}`)
    this.#requireAccess(table, 'PermissionsDelete')
    checkPersonDelete(table, record)
    const personContact = personContactOf(this.org, record)
    this.markDeleted(table, record, undefined)
    deleteRolesOf(this, table, record)
    // Deleting a person account deletes its person contact with it.
    if (personContact) {
      this.markDeleted(this.tableOf('Contact'), personContact, undefined)
      deleteRolesOf(this, this.tableOf('Contact'), personContact)
    }
    return record['Id'] as string
  }

  /** Marks a record deleted (also used by merge, which sets MasterRecordId). */
  markDeleted(table: Table, record: SfRecord, masterId: string | undefined): void {
    const now = toSecond(this.org.clock.now())
    const next: Record<string, unknown> = {
      ...record,
      IsDeleted: true,
      SystemModstamp: now,
      LastModifiedDate: now,
      LastModifiedById: this.options.userId,
      _deletedAt: now,
    }
    if (masterId) next['MasterRecordId'] = masterId
    this.tx.put(table, next)
  }

  /** Writes a system-side change that bypasses validation (conversion, merge re-parenting). */
  systemUpdate(table: Table, record: SfRecord, changes: Record<string, unknown>): void {
    const now = toSecond(this.org.clock.now())
    const next = {
      ...record,
      ...changes,
      SystemModstamp: now,
      LastModifiedDate: now,
      LastModifiedById: this.options.userId,
    }
    this.#derive(table, next, record, changes)
    this.tx.put(table, next)
    syncPersonRecords(this, table, next, record)
  }

  #existing(type: string | undefined, rawId: unknown): { table: Table; record: SfRecord } {
    const id = typeof rawId === 'string' ? normalizeId(rawId) : undefined
    if (!id)
      throw new RecordError('MALFORMED_ID', `Record ID: id value of incorrect type: ${String(rawId)}`, ['Id'])
    const found = this.org.findById(id)
    if (!found || (type !== undefined && found.table.def.name.toLowerCase() !== type.toLowerCase())) {
      throw new RecordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [], 404)
    }
    if (found.record['IsDeleted'] === true) throw entityIsDeleted()
    return found
  }

  #changes(table: Table, input: Record<string, unknown>, mode: 'create' | 'update'): Record<string, unknown> {
    const changes: Record<string, unknown> = {}
    const readOnly: string[] = []
    for (const [key, value] of Object.entries(input)) {
      if (IGNORED_KEYS.has(key.toLowerCase()) || key === 'Id') continue
      const def = table.field(key)
      if (!def)
        throw new RecordError('INVALID_FIELD', `No such column '${key}' on sobject of type ${table.def.name}`)
      if (mode === 'create' ? !def.createable : !def.updateable) {
        readOnly.push(def.name)
        continue
      }
      changes[def.name] = coerceValue(this.org, table.def.name, def, value)
    }
    if (readOnly.length > 0) throw notWritable(readOnly)
    return changes
  }

  #save(
    table: Table,
    record: Record<string, unknown>,
    previous: SfRecord | undefined,
    changes: Record<string, unknown>,
  ): void {
    if (this.options.lockFault?.()) {
      throw new RecordError(
        'UNABLE_TO_LOCK_ROW',
        `unable to obtain exclusive access to this record or 1 records: ${String(record['Id'])}`,
      )
    }
    if (this.options.autoAssign) {
      const owner = assignOwner(this.org, table, record)
      if (owner) record['OwnerId'] = owner
    }
    this.#derive(table, record, previous, changes)
    applyCurrency(this.org, table, record, previous, this.options.userId)
    applyPersonAccount(this.org, table, record, previous, changes)
    applyStateCountry(this.org, table, record, previous, changes)
    const missing = table.def.fields.filter(
      (f) => f.required && (record[f.name] === null || record[f.name] === undefined),
    )
    if (missing.length > 0) {
      throw new RecordError(
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${missing.map((f) => f.name).join(', ')}]`,
        missing.map((f) => f.name),
      )
    }
    for (const def of table.def.fields) {
      if (!def.unique || record[def.name] === null || record[def.name] === undefined) continue
      if (previous && previous[def.name] === record[def.name]) continue
      const other = this.findByExternalId(table, def.name, record[def.name]).find((id) => id !== record['Id'])
      if (other) {
        throw new RecordError(
          'DUPLICATE_VALUE',
          `duplicate value found: ${def.name} duplicates value on record with id: ${other}`,
          [],
        )
      }
    }
    runValidationRules(this.org, table, record)
    runDuplicateRules(this.org, table, record)
    this.tx.put(table, record)
    syncPersonRecords(this, table, record, previous)
    keepOnePrimary(this, table, record)
  }

  /** Server-computed fields: names, opportunity stage facts, task closure, event times. */
  #derive(
    table: Table,
    record: Record<string, unknown>,
    previous: SfRecord | undefined,
    changes: Record<string, unknown>,
  ): void {
    if (table.field('FirstName') && table.field('Name')?.createable === false) {
      record['Name'] = [record['FirstName'], record['LastName']].map(text).filter(Boolean).join(' ') || null
    }
    if (table.def.name === 'Opportunity' && record['StageName'] !== previous?.['StageName']) {
      const stage = this.org.picklistRow('OpportunityStage', String(record['StageName']))
      if (stage) {
        record['IsClosed'] = stage['IsClosed'] === true
        record['IsWon'] = stage['IsWon'] === true
        record['ForecastCategoryName'] = stage['ForecastCategoryName'] ?? null
        if (previous?.['Probability'] === record['Probability'] || record['Probability'] == null) {
          record['Probability'] = stage['DefaultProbability'] ?? null
        }
      }
    }
    if (table.def.name === 'Task') deriveTask(record, previous, toSecond(this.org.clock.now()))
    if (table.def.name === 'Event') deriveEvent(record, previous, changes)
    if (table.def.name === 'Task' || table.def.name === 'Event') deriveActivityAccount(this.org, record)
    // A person account's Name is its person's name, also after system-side changes (conversion, merge).
    if (table.def.name === 'Account' && record['IsPersonAccount'] === true)
      record['Name'] = [record['FirstName'], record['LastName']].map(text).filter(Boolean).join(' ') || null
  }
}
