import { buildOwnerIndex, type HubSpotConnector, type SalesforceConnector } from '@crmsync/core'
import { readOwners } from '@crmsync/engine'

import type { CheckResult } from '../format/check-lines.js'

/** Names listed in one warning line before "and N more". */
const LISTED = 5

/**
 * B-OWN-1: Salesforce owners with no HubSpot owner. HubSpot's public API cannot create owners, so a queue
 * needs a HubSpot user with its email, and an active user one with the same name and email; until then the
 * records they own sync with the HubSpot owner blank. A warning, not a failure: syncing works, owners wait.
 */
export async function ownerCheck(
  salesforce: SalesforceConnector,
  hubspot: Pick<HubSpotConnector, 'readOwners'>,
): Promise<CheckResult> {
  const [table, queues] = await Promise.all([readOwners(salesforce, hubspot), salesforce.listQueues()])
  const index = buildOwnerIndex(table)
  const users = table.salesforce.filter((o) => o.kind === 'user')
  const lonelyQueues = queues.filter((q) => index.hubspotFor(q.id) === undefined)
  const lonelyUsers = users.filter(
    (u) => u.isActive && u.id !== table.integrationUserId && index.hubspotFor(u.id) === undefined,
  )
  const active = users.filter((u) => u.isActive).length
  const counted = `${plural(active, 'active user')}, ${plural(queues.length, 'queue')}`
  if (lonelyQueues.length === 0 && lonelyUsers.length === 0)
    return { scope: 'salesforce', name: 'owners', ok: true, detail: `${counted}, each with a HubSpot owner` }
  const parts = [
    ...(lonelyQueues.length === 0
      ? []
      : [`queues: ${listed(lonelyQueues.map((q) => `${q.name} (${q.email ?? 'no queue email'})`))}`]),
    ...(lonelyUsers.length === 0
      ? []
      : [`active users: ${listed(lonelyUsers.map((u) => `${u.firstName} ${u.lastName} (${u.email})`))}`]),
  ]
  return {
    scope: 'salesforce',
    name: 'owners',
    ok: true,
    warning: true,
    detail: `${counted}; with no HubSpot owner, so what they own syncs with the owner blank: ${parts.join('; ')}`,
    fix:
      'Add each as a HubSpot user with the same first name, last name and email; for a queue, a HubSpot user ' +
      "with the queue's email (HubSpot's API cannot create owners). Records that waited get the owner at the next sync that reads owners again (at most 10 minutes apart).",
  }
}

function listed(names: readonly string[]): string {
  const more = names.length - LISTED
  return names.slice(0, LISTED).join(', ') + (more > 0 ? ` and ${more} more` : '')
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
