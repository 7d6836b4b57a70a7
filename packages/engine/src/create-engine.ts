import type { ContactMapping, Side, StateStore } from '@crmsync/core'
import { isSyncError, retryPolicyFor } from '@crmsync/core'

import { applyBatch } from './apply/apply-batch.js'
import { markPlannedPairs } from './batch/planned-pairs.js'
import { readBatch } from './batch/read-batch.js'
import { planBatch } from './batch/read-hubspot.js'
import { captureHubSpot, captureSalesforce } from './capture/capture-changes.js'
import { commitBatch } from './commit/commit-batch.js'
import type { CycleState, EngineSetup, StepContext } from './engine-context.js'
import type { Engine, EngineDeps, SyncSummary } from './engine-types.js'
import { ensureIdentity } from './identity.js'
import { resolveMappings } from './resolve-mappings.js'
import { salesforceCallsToday, scheduleRetries } from './retries.js'
import { createdAndLinked, createdInHubSpot, type SalesforceImport } from './salesforce-import.js'
import { resolveSetup } from './setup.js'
import { SummaryBuilder } from './summary.js'

/** Thrown inside the dry run's transaction so that nothing it wrote stays. */
class DryRunRollback extends Error {
  override readonly name = 'DryRunRollback'
}

/** A cycle ends on its own; this only bounds a runaway replan loop. */
const MAX_BATCHES_PER_CYCLE = 100_000

/** Builds the engine of one connection over injected store, connectors, clock and logger (design.md 3.4). */
export function createEngine(deps: EngineDeps): Engine {
  const base = resolveSetup(deps)
  let mappings: Promise<readonly ContactMapping[]> | undefined
  const setup = async (): Promise<EngineSetup> => {
    mappings ??= resolveMappings(deps.connection, deps.salesforce, deps.logger).catch((err: unknown) => {
      mappings = undefined
      throw err
    })
    return { ...base, mappings: await mappings }
  }
  const apiCalls = (): Record<Side, number> => ({
    salesforce: deps.salesforce.apiUsage().calls,
    hubspot: deps.hubspot.apiUsage().calls,
  })

  async function cycle(
    store: StateStore,
    dryRun: boolean,
    summary: SummaryBuilder,
    resync: readonly string[] = [],
    salesforce: SalesforceImport | undefined = undefined,
  ): Promise<void> {
    summary.cycle()
    // B-INST-7: while switched off nothing is read or written, on either side.
    if (base.paused) return
    const portalId = await ensureIdentity(deps, store)
    const state: CycleState = {
      salesforce: new Map(),
      deletions: new Map(),
      hubspot: new Map(),
      consumed: new Set(),
      written: new Set(),
      owners: undefined,
      listMembers: undefined,
      replanned: new Set(),
      summary,
      dryRun,
      resync: new Set(resync),
    }
    const ctx: StepContext = { deps, store, setup: await setup(), cycle: state, portalId }
    let flushed = apiCalls()
    try {
      if (resync.length > 0) {
        const ref = {
          connectionId: base.connectionId,
          objectKind: 'contact' as const,
          side: 'hubspot' as const,
        }
        await store.enqueue(resync.map((recordId) => ({ ...ref, recordId })))
      }
      if (salesforce !== undefined) await store.enqueue(salesforce.followUp)
      await scheduleRetries(ctx)
      await captureSalesforce(ctx)
      await captureHubSpot(ctx)
      for (let i = 0; i < MAX_BATCHES_PER_CYCLE; i++) {
        if (await budgetSpent(ctx)) break
        const rows = await store.takeInbox({
          connectionId: base.connectionId,
          limit: base.batchSize,
          objectKinds: ['contact'],
        })
        if (rows.length === 0) break
        const batch = await readBatch(ctx, rows)
        const actions = await planBatch(
          ctx,
          batch.hubspot,
          salesforce === undefined ? batch.input : { ...batch.input, salesforceImport: true },
        )
        markPlannedPairs(ctx, batch.fromCapture, actions)
        salesforce?.created.push(...createdInHubSpot(base.connectionId, actions))
        const outcome = await applyBatch(ctx, batch, actions)
        const now = apiCalls()
        const delta = {
          salesforce: now.salesforce - flushed.salesforce,
          hubspot: now.hubspot - flushed.hubspot,
        }
        flushed = now
        if (dryRun) await store.deleteInbox(rows)
        else await commitBatch(ctx, batch, rows, actions, outcome, delta)
      }
    } catch (err) {
      await recordUsage(store, dryRun, flushed).catch(() => undefined)
      // An API limit suspends that side until its window allows (B-API-4): the run is incomplete, not failed.
      if (isSyncError(err) && retryPolicyFor(err.code).kind === 'suspend-side') {
        summary.incomplete(`${err.code}: ${err.message}`)
        deps.logger.warn({ code: err.code, connectionId: base.connectionId }, 'side suspended')
        return
      }
      throw err
    }
    await recordUsage(store, dryRun, flushed)
  }

  /** Calls not yet stored with a batch's commit (capture, reads of a cycle with nothing to plan). */
  async function recordUsage(store: StateStore, dryRun: boolean, flushed: Record<Side, number>) {
    if (dryRun) return
    const now = apiCalls()
    const at = deps.clock.now()
    for (const side of ['salesforce', 'hubspot'] as const) {
      const calls = now[side] - flushed[side]
      if (calls > 0) await store.addApiCalls(base.connectionId, side, at, calls)
      flushed[side] = now[side]
    }
  }

  async function budgetSpent(ctx: StepContext): Promise<boolean> {
    const allocation = ctx.setup.salesforceAllocation
    if (allocation === undefined || ctx.cycle.dryRun) return false
    const used = await salesforceCallsToday(ctx)
    if (used < allocation) return false
    ctx.cycle.summary.incomplete(
      `ENGINE_BUDGET_EXHAUSTED: ${used} of ${allocation} Salesforce calls used in the last 24 h`,
    )
    return true
  }

  async function run(
    dryRun: boolean,
    resync: readonly string[] = [],
    salesforceImport = false,
  ): Promise<SyncSummary> {
    const summary = new SummaryBuilder()
    const startedAt = deps.clock.now()
    const before = apiCalls()
    const imported: SalesforceImport | undefined = salesforceImport
      ? { followUp: [], created: [] }
      : undefined
    if (dryRun) {
      try {
        await deps.store.transaction(async (tx) => {
          await cycle(tx, true, summary, resync, imported)
          throw new DryRunRollback('dry run: nothing is kept')
        })
      } catch (err) {
        if (!(err instanceof DryRunRollback)) throw err
      }
    } else {
      await cycle(deps.store, false, summary, resync, imported)
      // B-BULK-3: contacts the import created with only their email get the follow-up sync at once, in a
      // cycle of its own, so the inclusion list is read again after the creates (members fill, others stay).
      if (imported !== undefined && base.settings.inclusionList !== null) {
        const followUp = await createdAndLinked(deps.store, imported.created)
        if (followUp.length > 0) await cycle(deps.store, false, summary, [], { followUp, created: [] })
      }
    }
    const after = apiCalls()
    return summary.finish({
      connectionId: base.connectionId,
      dryRun,
      startedAt,
      finishedAt: deps.clock.now(),
      apiCalls: { salesforce: after.salesforce - before.salesforce, hubspot: after.hubspot - before.hubspot },
    })
  }

  return {
    checkIdentity: async () => {
      await ensureIdentity(deps, deps.store)
    },
    syncOnce: (options = {}) => run(options.dryRun === true, [], options.salesforceImport === true),
    runCycle: () => run(false),
    resync: (hubspotIds, options = {}) => run(options.dryRun === true, hubspotIds),
  }
}
