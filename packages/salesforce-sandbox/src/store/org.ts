import type { Clock } from '../clock.js'
import { IdGenerator, normalizeId } from '../ids.js'
import { currencyPicklist } from '../metadata/currency-types.js'
import type { FieldDef, PicklistValue } from '../metadata/fields.js'
import { type ObjectDef, standardObjects } from '../metadata/objects.js'
import type { Edition } from '../metadata/organization.js'
import type { ObjectAccess } from '../metadata/permission-sets.js'
import { type SfRecord, Table } from './table.js'

/** A validation rule: when `condition` (a SOQL WHERE expression) matches a record being saved, the save fails. */
export interface ValidationRule {
  object: string
  name: string
  condition: string
  message: string
  /** Error location field; omit to report the error at the top of the page (`fields: []`). */
  field?: string
  active?: boolean
}

/** One entry of the active Lead assignment rule: the first entry whose condition matches sets OwnerId. */
export interface AssignmentEntry {
  /** SOQL WHERE expression; omitted means "always matches". */
  condition?: string
  /** A User (005) or a queue (00G). */
  ownerId: string
}

export interface AssignmentRuleConfig {
  active: boolean
  entries: AssignmentEntry[]
  /** Owner used when no entry matches; omitted leaves the owner alone. */
  defaultOwnerId?: string
}

/** The in-memory org: tables per sObject type plus the org-level settings the APIs consult. */
export class Org {
  readonly clock: Clock
  ids = new IdGenerator()
  readonly tables = new Map<string, Table>()
  readonly #byPrefix = new Map<string, Table[]>()
  orgId = ''
  integrationUserId = ''
  validationRules: ValidationRule[] = []
  assignment: AssignmentRuleConfig = { active: false, entries: [] }
  /** State and Country/Territory Picklists (metadata/state-country.ts); the code fields exist only when on. */
  stateCountryPicklists = false
  /** Person Accounts (metadata/person-accounts.ts); the person fields exist only when on. */
  personAccounts = false
  /** Multiple currencies (metadata/multi-currency.ts); CurrencyType and CurrencyIsoCode exist only when on. */
  multiCurrency = false
  /** The edition (metadata/organization.ts): Group Edition has no API. */
  edition: Edition = 'Enterprise'
  /** A sandbox org (Organization.IsSandbox) rather than production. */
  isSandbox = false
  /** The integration user's object permissions where they differ from full access (permission-sets.ts). */
  readonly objectAccess = new Map<string, ObjectAccess>()

  constructor(clock: Clock) {
    this.clock = clock
    this.resetSchema()
  }

  /** Drops every record and custom field and restores the standard objects. */
  resetSchema(): void {
    this.tables.clear()
    this.#byPrefix.clear()
    this.ids = new IdGenerator()
    this.validationRules = []
    this.assignment = { active: false, entries: [] }
    this.stateCountryPicklists = false
    this.personAccounts = false
    this.multiCurrency = false
    this.edition = 'Enterprise'
    this.isSandbox = false
    this.objectAccess.clear()
    for (const def of standardObjects()) this.addObject(def)
  }

  table(name: string): Table | undefined {
    return this.tables.get(name.toLowerCase())
  }

  /** Finds a record anywhere in the org by a 15- or 18-character id. */
  findById(id: unknown): { table: Table; record: SfRecord } | undefined {
    if (typeof id !== 'string') return undefined
    const id18 = normalizeId(id)
    if (!id18) return undefined
    for (const table of this.#byPrefix.get(id18.slice(0, 3)) ?? []) {
      const record = table.get(id18)
      if (record) return { table, record }
    }
    return undefined
  }

  /** Tables that own ids with this key prefix. */
  tablesForPrefix(prefix: string): Table[] {
    return this.#byPrefix.get(prefix) ?? []
  }

  /** Picklist values, including those that live in metadata rows (LeadStatus, OpportunityStage, CurrencyType). */
  picklistValues(def: FieldDef): PicklistValue[] {
    if (!def.picklistSource) return def.picklistValues
    if (def.picklistSource === 'CurrencyType') return currencyPicklist(this)
    const rows = [...(this.table(def.picklistSource)?.rows() ?? [])].sort(
      (a, b) => Number(a['SortOrder'] ?? 0) - Number(b['SortOrder'] ?? 0),
    )
    return rows.map((row) => ({
      value: String(row['ApiName']),
      label: String(row['MasterLabel']),
      active: row['IsActive'] !== false,
      defaultValue: row['IsDefault'] === true,
    }))
  }

  /** The metadata row for a picklist value of a metadata-backed picklist (case-insensitive). */
  picklistRow(source: 'LeadStatus' | 'OpportunityStage', value: string): SfRecord | undefined {
    const wanted = value.toLowerCase()
    for (const row of this.table(source)?.rows() ?? []) {
      if (String(row['ApiName']).toLowerCase() === wanted) return row
    }
    return undefined
  }

  /** Removes an sObject type with its rows (an org setting turned off takes its objects away). */
  removeObject(name: string): void {
    const table = this.table(name)
    if (!table) return
    this.tables.delete(name.toLowerCase())
    const list = (this.#byPrefix.get(table.def.keyPrefix) ?? []).filter((t) => t !== table)
    if (list.length > 0) this.#byPrefix.set(table.def.keyPrefix, list)
    else this.#byPrefix.delete(table.def.keyPrefix)
  }

  /** Adds an sObject type (standard objects, and the Tooling API's own objects in the tooling org). */
  addObject(def: ObjectDef): void {
    const table = new Table(def)
    this.tables.set(def.name.toLowerCase(), table)
    const list = this.#byPrefix.get(def.keyPrefix) ?? []
    list.push(table)
    this.#byPrefix.set(def.keyPrefix, list)
  }
}
