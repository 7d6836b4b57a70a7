/**
 * One measured `sync --once` of an engine benchmark: the engine's API calls by its connectors' meters, the
 * calls per endpoint by the sandboxes' own counters, the time and the records written.
 */
import type { Side } from '@crmsync/core'
import type { Engine, SyncSummary } from '@crmsync/engine'

import { type EngineBench, SEARCH_LAG_MS, sleep } from './engine-bench-setup.js'

type Counters = Record<string, number>

/** What every engine benchmark reports of a phase. */
export interface PhaseCost {
  readonly name: string
  readonly records: number
  /** Records written on either side (a create plus its link write-back counts twice). */
  readonly synced: number
  readonly ms: number
  readonly calls: Record<Side, number>
  readonly minimum: Record<Side, number>
  readonly errors: number
  /** Calls per endpoint as each sandbox counted them, for this phase only. */
  readonly endpoints: Record<Side, Record<string, number>>
}

export type ObjectKindCounted = keyof SyncSummary['objects']

export interface MeasuredSync extends Pick<PhaseCost, 'synced' | 'ms' | 'calls' | 'errors' | 'endpoints'> {
  readonly summary: SyncSummary
}

/**
 * One `sync --once` after the search lag, measured. A bulk phase syncs a backlog: changes older than
 * HubSpot's search lag, which capture reads once. `kinds` are the object kinds whose writes count as synced.
 */
export async function measureBacklogSync(
  bench: EngineBench,
  engine: Engine,
  kinds: readonly ObjectKindCounted[],
): Promise<MeasuredSync> {
  await sleep(SEARCH_LAG_MS + 1100)
  const countersBefore = await sandboxCounters(bench)
  const before = bench.calls()
  const started = performance.now()
  const summary = await engine.syncOnce()
  const ms = performance.now() - started
  const after = bench.calls()
  const countersAfter = await sandboxCounters(bench)
  return {
    summary,
    synced: synced(summary, kinds),
    ms,
    calls: { salesforce: after.salesforce - before.salesforce, hubspot: after.hubspot - before.hubspot },
    errors: summary.errors.length,
    endpoints: {
      salesforce: counterDelta(countersAfter.salesforce, countersBefore.salesforce),
      hubspot: counterDelta(countersAfter.hubspot, countersBefore.hubspot),
    },
  }
}

/** The phase's first record error, if it had any: a phase is only worth its numbers without them. */
export function printErrors(name: string, summary: SyncSummary): void {
  if (summary.errors.length > 0)
    console.error(`${name}: ${summary.errors.length} errors, first: ${JSON.stringify(summary.errors[0])}`)
}

/** Calls per endpoint so far, from each sandbox's admin counters (not themselves counted as API calls). */
async function sandboxCounters(bench: EngineBench): Promise<Record<Side, Counters>> {
  const read = async (app: typeof bench.salesforce.app): Promise<Counters> => {
    const body = (await app.inject({ method: 'GET', url: '/__sandbox/counters' })).json<{
      endpoints: Record<string, number | { calls: number }>
    }>()
    return Object.fromEntries(
      Object.entries(body.endpoints).map(([k, v]) => [k, typeof v === 'number' ? v : v.calls]),
    )
  }
  return { salesforce: await read(bench.salesforce.app), hubspot: await read(bench.hubspot.app) }
}

function counterDelta(after: Counters, before: Counters): Counters {
  const out: Counters = {}
  for (const [k, v] of Object.entries(after)) if (v - (before[k] ?? 0) > 0) out[k] = v - (before[k] ?? 0)
  return out
}

function synced(summary: SyncSummary, kinds: readonly ObjectKindCounted[]): number {
  let n = 0
  for (const kind of kinds)
    for (const side of ['hubspot', 'salesforce'] as const) {
      const c = summary.objects[kind]?.[side]
      if (c !== undefined) n += c.created + c.updated + c.linked
    }
  return n
}
