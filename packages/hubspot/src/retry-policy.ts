import { backoffDelayMs, retryPolicyFor, type RetryTable, type SyncErrorCode } from '@crmsync/core'

import { toSyncError } from './errors.js'

export type Sleep = (ms: number) => Promise<void>

/**
 * Runs `call`, retrying per the core's retry table (design.md 3.5): whether a code is retried in the run,
 * how often, and how long each wait is, the server's Retry-After included, all come from there; this loop
 * only sleeps. The client's own retries are off (see client.ts), so every attempt is counted and no wait is
 * decided twice. Throws the last failure as a SyncError. `onRetry` sees each wait (for logs and tests).
 */
export async function withRetry<T>(
  operation: string,
  call: () => Promise<T>,
  deps: {
    /** (Default: the core's built-in table) */
    table?: RetryTable | undefined
    sleep: Sleep
    onRetry?: ((code: SyncErrorCode, waitMs: number) => void) | undefined
  },
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call()
    } catch (err) {
      const error = toSyncError(err, operation)
      const wait = backoffDelayMs(retryPolicyFor(error.code, deps.table), attempt, error.retryAfterMs)
      if (wait === undefined) throw error
      deps.onRetry?.(error.code, wait)
      await deps.sleep(wait)
    }
  }
}

/** A call wrapped in the retry table, as the connector's helpers receive it. */
export type Call = <T>(operation: string, fn: () => Promise<T>) => Promise<T>
