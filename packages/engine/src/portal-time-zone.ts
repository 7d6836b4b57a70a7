import { dayInZone, type HubSpotConnector, isSyncError, type SyncErrorCode } from '@crmsync/core'

import type { EngineLogger } from './engine-types.js'

/** What the read needs; the engine's EngineDeps is one (pass `ctx.deps`). */
export interface PortalTimeZoneDeps {
  readonly hubspot: Pick<HubSpotConnector, 'portalSettings'>
  readonly logger: EngineLogger
  readonly connection: { readonly id: string }
}

/** What date <-> datetime pairs go through when the portal does not say its zone. */
export const FALLBACK_TIME_ZONE = 'UTC'

// Answers that will not change by asking again. Anything else (network, 5xx, 429, a rejected token) fails
// the cycle like any other HubSpot failure.
const PORTAL_WILL_NOT_SAY: ReadonlySet<SyncErrorCode> = new Set(['HS_MISSING_SCOPES', 'HS_NOT_FOUND'])

/**
 * The HubSpot portal's time zone for a cycle's plan (`PlanContactsInput.timeZone`, design.md 3.3:
 * date <-> datetime pairs go through it): a reader that asks account info once and keeps the answer (a
 * portal's zone changes rarely; a restart picks a change up). The engine holds one (engine-state.ts). When
 * the portal gives no zone, one the runtime cannot convert in, or refuses the call for good (missing scope,
 * not found), it is 'UTC' with a logged warning, kept as well. Any other failure (network, 5xx, rate limit
 * after the connector's retries, a rejected token) is thrown and not kept: converting dates in a wrong zone
 * would write wrong days silently, so the cycle fails as on any HubSpot outage and the next one reads again.
 */
export function portalTimeZoneReader(deps: PortalTimeZoneDeps): () => Promise<string> {
  let zone: Promise<string> | undefined
  return () => {
    if (zone === undefined) {
      const reading = readTimeZone(deps)
      zone = reading
      // A failed read is forgotten, so the next cycle asks again.
      reading.catch(() => {
        if (zone === reading) zone = undefined
      })
    }
    return zone
  }
}

async function readTimeZone(deps: PortalTimeZoneDeps): Promise<string> {
  const connectionId = deps.connection.id
  let timeZone: string | undefined
  try {
    timeZone = (await deps.hubspot.portalSettings()).timeZone
  } catch (err) {
    if (!isSyncError(err) || !PORTAL_WILL_NOT_SAY.has(err.code)) throw err
    deps.logger.warn(
      { connectionId, code: err.code, fallback: FALLBACK_TIME_ZONE },
      `HubSpot account info failed (${err.message}): date <-> datetime mappings use UTC`,
    )
    return FALLBACK_TIME_ZONE
  }
  if (timeZone === undefined || !dayInZone(0, timeZone).ok) {
    deps.logger.warn(
      { connectionId, timeZone: timeZone ?? null, fallback: FALLBACK_TIME_ZONE },
      'the HubSpot portal time zone is unknown: date <-> datetime mappings use UTC',
    )
    return FALLBACK_TIME_ZONE
  }
  return timeZone
}
