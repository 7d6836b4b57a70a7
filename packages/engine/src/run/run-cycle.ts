import { isSyncError, type Side, type StateStore } from '@crmsync/core'

import type { CaptureWaits } from '../capture/run-capture.js'
import { createCycleState, type EngineSetup, type StepContext } from '../engine-context.js'
import type { EngineState } from '../engine-state.js'
import type { EngineDeps } from '../engine-types.js'
import { ensureIdentity } from '../identity.js'
import type { ApplyMode } from '../pipeline/interpret.js'
import { salesforceCallsToday, scheduleRetries } from '../retries.js'
import type { SalesforceImport } from '../salesforce-import.js'
import type { SummaryBuilder } from '../summary.js'
import { enterCycle, suspendOnError } from './connection-life.js'
import type { KindCycle, KindCycleFactory } from './kind-cycle.js'
import { storeLimitReadings } from './limit-readings.js'
import { openSalesforceGate } from './salesforce-call-gate.js'

/** A cycle ends on its own; this only bounds a runaway replan loop. */
const MAX_BATCHES_PER_CYCLE = 100_000
/** Rounds of all passes a cycle makes at most when a later pass sends rows back to an earlier one. */
const MAX_PASS_ROUNDS = 4
/** Index waits a `sync --once` makes at most before its last capture. */
const MAX_SETTLE_ROUNDS = 3

/** The engine as a cycle sees it. */
export interface EngineContext {
  readonly deps: EngineDeps
  readonly base: Omit<EngineSetup, 'mappings'>
  readonly state: EngineState
  /** The object kinds in pass order (design.md 3.4). */
  readonly kinds: readonly KindCycleFactory[]
}

/** What one cycle is asked to do. */
export interface CycleRequest {
  readonly mode: ApplyMode
  /** HubSpot ids planned as a manual resync (B-TRIG-8, B-CMP-9). (Default: none) */
  readonly resync?: readonly string[] | undefined
  /** The kind of the resync ids. (Default: contact) */
  readonly resyncKind?: 'contact' | 'company' | 'deal' | undefined
  readonly salesforceImport?: SalesforceImport | undefined
  /**
   * Sync every change made at or before this instant (epoch ms) before the cycle ends, waiting for a search
   * index that trails writes if it must (`sync --once`). (Default: what capture sees now)
   */
  readonly settleThrough?: number | undefined
  /** Told before each such wait, e.g. to say it on stderr. (Default: only logged) */
  readonly onIndexWait?: ((ms: number) => void) | undefined
}

/** Counts API calls between commits, so each batch stores its own and the rest is stored at the end. */
export class ApiCallMeter {
  readonly #deps: EngineDeps
  #flushed: Record<Side, number>

  constructor(deps: EngineDeps) {
    this.#deps = deps
    this.#flushed = this.#now()
  }

  /** The calls since the last take. */
  take(): Record<Side, number> {
    const now = this.#now()
    const delta = {
      salesforce: now.salesforce - this.#flushed.salesforce,
      hubspot: now.hubspot - this.#flushed.hubspot,
    }
    this.#flushed = now
    return delta
  }

  #now(): Record<Side, number> {
    return {
      salesforce: this.#deps.salesforce.apiUsage().calls,
      hubspot: this.#deps.hubspot.apiUsage().calls,
    }
  }
}

/**
 * One cycle (design.md 3.4): identity, scheduled retries, capture of every kind, then each kind's inbox
 * drained batch by batch through the pipeline (pipeline/run-batch.ts). An API limit suspends that side
 * (B-API-4): the run is incomplete, not failed.
 */
export async function runCycle(
  engine: EngineContext,
  store: StateStore,
  request: CycleRequest,
  summary: SummaryBuilder,
): Promise<void> {
  const { deps, base } = engine
  summary.cycle()
  // B-INST-7, B-API-4, B-INST-12: paused, suspended (probed on a schedule) or disconnected (connection-life.ts).
  const life = await enterCycle(engine, store, request.mode, summary)
  if (life === undefined) return
  const meter = new ApiCallMeter(deps)
  // B-API-1: from here no Salesforce call exceeds the allocation or the org's limit (salesforce-call-gate.ts).
  const gate = await openSalesforceGate(deps, store, base)
  const usage = { deps, store, setup: base }
  try {
    const portalId = await ensureIdentity(deps, store, engine.state)
    const cycle = createCycleState({
      summary,
      resync: request.resync,
      salesforceImport: request.salesforceImport,
    })
    const setup = { ...base, mappings: await engine.state.mappings() }
    const ctx: StepContext = { deps, store, setup, state: engine.state, cycle, portalId, mode: request.mode }
    const kinds = engine.kinds.map((start) => start())
    await enqueueRequested(ctx, request)
    await scheduleRetries(ctx, gate.usedToday())
    let waits = await captureAll(ctx, kinds, request)
    await drain(ctx, kinds, meter)
    // Only the streams that could not honour settleThrough are read again, after their wait.
    for (let round = 0; waits.size > 0 && round < MAX_SETTLE_ROUNDS; round++) {
      await waitForIndex(ctx, request, Math.max(...[...waits.values()].flatMap((w) => [...w.values()])))
      waits = await captureAll(ctx, kinds, request, waits)
      await drain(ctx, kinds, meter)
    }
  } catch (err) {
    await storeUsage(usage, meter).catch(() => undefined)
    // The retry table says which errors suspend the connection, and why (B-API-4, B-ERR-9, B-ERR-10).
    if (isSyncError(err) && (await suspendOnError(engine, store, request.mode, err, summary))) return
    throw err
  } finally {
    gate.close()
  }
  await storeUsage(usage, meter)
  await life.finish()
}

/** A resync's contacts and an import's follow-up go into the inbox first. */
async function enqueueRequested(ctx: StepContext, request: CycleRequest): Promise<void> {
  const { connectionId } = ctx.setup
  const resync = request.resync ?? []
  const objectKind = request.resyncKind ?? 'contact'
  if (resync.length > 0)
    await ctx.store.enqueue(
      resync.map((recordId) => ({ connectionId, objectKind, side: 'hubspot', recordId })),
    )
  if (request.salesforceImport !== undefined) await ctx.store.enqueue(request.salesforceImport.followUp)
}

/**
 * Every kind's capture (or, after a wait, only the streams that waited): the streams per kind that cannot
 * honour `settleThrough` yet.
 */
export async function captureAll(
  ctx: StepContext,
  kinds: readonly KindCycle[],
  request: CycleRequest,
  only?: ReadonlyMap<KindCycle, CaptureWaits>,
): Promise<Map<KindCycle, CaptureWaits>> {
  const waits = new Map<KindCycle, CaptureWaits>()
  for (const kind of kinds) {
    const streams = only === undefined ? undefined : new Set(only.get(kind)?.keys())
    if (streams?.size === 0) continue
    const pending = await kind.capture(ctx, { settleThrough: request.settleThrough }, streams)
    if (pending.size > 0) waits.set(kind, pending)
  }
  return waits
}

/**
 * Each kind's inbox in pass order, batch by batch; again while a later pass sent rows back to an earlier one
 * (a contact waiting for its company's account enqueues the company), a few rounds at most. A kind's turn
 * ends when its inbox holds only records it already planned in this turn: they came back waiting for an
 * earlier pass (a deal waiting for its account's company), so they wait for the next round. (With one kind,
 * contacts only, there is no earlier pass.)
 */
async function drain(ctx: StepContext, kinds: readonly KindCycle[], meter: ApiCallMeter): Promise<void> {
  for (let round = 0; round < MAX_PASS_ROUNDS; round++) {
    let worked = false
    for (const kind of kinds) {
      const planned = new Set<string>()
      for (let i = 0; i < MAX_BATCHES_PER_CYCLE; i++) {
        if (await budgetSpent(ctx)) return
        const rows = await ctx.store.takeInbox({
          connectionId: ctx.setup.connectionId,
          limit: ctx.setup.batchSize,
          objectKinds: [kind.kind],
        })
        if (rows.length === 0) break
        // With one kind there is no earlier pass to wait for: its own replans run at once, as they always did.
        if (kinds.length > 1 && rows.every((r) => planned.has(`${r.side}:${r.recordId}`))) break
        worked = true
        for (const r of rows) planned.add(`${r.side}:${r.recordId}`)
        await kind.runBatch(ctx, rows, () => meter.take())
      }
    }
    if (!worked || kinds.length === 1) return
  }
}

/**
 * Waits until a trailing search index holds every change up to the requested instant (HubSpot search lags
 * writes by a few seconds): a wait that a re-read cannot replace, so it is said, not hidden.
 */
async function waitForIndex(ctx: StepContext, request: CycleRequest, ms: number): Promise<void> {
  request.onIndexWait?.(ms)
  ctx.deps.logger.info(
    { connectionId: ctx.setup.connectionId, waitMs: ms },
    `waiting ${(ms / 1000).toFixed(1)} s for HubSpot's search index to include the last changes before this run`,
  )
  await (ctx.deps.sleep ?? defaultSleep)(ms)
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Calls not yet stored with a batch's commit (capture, reads of a cycle with nothing to plan), and what each
 * side last said about its limits.
 */
async function storeUsage(
  ctx: Pick<StepContext, 'deps' | 'store'> & { readonly setup: Pick<EngineSetup, 'connectionId'> },
  meter: ApiCallMeter,
): Promise<void> {
  const calls = meter.take()
  const at = ctx.deps.clock.now()
  for (const side of ['salesforce', 'hubspot'] as const)
    if (calls[side] > 0) await ctx.store.addApiCalls(ctx.setup.connectionId, side, at, calls[side])
  await storeLimitReadings(ctx.deps, ctx.store, ctx.setup.connectionId)
}

/** The configured Salesforce allocation is never exceeded (design.md 3.6): the run stops, incomplete. */
async function budgetSpent(ctx: StepContext): Promise<boolean> {
  const allocation = ctx.setup.salesforceAllocation
  if (allocation === undefined) return false
  const used = await salesforceCallsToday(ctx)
  if (used < allocation) return false
  ctx.cycle.summary.incomplete(
    `ENGINE_BUDGET_EXHAUSTED: ${used} of ${allocation} Salesforce calls used in the last 24 h`,
  )
  return true
}
