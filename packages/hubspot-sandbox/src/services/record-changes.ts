import type { ObjectTypeName } from '../model/object-types.js'
import type { Portal } from '../model/portal.js'
import type { HsRecord, WriteSource } from '../model/record.js'
import { eventEnvelope } from './event-envelope.js'

/** Who is writing, for history and webhooks. */
export interface WriteContext {
  readonly portal: Portal
  readonly source: WriteSource
}

/** Remembers what search saw before this write, while the search-lag knob is on. */
export function noteSearchLag(portal: Portal, record: HsRecord, isNew: boolean, at: number): void {
  const lag = portal.knobs.searchLagMs
  if (lag <= 0) return
  if (record.searchView !== undefined && record.searchView.until > at) {
    record.searchView.until = at + lag
    return
  }
  record.searchView = {
    until: at + lag,
    props: isNew ? undefined : { ...record.props },
    updatedAt: record.updatedAt,
  }
}

/** One `*.propertyChange` webhook per changed property. */
export function emitChanges(
  ctx: WriteContext,
  type: ObjectTypeName,
  record: HsRecord,
  names: Iterable<string>,
  at: number,
): void {
  const singular = ctx.portal.stores[type].info.singular
  for (const name of names) {
    ctx.portal.emit({
      ...eventEnvelope(ctx.source, `${singular}.propertyChange`, record.id, at),
      propertyName: name,
      propertyValue: record.props[name] ?? '',
    })
  }
}
