import type { HubSpotContactRecord } from '@crmsync/core'

import type { ReadContext } from '../../engine-context.js'
import type { BatchLinks } from '../../pipeline/batch-links.js'

/**
 * HubSpot deletes reach a polling engine only through reads (design.md 3.4: webhooks and snapshots). Of the
 * dedup candidates held by active links whose contact is not in the batch, the ones HubSpot no longer knows
 * were deleted there (B-CON-23). A read: the plan tombstones their links (core's prepareLinks), so the record
 * is free for the contact that holds its email today.
 */
export async function readDeletedHolders(
  ctx: ReadContext,
  links: BatchLinks,
  candidateIds: readonly string[],
  hubspot: ReadonlyMap<string, HubSpotContactRecord>,
): Promise<string[]> {
  const holders = candidateIds.flatMap((id) => {
    const link = links.find('salesforce', id)
    return link?.state === 'active' && !hubspot.has(link.hubspotId) ? [link.hubspotId] : []
  })
  if (holders.length === 0) return []
  const read = await ctx.deps.hubspot.readContacts({ ids: holders, properties: ['email'] })
  return holders.filter((id) => read.missing.includes(id))
}
