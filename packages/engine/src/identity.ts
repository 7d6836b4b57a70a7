import { compareConnectionIdentity, SyncError } from '@crmsync/core'
import { captureCursorFrom } from '@crmsync/salesforce'

import { initCursors } from './capture/capture-cursors.js'
import type { EngineState } from './engine-state.js'
import type { EngineDeps } from './engine-types.js'
import { ensureDynamicInclusionList } from './inclusion-list.js'
import { ensureDealPermissions } from './kinds/deal/deal-permissions.js'

/**
 * Records the org and portal a connection joins on its first run and refuses to go on when either changed
 * (design.md 3.1: a full-copy sandbox keeps production record ids). On the first run it also starts the
 * capture cursors at the current time, so connecting copies nothing (B-INST-6). Returns the portal id.
 * A static inclusion list is refused here too, before anything is captured (B-CON-16), and deal sync without
 * the permission it needs (B-INST-5).
 */
export async function ensureIdentity(
  deps: EngineDeps,
  store: EngineDeps['store'],
  state: EngineState,
): Promise<string> {
  const connectionId = deps.connection.id
  const [org, portal] = await Promise.all([deps.salesforce.identity(), deps.hubspot.identity()])
  const expectedPortal = deps.connection.hubspot.portalId
  if (expectedPortal !== undefined && String(expectedPortal) !== portal.portalId) {
    throw new SyncError({
      code: 'ENGINE_IDENTITY_CHANGED',
      message: `the HubSpot token belongs to portal ${portal.portalId}, not hubspot.portalId ${expectedPortal}`,
      origin: 'engine',
      retryable: false,
    })
  }
  const observed = { connectionId, salesforceOrgId: org.orgId, hubspotPortalId: portal.portalId }
  const comparison = compareConnectionIdentity(await store.getIdentity(connectionId), observed)
  if (comparison.kind === 'changed') {
    throw new SyncError({
      code: 'ENGINE_IDENTITY_CHANGED',
      message: `connection ${connectionId}: ${comparison.fields.join(' and ')} changed since the first run; refusing to sync`,
      origin: 'engine',
      retryable: false,
    })
  }
  await ensureDynamicInclusionList(deps, state)
  await ensureDealPermissions(deps, state)
  if (comparison.kind === 'new') await store.setIdentity(observed)
  const now = deps.clock.now()
  await initCursors(
    store,
    connectionId,
    { salesforce: deps.salesforce.apiUsage().serverTime ?? now, hubspot: now },
    captureCursorFrom,
  )
  return portal.portalId
}
