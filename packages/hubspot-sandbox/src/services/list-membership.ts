import { validationError } from '../http/errors.js'
import type { HsList } from '../model/lists.js'
import { isLive } from '../model/object-store.js'
import { findObjectType, OBJECT_TYPES, type ObjectTypeName } from '../model/object-types.js'
import type { Portal } from '../model/portal.js'
import type { HsRecord } from '../model/record.js'
import { matchesFilterBranch } from './list-filters.js'

const isDynamic = (list: HsList): boolean => list.processingType === 'DYNAMIC' && list.deletedAt === undefined

/**
 * Evaluates a DYNAMIC list in full once its processing delay has passed (after creation or a filter
 * change). From then on `trackRecord` keeps it current on every write, so reads never rescan the records.
 */
export function refreshMembership(portal: Portal, list: HsList): void {
  const now = portal.clock.now()
  if (!isDynamic(list) || now < list.readyAt || list.evaluatedVersion === list.listVersion) return
  const info = findObjectType(list.objectTypeId)
  if (info === undefined) return
  const matching = new Set<number>()
  for (const record of portal.stores[info.name].live()) {
    if (matchesFilterBranch(info, record, list.filterBranch)) matching.add(record.id)
  }
  for (const id of [...list.members.keys()]) if (!matching.has(id)) list.members.delete(id)
  for (const id of matching) if (!list.members.has(id)) list.members.set(id, now)
  list.evaluatedVersion = list.listVersion
}

/** Re-evaluates one written record against every evaluated DYNAMIC list of its type (joins and leaves). */
export function trackRecord(portal: Portal, type: ObjectTypeName, record: HsRecord): void {
  if (portal.lists.size === 0) return
  const info = OBJECT_TYPES[type]
  for (const list of portal.lists.values()) {
    if (!isDynamic(list) || list.objectTypeId !== info.typeId || list.evaluatedVersion !== list.listVersion)
      continue
    const member = isLive(record) && matchesFilterBranch(info, record, list.filterBranch)
    if (!member) list.members.delete(record.id)
    else if (!list.members.has(record.id)) list.members.set(record.id, portal.clock.now())
  }
}

/** Forces a full evaluation of every DYNAMIC list on its next read (after bulk seeding). */
export function invalidateDynamicLists(portal: Portal): void {
  for (const list of portal.lists.values()) list.evaluatedVersion = 0
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
