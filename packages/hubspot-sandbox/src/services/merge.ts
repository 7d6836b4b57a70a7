import { notFound, validationError } from '../http/errors.js'
import type { AssociationChange } from '../model/association-store.js'
import { isLive } from '../model/object-store.js'
import type { ObjectTypeName } from '../model/object-types.js'
import type { HsRecord } from '../model/record.js'
import { applyAssociationEffects } from './association-effects.js'
import { DEAL_ROLLUP_PROPERTIES, refreshRollupsOfDeal } from './deal-rollups.js'
import { eventEnvelope } from './event-envelope.js'
import { trackRecord } from './list-membership.js'
import type { WriteContext } from './record-changes.js'

// Kept by the merge itself, or mirrored from the moved associations (association-effects.ts).
const SYSTEM = new Set([
  'hs_merged_object_ids',
  'hs_additional_emails',
  'associatedcompanyid',
  'num_associated_contacts',
  ...DEAL_ROLLUP_PROPERTIES,
])

function liveRecord(ctx: WriteContext, type: ObjectTypeName, id: unknown): HsRecord {
  const record = ctx.portal.stores[type].resolve(Number(id))
  if (record === undefined || !isLive(record)) throw notFound(`Object not found. objectId=${String(id)}`)
  return record
}

/**
 * Merges two records (api-surface.md 3.10 and 8.4). The primary's values win and the secondary fills the
 * gaps; `hs_merged_object_ids` accumulates (semicolon-separated); associations and list memberships move
 * to the survivor; old ids keep resolving to it. Contacts and companies get a new id when the
 * mergeMintsNewId knob is on; deals keep the primary's id.
 */
export function mergeRecords(
  ctx: WriteContext,
  type: ObjectTypeName,
  primaryId: unknown,
  mergedId: unknown,
): HsRecord {
  const { portal } = ctx
  const store = portal.stores[type]
  const primary = liveRecord(ctx, type, primaryId)
  const loser = liveRecord(ctx, type, mergedId)
  if (primary.id === loser.id) throw validationError('Cannot merge an object with itself')
  const at = portal.clock.now()
  const mint = portal.knobs.mergeMintsNewId && (type === 'contacts' || type === 'companies')

  const merged: Record<string, string> = { ...primary.props }
  let moved = 0
  for (const [name, value] of Object.entries(loser.props)) {
    if (SYSTEM.has(name) || (merged[name] !== undefined && merged[name] !== '')) continue
    if (store.isUnique(name) && name !== 'email') continue
    merged[name] = value
    moved += 1
  }
  const ids = [primary.props['hs_merged_object_ids'], loser.props['hs_merged_object_ids'], String(loser.id)]
  if (mint) ids.unshift(String(primary.id))
  merged['hs_merged_object_ids'] = ids
    .flatMap((part) => (part === undefined || part === '' ? [] : part.split(';')))
    .filter((id, index, all) => all.indexOf(id) === index)
    .join(';')
  const loserEmail = loser.props['email']
  if (type === 'contacts' && loserEmail !== undefined && loserEmail !== merged['email']) {
    const extra = merged['hs_additional_emails']
    merged['hs_additional_emails'] =
      extra === undefined || extra === '' ? loserEmail : `${extra};${loserEmail}`
  }

  store.unindex(loser)
  const moves: AssociationChange[] = []
  let survivor: HsRecord
  if (mint) {
    store.unindex(primary)
    survivor = {
      id: portal.nextId(),
      props: merged,
      createdAt: primary.createdAt,
      updatedAt: at,
      archived: false,
      archivedAt: undefined,
      mergedInto: undefined,
      source: primary.source,
      history: primary.history,
      searchView: undefined,
    }
    primary.mergedInto = survivor.id
    store.insert(survivor)
    moves.push(...portal.associations.moveAll(type, primary.id, survivor.id))
  } else {
    survivor = primary
    for (const [name, value] of Object.entries(merged)) store.write(survivor, name, value, at, ctx.source)
    store.touch(survivor, at)
  }
  loser.mergedInto = survivor.id
  moves.push(...portal.associations.moveAll(type, loser.id, survivor.id))
  // A company's contacts now point at the survivor: their associatedcompanyid changes (and so their date).
  applyAssociationEffects(ctx, moves)
  // The surviving deal may have taken the absorbed one's amount or close date: its contacts recompute.
  if (type === 'deals') refreshRollupsOfDeal(ctx, survivor.id)
  for (const record of [survivor, primary, loser]) trackRecord(portal, type, record)
  for (const list of portal.lists.values()) {
    for (const old of [primary.id, loser.id]) {
      const joined = list.members.get(old)
      if (joined === undefined || old === survivor.id) continue
      list.members.delete(old)
      if (!list.members.has(survivor.id)) list.members.set(survivor.id, joined)
    }
  }
  portal.emit({
    ...eventEnvelope(ctx.source, `${store.info.singular}.merge`, survivor.id, at),
    primaryObjectId: primary.id,
    mergedObjectIds: [loser.id],
    newObjectId: survivor.id,
    numberOfPropertiesMoved: moved,
  })
  return survivor
}
