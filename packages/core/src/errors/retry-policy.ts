import { assertNever } from '../canonical/assert-never.js'
import type { SuspensionReason } from '../model/connection-state.js'
import { ERROR_CODES, type SyncErrorCode } from './error-codes.js'

/**
 * What crmsync does with an error, by code (design.md 3.5, style guide item 12): the one retry table. Both
 * connectors ask it whether and how long to wait before retrying a call, and the engine asks it how a stored
 * per-record error is retried; nothing else holds retry numbers. docs/errors.md ("Retries") prints the
 * numbers and error-docs.test.ts keeps the two in step.
 *
 * - `backoff`: transient (429, 5xx, network, row lock); retried within the run, see backoffDelayMs. Should
 *   a record still fail after the last attempt, it is stored and retried on DEFAULT_SCHEDULED.
 * - `scheduled`: a per-record permanent error; stored, retried every `everyMs` up to `maxRetries` times, and
 *   at once when the record changes. It never blocks the rest of the batch.
 * - `suspend-side`: an API limit or lost API access; the connection is suspended with `reason` (B-API-4,
 *   B-ERR-9) until a probe finds the cause gone or `crmsync resume` clears it.
 * - `pause-connection`: credentials or access that only a person can fix; the connection pauses and alerts.
 * - `replan`: the target moved (converted lead, merged-away record); relink and plan again.
 * - `fail`: configuration or a broken store; stop and report, retrying cannot help.
 */
export type RetryPolicy =
  | BackoffPolicy
  | ScheduledPolicy
  | SuspendPolicy
  | { readonly kind: 'pause-connection' }
  | { readonly kind: 'replan' }
  | { readonly kind: 'fail' }

/**
 * In-run retries. The wait before retry n is `initialMs * factor^(n-1)`, never shorter than the server's
 * Retry-After (retrying sooner only earns another refusal and spends an attempt) and never longer than
 * `maxMs`, whatever the server asks: a hostile or mistaken Retry-After (an hour) cannot stall a run. If the
 * server meant it, the attempts run out and the error goes to the next cycle or the schedule instead.
 * Waits are exact: the core has no randomness, and no jitter is added.
 */
export interface BackoffPolicy {
  readonly kind: 'backoff'
  /** Calls in all, the first included (1 = no retry); at most MAX_BACKOFF_ATTEMPTS. */
  readonly maxAttempts: number
  /** Wait before the first retry, in ms (0 only in test tables). */
  readonly initialMs: number
  /** Multiplier per further retry; at least 1. */
  readonly factor: number
  /** Longest single wait in ms, the server's Retry-After included; at most MAX_WAIT_MS. */
  readonly maxMs: number
  /**
   * When the last attempt still fails and the error stops a whole cycle, the connection is suspended with
   * this reason (B-ERR-10's "unknown error"). (Default: the cycle fails and the next poll tries again)
   */
  readonly suspendsAs?: SuspensionReason | undefined
}

/** Retries of a stored per-record error: the shape the store's `retry` field takes. */
export interface ScheduledPolicy {
  readonly kind: 'scheduled'
  /** Time between two retries, in ms. */
  readonly everyMs: number
  /** Retries after the first failure; the error stays stored (and shown) after the last one. */
  readonly maxRetries: number
  /**
   * When this error stops a whole cycle rather than one record (a read of a whole object refused), the
   * connection is suspended with this reason (B-ERR-10). (Default: a cycle it stops simply fails)
   */
  readonly suspendsAs?: SuspensionReason | undefined
}

/** Suspends the whole connection with a typed reason (the reference suspends the integration, B-API-4). */
export interface SuspendPolicy {
  readonly kind: 'suspend-side'
  readonly reason: SuspensionReason
}

/** One policy per code, as compileRetryTable returns it. */
export type RetryTable = Readonly<Record<SyncErrorCode, RetryPolicy>>

/** Policies that replace a code's default; keys are checked against ERROR_CODES when compiled. */
export type RetryOverrides = Readonly<Record<string, RetryPolicy>>

/** No table may retry a call more often than this, so a bad entry cannot hammer an API. */
export const MAX_BACKOFF_ATTEMPTS = 10
/** No single in-run wait may be longer than this, so no entry can stall a run (a longer outage is the poll's). */
export const MAX_WAIT_MS = 60_000

/**
 * Transient failures without their own entry: 5xx, 420/429 and dropped connections on either API, and the
 * store's busy or lost connection. 0.5 s, 1 s, 2 s, 4 s: five attempts, as jsforce's own (switched-off) retries
 * make for the same statuses (api-surface 0.7). The old HubSpot table stopped 5xx after 4 and network errors
 * after 3 attempts, the Salesforce one after 5 for both, and the core's default waited up to 60 s: one
 * number now, so the same failure is retried the same way on both sides. The 8 s cap bounds a Retry-After on
 * a 503; an outage longer than that is left to the next cycle rather than held inside one call.
 */
export const DEFAULT_BACKOFF: BackoffPolicy = {
  kind: 'backoff',
  maxAttempts: 5,
  initialMs: 500,
  factor: 2,
  maxMs: 8_000,
}

/**
 * Delivery of a notification (webhook POST or e-mail, B-ERR-11): three attempts, 1 s then 2 s apart. A
 * delivery that still fails is logged and dropped; it never blocks or fails the sync.
 */
export const NOTIFICATION_BACKOFF: BackoffPolicy = {
  kind: 'backoff',
  maxAttempts: 3,
  initialMs: 1_000,
  factor: 2,
  maxMs: 4_000,
}

/** Per-record errors: every 30 minutes, 10 times (the reference's schedule, design.md 3.5, B-API-2). */
export const DEFAULT_SCHEDULED: ScheduledPolicy = { kind: 'scheduled', everyMs: 30 * 60_000, maxRetries: 10 }

/**
 * Codes whose handling differs from the default of their `retryable` flag and origin. Keys are checked
 * against ERROR_CODES when the table is compiled, so a renamed code fails loudly.
 */
export const RETRY_OVERRIDES: RetryOverrides = {
  // HubSpot's burst limit is a ten-second rolling window (X-HubSpot-RateLimit-Interval-Milliseconds), so
  // after 10 s every call it counted has aged out: a longer wait never helps, hence the 10 s cap (the
  // connector's old 20 s cap allowed waits that cannot be needed). The window is shared with every other
  // integration of the app, and giving up fails the whole cycle until the next poll, while a refused call
  // writes nothing: eight attempts (about 70 s of 10 s waits) ride out a busy minute, where the old
  // connector table gave up after five. The 1 s start matches the secondly (search) limit.
  HS_RATE_LIMITED: { kind: 'backoff', maxAttempts: 8, initialMs: 1_000, factor: 2, maxMs: 10_000 },
  // UNABLE_TO_LOCK_ROW: Salesforce has already held the request up to 10 s waiting for the lock, so a short
  // client wait (0.5 s, 1 s, 2 s) only lets the holder commit. Each retry round is another Collections call
  // (B-API-3 budgets 4 calls per contact sync), and the record is retried on the schedule anyway, so four
  // attempts (the connector's number) rather than the core's old six retries. No Retry-After comes with a
  // per-record result; the cap only bounds the doubling.
  SF_LOCKED: { kind: 'backoff', maxAttempts: 4, initialMs: 500, factor: 2, maxMs: 4_000 },
  // REQUEST_LIMIT_EXCEEDED "ConcurrentPerOrgLongTxn": the org already runs its 25 (Developer: 5) requests of
  // 20 s or longer (B-API-5), so a new call is refused until one of them ends. Unlike the daily limit it
  // frees itself within seconds, so it is retried rather than suspending: 2, 4, 8, 16, 30 s give those
  // requests a minute to finish; after that the call fails and the batch waits for the next cycle.
  SF_CONCURRENT_LIMIT: { kind: 'backoff', maxAttempts: 6, initialMs: 2_000, factor: 2, maxMs: 30_000 },
  HS_DAILY_LIMIT: { kind: 'suspend-side', reason: 'hubspot_daily_limit' },
  SF_RATE_LIMITED: { kind: 'suspend-side', reason: 'api_limit' },
  // UNKNOWN_EXCEPTION: retried like a 5xx, and when it outlasts the retries it suspends the connection
  // (B-ERR-10: "unknown error" suspensions often clear by themselves, which the probe notices).
  SF_UNKNOWN_EXCEPTION: { ...DEFAULT_BACKOFF, suspendsAs: 'unknown' },
  // A per-record refusal stays a per-record error (B-INST-4); a whole object refused to a read stops every
  // cycle, so it suspends (B-ERR-10).
  SF_INSUFFICIENT_ACCESS: { ...DEFAULT_SCHEDULED, suspendsAs: 'object_permissions' },
  // An object the user may not read does not exist for them (INVALID_TYPE): nothing of it can sync.
  SF_OBJECT_NOT_ACCESSIBLE: { kind: 'suspend-side', reason: 'object_permissions' },
  HS_UNAUTHORIZED: { kind: 'pause-connection' },
  HS_MISSING_SCOPES: { kind: 'pause-connection' },
  // Only a Super Admin of the portal may connect it (B-INST-2): a person changes the user or the rights.
  HS_USER_NOT_ADMIN: { kind: 'pause-connection' },
  SF_SESSION_EXPIRED: { kind: 'pause-connection' },
  SF_AUTH_FAILED: { kind: 'pause-connection' },
  // B-ERR-9: suspended, not paused, so it resumes by itself once API access is back (a probe), or at once
  // on `crmsync resume`, which checks the credentials again.
  SF_API_DISABLED: { kind: 'suspend-side', reason: 'api_disabled' },
  // The org or portal behind a connection changed (a full-copy sandbox keeps production ids): a person decides.
  ENGINE_IDENTITY_CHANGED: { kind: 'pause-connection' },
  // A permission only an administrator can grant (B-INST-5).
  DEAL_SYNC_PERMISSION_MISSING: { kind: 'pause-connection' },
  // Pre-flight refusals (B-INST-1, B-INST-4, B-INST-9): an edition, an org or a permission a person changes.
  SF_EDITION_UNSUPPORTED: { kind: 'pause-connection' },
  SF_ORG_KIND_MISMATCH: { kind: 'pause-connection' },
  SF_OBJECT_PERMISSION_MISSING: { kind: 'pause-connection' },
  // A field only doctor --fix or an administrator creates (B-ACT-1).
  ACTIVITY_KEY_FIELD_MISSING: { kind: 'pause-connection' },
  // Only a person reconnects a disconnected connection (B-INST-14).
  ENGINE_DISCONNECTED: { kind: 'pause-connection' },
  ENGINE_BUDGET_EXHAUSTED: { kind: 'suspend-side', reason: 'api_limit' },
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
  const integer = (name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
    if (!Number.isInteger(value) || value < min || value > max)
      problems.push(`${code}: ${name} must be an integer in ${min}..${max}`)
  }
  switch (policy.kind) {
    case 'backoff':
      integer('maxAttempts', policy.maxAttempts, 1, MAX_BACKOFF_ATTEMPTS)
      integer('initialMs', policy.initialMs, 0, MAX_WAIT_MS)
      integer('maxMs', policy.maxMs, 0, MAX_WAIT_MS)
      if (policy.maxMs < policy.initialMs) problems.push(`${code}: maxMs must be at least initialMs`)
      if (!(policy.factor >= 1)) problems.push(`${code}: factor must be at least 1`)
      return problems
    case 'scheduled':
      integer('everyMs', policy.everyMs, 1)
      integer('maxRetries', policy.maxRetries, 1)
      return problems
    case 'suspend-side':
    case 'pause-connection':
    case 'replan':
    case 'fail':
      return problems
    default:
      return assertNever(policy)
  }
}

/**
 * Builds the full table, one policy per code: each code's default, then RETRY_OVERRIDES, then `overrides`
 * (tests pass e.g. zero waits). Validates it: every override names a known code, and every bound is sane.
 * Throws listing all problems (a programming error, not a runtime condition).
 */
export function compileRetryTable(overrides: RetryOverrides = {}): RetryTable {
  const merged: RetryOverrides = { ...RETRY_OVERRIDES, ...overrides }
  const codes = Object.keys(ERROR_CODES) as SyncErrorCode[]
  const problems = Object.keys(merged)
    .filter((code) => !(code in ERROR_CODES))
    .map((code) => `${code}: not in ERROR_CODES`)
  const table = Object.fromEntries(
    codes.map((code) => [code, Object.freeze({ ...(merged[code] ?? defaultPolicy(code)) })] as const),
  ) as Record<SyncErrorCode, RetryPolicy>
  for (const code of codes) problems.push(...checkBounds(code, table[code]))
  if (problems.length > 0) throw new Error(`invalid retry table:\n${problems.join('\n')}`)
  return Object.freeze(table)
}

let builtIn: RetryTable | undefined

/**
 * The suspension an error causes when it stops a whole cycle (B-API-4, B-ERR-9, B-ERR-10), read from the
 * retry table: a `suspend-side` code's reason, or the `suspendsAs` of a code that only suspends when a
 * whole cycle fails on it. Undefined: the error does not suspend.
 */
export function suspensionFor(code: SyncErrorCode, table?: RetryTable): SuspensionReason | undefined {
  const policy = retryPolicyFor(code, table)
  switch (policy.kind) {
    case 'suspend-side':
      return policy.reason
    case 'backoff':
    case 'scheduled':
      return policy.suspendsAs
    case 'pause-connection':
    case 'replan':
    case 'fail':
      return undefined
    default:
      return assertNever(policy)
  }
}

/**
 * The policy for a code, from `table` or the built-in table. The built-in table is compiled on first use
 * rather than at import, so a stale override fails the retry tests and the first lookup, not every import.
 */
export function retryPolicyFor(code: SyncErrorCode, table?: RetryTable): RetryPolicy {
  if (table !== undefined) return table[code]
  builtIn ??= compileRetryTable()
  return builtIn[code]
}

/**
 * Milliseconds to wait after failed attempt `attempt` (1 = the first call) before the next one, or
 * undefined when the policy retries nothing in the run or the attempts are used up. The wait is the
 * policy's backoff, raised to the server's Retry-After, and capped at `maxMs` (see BackoffPolicy).
 */
export function backoffDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs?: number,
): number | undefined {
  if (policy.kind !== 'backoff' || attempt < 1 || attempt >= policy.maxAttempts) return undefined
  const computed = policy.initialMs * policy.factor ** (attempt - 1)
  return Math.min(policy.maxMs, Math.max(computed, retryAfterMs ?? 0))
}

/** Test overrides of the schedule (EngineOptions.retryEveryMs / maxRetries); unset fields keep the table's. */
export interface ScheduleOverrides {
  readonly everyMs?: number | undefined
  readonly maxRetries?: number | undefined
}

/**
 * How a stored per-record error with this code is retried, in the shape the store's `retry` field takes, or
 * undefined when it is not retried on a schedule (limits, pauses, replans, failures). A `backoff` code that
 * still fails after its in-run attempts is scheduled on DEFAULT_SCHEDULED. The engine calls this when it
 * stores a per-record error.
 */
export function scheduledRetryFor(
  code: SyncErrorCode,
  overrides: ScheduleOverrides = {},
  table?: RetryTable,
): { readonly everyMs: number; readonly maxRetries: number } | undefined {
  const policy = retryPolicyFor(code, table)
  const schedule =
    policy.kind === 'scheduled' ? policy : policy.kind === 'backoff' ? DEFAULT_SCHEDULED : undefined
  if (schedule === undefined) return undefined
  return {
    everyMs: overrides.everyMs ?? schedule.everyMs,
    maxRetries: overrides.maxRetries ?? schedule.maxRetries,
  }
}
