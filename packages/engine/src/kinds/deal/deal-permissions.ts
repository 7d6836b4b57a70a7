import { SyncError } from '@crmsync/core'

import type { EngineState } from '../../engine-state.js'
import type { EngineDeps } from '../../engine-types.js'

/** The two permissions either of which deal sync needs (B-INST-5), as Salesforce's Setup names them. */
export const DEAL_SYNC_PERMISSIONS = [
  'Modify All Data',
  'Modify Metadata Through Metadata API Functions',
] as const

/**
 * B-INST-5: with deal sync on, the integration user needs "Modify All Data" or "Modify Metadata Through
 * Metadata API Functions"; without either the engine refuses to sync, before anything is read or written.
 * One query per engine (a restart reads it again, so a permission granted meanwhile is seen).
 */
export async function ensureDealPermissions(deps: EngineDeps, state: EngineState): Promise<void> {
  if (!deps.connection.settings.deals.sync || state.dealPermissionsChecked) return
  const permissions = await deps.salesforce.readUserPermissions()
  if (!permissions.modifyAllData && !permissions.modifyMetadata)
    throw new SyncError({
      code: 'DEAL_SYNC_PERMISSION_MISSING',
      message:
        `deal sync needs the Salesforce integration user to have "${DEAL_SYNC_PERMISSIONS[0]}" or ` +
        `"${DEAL_SYNC_PERMISSIONS[1]}" (B-INST-5); it has neither: grant one, or set settings.deals.sync: false`,
      origin: 'salesforce',
      retryable: false,
    })
  state.dealPermissionsChecked = true
}
