import { ERROR_CODES, type SyncErrorCode } from './error-codes.js'

/**
 * What the engine does with an error, by code (design.md 3.5, style guide item 12): a table, not `if`
 * chains in the connectors.
 *
 * - `backoff`: transient (429 with Retry-After, 5xx, network, row lock); retried within the run, waiting
 *   `initialMs * factor^(attempt-1)` capped at `maxMs`, never less than the server's Retry-After. The caller
 *   adds jitter (the core has no randomness).
 * - `scheduled`: a per-record permanent error; stored, retried every `intervalMs` up to `maxAttempts`
 *   times, and at once when the record changes. It never blocks the rest of the batch.
 * - `suspend-side`: an API limit; that side is suspended until its window allows (B-API-4).
 * - `pause-connection`: credentials or access that only a person can fix; the connection pauses and alerts.
 * - `replan`: the target moved (converted lead, merged-away record); relink and plan again.
 * - `fail`: configuration or a broken store; stop and report, retrying cannot help.
 */
export type RetryPolicy =
  | {
      readonly kind: 'backoff'
      readonly initialMs: number
      readonly maxMs: number
      readonly factor: number
      readonly maxAttempts: number
    }
  | { readonly kind: 'scheduled'; readonly intervalMs: number; readonly maxAttempts: number }
  | { readonly kind: 'suspend-side' }
  | { readonly kind: 'pause-connection' }
  | { readonly kind: 'replan' }
  | { readonly kind: 'fail' }

/** Transient errors: 1 s, 2 s, 4 s ... capped at 60 s, five attempts in the run. */
export const DEFAULT_BACKOFF: RetryPolicy = {
  kind: 'backoff',
  initialMs: 1_000,
  maxMs: 60_000,
  factor: 2,
  maxAttempts: 5,
}

/** Per-record errors: every 30 minutes, 10 times (the reference's schedule, B-API-2). */
export const DEFAULT_SCHEDULED: RetryPolicy = { kind: 'scheduled', intervalMs: 30 * 60_000, maxAttempts: 10 }

/**
 * Codes whose handling differs from the default of their `retryable` flag and origin. Keys are checked
 * against ERROR_CODES when the table is compiled, so a renamed code fails loudly.
 */
export const RETRY_OVERRIDES: Readonly<Record<string, RetryPolicy>> = {
  HS_RATE_LIMITED: { kind: 'backoff', initialMs: 1_000, maxMs: 10_000, factor: 2, maxAttempts: 8 },
  SF_LOCKED: { kind: 'backoff', initialMs: 500, maxMs: 8_000, factor: 2, maxAttempts: 6 },
  HS_DAILY_LIMIT: { kind: 'suspend-side' },
  SF_RATE_LIMITED: { kind: 'suspend-side' },
  HS_UNAUTHORIZED: { kind: 'pause-connection' },
  HS_MISSING_SCOPES: { kind: 'pause-connection' },
  SF_SESSION_EXPIRED: { kind: 'pause-connection' },
  SF_AUTH_FAILED: { kind: 'pause-connection' },
  SF_API_DISABLED: { kind: 'pause-connection' },
  // The org or portal behind a connection changed (a full-copy sandbox keeps production ids): a person decides.
  ENGINE_IDENTITY_CHANGED: { kind: 'pause-connection' },
  ENGINE_BUDGET_EXHAUSTED: { kind: 'suspend-side' },
  SF_CONVERTED_LEAD: { kind: 'replan' },
  SF_ENTITY_DELETED: { kind: 'replan' },
}

/** The policy a code gets without an override. */
function defaultPolicy(code: SyncErrorCode): RetryPolicy {
  const entry: { origin: string; retryable: boolean } = ERROR_CODES[code]
  if (entry.retryable) return DEFAULT_BACKOFF
  if (entry.origin === 'config' || entry.origin === 'store') return { kind: 'fail' }
  return DEFAULT_SCHEDULED
}

function checkBounds(code: string, policy: RetryPolicy): string[] {
  const problems: string[] = []
  const positiveInt = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 1) problems.push(`${code}: ${name} must be a positive integer`)
  }
  if (policy.kind === 'backoff') {
    positiveInt('initialMs', policy.initialMs)
    positiveInt('maxAttempts', policy.maxAttempts)
    if (policy.maxMs < policy.initialMs) problems.push(`${code}: maxMs must be at least initialMs`)
    if (!(policy.factor >= 1)) problems.push(`${code}: factor must be at least 1`)
  } else if (policy.kind === 'scheduled') {
    positiveInt('intervalMs', policy.intervalMs)
    positiveInt('maxAttempts', policy.maxAttempts)
  }
  return problems
}

/**
 * Builds the full table, one policy per code, and validates it: every override names a known code, and
 * every bound is sane. Throws listing all problems (a programming error, not a runtime condition).
 */
export function compileRetryTable(
  overrides: Readonly<Record<string, RetryPolicy>> = RETRY_OVERRIDES,
): Readonly<Record<SyncErrorCode, RetryPolicy>> {
  const codes = Object.keys(ERROR_CODES) as SyncErrorCode[]
  const problems = Object.keys(overrides)
    .filter((code) => !(code in ERROR_CODES))
    .map((code) => `${code}: not in ERROR_CODES`)
  const table = Object.fromEntries(
    codes.map((code) => [code, overrides[code] ?? defaultPolicy(code)] as const),
  ) as Record<SyncErrorCode, RetryPolicy>
  for (const code of codes) problems.push(...checkBounds(code, table[code]))
  if (problems.length > 0) throw new Error(`invalid retry table:\n${problems.join('\n')}`)
  return Object.freeze(table)
}

let compiled: Readonly<Record<SyncErrorCode, RetryPolicy>> | undefined

/**
 * The policy for a code, from the built-in table. The table is compiled on first use rather than at
 * import, so a stale override fails the retry tests and the first lookup, not every import of the core.
 */
export function retryPolicyFor(code: SyncErrorCode): RetryPolicy {
  compiled ??= compileRetryTable()
  return compiled[code]
}

/**
 * Milliseconds to wait before retry number `attempt` (1 = the first retry) under a backoff policy, or
 * undefined when the attempts are used up. A server's Retry-After is never undercut.
 */
export function backoffDelayMs(
  policy: Extract<RetryPolicy, { kind: 'backoff' }>,
  attempt: number,
  retryAfterMs?: number,
): number | undefined {
  if (attempt < 1 || attempt > policy.maxAttempts) return undefined
  const computed = Math.min(policy.maxMs, policy.initialMs * policy.factor ** (attempt - 1))
  return Math.max(computed, retryAfterMs ?? 0)
}
