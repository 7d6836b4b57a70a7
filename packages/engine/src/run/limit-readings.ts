import type { ApiLimitReading, HubSpotRateLimitState, StateStore } from '@crmsync/core'

import type { EngineDeps } from '../engine-types.js'

/**
 * Keeps what each side last said about its limits (design.md 3.6, B-API-6), for `crmsync status`: the org's
 * `Sforce-Limit-Info` (stamped with the server time of the latest response) and HubSpot's rate-limit headers
 * (stamped when the connector read them).
 * A side that has not answered with them yet keeps its older reading.
 */
export async function storeLimitReadings(
  deps: EngineDeps,
  store: StateStore,
  connectionId: string,
): Promise<void> {
  const now = deps.clock.now()
  const salesforce = deps.salesforce.apiUsage()
  if (salesforce.orgUsage !== undefined)
    await store.saveApiLimitReading({
      connectionId,
      side: 'salesforce',
      seenAt: salesforce.serverTime ?? now,
      daily: { used: salesforce.orgUsage.used, limit: salesforce.orgUsage.max },
      burst: undefined,
    })
  const rateLimit = deps.hubspot.apiUsage().rateLimit
  const hubspot = hubspotReading(rateLimit)
  if (hubspot !== undefined)
    await store.saveApiLimitReading({
      connectionId,
      side: 'hubspot',
      seenAt: rateLimit?.observedAt ?? now,
      ...hubspot,
    })
}

/** The daily quota and the burst window from HubSpot's headers; a part with a header missing is left out. */
export function hubspotReading(
  state: HubSpotRateLimitState | undefined,
): Pick<ApiLimitReading, 'daily' | 'burst'> | undefined {
  if (state === undefined) return undefined
  const { dailyLimit, dailyRemaining, intervalMax, intervalRemaining, intervalMs } = state
  const daily =
    dailyLimit === undefined || dailyRemaining === undefined
      ? undefined
      : { used: state.dailyUsed ?? Math.max(0, dailyLimit - dailyRemaining), limit: dailyLimit }
  const burst =
    intervalMax === undefined || intervalRemaining === undefined || intervalMs === undefined
      ? undefined
      : { remaining: intervalRemaining, max: intervalMax, intervalMs }
  return daily === undefined && burst === undefined ? undefined : { daily, burst }
}
