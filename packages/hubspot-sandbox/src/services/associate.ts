import { validationError } from '../http/errors.js'
import type { AssociationChange } from '../model/association-store.js'
import { type AssociationType, associationTypeName } from '../model/association-types.js'
import { isLive } from '../model/object-store.js'
import { OBJECT_TYPES, type ObjectTypeName } from '../model/object-types.js'
import type { Portal } from '../model/portal.js'
import { applyAssociationEffects } from './association-effects.js'
import { eventEnvelope } from './event-envelope.js'
import type { WriteContext } from './record-changes.js'

/**
 * What every change to the edges entails: the properties that mirror links (a contact's primary company, a
 * company's contact count) and associationChange webhooks for both directions of each change.
 */
export function afterAssociationChanges(ctx: WriteContext, changes: readonly AssociationChange[]): void {
  const at = ctx.portal.clock.now()
  for (const change of changes) {
    const type = ctx.portal.associations.type(change.from, change.to, change.typeId)
    for (const [from, fromId, to, toId] of [
      [change.from, change.fromId, change.to, change.toId],
      [change.to, change.toId, change.from, change.fromId],
    ] as const) {
      ctx.portal.emit({
        ...eventEnvelope(ctx.source, `${OBJECT_TYPES[from].singular}.associationChange`, fromId, at),
        associationType: associationTypeName(OBJECT_TYPES[from].singular, OBJECT_TYPES[to].singular),
        fromObjectId: fromId,
        toObjectId: toId,
        associationRemoved: change.removed,
        isPrimaryAssociation: type?.isPrimary ?? false,
      })
    }
  }
  applyAssociationEffects(ctx, changes)
}

/** Whether a live record with this id exists. */
export function exists(portal: Portal, type: ObjectTypeName, id: number): boolean {
  const record = portal.stores[type].records.get(id)
  return record !== undefined && isLive(record)
}

/** Adds edges of a known type after checking both ends exist; emits webhooks. */
export function associate(
  ctx: WriteContext,
  type: AssociationType,
  fromId: number,
  toId: number,
): AssociationChange[] {
  if (!exists(ctx.portal, type.from, fromId))
    throw validationError(`No ${type.from} with ID ${fromId} exists`)
  if (!exists(ctx.portal, type.to, toId)) throw validationError(`No ${type.to} with ID ${toId} exists`)
  const changes = ctx.portal.associations.add(type, fromId, toId)
  afterAssociationChanges(ctx, changes)
  return changes
}

interface AssociationInput {
  to?: { id?: unknown }
  types?: Array<{ associationCategory?: unknown; associationTypeId?: unknown }>
}

/** The `associations` array of a create: `[{to:{id}, types:[{associationCategory, associationTypeId}]}]`. */
export function createAssociationsFor(
  ctx: WriteContext,
  from: ObjectTypeName,
  fromId: number,
  input: unknown,
): void {
  if (!Array.isArray(input)) throw validationError('associations must be an array')
  for (const item of input as AssociationInput[]) {
    const toId = Number(item.to?.id)
    for (const spec of item.types ?? []) {
      const type = ctx.portal.associations.typeById(Number(spec.associationTypeId))
      if (type?.from !== from) {
        throw validationError(
          `${String(spec.associationTypeId)} is not a valid association type id for ${from}`,
        )
      }
      associate(ctx, type, fromId, toId)
    }
  }
}
