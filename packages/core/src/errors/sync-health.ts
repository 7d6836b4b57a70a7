import type { Link } from '../model/link.js'
import type { SyncErrorRecord } from '../model/sync-error-record.js'
import { ERROR_CODES, type SyncErrorCode } from './error-codes.js'

/**
 * The Sync Health types, grouped as the reference's Sync Health tab groups errors (B-ERR-1): property value,
 * owner, association, permission, duplicate, custom code, insufficient access / missing record (B-ERR-6),
 * and the kinds the reference shows as a connection state rather than per record. Each has the action an
 * admin takes; docs/errors.md lists them (`## Sync health types`), and a test keeps the two in step.
 */
export const SYNC_HEALTH_TYPES = {
  'property-value': {
    label: 'Property values',
    action:
      'Correct the value on the record that sent it (or widen the target field, picklist or format), then resync.',
  },
  owner: {
    label: 'Owners',
    action: 'Give the owner an active user with the same name and email on both sides, then resync.',
  },
  association: {
    label: 'Associations',
    action:
      'Sync or fix the associated record first (import the accounts, or relink the company), then resync.',
  },
  permission: {
    label: 'Permissions',
    action:
      'Grant the integration user access to the object and field (profile, permission set or token scopes), then resync.',
  },
  duplicate: {
    label: 'Duplicates',
    action: 'Remove the value from the other record, or merge the two, then resync.',
  },
  'custom-code': {
    label: 'Custom code',
    action:
      'A Salesforce validation rule, trigger or flow refused the write: a Salesforce admin changes the rule or the record, then resync.',
  },
  'missing-record': {
    label: 'Insufficient access / missing record',
    action:
      'A lookup names a record that was deleted or that the integration user cannot see: fix the association or restore the record, then resync.',
  },
  connection: {
    label: 'Connection',
    action:
      'The side is unreachable, out of API calls or refused the credentials: see `crmsync status`; records retry once it recovers.',
  },
  setup: {
    label: 'Setup',
    action: 'Fix the configuration file or the store, as the message says, and run again.',
  },
  other: {
    label: 'Other',
    action: 'Read the message and the code in docs/errors.md; resync once the cause is fixed.',
  },
} as const

export type SyncHealthType = keyof typeof SYNC_HEALTH_TYPES

/** Every Sync Health type, in the order the view lists them. */
export const SYNC_HEALTH_TYPE_NAMES = Object.keys(SYNC_HEALTH_TYPES) as SyncHealthType[]

interface CodeHealth {
  readonly type: SyncHealthType
  /** What to do, where it says more than the type's action. */
  readonly action?: string
}

/** The Sync Health type of every code: the type checker refuses a code that has none. */
const CODE_HEALTH: { readonly [C in SyncErrorCode]: CodeHealth } = {
  CONFIG_INVALID: { type: 'setup' },
  STORE_MIGRATION_FAILED: { type: 'setup' },
  STORE_URL_INVALID: { type: 'setup' },
  STORE_UNAVAILABLE: { type: 'setup' },
  STORE_BUSY: { type: 'setup' },
  STORE_SERIALIZATION_FAILURE: { type: 'setup' },
  STORE_CONSTRAINT_VIOLATION: { type: 'setup' },
  STORE_QUERY_FAILED: { type: 'setup' },
  MAPPING_TYPE_MISMATCH: { type: 'setup' },
  MAPPING_ALREADY_MAPPED: { type: 'setup' },
  MAPPING_USER_PROPERTY: { type: 'setup' },
  MAPPING_RULE_INVALID: { type: 'setup' },
  MAPPING_LOCKED: { type: 'setup' },
  MAPPING_NOT_DELETABLE: { type: 'setup' },
  MAPPING_OBJECT_SYNC_OFF: { type: 'setup' },
  INCLUSION_LIST_NOT_DYNAMIC: { type: 'setup' },
  VALUE_TOO_LONG: {
    type: 'property-value',
    action: 'Shorten the value, or give the mapping truncation, then resync.',
  },
  VALUE_INVALID_NUMBER: { type: 'property-value' },
  VALUE_OUT_OF_RANGE: { type: 'property-value' },
  VALUE_INVALID_DATE: { type: 'property-value' },
  VALUE_INVALID_BOOLEAN: { type: 'property-value' },
  SF_INVALID_EMAIL: { type: 'property-value' },
  SF_STRING_TOO_LONG: { type: 'property-value' },
  SF_BAD_PICKLIST: {
    type: 'property-value',
    action: 'Add the value to the Salesforce picklist, or change it on the record, then resync.',
  },
  SF_REQUIRED_FIELD_MISSING: {
    type: 'property-value',
    action: 'Fill the required field on the record (or set settings.requiredFieldPlaceholder), then resync.',
  },
  HS_VALIDATION: { type: 'property-value' },
  HS_UNKNOWN_PROPERTY: {
    type: 'property-value',
    action: 'Create the HubSpot property or remove its mapping, then resync.',
  },
  HS_READ_ONLY_PROPERTY: { type: 'property-value', action: 'Remove the mapping to the read-only property.' },
  HS_LIFECYCLE_BACKWARDS: {
    type: 'property-value',
    action: 'Clear the lifecycle stage in HubSpot first if it must move backwards, then resync.',
  },
  OWNER_NOT_MATCHED: { type: 'owner' },
  OWNER_NOT_IN_HUBSPOT: {
    type: 'owner',
    action: 'Create the HubSpot user for the Salesforce owner (same email); the record syncs once it exists.',
  },
  SF_PERSON_ACCOUNT_CONTACT: {
    type: 'association',
    action:
      "Associate the contact with another company in HubSpot: a person account's company takes no other contact.",
  },
  SF_INSUFFICIENT_ACCESS: { type: 'permission' },
  SF_FIELD_NOT_VISIBLE: {
    type: 'permission',
    action:
      'Make the field visible and editable to the integration user (field-level security), restart the sync, then resync the records.',
  },
  SF_INVALID_FIELD: {
    type: 'permission',
    action:
      'Make the field visible and editable to the integration user (field-level security), or fix the mapping, then resync.',
  },
  HS_MISSING_SCOPES: { type: 'permission', action: 'Give the HubSpot token the scope the message names.' },
  HS_USER_NOT_ADMIN: {
    type: 'permission',
    action: 'Connect with a token of a HubSpot Super Admin (or make the user one), then run again.',
  },
  ACTIVITY_KEY_FIELD_MISSING: {
    type: 'setup',
    action: 'Run crmsync doctor --fix to create the Activity field, then run again.',
  },
  DEAL_SYNC_PERMISSION_MISSING: {
    type: 'permission',
    action: 'Give the integration user Modify All Data or Modify Metadata Through Metadata API Functions.',
  },
  SF_DUPLICATE_VALUE: { type: 'duplicate' },
  SF_DUPLICATES_DETECTED: {
    type: 'duplicate',
    action:
      'Merge with the existing Salesforce record, or have an admin let the duplicate rule allow it, then resync.',
  },
  HS_DUPLICATE_EMAIL: {
    type: 'duplicate',
    action: 'Remove the email from the other HubSpot contact (or merge the two), then resync.',
  },
  HS_CONFLICT: { type: 'duplicate' },
  SF_VALIDATION: { type: 'custom-code' },
  SF_INVALID_CROSS_REFERENCE: { type: 'missing-record' },
  SF_NOT_FOUND: { type: 'missing-record' },
  SF_ENTITY_DELETED: { type: 'missing-record' },
  SF_CONVERTED_LEAD: {
    type: 'missing-record',
    action: 'Nothing: the link follows the converted Contact on the next cycle.',
  },
  HS_NOT_FOUND: { type: 'missing-record' },
  SF_RATE_LIMITED: { type: 'connection' },
  SF_CONCURRENT_LIMIT: { type: 'connection' },
  SF_UNAVAILABLE: { type: 'connection' },
  SF_LOCKED: { type: 'connection' },
  SF_SESSION_EXPIRED: { type: 'connection' },
  SF_AUTH_FAILED: { type: 'connection' },
  SF_API_DISABLED: { type: 'connection', action: 'Give the integration user API Enabled, then resume.' },
  SF_EDITION_UNSUPPORTED: {
    type: 'connection',
    action: 'Connect an org whose edition has the API (not Group Edition) and a user with API Enabled.',
  },
  SF_ORG_KIND_MISMATCH: {
    type: 'connection',
    action: 'Point the connection at the kind of org salesforce.sandbox names, or change salesforce.sandbox.',
  },
  SF_OBJECT_PERMISSION_MISSING: {
    type: 'permission',
    action: 'Give the integration user Read (and Modify All) on the object, then run again.',
  },
  HS_RATE_LIMITED: { type: 'connection' },
  HS_DAILY_LIMIT: { type: 'connection' },
  HS_UNAVAILABLE: { type: 'connection' },
  HS_NETWORK: { type: 'connection' },
  HS_UNAUTHORIZED: { type: 'connection' },
  ENGINE_IDENTITY_CHANGED: {
    type: 'connection',
    action: 'Point the connection back at its org and portal, or start a new store for the new ones.',
  },
  ENGINE_BUDGET_EXHAUSTED: { type: 'connection' },
  ENGINE_DISCONNECTED: { type: 'connection', action: 'Run `crmsync resume --reconnect` to connect again.' },
  SF_UNKNOWN_EXCEPTION: { type: 'connection' },
  SF_OBJECT_NOT_ACCESSIBLE: {
    type: 'permission',
    action: 'Give the integration user read access to the object; the sync resumes by itself.',
  },
  SF_REQUEST_INVALID: { type: 'other' },
  SF_UNKNOWN: { type: 'other' },
  HS_UNEXPECTED_RESPONSE: { type: 'other' },
}

function codeHealth(code: string): CodeHealth {
  // A code retired from ERROR_CODES may still be stored: it stays listable, as Other.
  return Object.hasOwn(CODE_HEALTH, code) ? CODE_HEALTH[code as SyncErrorCode] : { type: 'other' }
}

/** The Sync Health type of a stored code. */
export function healthTypeOf(code: string): SyncHealthType {
  return codeHealth(code).type
}

/** What to do about an error of this code: its own action, else its type's. */
export function healthActionOf(code: string): string {
  const health = codeHealth(code)
  return health.action ?? SYNC_HEALTH_TYPES[health.type].action
}

/** The codes of one Sync Health type, in ERROR_CODES order. */
export function codesOfHealthType(type: SyncHealthType): SyncErrorCode[] {
  return (Object.keys(ERROR_CODES) as SyncErrorCode[]).filter((code) => CODE_HEALTH[code].type === type)
}

/** A type named by its id (`permission`), its plural (`permissions`) or its label, any case. */
export function parseHealthType(text: string): SyncHealthType | undefined {
  const wanted = text.trim().toLowerCase()
  return SYNC_HEALTH_TYPE_NAMES.find(
    (type) =>
      type === wanted || `${type}s` === wanted || SYNC_HEALTH_TYPES[type].label.toLowerCase() === wanted,
  )
}

/** One Sync Health type's counts: its open errors and the distinct records they affect (B-ERR-1). */
export interface SyncHealthGroup {
  readonly type: SyncHealthType
  readonly label: string
  readonly errors: number
  readonly records: number
  readonly action: string
}

/** What grouping needs of an error; the code is any text, since a stored code may have been retired. */
type ErrorKey = Pick<SyncErrorRecord, 'objectKind' | 'side' | 'recordId'> & { readonly code: string }

/** Errors grouped by Sync Health type, types without errors left out, in SYNC_HEALTH_TYPE_NAMES order. */
export function groupByHealthType(errors: readonly ErrorKey[]): SyncHealthGroup[] {
  const byType = new Map<SyncHealthType, { errors: number; records: Set<string> }>()
  for (const e of errors) {
    const type = healthTypeOf(e.code)
    const group = byType.get(type) ?? { errors: 0, records: new Set<string>() }
    group.errors += 1
    group.records.add(`${e.objectKind}:${e.side}:${e.recordId}`)
    byType.set(type, group)
  }
  return SYNC_HEALTH_TYPE_NAMES.flatMap((type) => {
    const group = byType.get(type)
    return group === undefined
      ? []
      : [
          {
            type,
            label: SYNC_HEALTH_TYPES[type].label,
            errors: group.errors,
            records: group.records.size,
            action: SYNC_HEALTH_TYPES[type].action,
          },
        ]
  })
}

/** One record's sync status, as its sync card shows it (B-ERR-8). */
export type RecordSyncStatus =
  | { readonly state: 'synced' }
  | { readonly state: 'not-syncing'; readonly reason: string }
  | {
      readonly state: 'error'
      readonly errors: ReadonlyArray<{
        readonly code: string
        readonly type: SyncHealthType
        readonly message: string
        readonly action: string
        readonly attempts: number
        readonly nextRetryAt: number | null
      }>
    }

/**
 * A record's status from its link (undefined: none) and its open errors: an open error wins (the record is
 * not in step until it clears); otherwise an active link is synced, and anything else is not syncing.
 */
export function recordSyncStatus(
  link: Pick<Link, 'state'> | undefined,
  openErrors: readonly Pick<SyncErrorRecord, 'code' | 'message' | 'attempts' | 'nextRetryAt'>[],
): RecordSyncStatus {
  if (openErrors.length > 0)
    return {
      state: 'error',
      errors: openErrors.map((e) => ({
        code: e.code,
        type: healthTypeOf(e.code),
        message: e.message,
        action: healthActionOf(e.code),
        attempts: e.attempts,
        nextRetryAt: e.nextRetryAt,
      })),
    }
  if (link === undefined) return { state: 'not-syncing', reason: 'not linked' }
  if (link.state === 'active') return { state: 'synced' }
  return {
    state: 'not-syncing',
    reason:
      link.state === 'tombstoned'
        ? 'the record was deleted on one side; the link is kept so it is not recreated'
        : 'the link is broken (merged into a record that is not ours)',
  }
}
