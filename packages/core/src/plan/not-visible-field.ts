import { type Err, err } from '../canonical/index.js'
import type { FieldMapping } from '../mapping/index.js'
import type { CanonicalValue, FieldState } from '../model/index.js'

/** The rules under which a HubSpot value is written to Salesforce at all. */
function hubSpotWrites(m: FieldMapping<string>): boolean {
  return m.rule !== 'none' && m.rule !== 'always-salesforce'
}

function notVisible(type: string, field: string): Err {
  return err(
    'SF_FIELD_NOT_VISIBLE',
    `field permissions missing: the integration user cannot see ${type}.${field} (field-level security)`,
  )
}

/**
 * B-ERR-5 on a linked pair: the mapping's field on `type` is hidden from the integration user, and the
 * HubSpot value would be written there, because it changed since it was last seen (or the pair syncs as
 * new: first sync or resync). The Salesforce value cannot be read, so a HubSpot value that did not change
 * is left alone rather than reported. Pure.
 */
export function notVisibleOnUpdate(
  m: FieldMapping<string>,
  type: string,
  hubspot: CanonicalValue,
  state: FieldState,
  isNewLink: boolean,
): Err | undefined {
  const field = m.notVisible?.[type]
  if (field === undefined || m.viaAssociation === true || !hubSpotWrites(m)) return undefined
  const last = isNewLink ? undefined : (state.hubspotShadow?.value ?? state.ancestor)
  const changed = last === undefined ? hubspot !== null : hubspot !== last
  return changed ? notVisible(type, field) : undefined
}

/**
 * B-ERR-5 on a create: the mapping's field on `type` is hidden from the integration user and the new record
 * would carry a HubSpot value there (`writes`: the create-time rules send it). Pure.
 */
export function notVisibleOnCreate(
  m: FieldMapping<string>,
  type: string,
  hubspot: CanonicalValue,
  writes: boolean,
): Err | undefined {
  const field = m.notVisible?.[type]
  if (field === undefined || m.viaAssociation === true || !writes || hubspot === null) return undefined
  return notVisible(type, field)
}
