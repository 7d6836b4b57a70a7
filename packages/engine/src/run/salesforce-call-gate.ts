import { SyncError } from '@crmsync/core'

import type { EngineSetup } from '../engine-context.js'
import type { EngineDeps } from '../engine-types.js'
import { salesforceCallsToday } from '../retries.js'

/** An open gate: what closes it, and the calls of the rolling 24 h it counts (read once, when it opened). */
export interface SalesforceGate {
  close(): void
  usedToday(): number
}

/**
 * Opens the Salesforce gate of one cycle (design.md 3.6) and returns it open. The connector asks it
 * before every call, so no call is made once:
 *
 * - the configured allocation would be exceeded (B-API-1): the cycle may make the allocation less the calls
 *   the rolling 24 h already holds, counted call by call, so a batch cannot overshoot by its last calls; the
 *   refusal is ENGINE_BUDGET_EXHAUSTED, the batch is not committed (its rows stay in the inbox) and the run
 *   ends incomplete;
 * - the org says it is at its daily maximum (`Sforce-Limit-Info` of a response of this cycle, B-API-6): the
 *   refusal is SF_RATE_LIMITED, what Salesforce would answer to the next call, so crmsync stops before
 *   Salesforce refuses (B-API-4). A reading from an earlier cycle is not trusted: the org's rolling window may
 *   have freed capacity since, and the first call of a cycle reads it again.
 *
 * It also answers whether a failed call may be retried in the run: not above 75 % of the allocation (or
 * 5,000 calls without one), as for the scheduled retries of records in error (B-API-2).
 *
 * Calls made before the gate opens (none in a cycle) and after it closes are not guarded.
 */
export async function openSalesforceGate(
  deps: EngineDeps,
  store: EngineDeps['store'],
  setup: Pick<EngineSetup, 'connectionId' | 'salesforceAllocation' | 'retryStopAt'>,
): Promise<SalesforceGate> {
  const { salesforce } = deps
  const allocation = setup.salesforceAllocation
  const usedBefore = await salesforceCallsToday({ deps, store, setup })
  const callsAtOpen = salesforce.apiUsage().calls
  const usedNow = () => usedBefore + salesforce.apiUsage().calls - callsAtOpen
  salesforce.setCallGuard({ beforeCall, mayRetry: () => usedNow() <= setup.retryStopAt })
  return {
    close: () => {
      salesforce.setCallGuard(undefined)
    },
    usedToday: usedNow,
  }

  function beforeCall(): SyncError | undefined {
    const usage = salesforce.apiUsage()
    const made = usage.calls - callsAtOpen
    if (allocation !== undefined && usedBefore + made >= allocation)
      return new SyncError({
        code: 'ENGINE_BUDGET_EXHAUSTED',
        message: `${usedBefore + made} of ${allocation} Salesforce calls used in the last 24 h`,
        origin: 'engine',
        retryable: false,
      })
    // Calls still in flight are counted by the org but not by the last header: they count here too.
    const org = usage.orgUsage
    if (made > 0 && org !== undefined && org.used + (usage.inFlight ?? 0) >= org.max)
      return new SyncError({
        code: 'SF_RATE_LIMITED',
        message:
          `stopped before Salesforce refuses: the org has used ${org.used} of its ${org.max} API requests ` +
          'in the last 24 h (Sforce-Limit-Info)',
        origin: 'engine',
        retryable: false,
      })
    return undefined
  }
}
