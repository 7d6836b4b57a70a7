import { afterEach, describe, expect, it } from 'vitest'

import { dailyApiLimit } from './api-allocation.js'
import { failure, type Harness, startHarness } from './testing/harness.js'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

async function dailyMax(harness: Harness): Promise<number> {
  const limits = await harness.conn.request<{ DailyApiRequests: { Max: number } }>(
    '/services/data/v59.0/limits',
  )
  return limits.DailyApiRequests.Max
}

/** The org's answer in Sforce-Limit-Info for one more call. */
async function limitInfo(harness: Harness): Promise<string | null> {
  return (await harness.fetch('/services/data/v59.0/limits')).headers.get('sforce-limit-info')
}

describe('the daily API allocation follows the edition and licences (B-API-5)', () => {
  it('B-API-5: Enterprise with 50 licences reports a limit of 150,000, in /limits and Sforce-Limit-Info', async () => {
    h = await startHarness({ edition: 'Enterprise', licences: 50 })
    expect(await dailyMax(h)).toBe(150_000)
    expect(await limitInfo(h)).toMatch(/^api-usage=\d+\/150000$/)
  })

  it('B-API-5: the per-licence calls by edition, Developer Edition and purchased add-ons', () => {
    expect(dailyApiLimit('Enterprise', 50)).toBe(150_000)
    expect(dailyApiLimit('Professional', 20)).toBe(120_000)
    expect(dailyApiLimit('Unlimited', 10)).toBe(150_000)
    expect(dailyApiLimit('Developer', 2)).toBe(15_000)
    expect(dailyApiLimit('Enterprise', 50, 200_000)).toBe(350_000)
  })

  it('B-API-5: the admin API sets licences and add-ons, an edition change recomputes, apiMax overrides', async () => {
    h = await startHarness()
    // Without licences the org is unmetered in practice: 5,000,000.
    expect(await dailyMax(h)).toBe(5_000_000)
    expect(await h.admin('PUT', '/limits', { licences: 50 })).toMatchObject({
      apiMax: 150_000,
      edition: 'Enterprise',
      licences: 50,
      concurrentLongRunningLimit: 25,
    })
    await h.admin('PUT', '/org', { edition: 'Unlimited' })
    expect(await dailyMax(h)).toBe(350_000)
    await h.admin('PUT', '/limits', { apiAddOnCalls: 10_000 })
    expect(await dailyMax(h)).toBe(360_000)
    await h.admin('PUT', '/limits', { apiMax: 1_000 })
    expect(await dailyMax(h)).toBe(1_000)
    await h.admin('PUT', '/limits', { apiMax: null })
    expect(await dailyMax(h)).toBe(360_000)
    await h.admin('PUT', '/org', { edition: 'Developer' })
    expect(await h.admin('GET', '/limits')).toMatchObject({ apiMax: 25_000, concurrentLongRunningLimit: 5 })
  })

  it('refuses a limit that is not a whole number, and an unknown one, changing nothing', async () => {
    h = await startHarness({ licences: 10 })
    await expect(h.admin('PUT', '/limits', { licences: -1 })).rejects.toThrow(/whole number/)
    await expect(h.admin('PUT', '/limits', { licences: 5, apiMaxx: 3 })).rejects.toThrow(
      /unknown limit apiMaxx/,
    )
    expect(await dailyMax(h)).toBe(110_000)
  })
})

describe('long-running requests are limited per org (B-API-5)', () => {
  /** Starts `n` slow queries and waits (re-reading the counters) until all of them run long. */
  async function runLong(harness: Harness, n: number): Promise<Promise<unknown>[]> {
    // jsforce sends a query when it is awaited: Promise.resolve starts each at once.
    const queries = Array.from({ length: n }, () =>
      Promise.resolve(harness.conn.query('SELECT Id FROM User')),
    )
    for (;;) {
      const { requests } = (await harness.admin('GET', '/counters')) as { requests: { longRunning: number } }
      if (requests.longRunning >= n) return queries
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

  it('B-API-5: with 25 long-running queries in flight the 26th is refused, ConcurrentPerOrgLongTxn', async () => {
    // A "long" request runs 50 ms here instead of 20 s, and every query takes 1.5 s.
    h = await startHarness({ longRunningMs: 50, queryDelayMs: 1_500 })
    const running = await runLong(h, 25)
    const refused = await failure(h.conn.query('SELECT Id FROM User'))
    expect(refused.errorCode ?? refused.name).toBe('REQUEST_LIMIT_EXCEEDED')
    expect(refused.message).toBe('ConcurrentPerOrgLongTxn Limit exceeded.')
    // A request that is not a query is refused as well: the limit is on the org, not on queries.
    expect((await failure(h.conn.sobject('Lead').describe())).message).toBe(
      'ConcurrentPerOrgLongTxn Limit exceeded.',
    )
    await Promise.all(running)
    // Once they are answered the org takes requests again.
    await h.admin('PUT', '/limits', { queryDelayMs: 0 })
    expect((await h.conn.query('SELECT Id FROM User')).totalSize).toBeGreaterThan(0)
  })

  it('B-API-5: a Developer Edition org allows 5 long-running requests', async () => {
    h = await startHarness({ edition: 'Developer', longRunningMs: 50, queryDelayMs: 1_500 })
    const running = await runLong(h, 5)
    expect((await failure(h.conn.query('SELECT Id FROM User'))).message).toBe(
      'ConcurrentPerOrgLongTxn Limit exceeded.',
    )
    await Promise.all(running)
  })

  it('short requests have no concurrency limit', async () => {
    h = await startHarness({ queryDelayMs: 100 })
    const results = await Promise.all(Array.from({ length: 40 }, () => h!.conn.query('SELECT Id FROM User')))
    expect(results.every((r) => r.totalSize > 0)).toBe(true)
  })
})
