import { healthTypeOf } from '@crmsync/core'
import type { SyncSummary } from '@crmsync/engine'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

import { recordsWritten } from '../cycle-view.js'
import type { ConsoleConnection } from '../server-deps.js'

/** The metrics of one server: its own Registry (never prom-client's global one), so two servers never mix. */
export interface ConsoleMetrics {
  readonly registry: Registry
  /** Counts one cycle's records, API calls and timings. */
  observe(connectionId: string, summary: SyncSummary): void
}

// Seconds: a cycle takes from milliseconds (idle) to minutes (a first import).
const CYCLE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]
// Seconds: a change crosses in one poll interval (15 s by default) plus the cycle.
const LATENCY_BUCKETS = [0.5, 1, 2.5, 5, 10, 15, 20, 30, 45, 60, 120, 300, 900]

/**
 * Prometheus metrics (issue #13), labelled by connection: records synced per object and direction, API calls
 * per side, cycle duration and change-to-sync latency (from each cycle), errors open by Sync Health type and
 * inbox depth (read from each store at scrape time), and the process's default metrics.
 */
export function createConsoleMetrics(connections: () => readonly ConsoleConnection[]): ConsoleMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const records = new Counter({
    name: 'crmsync_records_synced_total',
    help: 'Records written (created, updated, linked or deleted), per object kind and direction',
    labelNames: ['connection', 'object', 'direction'] as const,
    registers: [registry],
  })
  const apiCalls = new Counter({
    name: 'crmsync_api_calls_total',
    help: 'API calls made by the engine, per side',
    labelNames: ['connection', 'side'] as const,
    registers: [registry],
  })
  const cycleSeconds = new Histogram({
    name: 'crmsync_cycle_duration_seconds',
    help: 'Duration of each engine cycle',
    labelNames: ['connection'] as const,
    buckets: CYCLE_BUCKETS,
    registers: [registry],
  })
  const latencySeconds = new Histogram({
    name: 'crmsync_change_to_sync_latency_seconds',
    help: "Time from a record's change in one CRM to its commit in the other",
    labelNames: ['connection'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  })
  new Gauge({
    name: 'crmsync_errors_open',
    help: 'Open per-record errors, per Sync Health type',
    labelNames: ['connection', 'type'] as const,
    registers: [registry],
    async collect() {
      // Read at every scrape: resolved errors must drop out, so the gauge starts empty each time.
      this.reset()
      await forEachConnection(connections(), async (c) => {
        const byType = new Map<string, number>()
        for (const count of await c.store.countOpenErrors(c.id)) {
          const type = healthTypeOf(count.code)
          byType.set(type, (byType.get(type) ?? 0) + count.errors)
        }
        for (const [type, errors] of byType) this.set({ connection: c.id, type }, errors)
      })
    },
  })
  new Gauge({
    name: 'crmsync_inbox_depth',
    help: 'Records waiting in the inbox',
    labelNames: ['connection'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      await forEachConnection(connections(), async (c) => {
        this.set({ connection: c.id }, await c.store.countInbox(c.id))
      })
    },
  })
  return {
    registry,
    observe(connectionId, summary) {
      for (const [object, sides] of Object.entries(summary.objects)) {
        records.inc(
          { connection: connectionId, object, direction: 'to_salesforce' },
          recordsWritten(sides.salesforce),
        )
        records.inc(
          { connection: connectionId, object, direction: 'to_hubspot' },
          recordsWritten(sides.hubspot),
        )
      }
      apiCalls.inc({ connection: connectionId, side: 'salesforce' }, summary.apiCalls.salesforce)
      apiCalls.inc({ connection: connectionId, side: 'hubspot' }, summary.apiCalls.hubspot)
      cycleSeconds.observe({ connection: connectionId }, (summary.finishedAt - summary.startedAt) / 1000)
      for (const ms of summary.changeToSyncMs ?? [])
        latencySeconds.observe({ connection: connectionId }, ms / 1000)
    },
  }
}

/** Runs `read` for every connection; a store that fails leaves its connection out of this scrape only. */
async function forEachConnection(
  connections: readonly ConsoleConnection[],
  read: (connection: ConsoleConnection) => Promise<void>,
): Promise<void> {
  await Promise.all(connections.map((c) => read(c).catch(() => undefined)))
}
