/**
 * Every error code crmsync can report. docs/errors.md documents each one (meaning and operator action),
 * and a test keeps the two in step (style guide item 13). Add a code here and a section there together.
 */
export const ERROR_CODES = {
  CONFIG_INVALID: { origin: 'config', retryable: false, summary: 'The configuration file is invalid.' },
  STORE_MIGRATION_FAILED: { origin: 'store', retryable: false, summary: 'A store migration failed.' },
  STORE_URL_INVALID: {
    origin: 'store',
    retryable: false,
    summary: 'The store URL is not sqlite::memory:, sqlite:<path> or postgres://…',
  },
  STORE_UNAVAILABLE: {
    origin: 'store',
    retryable: true,
    summary: 'The database cannot be reached or opened (connection refused or lost, file not openable).',
  },
  STORE_BUSY: {
    origin: 'store',
    retryable: true,
    summary: 'The database is locked by another writer (SQLITE_BUSY, Postgres lock timeout).',
  },
  STORE_SERIALIZATION_FAILURE: {
    origin: 'store',
    retryable: true,
    summary: 'A transaction lost a serialization race or a deadlock; retry the whole transaction.',
  },
  STORE_CONSTRAINT_VIOLATION: {
    origin: 'store',
    retryable: false,
    summary: 'A write broke a uniqueness rule, e.g. two links holding the same Salesforce id.',
  },
  STORE_QUERY_FAILED: { origin: 'store', retryable: false, summary: 'A store query failed unexpectedly.' },
  MAPPING_TYPE_MISMATCH: {
    origin: 'config',
    retryable: false,
    summary:
      'A mapping pairs a HubSpot property type with a Salesforce field type that B-MAP-5 does not allow.',
  },
  MAPPING_ALREADY_MAPPED: {
    origin: 'config',
    retryable: false,
    summary: 'A HubSpot property or Salesforce field appears in more than one mapping (B-MAP-6).',
  },
  MAPPING_USER_PROPERTY: {
    origin: 'config',
    retryable: false,
    summary: 'A HubSpot user property cannot be mapped (B-MAP-7).',
  },
  MAPPING_RULE_INVALID: {
    origin: 'config',
    retryable: false,
    summary: 'A mapping names an unknown sync rule.',
  },
  MAPPING_LOCKED: {
    origin: 'config',
    retryable: false,
    summary: 'The owner and email opt-out mappings cannot be changed (B-OWN-12, B-OPT-1).',
  },
  MAPPING_NOT_DELETABLE: {
    origin: 'config',
    retryable: false,
    summary: 'A default mapping cannot be deleted, only given the rule none (B-MAP-9).',
  },
  MAPPING_OBJECT_SYNC_OFF: {
    origin: 'config',
    retryable: false,
    summary: 'Company or deal mappings are configured while that object is not synced (B-INST-10).',
  },
  VALUE_TOO_LONG: {
    origin: 'engine',
    retryable: false,
    summary: 'A text value is longer than the target field allows and the mapping does not truncate.',
  },
  VALUE_INVALID_NUMBER: { origin: 'engine', retryable: false, summary: 'A value is not a decimal number.' },
  VALUE_OUT_OF_RANGE: {
    origin: 'engine',
    retryable: false,
    summary: 'A number has more digits than the Salesforce field precision allows.',
  },
  VALUE_INVALID_DATE: {
    origin: 'engine',
    retryable: false,
    summary: 'A value is not a valid date or datetime.',
  },
  VALUE_INVALID_BOOLEAN: { origin: 'engine', retryable: false, summary: 'A value is not true or false.' },
  OWNER_NOT_MATCHED: {
    origin: 'engine',
    retryable: false,
    summary: 'A HubSpot owner matches no active Salesforce user by name and email (B-OWN-3).',
  },
  OWNER_NOT_IN_HUBSPOT: {
    origin: 'engine',
    retryable: false,
    summary: 'A Salesforce owner has no HubSpot owner yet, so the owner cannot be written to HubSpot.',
  },
} as const

export type SyncErrorCode = keyof typeof ERROR_CODES
