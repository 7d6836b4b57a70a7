import type { SyncErrorCode } from '@crmsync/core'

import { toSyncError } from './errors.js'

/** How one error code is retried inside a call: attempts in all, and exponential backoff bounds. */
export interface RetryRule {
  /** Total attempts, the first included; 1 means no retry. */
  readonly attempts: number
  /** Wait before the second attempt; doubles each time. */
  readonly baseMs: number
  /** No wait is longer than this, whatever the server asks. */
  readonly maxMs: number
}

export type RetryTable = Readonly<Partial<Record<SyncErrorCode, RetryRule>>>

/**
 * The connector's retry table (style guide item 12), used with the client's own retries switched off
 * (`numberOfApiCallRetries: 0`, see client.ts), so every wait is decided here and every attempt is counted.
 * Codes not listed are not retried within the call: per-record errors go to the engine's schedule
 * (design.md 3.5) and HS_DAILY_LIMIT suspends the side.
 * - HS_RATE_LIMITED: the server's wait (Retry-After, else 10 s for the ten-second window, 1 s for the
 *   secondly limit) bounded by maxMs; five attempts ride out a full ten-second window twice.
 * - HS_UNAVAILABLE: 5xx, 0.5 s, 1 s, 2 s.
 * - HS_NETWORK: 1 s, 2 s.
 */
export const DEFAULT_RETRY_TABLE: RetryTable = {
  HS_RATE_LIMITED: { attempts: 5, baseMs: 1000, maxMs: 20_000 },
  HS_UNAVAILABLE: { attempts: 4, baseMs: 500, maxMs: 8000 },
  HS_NETWORK: { attempts: 3, baseMs: 1000, maxMs: 8000 },
}

/** Checks a table when it is loaded: bad bounds are a configuration bug, so they throw at once. */
export function compileRetryTable(table: RetryTable): RetryTable {
  for (const [code, rule] of Object.entries(table)) {
    if (rule === undefined) continue
    const ok =
      Number.isInteger(rule.attempts) &&
      rule.attempts >= 1 &&
      rule.attempts <= 10 &&
      rule.baseMs >= 0 &&
      rule.maxMs >= rule.baseMs
    if (!ok) throw new Error(`Retry rule for ${code} is invalid: ${JSON.stringify(rule)}`)
  }
  return Object.freeze({ ...table })
}

/** The wait before attempt `attempt + 1` (attempt counts from 1); a server-requested wait wins if longer. */
export function backoffMs(rule: RetryRule, attempt: number, retryAfterMs: number | undefined): number {
  const exponential = rule.baseMs * 2 ** (attempt - 1)
  return Math.min(rule.maxMs, Math.max(exponential, retryAfterMs ?? 0))
}

export type Sleep = (ms: number) => Promise<void>

/**
 * Runs `call`, retrying per the table; throws the last failure as a SyncError. `onRetry` sees each wait
 * (for logs and tests).
 */
export async function withRetry<T>(
  operation: string,
  call: () => Promise<T>,
  deps: {
    table: RetryTable
    sleep: Sleep
    onRetry?: ((code: SyncErrorCode, waitMs: number) => void) | undefined
  },
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call()
    } catch (err) {
      const error = toSyncError(err, operation)
      const rule = deps.table[error.code]
      if (rule === undefined || attempt >= rule.attempts) throw error
      const wait = backoffMs(rule, attempt, error.retryAfterMs)
      deps.onRetry?.(error.code, wait)
      await deps.sleep(wait)
    }
  }
}

/** A call wrapped in the retry table, as the connector's helpers receive it. */
export type Call = <T>(operation: string, fn: () => Promise<T>) => Promise<T>
