import { SyncError } from '@crmsync/core'
import { describe, expect, it, vi } from 'vitest'

import type { Engine, SyncSummary } from '../engine-types.js'
import { startInProcessRuntime } from './in-process-runtime.js'

const summary: SyncSummary = {
  connectionId: 'c',
  dryRun: false,
  startedAt: 0,
  finishedAt: 0,
  cycles: 1,
  objects: {},
  apiCalls: { hubspot: 0, salesforce: 0 },
  conflicts: 0,
  errors: [],
}

/** An engine whose cycles only count, or fail with the given errors in turn. */
function countingEngine(failures: Error[] = []): Engine & { cycles: number } {
  const engine = {
    cycles: 0,
    checkIdentity: () => Promise.resolve(),
    syncOnce: () => Promise.resolve(summary),
    resync: () => Promise.resolve(summary),
    // The runtime never pauses, resumes or disconnects: the CLI commands do.
    beforeFirstCycle: () => Promise.reject(new Error('not used by the runtime')),
    pause: () => Promise.reject(new Error('not used by the runtime')),
    resume: () => Promise.reject(new Error('not used by the runtime')),
    disconnect: () => Promise.reject(new Error('not used by the runtime')),
    runCycle: () => {
      engine.cycles++
      const failure = failures.shift()
      return failure === undefined ? Promise.resolve(summary) : Promise.reject(failure)
    },
  }
  return engine
}

describe('in-process runtime (style guide item 6)', () => {
  it('runs a cycle per poll until the signal aborts, then run() resolves', async () => {
    const engine = countingEngine()
    const abort = new AbortController()
    const runtime = startInProcessRuntime({ engine, pollSeconds: 0.01, signal: abort.signal })
    const done = runtime.run()
    await new Promise((resolve) => setTimeout(resolve, 100))
    abort.abort()
    await done
    expect(engine.cycles).toBeGreaterThan(2)
    const after = engine.cycles
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(engine.cycles).toBe(after)
  })

  it('stop() ends a loop waiting out a long poll at once', async () => {
    const engine = countingEngine()
    const runtime = startInProcessRuntime({ engine, pollSeconds: 3600 })
    const done = runtime.run()
    await new Promise((resolve) => setTimeout(resolve, 20))
    const started = Date.now()
    await runtime.stop()
    await done
    expect(Date.now() - started).toBeLessThan(1000)
    expect(engine.cycles).toBe(1)
  })

  it('keeps going after a transient failure and ends run() with an error only a person can fix', async () => {
    const transient = new SyncError({
      code: 'HS_UNAVAILABLE',
      message: '503',
      origin: 'hubspot',
      retryable: true,
    })
    const fatal = new SyncError({
      code: 'SF_AUTH_FAILED',
      message: 'bad token',
      origin: 'salesforce',
      retryable: false,
    })
    const engine = countingEngine([transient, fatal])
    const runtime = startInProcessRuntime({ engine, pollSeconds: 0.01 })
    await expect(runtime.run()).rejects.toBe(fatal)
    expect(engine.cycles).toBe(2)
  })
})

describe('B-TRIG-1: polling', () => {
  it('B-TRIG-1: with a 15-minute poll, a change made at t=1 min waits for the poll that starts at t=15 min', async () => {
    vi.useFakeTimers({ now: 0 })
    try {
      // The engine notes when each cycle starts and whether it found the change made at t=1 min.
      const changeAt = 60_000
      const cycles: { at: number; sawChange: boolean }[] = []
      const engine = countingEngine()
      engine.runCycle = () => {
        const at = Date.now()
        cycles.push({ at, sawChange: at >= changeAt })
        return Promise.resolve(summary)
      }
      const runtime = startInProcessRuntime({ engine, pollSeconds: 15 * 60 })
      const done = runtime.run()
      await vi.advanceTimersByTimeAsync(changeAt)
      await vi.advanceTimersByTimeAsync(15 * 60_000 - changeAt - 1)
      expect(cycles).toEqual([{ at: 0, sawChange: false }])
      await vi.advanceTimersByTimeAsync(1)
      expect(cycles).toEqual([
        { at: 0, sawChange: false },
        { at: 15 * 60_000, sawChange: true },
      ])
      await runtime.stop()
      await done
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('polling interval read while the loop runs (the console saves settings.capture.pollSeconds)', () => {
  it('a pollSeconds function is read each cycle and during the wait: a shorter poll holds within a second', async () => {
    vi.useFakeTimers({ now: 0 })
    try {
      const starts: number[] = []
      const engine = countingEngine()
      engine.runCycle = () => {
        starts.push(Date.now())
        return Promise.resolve(summary)
      }
      let pollSeconds = 60
      const runtime = startInProcessRuntime({ engine, pollSeconds: () => pollSeconds })
      const done = runtime.run()
      await vi.advanceTimersByTimeAsync(120_000)
      expect(starts).toEqual([0, 60_000, 120_000])
      // Saved during the wait that started at 120 s: the next cycle is due at 125 s, not 180 s.
      await vi.advanceTimersByTimeAsync(2_000)
      pollSeconds = 5
      await vi.advanceTimersByTimeAsync(3_000)
      expect(starts).toEqual([0, 60_000, 120_000, 125_000])
      await vi.advanceTimersByTimeAsync(5_000)
      expect(starts).toEqual([0, 60_000, 120_000, 125_000, 130_000])
      // Longer again: the next cycle waits the new poll.
      pollSeconds = 30
      await vi.advanceTimersByTimeAsync(29_000)
      expect(starts).toHaveLength(5)
      await vi.advanceTimersByTimeAsync(1_000)
      expect(starts.at(-1)).toBe(160_000)
      await runtime.stop()
      await done
    } finally {
      vi.useRealTimers()
    }
  })
})
