import { validationError } from '../http/errors.js'
import type { HsList } from '../model/lists.js'
import { findObjectType } from '../model/object-types.js'
import type { Portal } from '../model/portal.js'
import { matchesFilterBranch } from './list-filters.js'

/**
 * Brings a DYNAMIC list's membership up to date: records that now match join with a fresh timestamp, those
 * that no longer match leave. Evaluated when the list is read, which is when an observer could tell.
 */
export function refreshMembership(portal: Portal, list: HsList): void {
  const now = portal.clock.now()
  if (list.processingType !== 'DYNAMIC' || now < list.readyAt || list.deletedAt !== undefined) return
  const info = findObjectType(list.objectTypeId)
  if (info === undefined) return
  const matching = new Set<number>()
  for (const record of portal.stores[info.name].live()) {
    if (matchesFilterBranch(info, record, list.filterBranch)) matching.add(record.id)
  }
  for (const id of [...list.members.keys()]) if (!matching.has(id)) list.members.delete(id)
  for (const id of matching) if (!list.members.has(id)) list.members.set(id, now)
}

/** Manual membership edits are refused on DYNAMIC lists (api-surface.md 8.2). */
export function assertManual(list: HsList): void {
  if (list.processingType === 'DYNAMIC') {
    throw validationError(
      `List ${list.listId} is a DYNAMIC list; its memberships cannot be edited manually`,
      {
        subCategory: 'ListError.MANUAL_MEMBERSHIP_CHANGES_NOT_ALLOWED',
      },
    )
  }
}
