import type { SyncErrorCode } from '../errors/index.js'

/** A transform outcome: expected failures are data, never exceptions (style guide item 11). */
export type Result<T> = Ok<T> | Err

export interface Ok<T> {
  readonly ok: true
  readonly value: T
}

export interface Err {
  readonly ok: false
  /** A code from ERROR_CODES; docs/errors.md explains it. */
  readonly code: SyncErrorCode
  readonly message: string
}

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value }
}

export function err(code: SyncErrorCode, message: string): Err {
  return { ok: false, code, message }
}
