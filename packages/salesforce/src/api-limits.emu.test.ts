// The org's two REQUEST_LIMIT_EXCEEDED answers through the connector (B-API-5): the daily allocation
// suspends the side, the limit of long-running requests is retried with backoff.
import { isSyncError, type SyncError } from '@crmsync/core'
import { afterEach, describe, expect, it } from 'vitest'

import { classifySalesforceFailure } from './errors.js'
import { type Harness, startHarness } from './testing/sandbox-harness.js'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

async function failureOf(promise: Promise<unknown>): Promise<SyncError> {
  try {
    await promise
  } catch (err) {
    if (isSyncError(err)) return err
    throw err
  }
  throw new Error('expected a SyncError')
}

describe('REQUEST_LIMIT_EXCEEDED: the daily allocation versus long-running requests (B-API-5)', () => {
  it('classifies by Salesforce message: TotalRequests is the daily limit, ConcurrentPerOrgLongTxn is not', () => {
    const limit = (message: string) =>
      classifySalesforceFailure({ salesforceCode: 'REQUEST_LIMIT_EXCEEDED', message })
    expect(limit('TotalRequests Limit exceeded.')).toBe('SF_RATE_LIMITED')
    expect(limit('ConcurrentPerOrgLongTxn Limit exceeded.')).toBe('SF_CONCURRENT_LIMIT')
    expect(classifySalesforceFailure({ salesforceCode: 'REQUEST_LIMIT_EXCEEDED' })).toBe('SF_RATE_LIMITED')
  })

  it('B-API-5: the 26th request while 25 run long is refused, and the connector retries it with backoff', async () => {
    const waits: number[] = []
    let running: Promise<unknown>[] = []
    h = await startHarness({
      // A request counts as long-running after 50 ms here (20 s in Salesforce); each query takes 1.5 s.
      sandbox: { longRunningMs: 50, queryDelayMs: 1_500 },
      connector: {
        // The retry table's wait is recorded; the test then waits for what the wait is for: the long
        // requests to end.
        sleep: async (ms) => {
          waits.push(ms)
          await Promise.all(running)
        },
      },
    })
    const harness = h
    running = Array.from({ length: 25 }, () =>
      Promise.resolve(harness.connection.query('SELECT Id FROM User')),
    )
    for (;;) {
      const { requests } = (await harness.admin('GET', '/counters')) as { requests: { longRunning: number } }
      if (requests.longRunning >= 25) break
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const users = await harness.connector.listUsers()
    expect(users.length).toBeGreaterThan(0)
    // One refusal, then the retry table's first wait for SF_CONCURRENT_LIMIT (2 s), then success.
    expect(waits).toEqual([2_000])
  })

  it('B-API-4: the daily limit (TotalRequests) is not retried: SF_RATE_LIMITED at once', async () => {
    const waits: number[] = []
    h = await startHarness({ connector: { sleep: (ms) => Promise.resolve(void waits.push(ms)) } })
    await h.admin('PUT', '/limits', { apiMax: 10, apiUsed: 10 })
    const err = await failureOf(h.connector.listUsers())
    expect(err.code).toBe('SF_RATE_LIMITED')
    expect(waits).toEqual([])
  })
})
