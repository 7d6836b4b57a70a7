// In-run retries, one table keyed by error code (style item 12). jsforce retries only GET/PUT/DELETE and
// never POST/PATCH (api-surface 0.7), so the connector turns jsforce's own retries off and retries every call,
// writes included, from this table. Creates are upserts and updates set absolute values, so a replay is safe.
import type { SyncErrorCode } from '@crmsync/core'

/** How one transient code is retried. */
export interface RetryRule {
  /** Total attempts, the first included (1 = no retry). */
  readonly maxAttempts: number
  /** Wait before the second attempt, in ms. */
  readonly initialDelayMs: number
  /** Multiplier per further attempt. */
  readonly factor: number
  /** Upper bound of any single wait, in ms. */
  readonly maxDelayMs: number
}

export type RetryTable = Readonly<Partial<Record<SyncErrorCode, RetryRule>>>

/**
 * Codes retried in the run. Everything else fails at once: per-record errors are retried on the engine's
 * schedule (every 30 min), SF_RATE_LIMITED suspends the side (B-API-4), session and permission errors pause
 * the connection.
 */
export const DEFAULT_RETRY_TABLE: RetryTable = compileRetryTable({
  SF_UNAVAILABLE: { maxAttempts: 5, initialDelayMs: 500, factor: 2, maxDelayMs: 8_000 },
  SF_LOCKED: { maxAttempts: 4, initialDelayMs: 250, factor: 2, maxDelayMs: 4_000 },
})

/** Checks every rule's bounds once, when the table is loaded; throws on a bad table (a bug, not data). */
export function compileRetryTable(table: RetryTable): RetryTable {
  for (const [code, rule] of Object.entries(table)) {
    const problems: string[] = []
    if (!Number.isInteger(rule.maxAttempts) || rule.maxAttempts < 1 || rule.maxAttempts > 10)
      problems.push('maxAttempts must be an integer in 1..10')
    if (!(rule.initialDelayMs >= 0)) problems.push('initialDelayMs must be >= 0')
    if (!(rule.factor >= 1)) problems.push('factor must be >= 1')
    if (!(rule.maxDelayMs >= rule.initialDelayMs) || rule.maxDelayMs > 60_000)
      problems.push('maxDelayMs must be in initialDelayMs..60000')
    if (problems.length > 0) throw new Error(`retry table entry ${code}: ${problems.join('; ')}`)
  }
  return Object.freeze({ ...table })
}

/**
 * The wait before attempt `attempt + 1` after `attempt` failed attempts, or undefined when the code is not
 * retried or its attempts are used up. A server-given wait (`retryAfterMs`) wins, capped by the rule's bound.
 */
export function retryDelayMs(
  table: RetryTable,
  code: SyncErrorCode,
  attempt: number,
  retryAfterMs?: number,
): number | undefined {
  const rule = table[code]
  if (rule === undefined || attempt >= rule.maxAttempts) return undefined
  const backoff = rule.initialDelayMs * rule.factor ** (attempt - 1)
  return Math.min(rule.maxDelayMs, retryAfterMs ?? backoff)
}
