import type { SyncSummary } from '@crmsync/engine'

/** Records written: created, updated, linked and deleted (skipped and errored wrote nothing). */
function written(c: { created: number; updated: number; linked: number; deleted: number }): number {
  return c.created + c.updated + c.linked + c.deleted
}

/** The median of a cycle's change-to-sync latencies, or undefined when it measured none. */
function median(values: readonly number[] | undefined): number | undefined {
  if (values === undefined || values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.ceil(sorted.length / 2) - 1]
}

/** Whether a cycle wrote anything or hit an error: logged at info; an idle cycle only at debug. */
export function cycleDidWork(summary: SyncSummary): boolean {
  return Object.keys(summary.objects).length > 0 || summary.errors.length > 0
}

/**
 * What `crmsync run` logs of one cycle (issue #13, "says what it does"): records per object and direction,
 * errors, API calls per side, the cycle's duration and its median change-to-sync latency. Counts only: CRM
 * text (error messages) stays in the store, where `crmsync errors` shows it.
 */
export function cycleLogFields(summary: SyncSummary): Record<string, unknown> {
  const records: Record<string, { toSalesforce: number; toHubspot: number }> = {}
  for (const [kind, sides] of Object.entries(summary.objects))
    records[kind] = { toSalesforce: written(sides.salesforce), toHubspot: written(sides.hubspot) }
  const latency = median(summary.changeToSyncMs)
  return {
    connection: summary.connectionId,
    records,
    errors: summary.errors.length,
    apiCalls: { salesforce: summary.apiCalls.salesforce, hubspot: summary.apiCalls.hubspot },
    durationMs: summary.finishedAt - summary.startedAt,
    ...(latency === undefined ? {} : { latencyP50Ms: latency }),
    ...(summary.incomplete === undefined ? {} : { incomplete: summary.incomplete }),
  }
}
