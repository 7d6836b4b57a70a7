import { HubSpotError, validationError } from '../http/errors.js'
import { LIFECYCLE_STAGES } from '../model/default-properties.js'
import { isLive } from '../model/object-store.js'
import type { ObjectTypeName } from '../model/object-types.js'
import type { Portal } from '../model/portal.js'
import type { HsRecord } from '../model/record.js'
import { refreshLinksOf } from './association-effects.js'
import { isClosedWonStage } from './deal-rollups.js'
import { eventEnvelope } from './event-envelope.js'
import { trackRecord } from './list-membership.js'
import { syncOptOutProperties } from './opt-out-properties.js'
import { emitChanges, noteSearchLag, type WriteContext } from './record-changes.js'
import type { Changes } from './validate-write.js'

export type { WriteContext } from './record-changes.js'

const stageOrder = new Map(LIFECYCLE_STAGES.map((stage) => [stage.value, stage.displayOrder]))

/**
 * Lifecycle stage only moves forward (api-surface.md 8.3): a backward write is ignored (the default), applied
 * or refused, per the lifecycleBackwardMove knob. Clearing it first with "" makes any stage possible again.
 */
function applyLifecycleRule(ctx: WriteContext, changes: Changes, record: HsRecord): void {
  const next = changes.get('lifecyclestage')
  const current = record.props['lifecyclestage']
  if (next === undefined || current === undefined) return
  if (next === current) {
    changes.delete('lifecyclestage')
    return
  }
  const backward = (stageOrder.get(next) ?? 0) < (stageOrder.get(current) ?? 0)
  if (!backward) return
  const mode = ctx.portal.knobs.lifecycleBackwardMove
  if (mode === 'allow') return
  if (mode === 'reject') {
    throw validationError(`lifecyclestage cannot move backwards from ${current} to ${next}; clear it first`)
  }
  changes.delete('lifecyclestage')
}

/** Properties HubSpot keeps itself, after the caller's values are in. */
function applyDerived(
  ctx: WriteContext,
  type: ObjectTypeName,
  record: HsRecord,
  changes: Changes,
  at: number,
  isNew: boolean,
): string[] {
  const store = ctx.portal.stores[type]
  const derived: string[] = []
  const set = (name: string, value: string | undefined): void => {
    if (record.props[name] === value) return
    store.write(record, name, value, at, { sourceType: 'CALCULATED' })
    derived.push(name)
  }
  const stage = changes.get('lifecyclestage')
  if (stage !== undefined && record.props[`hs_lifecyclestage_${stage}_date`] === undefined) {
    set(`hs_lifecyclestage_${stage}_date`, new Date(at).toISOString())
  }
  if (type === 'deals' && (changes.has('dealstage') || changes.has('pipeline'))) {
    const [pipelineId, stageId] = [record.props['pipeline'], record.props['dealstage']]
    const pipeline = ctx.portal.pipelines.get('deals')?.find((p) => p.id === pipelineId)
    const found = pipeline?.stages.find((s) => s.id === stageId)
    set('hs_is_closed', found === undefined ? undefined : String(found.metadata['isClosed'] === 'true'))
    set('hs_deal_stage_probability', found?.metadata['probability'])
    const won = isClosedWonStage(ctx.portal, pipelineId, stageId)
    set('hs_is_closed_won', found === undefined ? undefined : String(won))
  }
  if (type === 'contacts' && changes.has('email'))
    derived.push(...syncOptOutProperties(ctx.portal, record, at))
  // A new company has no contacts yet; association-effects.ts keeps the count from then on.
  if (type === 'companies' && isNew) set('num_associated_contacts', '0')
  return derived
}

/** Creates a record from already validated changes (batch callers validate every input first). */
export function insertRecord(
  ctx: WriteContext,
  type: ObjectTypeName,
  changes: Changes,
  at = ctx.portal.clock.now(),
): HsRecord {
  const store = ctx.portal.stores[type]
  const props: Record<string, string> = {}
  for (const [name, value] of changes) if (value !== undefined) props[name] = value
  const record: HsRecord = {
    id: ctx.portal.nextId(),
    props,
    createdAt: at,
    updatedAt: at,
    archived: false,
    archivedAt: undefined,
    mergedInto: undefined,
    source: ctx.source,
    history: undefined,
    searchView: undefined,
  }
  noteSearchLag(ctx.portal, record, true, at)
  store.insert(record)
  const derived = applyDerived(ctx, type, record, changes, at, true)
  const singular = store.info.singular
  ctx.portal.emit({
    ...eventEnvelope(ctx.source, `${singular}.creation`, record.id, at),
    changeFlag: 'CREATED',
  })
  emitChanges(ctx, type, record, [...Object.keys(props), ...derived], at)
  trackRecord(ctx.portal, type, record)
  return record
}

/** Applies already validated changes; returns the names that actually changed. */
export function applyUpdate(
  ctx: WriteContext,
  type: ObjectTypeName,
  record: HsRecord,
  changes: Changes,
): string[] {
  const store = ctx.portal.stores[type]
  applyLifecycleRule(ctx, changes, record)
  const changed = [...changes].filter(([name, value]) => record.props[name] !== value)
  if (changed.length === 0) return []
  const at = ctx.portal.clock.now()
  noteSearchLag(ctx.portal, record, false, at)
  for (const [name, value] of changed) store.write(record, name, value, at, ctx.source)
  const derived = applyDerived(ctx, type, record, new Map(changed), at, false)
  store.touch(record, at)
  const names = [...changed.map(([name]) => name), ...derived]
  emitChanges(ctx, type, record, names, at)
  trackRecord(ctx.portal, type, record)
  return names
}

/** DELETE /crm/v3/objects/{t}/{id}: archives (restorable), drops it from indexes and search. */
export function archiveRecord(ctx: WriteContext, type: ObjectTypeName, record: HsRecord): void {
  if (!isLive(record)) return
  const store = ctx.portal.stores[type]
  const at = ctx.portal.clock.now()
  store.unindex(record)
  record.archived = true
  record.archivedAt = at
  trackRecord(ctx.portal, type, record)
  refreshLinksOf(ctx, type, record)
  ctx.portal.emit({
    ...eventEnvelope(ctx.source, `${store.info.singular}.deletion`, record.id, at),
    changeFlag: 'DELETED',
  })
}

/** HubSpot keeps a deleted record restorable for 90 days, then deletes it for good. */
export const RESTORE_WINDOW_MS = 90 * 24 * 60 * 60 * 1000

/**
 * Restores an archived record with its properties and history, as "Restore" in the HubSpot UI does (the
 * public API has no restore endpoint, so the admin API serves it). Refused after 90 days, and when a live
 * record now holds one of its unique values (the email).
 */
export function restoreRecord(ctx: WriteContext, type: ObjectTypeName, record: HsRecord): void {
  if (isLive(record)) throw validationError(`${record.id} is not deleted`)
  const at = ctx.portal.clock.now()
  if (record.mergedInto !== undefined || at - (record.archivedAt ?? at) > RESTORE_WINDOW_MS)
    throw new HubSpotError({
      status: 404,
      message: `Object ${record.id} was deleted for good (more than 90 days ago, or merged)`,
      category: 'OBJECT_NOT_FOUND',
    })
  const store = ctx.portal.stores[type]
  for (const [name, value] of Object.entries(record.props)) {
    if (value === '' || !store.isUnique(name)) continue
    const holder = lookUp(ctx.portal, type, value, name, false)
    if (holder !== undefined)
      throw new HubSpotError({
        status: 409,
        message: `Cannot restore ${record.id}: ${holder.id} has ${name} ${value}`,
        category: 'CONFLICT',
      })
  }
  record.archived = false
  record.archivedAt = undefined
  noteSearchLag(ctx.portal, record, true, at)
  record.updatedAt = at
  store.reindex(record)
  trackRecord(ctx.portal, type, record)
  refreshLinksOf(ctx, type, record)
  ctx.portal.emit({
    ...eventEnvelope(ctx.source, `${store.info.singular}.restore`, record.id, at),
    changeFlag: 'RESTORED',
  })
}

/** Finds a live record by id or by a unique property (`idProperty`); throws 404 when absent. */
export function findLive(portal: Portal, type: ObjectTypeName, id: string, idProperty?: string): HsRecord {
  const record = lookUp(portal, type, id, idProperty, false)
  if (record === undefined)
    throw new HubSpotError({ status: 404, message: 'Object not found.', category: 'OBJECT_NOT_FOUND' })
  return record
}

/** Looks a record up by id (following merges) or unique property; `archived` selects archived records. */
export function lookUp(
  portal: Portal,
  type: ObjectTypeName,
  id: string,
  idProperty: string | undefined,
  archived: boolean,
): HsRecord | undefined {
  const store = portal.stores[type]
  if (idProperty !== undefined && idProperty !== '' && idProperty !== 'hs_object_id') {
    const def = portal.property(type, idProperty)
    if (def === undefined || !store.isUnique(idProperty)) {
      throw validationError(
        `${idProperty} is not a unique property of ${type}; idProperty must be unique-valued`,
      )
    }
    if (archived)
      return [...store.list(0, true)].find((r) => r.props[idProperty]?.toLowerCase() === id.toLowerCase())
    return store.findByUnique(idProperty, id)
  }
  if (!/^\d+$/.test(id)) return undefined
  const record = store.resolve(Number(id))
  if (record === undefined || record.archived !== archived) return undefined
  return record
}
