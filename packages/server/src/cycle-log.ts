import type { SyncSummary } from '@crmsync/engine'

import type { CycleView } from './api-types.js'
import { cycleViewOf, percentile } from './cycle-view.js'
import type { CycleLog } from './routes/route-types.js'

/** Latency samples kept per connection: enough for stable percentiles, bounded memory. */
export const LATENCY_SAMPLES = 2000

/** A fixed-size ring of the most recent samples. */
class SampleRing {
  readonly #values: number[] = []
  #next = 0
  readonly #capacity: number

  constructor(capacity: number) {
    this.#capacity = capacity
  }

  add(value: number): void {
    if (this.#values.length < this.#capacity) this.#values.push(value)
    else this.#values[this.#next] = value
    this.#next = (this.#next + 1) % this.#capacity
  }

  sorted(): number[] {
    return [...this.#values].sort((a, b) => a - b)
  }
}

/** The CycleLog the server keeps in memory, fed by record() on every cycle (the store keeps no cycle log). */
export interface RecordingCycleLog extends CycleLog {
  record(connectionId: string, summary: SyncSummary): void
}

export function createCycleLog(capacity = LATENCY_SAMPLES): RecordingCycleLog {
  const last = new Map<string, CycleView>()
  const samples = new Map<string, SampleRing>()
  return {
    record(connectionId, summary) {
      last.set(connectionId, cycleViewOf(summary))
      const latencies = summary.changeToSyncMs ?? []
      if (latencies.length === 0) return
      let ring = samples.get(connectionId)
      if (ring === undefined) {
        ring = new SampleRing(capacity)
        samples.set(connectionId, ring)
      }
      for (const ms of latencies) ring.add(ms)
    },
    lastCycle: (connectionId) => last.get(connectionId) ?? null,
    latency(connectionId) {
      const sorted = samples.get(connectionId)?.sorted() ?? []
      return { samples: sorted.length, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95) }
    },
  }
}
