import type { ContactAction } from './contact-actions.js'
import type { OwnersRefresh } from './plan-types.js'

/**
 * B-OWN-1: a record whose Salesforce owner had no HubSpot owner synced with the HubSpot owner blank. When a
 * fresh owners table shows that owner has one now, its links are planned again this cycle, so the owner is
 * filled without waiting for the record's next edit; and which owners have none is remembered (a new process,
 * `sync --once` or a restart, knows it too).
 */
export function planAwaitingOwners(refresh: OwnersRefresh | undefined): ContactAction[] {
  if (refresh === undefined) return []
  const actions: ContactAction[] = []
  if (refresh.previouslyWithout?.join() !== refresh.without.join())
    actions.push({ kind: 'remember-owners-without-hubspot', ownerIds: refresh.without })
  if (refresh.awaiting.length > 0) {
    actions.push({
      kind: 'requeue',
      side: 'hubspot',
      ids: refresh.awaiting,
      reason: 'B-OWN-1: the Salesforce owner has a HubSpot owner now',
    })
  }
  return actions
}
