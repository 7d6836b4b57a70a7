import {
  type ConnectionEvent,
  type ConnectionState,
  DEFAULT_SUSPENSION_PROBE_MS,
  ERROR_CODES,
  nextProbeAt as nextProbe,
  type Side,
  type StateStore,
  type Suspension,
  suspensionFor,
  SyncError,
} from '@crmsync/core'

import type { ApplyMode } from '../pipeline/interpret.js'
import { salesforceCallsToday } from '../retries.js'
import { SummaryBuilder } from '../summary.js'
import type { EngineContext } from './run-cycle.js'

/** What a cycle that may run keeps for its end: the suspension it probed, and the error codes open before. */
export interface CycleLife {
  /**
   * After a cycle that ended without a suspending error: clears a probed suspension (the cycle proved the
   * cause gone) and tells about error codes that had no open error before the cycle (B-ERR-11).
   */
  finish(): Promise<void>
}

/**
 * The connection's life at the start of a cycle (B-INST-7, B-API-4, B-ERR-9/10, B-INST-12), read from the
 * store every cycle, so `crmsync pause` / `resume` reach a running `crmsync run`:
 *
 * - disconnected: throws ENGINE_DISCONNECTED (run and sync refuse, B-INST-14);
 * - paused (the store's switch or settings.enabled false): nothing is read or written, undefined;
 * - suspended and no probe due, or the probe finds the cause still there: the cycle is incomplete and makes
 *   no other call, undefined;
 * - else the cycle runs. After a successful probe the suspension stays stored until the cycle ends well
 *   (finish), so a cause that is still there (an object still refused) keeps the same suspension without a
 *   second notification.
 */
export async function enterCycle(
  engine: EngineContext,
  store: StateStore,
  mode: ApplyMode,
  summary: SummaryBuilder,
): Promise<CycleLife | undefined> {
  const { deps, base } = engine
  const state = await store.getConnectionState(base.connectionId)
  if (state.disconnectedAt !== undefined)
    throw new SyncError({
      code: 'ENGINE_DISCONNECTED',
      message: `connection ${base.connectionId} was disconnected on ${new Date(state.disconnectedAt).toISOString()}; run \`crmsync resume --reconnect\` to connect it again`,
      origin: 'engine',
      retryable: false,
    })
  if (base.paused || state.paused) {
    // Debug: a running `crmsync run` would say it every poll.
    deps.logger.debug({ connectionId: base.connectionId }, 'paused: nothing is read or written (B-INST-7)')
    return undefined
  }
  const suspension = state.suspension
  if (suspension !== undefined) {
    const now = deps.clock.now()
    const nextProbe = nextProbeAt(engine, suspension)
    // A dry run never probes: it would spend a call to report a plan.
    if (mode === 'dry-run' || now < nextProbe) {
      summary.incomplete(describeSuspension(suspension, nextProbe))
      return undefined
    }
    const still = await probe(engine, store, suspension)
    if (still !== undefined) {
      const probed = { ...suspension, lastProbeAt: now }
      await store.setConnectionState({ ...state, suspension: probed })
      deps.logger.info(
        { connectionId: base.connectionId, reason: suspension.reason, cause: still },
        'suspended: the probe finds the cause still there',
      )
      summary.incomplete(describeSuspension(probed, nextProbeAt(engine, probed)))
      return undefined
    }
  }
  const openBefore = new Set((await store.countOpenErrors(base.connectionId)).map((c) => c.code))
  return {
    finish: async () => {
      if (mode === 'dry-run') return
      if (suspension !== undefined) await clearSuspension(engine, store, 'probe')
      const at = deps.clock.now()
      for (const count of await store.countOpenErrors(base.connectionId))
        if (!openBefore.has(count.code))
          tell(engine, {
            type: 'error_class_opened',
            connectionId: base.connectionId,
            at,
            code: count.code,
            errors: count.errors,
          })
    },
  }
}

/**
 * An error that stopped the cycle: when the retry table says it suspends (suspensionFor), the connection is
 * suspended with that reason, the cycle is incomplete, and true is returned. The first suspension is told
 * (exactly one notification per suspension, B-ERR-11); a probe cycle that meets the same cause again only
 * records the probe, while another cause replaces the suspension and is told as a new one.
 */
export async function suspendOnError(
  engine: EngineContext,
  store: StateStore,
  mode: ApplyMode,
  err: SyncError,
  summary: SummaryBuilder,
): Promise<boolean> {
  const reason = suspensionFor(err.code)
  if (reason === undefined) return false
  const { deps, base } = engine
  const now = deps.clock.now()
  const state = await store.getConnectionState(base.connectionId)
  // The same cause met again by a probe cycle keeps its suspension; another cause is a new suspension.
  const same = state.suspension?.reason === reason ? state.suspension : undefined
  const suspension: Suspension = same
    ? { ...same, lastProbeAt: now }
    : {
        side: sideOf(err),
        reason,
        code: err.code,
        message: err.message,
        since: now,
        lastProbeAt: undefined,
      }
  summary.incomplete(describeSuspension(suspension, nextProbeAt(engine, suspension)))
  if (mode === 'dry-run') return true
  await store.setConnectionState({ ...state, suspension })
  if (same === undefined)
    tell(engine, { type: 'suspension_entered', connectionId: base.connectionId, at: now, suspension })
  return true
}

/** Clears the suspension and tells so; `by` says whether a probe or a person cleared it. */
export async function clearSuspension(
  engine: Pick<EngineContext, 'deps' | 'base'>,
  store: StateStore,
  by: 'probe' | 'resume',
): Promise<ConnectionState> {
  const { deps, base } = engine
  const state = await store.getConnectionState(base.connectionId)
  if (state.suspension === undefined) return state
  const cleared = { ...state, suspension: undefined }
  await store.setConnectionState(cleared)
  tell(engine, {
    type: 'suspension_cleared',
    connectionId: base.connectionId,
    at: deps.clock.now(),
    reason: state.suspension.reason,
    by,
  })
  return cleared
}

/** `suspended:api_limit since … (SF_RATE_LIMITED: …); next probe at …`: the summary's incomplete reason. */
export function describeSuspension(suspension: Suspension, nextProbe: number): string {
  return (
    `suspended:${suspension.reason} since ${new Date(suspension.since).toISOString()} ` +
    `(${suspension.code}: ${suspension.message}); next probe at ${new Date(nextProbe).toISOString()}`
  )
}

/** When this engine probes next: its probe interval after the last probe, or after the suspension began. */
function nextProbeAt(engine: Pick<EngineContext, 'deps'>, suspension: Suspension): number {
  return nextProbe(suspension, engine.deps.options?.suspensionProbeMs ?? DEFAULT_SUSPENSION_PROBE_MS)
}

/** Logged always; sent through the configured notifier, which never blocks or fails the sync. */
function tell(engine: Pick<EngineContext, 'deps'>, event: ConnectionEvent): void {
  const { logger, notifier } = engine.deps
  const fields = { ...event }
  if (event.type === 'suspension_entered')
    logger.warn(fields, `connection suspended: ${event.suspension.reason}`)
  else if (event.type === 'suspension_cleared') logger.info(fields, `suspension cleared (${event.by})`)
  else logger.warn(fields, `a new class of error: ${event.code}`)
  try {
    notifier?.notify(event)
  } catch (err) {
    logger.error({ err: String(err) }, 'the notifier failed; the sync goes on')
  }
}

/** HubSpot's codes suspend the HubSpot side; Salesforce's and the engine's budget, Salesforce's. */
function sideOf(err: SyncError): Side {
  return ERROR_CODES[err.code].origin === 'hubspot' ? 'hubspot' : 'salesforce'
}

/**
 * One light call on the suspended side, or none for the configured allocation: undefined when the cause is
 * gone, else what the probe met. Salesforce: the integration user's permissions (one SOQL query, which also
 * answers API_DISABLED_FOR_ORG and REQUEST_LIMIT_EXCEEDED); HubSpot: the owners list.
 */
async function probe(
  engine: EngineContext,
  store: StateStore,
  suspension: Suspension,
): Promise<string | undefined> {
  const { deps, base } = engine
  if (suspension.code === 'ENGINE_BUDGET_EXHAUSTED') {
    const allocation = base.salesforceAllocation
    const used = await salesforceCallsToday({ deps, store, setup: base })
    return allocation !== undefined && used >= allocation
      ? `${used} of ${allocation} Salesforce calls used in the last 24 h`
      : undefined
  }
  try {
    if (suspension.side === 'hubspot') await deps.hubspot.readOwners()
    else await deps.salesforce.readUserPermissions()
    return undefined
  } catch (err) {
    if (err instanceof SyncError) return `${err.code}: ${err.message}`
    throw err
  }
}

/**
 * The checks a command makes before its first cycle (the identity check, the setup pre-flight), aware of the
 * connection's life: skipped while paused, suspended or disconnected, which the first cycle handles (it reads
 * nothing while paused, probes on its schedule while suspended, refuses while disconnected); and an error of
 * the check that suspends (SF_RATE_LIMITED, SF_API_DISABLED, …) suspends the connection instead of stopping
 * the command, so `crmsync run` goes on probing and `sync --once` ends incomplete (exit 4).
 */
export async function beforeFirstCycle(engine: EngineContext, check: () => Promise<void>): Promise<void> {
  const { deps, base } = engine
  const state = await deps.store.getConnectionState(base.connectionId)
  if (base.paused || state.paused || state.suspension !== undefined || state.disconnectedAt !== undefined)
    return
  try {
    await check()
  } catch (err) {
    if (
      err instanceof SyncError &&
      (await suspendOnError(engine, deps.store, 'apply', err, new SummaryBuilder()))
    )
      return
    throw err
  }
}
