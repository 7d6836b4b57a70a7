import type { Link, ObjectKind, StateReader } from '@crmsync/core'

/** Links read per store call while walking every link of a kind. */
export const LINK_WALK_PAGE = 1000

/**
 * Every link of one kind, `pageSize` links a store read (a keyset walk by HubSpot id): the store has no count
 * or search query over links, and this needs none of the port's writers.
 */
export async function* walkLinks(
  store: Pick<StateReader, 'listLinks'>,
  connectionId: string,
  objectKind: ObjectKind,
  pageSize = LINK_WALK_PAGE,
): AsyncGenerator<Link> {
  let after: string | undefined
  for (;;) {
    const page = await store.listLinks({
      connectionId,
      objectKind,
      limit: pageSize,
      ...(after === undefined ? {} : { afterHubspotId: after }),
    })
    yield* page
    after = page.at(-1)?.hubspotId
    if (page.length < pageSize) return
  }
}
