import type { ObjectTypeName } from './object-types.js'

export type AssociationCategory = 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED'

/** One directional association type: `typeId` from `from` to `to`; `inverseId` is the other direction. */
export interface AssociationType {
  readonly from: ObjectTypeName
  readonly to: ObjectTypeName
  readonly typeId: number
  readonly inverseId: number
  readonly category: AssociationCategory
  readonly label: string | null
  /** The type the "default" association endpoints create. */
  readonly isDefault: boolean
  /** A primary association (one per record, e.g. a contact's primary company). */
  readonly isPrimary: boolean
}

type Pair = readonly [ObjectTypeName, ObjectTypeName, number, number, string | null, boolean]

// HubSpot-defined type ids, from the client's AssociationTypes enum (api-surface.md 3.5).
const DEFINED: readonly Pair[] = [
  ['contacts', 'companies', 279, 280, null, true],
  ['contacts', 'companies', 1, 2, 'Primary', false],
  ['deals', 'contacts', 3, 4, null, true],
  ['deals', 'companies', 341, 342, null, true],
  ['deals', 'companies', 5, 6, 'Primary', false],
  ['contacts', 'tasks', 203, 204, null, true],
  ['companies', 'tasks', 191, 192, null, true],
  ['deals', 'tasks', 215, 216, null, true],
  ['contacts', 'notes', 201, 202, null, true],
  ['companies', 'notes', 189, 190, null, true],
  ['deals', 'notes', 213, 214, null, true],
  ['contacts', 'calls', 193, 194, null, true],
  ['companies', 'calls', 181, 182, null, true],
  ['deals', 'calls', 205, 206, null, true],
  ['contacts', 'meetings', 199, 200, null, true],
  ['companies', 'meetings', 187, 188, null, true],
  ['deals', 'meetings', 211, 212, null, true],
  ['contacts', 'emails', 197, 198, null, true],
  ['companies', 'emails', 185, 186, null, true],
  ['deals', 'emails', 209, 210, null, true],
  ['contacts', 'contacts', 449, 449, null, true],
  ['companies', 'companies', 450, 450, null, true],
  ['deals', 'deals', 451, 451, null, true],
]

/** Both directions of every HubSpot-defined pair. */
export function definedAssociationTypes(): AssociationType[] {
  const types: AssociationType[] = []
  for (const [from, to, typeId, inverseId, label, isDefault] of DEFINED) {
    const isPrimary = label === 'Primary'
    const category = 'HUBSPOT_DEFINED'
    types.push({ from, to, typeId, inverseId, category, label, isDefault, isPrimary })
    if (from !== to) {
      types.push({
        from: to,
        to: from,
        typeId: inverseId,
        inverseId: typeId,
        category,
        label,
        isDefault,
        isPrimary,
      })
    }
  }
  return types
}

/** The webhook name of a direction, e.g. CONTACT_TO_COMPANY. */
export function associationTypeName(from: string, to: string): string {
  return `${from}_TO_${to}`.toUpperCase()
}
