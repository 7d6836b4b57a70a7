import { type HubSpotListMembers, SyncError } from '@crmsync/core'

import type { EngineState } from './engine-state.js'
import type { EngineDeps } from './engine-types.js'

/**
 * B-CON-16: only an active (DYNAMIC) list can be the inclusion list. A static list does not follow its
 * criteria, so membership would go stale without anyone noticing: refuse it, naming the list.
 */
export function checkListIsDynamic(listId: string, list: HubSpotListMembers): void {
  if (list.processingType === 'DYNAMIC') return
  throw new SyncError({
    code: 'INCLUSION_LIST_NOT_DYNAMIC',
    message:
      `inclusion list ${listId} ("${list.name}") is a ${list.processingType} list; only an active ` +
      '(DYNAMIC) list can be the inclusion list (B-CON-16): choose one in settings.contacts.inclusionList',
    origin: 'config',
    retryable: false,
  })
}

/** Refuses to start a sync whose inclusion list is static (B-CON-16); one list read per engine. */
export async function ensureDynamicInclusionList(deps: EngineDeps, state: EngineState): Promise<void> {
  const listId = deps.connection.settings.contacts.inclusionList
  if (listId === null || state.inclusionListChecked) return
  checkListIsDynamic(listId, await deps.hubspot.readListMembers(listId))
  state.inclusionListChecked = true
}
