import type { SyncErrorCode } from './error-codes.js'

export type SyncErrorOrigin = 'salesforce' | 'hubspot' | 'store' | 'engine' | 'config'

/**
 * The one error type adapters throw (style guide item 11). Expected outcomes inside the core are data,
 * never exceptions; a SyncError carries a stable code that docs/errors.md documents.
 */
export class SyncError extends Error {
  override readonly name: string = 'SyncError'
  readonly code: SyncErrorCode
  readonly origin: SyncErrorOrigin
  readonly retryable: boolean
  readonly retryAfterMs: number | undefined

  constructor(init: {
    code: SyncErrorCode
    message: string
    origin: SyncErrorOrigin
    retryable: boolean
    retryAfterMs?: number | undefined
    cause?: unknown
  }) {
    super(init.message, { cause: init.cause })
    this.code = init.code
    this.origin = init.origin
    this.retryable = init.retryable
    this.retryAfterMs = init.retryAfterMs
  }
}

export function isSyncError(value: unknown): value is SyncError {
  return value instanceof SyncError
}
