import { describe, expect, it } from 'vitest'

import { createEngine } from '../create-engine.js'
import { nextSecond, startSandboxPair } from '../testing/sandbox-pair.js'
import { salesforceAdmin, salesforceCallsCounted, storedSalesforceCalls } from './api-usage-helpers.js'
import { createHubSpotContact, soql, updateHubSpotContact } from './scenario-helpers.js'

const DAY_MS = 24 * 60 * 60_000

describe('the Salesforce allocation gate (design.md 3.6)', () => {
  it(
    'B-API-1: allocation 1,000 with 990 used and 20 updates queued: at most 10 calls, the rest wait for the window',
    { timeout: 60_000 },
    async () => {
      const pair = await startSandboxPair({ apiCallAllocation: 1000 })
      try {
        const ids: string[] = []
        for (let i = 0; i < 20; i++)
          ids.push(
            await createHubSpotContact(pair, { email: `gate${i}@x.com`, lastname: `G${i}`, company: 'A' }),
          )
        await pair.sync()
        // 990 calls in the rolling 24 h: what this connection made so far, topped up in the current minute.
        const used = await storedSalesforceCalls(pair)
        await pair.store.addApiCalls('scenario', 'salesforce', pair.deps.clock.now(), 990 - used)
        expect(await storedSalesforceCalls(pair)).toBe(990)
        for (const id of ids) await updateHubSpotContact(pair, id, { jobtitle: 'Gated' })
        // One record per batch, so the 20 updates need far more than 10 calls (a read and a write each).
        const engine = createEngine({ ...pair.deps, options: { batchSize: 1 } })
        await pair.resetCounters()
        await nextSecond()
        const first = await engine.syncOnce()

        // The reason is the gate's refusal, also inside the suspension it leads to (B-API-4).
        expect(first.incomplete).toMatch(/ENGINE_BUDGET_EXHAUSTED: 1000 of 1000 Salesforce calls/)
        expect(await salesforceCallsCounted(pair)).toBe(10)
        expect(first.apiCalls.salesforce).toBe(10)
        expect(await storedSalesforceCalls(pair)).toBe(1000)
        const titled = async () =>
          (await soql<{ Id: string }>(pair, "SELECT Id FROM Lead WHERE Title = 'Gated'")).length
        const early = await titled()
        expect(early).toBeGreaterThan(0)
        expect(early).toBeLessThan(20)
        // Nothing is lost: every update not written waits in the inbox.
        expect(await pair.store.countInbox('scenario')).toBeGreaterThanOrEqual(20 - early)

        // While the window holds 1,000 calls not one more is made.
        await pair.resetCounters()
        await nextSecond()
        const blocked = await engine.syncOnce()
        expect(blocked.incomplete).toMatch(/ENGINE_BUDGET_EXHAUSTED/)
        expect(await salesforceCallsCounted(pair)).toBe(0)

        // A day later the 990 calls have left the rolling window: the rest is written.
        pair.advanceEngineClock(DAY_MS + 2 * 60_000)
        await nextSecond()
        const freed = await engine.syncOnce()
        expect(freed.incomplete).toBeUndefined()
        expect(freed.errors).toEqual([])
        expect(await titled()).toBe(20)
        expect(await pair.store.countInbox('scenario')).toBe(0)
      } finally {
        await pair.close()
      }
    },
  )

  it('B-API-2: above 75 % of the allocation a failed Salesforce call is not retried in the run', async () => {
    const pair = await startSandboxPair({ apiCallAllocation: 100 })
    try {
      await pair.sync()
      const oneFailure = { faults: [{ kind: 'SERVER_UNAVAILABLE', count: 1, path: 'queryAll' }] }
      // Below the retry line (75 of 100): the 503 is retried and the cycle goes on.
      await salesforceAdmin(pair, 'PUT', '/faults', oneFailure)
      await pair.resetCounters()
      const below = await pair.sync()
      expect(below.incomplete).toBeUndefined()
      // The two capture queries, one of them sent twice.
      const counted = await salesforceAdmin<{ endpoints: Record<string, number> }>(pair, 'GET', '/counters')
      expect(counted.endpoints['GET /services/data/:version/queryAll']).toBe(3)
      // Above it: the same failure ends the cycle at once, with no retry.
      const used = await storedSalesforceCalls(pair)
      await pair.store.addApiCalls('scenario', 'salesforce', pair.deps.clock.now(), 80 - used)
      await salesforceAdmin(pair, 'PUT', '/faults', oneFailure)
      await pair.resetCounters()
      await expect(pair.sync()).rejects.toMatchObject({ code: 'SF_UNAVAILABLE' })
      // The refused capture query was the only call: it was not sent again.
      expect(await salesforceCallsCounted(pair)).toBe(1)
    } finally {
      await pair.close()
    }
  })

  it('B-API-1: the org at its daily maximum (Sforce-Limit-Info): the cycle stops before Salesforce refuses', async () => {
    const pair = await startSandboxPair()
    try {
      const ids: string[] = []
      for (let i = 0; i < 5; i++)
        ids.push(
          await createHubSpotContact(pair, { email: `org${i}@x.com`, lastname: `O${i}`, company: 'A' }),
        )
      await pair.sync()
      for (const id of ids) await updateHubSpotContact(pair, id, { jobtitle: 'Org' })
      const engine = createEngine({ ...pair.deps, options: { batchSize: 1 } })
      // Three calls left in the org's 24 h: fewer than the five updates need.
      await salesforceAdmin(pair, 'PUT', '/limits', { apiMax: 1000, apiUsed: 997 })
      await nextSecond()
      const summary = await engine.syncOnce()
      expect(summary.incomplete).toMatch(/SF_RATE_LIMITED: stopped before Salesforce refuses/)
      // Salesforce never had to refuse: its usage stands at its maximum or just below (a call still in flight
      // when the last header came is counted as if it had not been), never above it.
      const { apiUsed } = await salesforceAdmin<{ apiUsed: number }>(pair, 'PUT', '/limits', {})
      expect(apiUsed).toBeLessThanOrEqual(1000)
      expect(apiUsed).toBeGreaterThanOrEqual(999)
      // The org's window frees capacity: the next cycle reads the header again and writes the rest.
      await salesforceAdmin(pair, 'PUT', '/limits', { apiUsed: 0 })
      // Past the next look at a suspended side (every 5 minutes), should the stop have suspended it.
      pair.advanceEngineClock(6 * 60_000)
      await nextSecond()
      const after = await engine.syncOnce()
      expect(after.incomplete).toBeUndefined()
      expect((await soql(pair, "SELECT Id FROM Lead WHERE Title = 'Org'")).length).toBe(5)
    } finally {
      await pair.close()
    }
  })
})
