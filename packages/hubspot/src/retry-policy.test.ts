import { readdirSync, readFileSync } from 'node:fs'

import {
  backoffDelayMs,
  compileRetryTable,
  ERROR_CODES,
  retryPolicyFor,
  type SyncErrorCode,
} from '@crmsync/core'
import { describe, expect, it } from 'vitest'

import { withRetry } from './retry-policy.js'

/** What the client throws for an HTTP failure (ApiException, duck-typed). */
function apiException(
  code: number,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return Object.assign(new Error(`HTTP-Code: ${code}`), { code, body, headers })
}

/** Runs withRetry over a call that always throws `thrown`; returns the calls made and the waits slept. */
async function alwaysFailing(thrown: Error, table?: Parameters<typeof withRetry>[2]['table']) {
  let calls = 0
  const waits: number[] = []
  const reported: number[] = []
  const error = await withRetry(
    'search',
    () => {
      calls += 1
      return Promise.reject(thrown)
    },
    {
      table,
      sleep: (ms) => Promise.resolve(void waits.push(ms)),
      onRetry: (_code, ms) => void reported.push(ms),
    },
  ).catch((err: unknown) => err)
  expect(reported).toEqual(waits)
  return { error, calls, waits }
}

/** The waits the core's table gives a code, without a server wait. */
function tableWaits(code: SyncErrorCode, retryAfterMs?: number): number[] {
  const policy = retryPolicyFor(code)
  const attempts = policy.kind === 'backoff' ? policy.maxAttempts : 1
  return Array.from({ length: attempts - 1 }, (_, n) => backoffDelayMs(policy, n + 1, retryAfterMs) ?? -1)
}

const BURST = {
  policyName: 'TEN_SECONDLY_ROLLING',
  message: 'You have reached your ten_secondly_rolling limit.',
}

describe('HubSpot retries follow the core retry table (design.md 3.5, style guide item 12)', () => {
  it('retries in the run exactly the HubSpot codes the table retries: 429, 5xx and network failures', () => {
    const hubspot = (Object.keys(ERROR_CODES) as SyncErrorCode[]).filter((code) => code.startsWith('HS_'))
    const retried = hubspot.filter((code) => retryPolicyFor(code).kind === 'backoff')
    expect(retried.sort()).toEqual(['HS_NETWORK', 'HS_RATE_LIMITED', 'HS_UNAVAILABLE'])
  })

  it('stops after the table’s attempts and rethrows the last failure as a SyncError', async () => {
    const { error, calls, waits } = await alwaysFailing(apiException(502))
    expect(error).toMatchObject({ code: 'HS_UNAVAILABLE' })
    expect(calls).toBe(5)
    expect(waits).toEqual([500, 1000, 2000, 4000])
    expect(waits).toEqual(tableWaits('HS_UNAVAILABLE'))
  })

  it('waits the burst window on each ten-secondly 429, eight attempts, as the table says', async () => {
    const { error, calls, waits } = await alwaysFailing(apiException(429, BURST))
    expect(error).toMatchObject({ code: 'HS_RATE_LIMITED' })
    expect(calls).toBe(8)
    expect(waits).toEqual([10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000])
    expect(waits).toEqual(tableWaits('HS_RATE_LIMITED', 10_000))
  })

  it('honours a Retry-After longer than the backoff, and caps a hostile one at the table’s 10 s', async () => {
    const short = await alwaysFailing(apiException(429, BURST, { 'retry-after': '3' }))
    expect(short.waits).toEqual([3000, 3000, 4000, 8000, 10_000, 10_000, 10_000])
    const hostile = await alwaysFailing(apiException(429, BURST, { 'retry-after': '3600' }))
    expect(hostile.waits).toEqual(Array.from({ length: 7 }, () => 10_000))
  })

  it('does not retry the daily limit or a validation error', async () => {
    const daily = await alwaysFailing(apiException(429, { policyName: 'DAILY' }))
    expect(daily).toMatchObject({ calls: 1, waits: [], error: { code: 'HS_DAILY_LIMIT' } })
    const invalid = await alwaysFailing(apiException(400, { message: 'bad' }))
    expect(invalid).toMatchObject({ calls: 1, waits: [] })
  })

  it('follows a table passed in options: doubling to its cap, a longer server wait honoured, never above the cap', async () => {
    const table = compileRetryTable({
      HS_UNAVAILABLE: { kind: 'backoff', maxAttempts: 6, initialMs: 500, factor: 2, maxMs: 4000 },
      HS_RATE_LIMITED: { kind: 'backoff', maxAttempts: 3, initialMs: 500, factor: 2, maxMs: 4000 },
    })
    expect((await alwaysFailing(apiException(503), table)).waits).toEqual([500, 1000, 2000, 4000, 4000])
    const asked = (seconds: string) => apiException(429, BURST, { 'retry-after': seconds })
    expect((await alwaysFailing(asked('3'), table)).waits).toEqual([3000, 3000])
    expect((await alwaysFailing(asked('60'), table)).waits).toEqual([4000, 4000])
    const zero = compileRetryTable({
      HS_NETWORK: { kind: 'backoff', maxAttempts: 2, initialMs: 0, factor: 1, maxMs: 0 },
    })
    expect(await alwaysFailing(new TypeError('fetch failed'), zero)).toMatchObject({ calls: 2, waits: [0] })
  })
})

describe('no second retry table (style guide item 12)', () => {
  // The connector used to keep its own table, which drifted from the core's. Retry bounds written as
  // numbers anywhere in the connector's source would be one again.
  const sourceDir = new URL('./', import.meta.url)
  const sources = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => ({ file, text: readFileSync(new URL(file, sourceDir), 'utf8') }))

  it('reads the connector’s sources', () => {
    expect(sources.map((source) => source.file)).toContain('retry-policy.ts')
  })

  it('holds no retry bounds and exports no retry table of its own', () => {
    const bound =
      /\b(attempts|maxAttempts|baseMs|initialMs|initialDelayMs|maxMs|maxDelayMs|factor|everyMs|maxRetries)\s*:\s*[1-9]/
    const table = /export (const|type|interface) (\w*RETRY_TABLE\w*|RetryTable|RetryRule)\b/
    const offending = sources.filter(({ text }) => bound.test(text) || table.test(text))
    expect(offending.map((source) => source.file)).toEqual([])
  })
})
