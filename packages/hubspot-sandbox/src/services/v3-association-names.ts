import type { AssociationType } from '../model/association-types.js'
import { OBJECT_TYPES, type ObjectTypeName } from '../model/object-types.js'
import type { Portal } from '../model/portal.js'

/**
 * The v3 name of an association type: `contact_to_company` is the primary (1) where a pair has a primary,
 * `contact_to_company_unlabeled` the plain one (279); other pairs have one plain name; labels add their id.
 */
export function v3TypeName(portal: Portal, type: AssociationType): string {
  const base = `${OBJECT_TYPES[type.from].singular}_to_${OBJECT_TYPES[type.to].singular}`
  if (type.label === 'Primary') return base
  if (type.category !== 'HUBSPOT_DEFINED') return `${base}_${String(type.typeId)}`
  const hasPrimary = portal.associations.typesBetween(type.from, type.to).some((t) => t.isPrimary)
  return hasPrimary ? `${base}_unlabeled` : base
}

/** The type a v3 request names, by v3 name or by numeric type id. */
export function v3TypeOf(
  portal: Portal,
  from: ObjectTypeName,
  to: ObjectTypeName,
  name: string,
): AssociationType | undefined {
  if (/^\d+$/.test(name)) return portal.associations.type(from, to, Number(name))
  return portal.associations
    .typesBetween(from, to)
    .find((type) => v3TypeName(portal, type) === name.toLowerCase())
}
