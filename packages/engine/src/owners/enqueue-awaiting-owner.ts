import {
  buildOwnerIndex,
  type Link,
  linksAwaitingOwner,
  newlyMatchedOwners,
  type OwnersTable,
  ownersWithoutHubSpot,
} from '@crmsync/core'

import type { StepContext } from '../engine-context.js'

/** Links read per store call while looking for owners that waited. */
const LINK_PAGE = 1000

/** The store row (a cursor of its own) that remembers which owners had no HubSpot owner at the last read. */
const WITHOUT_STREAM = 'owners:without-hubspot'

/**
 * B-OWN-1: a record whose Salesforce owner had no HubSpot owner synced with the HubSpot owner blank (a queue,
 * or a user not yet added to HubSpot). When an owners table shows that owner has a HubSpot owner now, its
 * links go to the inbox so the owner is filled this cycle, not at the record's next edit. Which owners had
 * none is kept in the store, so a new process (`sync --once`, a restart) knows it too; only a store that
 * never kept it (the first run of this version) looks at every link, once. Reads the store, never a CRM.
 */
export async function enqueueAwaitingOwner(
  ctx: StepContext,
  before: OwnersTable | undefined,
  after: OwnersTable,
): Promise<number> {
  if (!ctx.setup.mappings.some((m) => m.rule === 'owner')) return 0
  const index = buildOwnerIndex(after)
  const previously =
    before === undefined ? await storedWithout(ctx) : ownersWithoutHubSpot(before, buildOwnerIndex(before))
  const without = ownersWithoutHubSpot(after, index)
  if (previously?.join() !== without.join()) {
    await ctx.store.setCursor({
      connectionId: ctx.setup.connectionId,
      side: 'salesforce',
      stream: WITHOUT_STREAM,
      value: JSON.stringify(without),
      updatedAt: ctx.deps.clock.now(),
    })
  }
  const narrowed = previously === undefined ? undefined : newlyMatchedOwners(previously, index)
  if (narrowed?.size === 0) return 0
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

async function storedWithout(ctx: StepContext): Promise<string[] | undefined> {
  const cursor = await ctx.store.getCursor(ctx.setup.connectionId, 'salesforce', WITHOUT_STREAM)
  if (cursor === undefined) return undefined
  const parsed: unknown = JSON.parse(cursor.value)
  return Array.isArray(parsed) ? parsed.map(String) : undefined
}
