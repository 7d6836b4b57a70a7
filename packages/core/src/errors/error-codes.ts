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
} as const

export type SyncErrorCode = keyof typeof ERROR_CODES
