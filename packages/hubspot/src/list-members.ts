import type { HubSpotListMembers } from '@crmsync/core'
import type { Client } from '@hubspot/api-client'

import type { Call } from './retry-policy.js'

/** The page size the memberships endpoint allows (api-surface 3.9). */
const MEMBERSHIP_PAGE = 250

/**
 * The inclusion list's members as a set, read once per cycle (design.md 3.4): one call for the list's
 * processing status and type, then one per 250 members. Works the same for DYNAMIC and MANUAL lists, and
 * for contact (0-1) and company (0-2) lists alike: members are record ids either way. The engine refuses a
 * list that is not DYNAMIC (B-CON-16).
 */
export async function readListMembers(
  client: Client,
  listId: string,
  call: Call,
): Promise<HubSpotListMembers> {
  const lists = client.crm.lists
  const { list } = await call('list read', () => lists.listsApi.getById(listId))
  const members = new Set<string>()
  let after: string | undefined
  do {
    const cursor = after
    const page = await call('list memberships', () =>
      lists.membershipsApi.getPage(listId, cursor, undefined, MEMBERSHIP_PAGE),
    )
    for (const row of page.results) members.add(String(row.recordId))
    after = page.paging?.next?.after
  } while (after !== undefined)
  return {
    name: list.name,
    processingType: list.processingType,
    members,
    processing: list.processingStatus !== 'COMPLETE',
    objectTypeId: list.objectTypeId,
  }
}
