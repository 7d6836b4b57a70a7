import {
  buildOwnerIndex,
  type Link,
  linksAwaitingOwner,
  newlyMatchedOwners,
  type OwnersTable,
} from '@crmsync/core'

import type { StepContext } from '../engine-context.js'

/** Links read per store call while looking for owners that waited. */
const LINK_PAGE = 1000

/**
 * B-OWN-1: a record whose Salesforce owner had no HubSpot owner synced with the HubSpot owner blank (a queue,
 * or a user not yet added to HubSpot). When an owners table shows that owner has a HubSpot owner now, its
 * links go to the inbox so the owner is filled this cycle, not at the record's next edit. The first table an
 * engine reads looks at every link (a waiting owner may come from an earlier run); later ones only when an
 * owner just gained a match. It reads the store only, never either CRM.
 */
export async function enqueueAwaitingOwner(
  ctx: StepContext,
  before: OwnersTable | undefined,
  after: OwnersTable,
): Promise<number> {
  if (!ctx.setup.mappings.some((m) => m.rule === 'owner')) return 0
  const index = buildOwnerIndex(after)
  const ownerIds = after.salesforce.map((o) => o.id)
  const narrowed =
    before === undefined ? undefined : newlyMatchedOwners(ownerIds, buildOwnerIndex(before), index)
  if (narrowed?.size === 0) return 0
  if (narrowed === undefined && !ownerIds.some((id) => index.hubspotFor(id) !== undefined)) return 0
  const { connectionId } = ctx.setup
  let enqueued = 0
  let afterId: string | undefined
  for (;;) {
    const page: readonly Link[] = await ctx.store.listLinks({
      connectionId,
      objectKind: 'contact',
      limit: LINK_PAGE,
      ...(afterId === undefined ? {} : { afterHubspotId: afterId }),
    })
    const waiting = linksAwaitingOwner(page, ctx.setup.mappings, index, narrowed)
    if (waiting.length > 0) {
      // Planned even when this cycle captured the contact as the echo of our last write, which it may be.
      for (const id of waiting) ctx.cycle.replanned.add(id)
      await ctx.store.enqueue(
        waiting.map((recordId) => ({
          connectionId,
          objectKind: 'contact' as const,
          side: 'hubspot' as const,
          recordId,
        })),
      )
      enqueued += waiting.length
    }
    afterId = page.at(-1)?.hubspotId
    if (page.length < LINK_PAGE) return enqueued
  }
}
