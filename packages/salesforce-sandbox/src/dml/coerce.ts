// Checks and converts one input value to the stored form of its field, with Salesforce's error codes.
import { RecordError } from '../errors.js'
import { normalizeId } from '../ids.js'
import type { FieldDef } from '../metadata/fields.js'
import type { Org } from '../store/org.js'
import { text as asText } from '../text.js'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function parserError(def: FieldDef, value: unknown, kind: string): RecordError {
  return new RecordError(
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${kind} from VALUE_STRING value ${JSON.stringify(value)} or request may be missing a required field`,
    [def.name],
  )
}

/** Returns the stored value (null for empty) or throws a RecordError. */
export function coerceValue(org: Org, objectName: string, def: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined || value === '') return null
  switch (def.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value
      if (value === 'true' || value === 'false') return value === 'true'
      throw parserError(def, value, 'boolean')
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN
      if (!Number.isFinite(n)) throw parserError(def, value, def.type === 'int' ? 'int' : 'double')
      return def.type === 'int' ? Math.trunc(n) : n
    }
    case 'date': {
      const text = asText(value)
      if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(Date.parse(text.slice(0, 10)))) {
        throw parserError(def, value, 'date')
      }
      return text.slice(0, 10)
    }
    case 'datetime': {
      const ms = typeof value === 'number' ? value : Date.parse(asText(value))
      if (Number.isNaN(ms)) throw parserError(def, value, 'datetime')
      return Math.floor(ms / 1000) * 1000
    }
    case 'id':
    case 'reference':
      return coerceReference(org, objectName, def, value)
    default:
      return coerceText(org, def, value)
  }
}

function coerceText(org: Org, def: FieldDef, value: unknown): string {
  if (typeof value === 'object') throw parserError(def, value, 'String')
  const text = asText(value)
  if (def.type === 'email' && !EMAIL.test(text)) {
    throw new RecordError('INVALID_EMAIL_ADDRESS', `${def.label}: invalid email address: ${text}`, [def.name])
  }
  if (text.length > def.length) {
    throw new RecordError(
      'STRING_TOO_LONG',
      `${def.label}: data value too large: ${text} (max length=${def.length})`,
      [def.name],
    )
  }
  // State/country codes are checked with the rest of their address (dml/state-country.ts), with its errors.
  if (
    (def.type === 'picklist' || def.type === 'multipicklist') &&
    def.restrictedPicklist &&
    def.addressPicklist === undefined
  ) {
    const allowed = org.picklistValues(def).filter((p) => p.active)
    const parts = def.type === 'multipicklist' ? text.split(';') : [text]
    const canonical = parts.map(
      (part) => allowed.find((p) => p.value.toLowerCase() === part.toLowerCase())?.value,
    )
    if (canonical.some((c) => c === undefined)) {
      // Currency codes have their own wording (recalled from real orgs, not checked against one).
      const problem =
        def.picklistSource === 'CurrencyType'
          ? 'invalid currency code'
          : 'bad value for restricted picklist field'
      throw new RecordError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${def.label}: ${problem}: ${text}`, [
        def.name,
      ])
    }
    return canonical.join(';')
  }
  return text
}

function coerceReference(org: Org, objectName: string, def: FieldDef, value: unknown): string {
  const id = typeof value === 'string' ? normalizeId(value) : undefined
  if (!id) {
    throw new RecordError('MALFORMED_ID', `${def.label}: id value of incorrect type: ${asText(value)}`, [
      def.name,
    ])
  }
  // An id of another object's key prefix is refused before any look-up (FIELD_INTEGRITY_EXCEPTION, as
  // Salesforce answers an Opportunity id in AccountId or a Lead id in ContactId); record types keep theirs.
  const prefixTypes = org.tablesForPrefix(id.slice(0, 3)).map((t) => t.def.name)
  if (def.name !== 'RecordTypeId' && !prefixTypes.some((name) => def.referenceTo.includes(name))) {
    throw new RecordError('FIELD_INTEGRITY_EXCEPTION', `${def.label}: id value of incorrect type: ${id}`, [
      def.name,
    ])
  }
  const target = org.findById(id)
  const allowed = target !== undefined && def.referenceTo.includes(target.table.def.name)
  if (!target || !allowed || target.record['IsDeleted'] === true) {
    if (def.name === 'RecordTypeId') {
      throw new RecordError(
        'INVALID_CROSS_REFERENCE_KEY',
        `Record Type ID: this ID value isn't valid for the user: ${id}`,
        [def.name],
      )
    }
    throw new RecordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [def.name])
  }
  if (
    def.name === 'RecordTypeId' &&
    String(target.record['SobjectType']).toLowerCase() !== objectName.toLowerCase()
  ) {
    throw new RecordError(
      'INVALID_CROSS_REFERENCE_KEY',
      `Record Type ID: this ID value isn't valid for the user: ${id}`,
      [def.name],
    )
  }
  if (def.name === 'OwnerId' && target.table.def.name === 'User' && target.record['IsActive'] !== true) {
    throw new RecordError(
      'INACTIVE_OWNER_OR_USER',
      `operation performed with inactive user [${id}] as owner of ${objectName.toLowerCase()}`,
      [],
    )
  }
  return id
}
