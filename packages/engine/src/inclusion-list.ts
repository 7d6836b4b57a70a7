import { type HubSpotListMembers, SyncError } from '@crmsync/core'

import type { ReadContext } from './engine-context.js'
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

/**
 * An inclusion list's members for this cycle's plans, read once per cycle, not per record (design.md 3.4);
 * empty for no list. A list made static while the engine runs is refused as at start (B-CON-16).
 */
export async function cycleListMembers(
  ctx: ReadContext,
  listId: string | null,
): Promise<ReadonlySet<string>> {
  if (listId === null) return new Set()
  let members = ctx.cycle.lists.get(listId)
  if (members === undefined) {
    const list = await ctx.deps.hubspot.readListMembers(listId)
    checkListIsDynamic(listId, list)
    members = list.members
    ctx.cycle.lists.set(listId, members)
  }
  return members
}
