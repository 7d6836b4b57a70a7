import type { StateStore } from '@crmsync/core'

import type { TrafficChange } from './demo-traffic.js'

/**
 * Change-to-sync latency of the demo's own traffic: a create counts as synced when its link exists, an
 * edit when the link's ancestor for the field holds the new value (both sides agreed on it).
 */
export class LatencyTracker {
  readonly #pending: TrafficChange[] = []
  readonly #latencies: number[] = []

  add(changes: readonly TrafficChange[]): void {
    this.#pending.push(...changes)
  }

  /** Checks the pending changes against the store; returns how many synced since the last check. */
  async check(store: StateStore, connectionId: string, now: number): Promise<number> {
    let synced = 0
    for (let i = this.#pending.length - 1; i >= 0; i--) {
      const change = this.#pending[i]
      if (change === undefined) continue
      const link = await store.getLink(connectionId, 'contact', change.side, change.id)
      const done =
        link !== undefined &&
        (change.kind === 'create' || link.fields[change.field ?? '']?.ancestor === change.value)
      if (!done) continue
      this.#latencies.push(now - change.at)
      this.#pending.splice(i, 1)
      synced++
    }
    return synced
  }

  get pending(): number {
    return this.#pending.length
  }

  get synced(): number {
    return this.#latencies.length
  }

  /** The p-th percentile in ms (nearest rank), or undefined before the first synced change. */
  percentile(p: number): number | undefined {
    if (this.#latencies.length === 0) return undefined
    const sorted = [...this.#latencies].sort((a, b) => a - b)
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
  }
}
