import { describe, expect, it } from 'vitest'

import { ERROR_CODES, type SyncErrorCode } from './error-codes.js'
import {
  backoffDelayMs,
  compileRetryTable,
  DEFAULT_BACKOFF,
  DEFAULT_SCHEDULED,
  type RetryPolicy,
  retryPolicyFor,
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

  it('pauses the connection when the org or portal identity changed, suspends a side on a spent budget', () => {
    expect(RETRY_TABLE.ENGINE_IDENTITY_CHANGED).toEqual({ kind: 'pause-connection' })
    expect(RETRY_TABLE.ENGINE_BUDGET_EXHAUSTED).toEqual({ kind: 'suspend-side' })
    expect(RETRY_TABLE.SF_RATE_LIMITED).toEqual({ kind: 'suspend-side' })
  })

  it('fails configuration errors and schedules other permanent errors', () => {
    expect(RETRY_TABLE.CONFIG_INVALID).toEqual({ kind: 'fail' })
    const scheduled = codes.filter((code) => RETRY_TABLE[code].kind === 'scheduled')
    for (const code of scheduled) expect(RETRY_TABLE[code]).toEqual(DEFAULT_SCHEDULED)
  })

  it('refuses an override for a code that does not exist, and bad bounds, listing all problems', () => {
    const bad: Record<string, RetryPolicy> = {
      NO_SUCH_CODE: { kind: 'fail' },
      CONFIG_INVALID: { kind: 'backoff', initialMs: 1000, maxMs: 10, factor: 0.5, maxAttempts: 0 },
    }
    expect(() => compileRetryTable(bad)).toThrow(
      [
        'invalid retry table:',
        'NO_SUCH_CODE: not in ERROR_CODES',
        'CONFIG_INVALID: maxAttempts must be a positive integer',
        'CONFIG_INVALID: maxMs must be at least initialMs',
        'CONFIG_INVALID: factor must be at least 1',
      ].join('\n'),
    )
  })
})

describe('backoffDelayMs', () => {
  const policy = DEFAULT_BACKOFF as Extract<RetryPolicy, { kind: 'backoff' }>

  it('doubles from initialMs, caps at maxMs and stops after maxAttempts', () => {
    const wide = { ...policy, maxAttempts: 8 }
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((attempt) => backoffDelayMs(wide, attempt))).toEqual([
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
  })

  it('never retries sooner than Retry-After asks', () => {
    expect(backoffDelayMs(policy, 1, 10_000)).toBe(10_000)
    expect(backoffDelayMs(policy, 3, 100)).toBe(4000)
  })
})
