import { readdirSync, readFileSync } from 'node:fs'

import {
  backoffDelayMs,
  compileRetryTable,
  ERROR_CODES,
  retryPolicyFor,
  type RetryTable,
  SyncError,
  type SyncErrorCode,
} from '@crmsync/core'
import type { Connection } from 'jsforce'
import { describe, expect, it } from 'vitest'

import { ApiMeter } from './api-meter.js'
import { SalesforceHttp } from './salesforce-http.js'

/**
 * The retry decisions only: waitBeforeRetry never touches the connection, so none is needed (the emulator
 * tests in write.emu.test.ts show the same waits on real calls).
 */
function http(options: { table?: RetryTable; mayRetry?: (code: SyncErrorCode) => boolean } = {}) {
  const waits: number[] = []
  const instance = new SalesforceHttp({
    connection: {} as Connection,
    meter: new ApiMeter(),
    retryTable: options.table,
    mayRetry: options.mayRetry,
    sleep: (ms) => Promise.resolve(void waits.push(ms)),
  })
  return { instance, waits }
}

/** Asks after each failed attempt until the answer is no; returns the attempts made. */
async function attemptsUntilGivenUp(instance: SalesforceHttp, code: SyncErrorCode, retryAfterMs?: number) {
  let attempt = 1
  while (await instance.waitBeforeRetry(code, attempt, retryAfterMs)) attempt += 1
  return attempt
}

describe('Salesforce retries follow the core retry table (design.md 3.5, style item 12)', () => {
  it('retries in the run exactly the Salesforce codes the table retries: 5xx/timeouts, unknown exceptions, row locks and the long-running limit', () => {
    const salesforce = (Object.keys(ERROR_CODES) as SyncErrorCode[]).filter((code) => code.startsWith('SF_'))
    expect(salesforce.filter((code) => retryPolicyFor(code).kind === 'backoff').sort()).toEqual([
      'SF_CONCURRENT_LIMIT',
      'SF_LOCKED',
      'SF_UNAVAILABLE',
      'SF_UNKNOWN_EXCEPTION',
    ])
  })

  it('waits 0.5 s doubling over five attempts for SF_UNAVAILABLE, and over four for SF_LOCKED', async () => {
    const unavailable = http()
    expect(await attemptsUntilGivenUp(unavailable.instance, 'SF_UNAVAILABLE')).toBe(5)
    expect(unavailable.waits).toEqual([500, 1000, 2000, 4000])
    const locked = http()
    expect(await attemptsUntilGivenUp(locked.instance, 'SF_LOCKED')).toBe(4)
    expect(locked.waits).toEqual([500, 1000, 2000])
    for (const [code, waits] of [
      ['SF_UNAVAILABLE', unavailable.waits],
      ['SF_LOCKED', locked.waits],
    ] as const) {
      const policy = retryPolicyFor(code)
      expect(waits.map((_, n) => backoffDelayMs(policy, n + 1))).toEqual(waits)
    }
  })

  it('B-API-5: waits 2 s doubling to 30 s over six attempts for SF_CONCURRENT_LIMIT (long-running requests)', async () => {
    const concurrent = http()
    expect(await attemptsUntilGivenUp(concurrent.instance, 'SF_CONCURRENT_LIMIT')).toBe(6)
    expect(concurrent.waits).toEqual([2000, 4000, 8000, 16000, 30000])
  })

  it('honours a longer Retry-After up to the table’s 8 s cap, which a hostile one cannot pass', async () => {
    const asked = http()
    await attemptsUntilGivenUp(asked.instance, 'SF_UNAVAILABLE', 3000)
    expect(asked.waits).toEqual([3000, 3000, 3000, 4000])
    const hostile = http()
    await attemptsUntilGivenUp(hostile.instance, 'SF_UNAVAILABLE', 3_600_000)
    expect(hostile.waits).toEqual([8000, 8000, 8000, 8000])
  })

  it('does not retry a limit or a per-record error in the run', async () => {
    const { instance, waits } = http()
    for (const code of ['SF_RATE_LIMITED', 'SF_VALIDATION', 'SF_SESSION_EXPIRED'] as const)
      expect(await instance.waitBeforeRetry(code, 1), code).toBe(false)
    expect(waits).toEqual([])
  })

  it('asks the engine before every retry and stops when it says no (B-API-2)', async () => {
    const asked: SyncErrorCode[] = []
    const { instance, waits } = http({
      mayRetry: (code) => {
        asked.push(code)
        return false
      },
    })
    expect(await instance.waitBeforeRetry('SF_LOCKED', 1)).toBe(false)
    expect(asked).toEqual(['SF_LOCKED'])
    expect(waits).toEqual([])
  })

  it('follows a table passed in options: growing by its factor to its cap, stopping after its attempts', async () => {
    const table = compileRetryTable({
      SF_LOCKED: { kind: 'backoff', maxAttempts: 4, initialMs: 100, factor: 3, maxMs: 500 },
    })
    const { instance, waits } = http({ table })
    expect(await attemptsUntilGivenUp(instance, 'SF_LOCKED')).toBe(4)
    expect(waits).toEqual([100, 300, 500])
    expect(await instance.waitBeforeRetry('SF_VALIDATION', 1)).toBe(false)
    expect(await instance.waitBeforeRetry('SF_LOCKED', 1, 10_000)).toBe(true)
    expect(waits.at(-1)).toBe(500)
  })
})

describe('the call guard (B-API-1)', () => {
  it('a refusal is thrown instead of the call, and the guard is asked with the operation', async () => {
    const { instance } = http()
    const refusal = new SyncError({
      code: 'ENGINE_BUDGET_EXHAUSTED',
      message: '1000 of 1000 Salesforce calls used in the last 24 h',
      origin: 'engine',
      retryable: false,
    })
    const asked: string[] = []
    instance.setGuard({
      beforeCall: (operation) => {
        asked.push(operation)
        return refusal
      },
      mayRetry: () => true,
    })
    // The connection is an empty object: a call that went out would fail otherwise, not with the refusal.
    await expect(instance.send('query', { method: 'GET', url: '/query?q=SELECT+Id+FROM+Lead' })).rejects.toBe(
      refusal,
    )
    expect(asked).toEqual(['query'])
  })

  it('B-API-2: a guard that refuses retries stops them, whatever the table says', async () => {
    const { instance, waits } = http()
    const asked: SyncErrorCode[] = []
    instance.setGuard({
      beforeCall: () => undefined,
      mayRetry: (code) => {
        asked.push(code)
        return false
      },
    })
    expect(await instance.waitBeforeRetry('SF_UNAVAILABLE', 1)).toBe(false)
    expect(asked).toEqual(['SF_UNAVAILABLE'])
    expect(waits).toEqual([])
    instance.setGuard(undefined)
    expect(await instance.waitBeforeRetry('SF_UNAVAILABLE', 1)).toBe(true)
  })
})

describe('no second retry table (style item 12)', () => {
  // The connector used to keep its own table (retry-table.ts), which drifted from the core's. Retry bounds
  // written as numbers anywhere in the connector's source would be one again. jsforce's own retries are
  // switched off with `maxRetries: 0`, which the pattern allows.
  const sourceDir = new URL('./', import.meta.url)
  const sources = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => ({ file, text: readFileSync(new URL(file, sourceDir), 'utf8') }))

  it('reads the connector’s sources', () => {
    expect(sources.map((source) => source.file)).toContain('salesforce-http.ts')
  })

  it('holds no retry bounds and exports no retry table of its own', () => {
    const bound =
      /\b(attempts|maxAttempts|baseMs|initialMs|initialDelayMs|maxMs|maxDelayMs|factor|everyMs|maxRetries)\s*:\s*[1-9]/
    const table = /export (const|type|interface) (\w*RETRY_TABLE\w*|RetryTable|RetryRule)\b/
    const offending = sources.filter(({ text }) => bound.test(text) || table.test(text))
    expect(offending.map((source) => source.file)).toEqual([])
  })
})
