import { isLive } from '../model/object-store.js'
import type { ObjectTypeName } from '../model/object-types.js'
import type { HsRecord } from '../model/record.js'
import { trackRecord } from './list-membership.js'
import { emitChanges, noteSearchLag, type WriteContext } from './record-changes.js'

/**
 * Writes properties HubSpot maintains itself (no validation, no lifecycle rule), attributed to the write that
 * caused them. `touch` also moves the last-modified time, which a change of a visible link does even when no
 * property value changed (association-effects.ts). Returns the names whose value changed.
 */
export function applySystemUpdate(
  ctx: WriteContext,
  type: ObjectTypeName,
  record: HsRecord,
  values: Readonly<Record<string, string | undefined>>,
  touch: boolean,
): string[] {
  if (!isLive(record)) return []
  const changed = Object.entries(values).filter(([name, value]) => record.props[name] !== value)
  if (changed.length === 0 && !touch) return []
  const store = ctx.portal.stores[type]
  const at = ctx.portal.clock.now()
  noteSearchLag(ctx.portal, record, false, at)
  for (const [name, value] of changed) store.write(record, name, value, at, ctx.source)
  if (touch) store.touch(record, at)
  const names = changed.map(([name]) => name)
  emitChanges(ctx, type, record, names, at)
  trackRecord(ctx.portal, type, record)
  return names
}
