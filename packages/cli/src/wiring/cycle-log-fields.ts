import type { SyncSummary } from '@crmsync/engine'
import { cycleViewOf, percentile } from '@crmsync/server/cycle-view'

/**
 * What `crmsync run` logs of one cycle (issue #13, "says what it does"): the console's view of the cycle
 * (records per object and direction, errors, API calls per side, duration) and its median change-to-sync
 * latency. Counts only: CRM text (error messages) stays in the store, where `crmsync errors` shows it.
 */
export function cycleLogFields(summary: SyncSummary): Record<string, unknown> {
  const view = cycleViewOf(summary)
  const latency = percentile(
    [...(summary.changeToSyncMs ?? [])].sort((a, b) => a - b),
    50,
  )
  return {
    connection: summary.connectionId,
    records: view.records,
    errors: view.errors,
    apiCalls: { salesforce: view.apiCalls.salesforce, hubspot: view.apiCalls.hubspot },
    durationMs: view.durationMs,
    ...(latency === null ? {} : { latencyP50Ms: latency }),
    ...(summary.incomplete === undefined ? {} : { incomplete: summary.incomplete }),
  }
}
