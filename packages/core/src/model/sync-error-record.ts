import type { SyncErrorCode } from '../errors/error-codes.js'
import type { RecordRef } from './record-ref.js'

/**
 * A per-record permanent error as stored for sync health (design.md section 3.5, B-ERR-1, B-ERR-8). One row per
 * record and code: a recurrence bumps `attempts` and `lastSeenAt`; a recurrence after resolution reopens it.
 */
export interface SyncErrorRecord extends RecordRef {
  /** Store-assigned id. */
  readonly id: number
  readonly code: SyncErrorCode
  readonly message: string
  /** How many times this error was seen since it was (re)opened; 1 on the first. */
  readonly attempts: number
  /** Epoch ms of the next scheduled retry; null when retries are exhausted or none were asked for. */
  readonly nextRetryAt: number | null
  readonly firstSeenAt: number
  readonly lastSeenAt: number
  /** Epoch ms at which the record synced again or was resolved by hand; null while open. */
  readonly resolvedAt: number | null
}
