/**
 * Every error code crmsync can report. docs/errors.md documents each one (meaning and operator action),
 * and a test keeps the two in step (style guide item 13). Add a code here and a section there together.
 */
export const ERROR_CODES = {
  CONFIG_INVALID: { origin: 'config', retryable: false, summary: 'The configuration file is invalid.' },
  STORE_MIGRATION_FAILED: { origin: 'store', retryable: false, summary: 'A store migration failed.' },
} as const

export type SyncErrorCode = keyof typeof ERROR_CODES
