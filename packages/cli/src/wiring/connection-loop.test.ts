import { type Connection, parseConfig } from '@crmsync/core'
import type { Engine, SyncSummary } from '@crmsync/engine'
import { describe, expect, it } from 'vitest'

import { runConnectionLoop } from './connection-loop.js'
import { SILENT_LOGGER } from './create-connection-runtime.js'
import { EngineSlot } from './engine-slot.js'

function connectionPolling(pollSeconds: number): Connection {
  const result = parseConfig({
    salesforce: { instanceUrl: 'https://example.my.salesforce.com', accessToken: 'sf' },
    hubspot: { accessToken: 'hs' },
    settings: { capture: { pollSeconds } },
  })
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.config.connections[0]!
}

/** An engine that only notes when each cycle starts. */
function timingEngine(starts: number[]): Engine {
  const summary: SyncSummary = {
    connectionId: 'default',
    dryRun: false,
    startedAt: 0,
    finishedAt: 0,
    cycles: 1,
    objects: {},
    apiCalls: { hubspot: 0, salesforce: 0 },
    conflicts: 0,
    errors: [],
  }
  const refuse = () => Promise.reject(new Error('not used by the loop'))
  return {
    runCycle: () => {
      starts.push(Date.now())
      return Promise.resolve(summary)
    },
    checkIdentity: refuse,
    syncOnce: refuse,
    resync: refuse,
    beforeFirstCycle: refuse,
    pause: refuse,
    resume: refuse,
    disconnect: refuse,
  }
}

describe('crmsync run: the loop polls at the saved settings.capture.pollSeconds without a restart', () => {
  it('a save that swaps the engine with a shorter poll (swapEngines) holds from the wait under way', async () => {
    const starts: number[] = []
    const slot = new EngineSlot(timingEngine(starts), connectionPolling(3600))
    const shutdown = new AbortController()
    const loop = runConnectionLoop(slot.connection!, slot, { shutdown: shutdown.signal }, SILENT_LOGGER)
    try {
      while (starts.length === 0) await new Promise((resolve) => setTimeout(resolve, 10))
      await slot.replace(timingEngine(starts), connectionPolling(1))
      const deadline = Date.now() + 3_000
      while (starts.length < 2 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20))
      // Without the new poll the second cycle would wait an hour; with it, a second after the first.
      expect(starts).toHaveLength(2)
      expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(990)
      expect(starts[1]! - starts[0]!).toBeLessThan(2_500)
    } finally {
      shutdown.abort()
      await loop
    }
  })
})
