import type { StateStore } from '@crmsync/core'

import type { SyncSummary } from '../engine-types.js'
import { createdAndLinked, type SalesforceImport } from '../salesforce-import.js'
import { SummaryBuilder } from '../summary.js'
import { type CycleRequest, type EngineContext, runCycle } from './run-cycle.js'

/** Thrown inside the dry run's transaction so that nothing it wrote stays. */
class DryRunRollback extends Error {
  override readonly name = 'DryRunRollback'
}

/** What one run (syncOnce, runCycle, resync) is asked to do. */
export interface SyncRequest {
  /** Write nothing, to either CRM or the store, and report the plan. (Default: false) */
  readonly dryRun?: boolean | undefined
  /** HubSpot ids to plan as a manual resync (B-TRIG-8, B-CMP-9). (Default: none) */
  readonly resync?: readonly string[] | undefined
  /** The kind of the resync ids. (Default: contact) */
  readonly resyncKind?: 'contact' | 'company' | 'deal' | undefined
  /** The run syncs `crmsync import salesforce` arrivals (B-BULK-3/6). (Default: false) */
  readonly salesforceImport?: boolean | undefined
  /** Sync every change made at or before this instant, epoch ms (`sync --once`). (Default: none) */
  readonly settleThrough?: number | undefined
  /** Told before the run waits for HubSpot's search index to reach `settleThrough`. (Default: none) */
  readonly onIndexWait?: ((ms: number) => void) | undefined
}

/**
 * One run of the engine: a cycle, as a dry run inside a store transaction that is rolled back, or for real;
 * an import's follow-up cycle when it created contacts (B-BULK-3).
 */
export async function runSync(engine: EngineContext, request: SyncRequest): Promise<SyncSummary> {
  const { deps } = engine
  const summary = new SummaryBuilder()
  const startedAt = deps.clock.now()
  const before = apiCalls(engine)
  const dryRun = request.dryRun === true
  const imported: SalesforceImport | undefined =
    request.salesforceImport === true ? { followUp: [], created: [] } : undefined
  const cycle: CycleRequest = {
    mode: dryRun ? 'dry-run' : 'apply',
    resync: request.resync,
    resyncKind: request.resyncKind,
    salesforceImport: imported,
    settleThrough: request.settleThrough,
    onIndexWait: request.onIndexWait,
  }
  if (dryRun) await rolledBack(deps.store, (tx) => runCycle(engine, tx, cycle, summary))
  else {
    await runCycle(engine, deps.store, cycle, summary)
    // B-BULK-3: contacts the import created with only their email get the follow-up sync at once, in a
    // cycle of its own, so the inclusion list is read again after the creates (members fill, others stay).
    if (imported !== undefined && engine.base.settings.inclusionList !== null) {
      const followUp = await createdAndLinked(deps.store, imported.created)
      const again: SalesforceImport = { followUp, created: [] }
      if (followUp.length > 0)
        await runCycle(engine, deps.store, { mode: 'apply', salesforceImport: again }, summary)
    }
  }
  const after = apiCalls(engine)
  return summary.finish({
    connectionId: engine.base.connectionId,
    dryRun,
    startedAt,
    finishedAt: deps.clock.now(),
    apiCalls: { salesforce: after.salesforce - before.salesforce, hubspot: after.hubspot - before.hubspot },
  })
}

async function rolledBack(store: StateStore, fn: (tx: StateStore) => Promise<void>): Promise<void> {
  try {
    await store.transaction(async (tx) => {
      await fn(tx)
      throw new DryRunRollback('dry run: nothing is kept')
    })
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err
  }
}

function apiCalls(engine: EngineContext) {
  return {
    salesforce: engine.deps.salesforce.apiUsage().calls,
    hubspot: engine.deps.hubspot.apiUsage().calls,
  }
}
