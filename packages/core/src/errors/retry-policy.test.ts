import { describe, expect, it } from 'vitest'

import { ERROR_CODES, type SyncErrorCode } from './error-codes.js'
import {
  backoffDelayMs,
  type BackoffPolicy,
  compileRetryTable,
  DEFAULT_BACKOFF,
  DEFAULT_SCHEDULED,
  MAX_BACKOFF_ATTEMPTS,
  MAX_WAIT_MS,
  type RetryOverrides,
  retryPolicyFor,
  type ScheduledPolicy,
  scheduledRetryFor,
  suspensionFor,
} from './retry-policy.js'

const codes = Object.keys(ERROR_CODES) as SyncErrorCode[]

describe('retry table', () => {
  const RETRY_TABLE = compileRetryTable()

  it('compiles the built-in overrides with a policy for every code', () => {
    expect(Object.keys(RETRY_TABLE).sort()).toEqual([...codes].sort())
    for (const code of codes) expect(retryPolicyFor(code)).toEqual(RETRY_TABLE[code])
  })

  it('retries in the run only what ERROR_CODES marks retryable', () => {
    for (const code of codes) {
      const retryable: boolean = ERROR_CODES[code].retryable
      expect(RETRY_TABLE[code].kind === 'backoff', code).toBe(retryable)
    }
  })

  it('holds the chosen in-run numbers (docs/errors.md "Retries" prints them)', () => {
    expect(RETRY_TABLE.HS_RATE_LIMITED).toEqual({
      kind: 'backoff',
      maxAttempts: 8,
      initialMs: 1000,
      factor: 2,
      maxMs: 10_000,
    })
    expect(RETRY_TABLE.SF_LOCKED).toEqual({
      kind: 'backoff',
      maxAttempts: 4,
      initialMs: 500,
      factor: 2,
      maxMs: 4000,
    })
    const others = ['SF_UNAVAILABLE', 'HS_UNAVAILABLE', 'HS_NETWORK', 'STORE_BUSY'] as const
    for (const code of others) {
      expect(RETRY_TABLE[code], code).toEqual({
        kind: 'backoff',
        maxAttempts: 5,
        initialMs: 500,
        factor: 2,
        maxMs: 8000,
      })
    }
  })

  it('pauses the connection when the org or portal identity changed, suspends a side on a spent budget', () => {
    expect(RETRY_TABLE.ENGINE_IDENTITY_CHANGED).toEqual({ kind: 'pause-connection' })
    expect(RETRY_TABLE.ENGINE_BUDGET_EXHAUSTED).toEqual({ kind: 'suspend-side', reason: 'api_limit' })
    expect(RETRY_TABLE.SF_RATE_LIMITED).toEqual({ kind: 'suspend-side', reason: 'api_limit' })
  })

  it('fails configuration errors and schedules other permanent errors every 30 minutes, 10 times', () => {
    expect(RETRY_TABLE.CONFIG_INVALID).toEqual({ kind: 'fail' })
    expect(DEFAULT_SCHEDULED).toEqual({ kind: 'scheduled', everyMs: 30 * 60_000, maxRetries: 10 })
    const scheduled = codes.filter((code) => RETRY_TABLE[code].kind === 'scheduled')
    expect(scheduled).toContain('SF_VALIDATION')
    // A whole object refused to a read also suspends (B-ERR-10); its per-record schedule is the default one.
    for (const code of scheduled) {
      const { suspendsAs, ...schedule } = RETRY_TABLE[code] as ScheduledPolicy
      expect(schedule, code).toEqual(DEFAULT_SCHEDULED)
      expect(suspendsAs, code).toBe(code === 'SF_INSUFFICIENT_ACCESS' ? 'object_permissions' : undefined)
    }
  })

  it('applies a test override on top of the built-in overrides, which stay', () => {
    const zero = { kind: 'backoff', maxAttempts: 3, initialMs: 0, factor: 1, maxMs: 0 } as const
    const table = compileRetryTable({ HS_UNAVAILABLE: zero })
    expect(table.HS_UNAVAILABLE).toEqual(zero)
    expect(table.HS_RATE_LIMITED).toEqual(RETRY_TABLE.HS_RATE_LIMITED)
    expect(table.SF_RATE_LIMITED).toEqual({ kind: 'suspend-side', reason: 'api_limit' })
    expect(retryPolicyFor('HS_UNAVAILABLE', table)).toEqual(zero)
    expect(retryPolicyFor('HS_UNAVAILABLE')).toEqual(DEFAULT_BACKOFF)
  })

  it('refuses an override for a code that does not exist, and bad bounds, listing all problems', () => {
    const bad: RetryOverrides = {
      NO_SUCH_CODE: { kind: 'fail' },
      CONFIG_INVALID: { kind: 'backoff', initialMs: 1000, maxMs: 10, factor: 0.5, maxAttempts: 0 },
      SF_VALIDATION: { kind: 'scheduled', everyMs: 0, maxRetries: 1.5 },
    }
    expect(() => compileRetryTable(bad)).toThrow(
      [
        'invalid retry table:',
        'NO_SUCH_CODE: not in ERROR_CODES',
        'CONFIG_INVALID: maxAttempts must be an integer in 1..10',
        'CONFIG_INVALID: maxMs must be at least initialMs',
        'CONFIG_INVALID: factor must be at least 1',
        `SF_VALIDATION: everyMs must be an integer in 1..${Number.MAX_SAFE_INTEGER}`,
        `SF_VALIDATION: maxRetries must be an integer in 1..${Number.MAX_SAFE_INTEGER}`,
      ].join('\n'),
    )
  })

  it('refuses a cap or attempt count that could stall a run or hammer an API', () => {
    const tooLong = { kind: 'backoff', maxAttempts: 3, initialMs: 1000, factor: 2, maxMs: 3_600_000 } as const
    expect(() => compileRetryTable({ SF_LOCKED: tooLong })).toThrow(
      `SF_LOCKED: maxMs must be an integer in 0..${MAX_WAIT_MS}`,
    )
    const tooMany = { ...DEFAULT_BACKOFF, maxAttempts: MAX_BACKOFF_ATTEMPTS + 1 }
    expect(() => compileRetryTable({ SF_LOCKED: tooMany })).toThrow(
      `SF_LOCKED: maxAttempts must be an integer in 1..${MAX_BACKOFF_ATTEMPTS}`,
    )
    expect(() => compileRetryTable({ SF_LOCKED: { ...DEFAULT_BACKOFF, maxMs: MAX_WAIT_MS } })).not.toThrow()
  })
})

describe('backoffDelayMs', () => {
  const policy: BackoffPolicy = { kind: 'backoff', maxAttempts: 9, initialMs: 1000, factor: 2, maxMs: 60_000 }

  it('doubles from initialMs, caps at maxMs and stops when maxAttempts calls have been made', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((attempt) => backoffDelayMs(policy, attempt))).toEqual([
      1000,
      2000,
      4000,
      8000,
      16000,
      32000,
      60000,
      60000,
      undefined,
    ])
    expect(backoffDelayMs(policy, 0)).toBeUndefined()
  })

  it('never retries sooner than Retry-After asks, up to the cap', () => {
    expect(backoffDelayMs(policy, 1, 10_000)).toBe(10_000)
    expect(backoffDelayMs(policy, 3, 100)).toBe(4000)
    expect(backoffDelayMs(policy, 1, 60_000)).toBe(60_000)
  })

  it('caps a hostile Retry-After at maxMs: an hour asked is the cap waited', () => {
    expect(backoffDelayMs(policy, 1, 3_600_000)).toBe(60_000)
    expect(backoffDelayMs(retryPolicyFor('HS_RATE_LIMITED'), 1, 3_600_000)).toBe(10_000)
    expect(backoffDelayMs(retryPolicyFor('SF_UNAVAILABLE'), 4, 3_600_000)).toBe(8000)
  })

  it('follows the built-in entries: HubSpot 429 waits the window, other transients 0.5 s doubling', () => {
    const rateLimited = retryPolicyFor('HS_RATE_LIMITED')
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelayMs(rateLimited, n))).toEqual([
      1000,
      2000,
      4000,
      8000,
      10_000,
      10_000,
      10_000,
      undefined,
    ])
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(retryPolicyFor('HS_NETWORK'), n))).toEqual([
      500,
      1000,
      2000,
      4000,
      undefined,
    ])
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(retryPolicyFor('SF_LOCKED'), n))).toEqual([
      500,
      1000,
      2000,
      undefined,
    ])
  })

  it('retries nothing in the run for a code that is not backoff', () => {
    expect(backoffDelayMs(retryPolicyFor('SF_VALIDATION'), 1)).toBeUndefined()
    expect(backoffDelayMs(retryPolicyFor('HS_DAILY_LIMIT'), 1, 1000)).toBeUndefined()
  })
})

describe('scheduledRetryFor (design.md 3.5)', () => {
  it('schedules per-record errors every 30 minutes, 10 times', () => {
    expect(scheduledRetryFor('SF_VALIDATION')).toEqual({ everyMs: 1_800_000, maxRetries: 10 })
    expect(scheduledRetryFor('OWNER_NOT_MATCHED')).toEqual({ everyMs: 1_800_000, maxRetries: 10 })
  })

  it('schedules a transient error that outlived its in-run attempts on the default schedule', () => {
    expect(scheduledRetryFor('SF_LOCKED')).toEqual({ everyMs: 1_800_000, maxRetries: 10 })
  })

  it('does not schedule limits, pauses, replans or failures', () => {
    for (const code of ['SF_RATE_LIMITED', 'HS_UNAUTHORIZED', 'SF_CONVERTED_LEAD', 'CONFIG_INVALID'] as const)
      expect(scheduledRetryFor(code), code).toBeUndefined()
  })

  it('lets tests override the interval or the count, keeping the other from the table', () => {
    expect(scheduledRetryFor('SF_VALIDATION', { everyMs: 1000 })).toEqual({ everyMs: 1000, maxRetries: 10 })
    expect(scheduledRetryFor('SF_VALIDATION', { maxRetries: 2, everyMs: undefined })).toEqual({
      everyMs: 1_800_000,
      maxRetries: 2,
    })
    expect(scheduledRetryFor('SF_RATE_LIMITED', { everyMs: 1000 })).toBeUndefined()
  })

  it('reads a given table', () => {
    const table = compileRetryTable({ SF_VALIDATION: { kind: 'scheduled', everyMs: 60_000, maxRetries: 3 } })
    expect(scheduledRetryFor('SF_VALIDATION', {}, table)).toEqual({ everyMs: 60_000, maxRetries: 3 })
  })
})

describe('suspensions come from the retry table (B-API-4, B-ERR-9, B-ERR-10)', () => {
  it('B-API-4, B-ERR-9, B-ERR-10: names the reason of every code that suspends, and of no other', () => {
    const suspending = Object.fromEntries(
      codes.flatMap((code) => {
        const reason = suspensionFor(code)
        return reason === undefined ? [] : [[code, reason]]
      }),
    )
    expect(suspending).toEqual({
      SF_RATE_LIMITED: 'api_limit',
      ENGINE_BUDGET_EXHAUSTED: 'api_limit',
      SF_API_DISABLED: 'api_disabled',
      SF_INSUFFICIENT_ACCESS: 'object_permissions',
      SF_OBJECT_NOT_ACCESSIBLE: 'object_permissions',
      HS_DAILY_LIMIT: 'hubspot_daily_limit',
      SF_UNKNOWN_EXCEPTION: 'unknown',
    })
  })

  it('B-ERR-10: retries an unknown exception in the run like a 5xx before it suspends', () => {
    const { suspendsAs, ...backoff } = retryPolicyFor('SF_UNKNOWN_EXCEPTION') as BackoffPolicy
    expect(backoff).toEqual(DEFAULT_BACKOFF)
    expect(suspendsAs).toBe('unknown')
  })
})
