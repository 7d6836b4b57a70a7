import type { SyncSummary } from '@crmsync/engine'

import type { CycleView } from './api-types.js'

/** Records written in a cycle: created, updated, linked and deleted (skipped and errored wrote nothing). */
export function recordsWritten(counts: {
  created: number
  updated: number
  linked: number
  deleted: number
}): number {
  return counts.created + counts.updated + counts.linked + counts.deleted
}

/** A cycle's summary as the console shows it: records per kind and direction (the side written). */
export function cycleViewOf(summary: SyncSummary): CycleView {
  const records: Record<string, { toSalesforce: number; toHubspot: number }> = {}
  for (const [kind, sides] of Object.entries(summary.objects)) {
    records[kind] = {
      toSalesforce: recordsWritten(sides.salesforce),
      toHubspot: recordsWritten(sides.hubspot),
    }
  }
  return {
    at: summary.finishedAt,
    durationMs: summary.finishedAt - summary.startedAt,
    records,
    errors: summary.errors.length,
    apiCalls: { hubspot: summary.apiCalls.hubspot, salesforce: summary.apiCalls.salesforce },
  }
}

/** The nearest-rank percentile of sorted values, or null when there are none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

/** Whether a cycle did anything worth a line at info and an event on the live feed. */
export function cycleDidWork(summary: SyncSummary): boolean {
  return Object.keys(summary.objects).length > 0 || summary.errors.length > 0
}
