import {
  buildOwnerIndex,
  type Link,
  linksAwaitingOwner,
  newlyMatchedOwners,
  type OwnersRefresh,
  type OwnersTable,
  ownersWithoutHubSpot,
} from '@crmsync/core'

import type { ReadContext } from '../engine-context.js'

/** Links read per store call while looking for owners that waited. */
const LINK_PAGE = 1000

/** The store row (a cursor of its own) that remembers which owners had no HubSpot owner at the last read. */
export const OWNERS_WITHOUT_STREAM = 'owners:without-hubspot'

/**
 * B-OWN-1, the read half: after a fresh owners table, which owners had no HubSpot owner (as the store
 * remembers it, so a new process knows it too), which have none now, and the links whose owner waited and
 * can be filled now. The plan turns that into a requeue of those links and the new list to remember
 * (core's planAwaitingOwners); the commit writes both. Only a store that never kept the list (the first run
 * of this version) looks at every link, once. Reads the store, never a CRM.
 */
export async function readOwnersRefresh(
  ctx: ReadContext,
  table: OwnersTable,
): Promise<OwnersRefresh | undefined> {
  if (!ctx.setup.mappings.some((m) => m.rule === 'owner')) return undefined
  const index = buildOwnerIndex(table)
  const previouslyWithout = await storedWithout(ctx)
  const without = ownersWithoutHubSpot(table, index)
  const narrowed = previouslyWithout === undefined ? undefined : newlyMatchedOwners(previouslyWithout, index)
  const awaiting: string[] = []
  if (narrowed?.size !== 0) {
    let afterId: string | undefined
    for (;;) {
      const page: readonly Link[] = await ctx.store.listLinks({
        connectionId: ctx.setup.connectionId,
        objectKind: 'contact',
        limit: LINK_PAGE,
        ...(afterId === undefined ? {} : { afterHubspotId: afterId }),
      })
      awaiting.push(...linksAwaitingOwner(page, ctx.setup.mappings, index, narrowed))
      afterId = page.at(-1)?.hubspotId
      if (page.length < LINK_PAGE) break
    }
  }
  return { previouslyWithout, without, awaiting }
}

async function storedWithout(ctx: ReadContext): Promise<string[] | undefined> {
  const cursor = await ctx.store.getCursor(ctx.setup.connectionId, 'salesforce', OWNERS_WITHOUT_STREAM)
  if (cursor === undefined) return undefined
  const parsed: unknown = JSON.parse(cursor.value)
  return Array.isArray(parsed) ? parsed.map(String) : undefined
}
