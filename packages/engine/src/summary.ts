import type { ObjectKind, Side } from '@crmsync/core'

import type { PlannedAction, RecordErrorSummary, SideCounts, SyncSummary } from './engine-types.js'

type CountKey = keyof SideCounts

/** Latency samples kept per summary: a large import keeps the first ones, not an array as long as it. */
export const MAX_LATENCY_SAMPLES = 10_000

const emptyCounts = (): SideCounts => ({
  created: 0,
  updated: 0,
  linked: 0,
  deleted: 0,
  skipped: 0,
  errored: 0,
})

/** Accumulates what a run did; `finish` freezes it into the summary `sync --once --json` prints. */
export class SummaryBuilder {
  readonly #objects: Partial<Record<ObjectKind, Record<Side, SideCounts>>> = {}
  readonly #errors: RecordErrorSummary[] = []
  readonly #planned: PlannedAction[] = []
  readonly #apiCost: Record<Side, number> = { hubspot: 0, salesforce: 0 }
  readonly #changeToSyncMs: number[] = []
  #conflicts = 0
  #cycles = 0
  #incomplete: string | undefined

  count(kind: ObjectKind, side: Side, key: CountKey, by = 1): void {
    const sides = (this.#objects[kind] ??= { hubspot: emptyCounts(), salesforce: emptyCounts() })
    sides[side][key] += by
  }

  error(kind: ObjectKind, error: RecordErrorSummary): void {
    this.count(kind, error.side, 'errored')
    this.#errors.push(error)
  }

  conflicts(by: number): void {
    this.#conflicts += by
  }

  cycle(): void {
    this.#cycles++
  }

  planned(action: PlannedAction): void {
    this.#planned.push(action)
  }

  apiCost(side: Side, calls: number): void {
    this.#apiCost[side] += calls
  }

  /**
   * One record's change-to-sync latency, ms. A source clock ahead of ours (the CRM stamps its own time) would
   * make it negative: it counts as 0.
   */
  changeToSync(ms: number): void {
    if (this.#changeToSyncMs.length < MAX_LATENCY_SAMPLES) this.#changeToSyncMs.push(Math.max(0, ms))
  }

  incomplete(reason: string): void {
    this.#incomplete ??= reason
  }

  get isIncomplete(): boolean {
    return this.#incomplete !== undefined
  }

  finish(init: {
    connectionId: string
    dryRun: boolean
    startedAt: number
    finishedAt: number
    apiCalls: Record<Side, number>
  }): SyncSummary {
    return {
      ...init,
      cycles: this.#cycles,
      objects: structuredClone(this.#objects),
      conflicts: this.#conflicts,
      errors: [...this.#errors],
      ...(this.#incomplete === undefined ? {} : { incomplete: this.#incomplete }),
      ...(this.#changeToSyncMs.length === 0 ? {} : { changeToSyncMs: [...this.#changeToSyncMs] }),
      ...(init.dryRun ? { plan: { actions: [...this.#planned], apiCost: { ...this.#apiCost } } } : {}),
    }
  }
}
