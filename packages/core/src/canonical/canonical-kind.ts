import type { ContactMapping } from '../mapping/index.js'

/**
 * The canonical form a mapping's type pair uses, at the coarser side's precision (design.md 3.3).
 * `day-from-hubspot-instant` and `day-from-salesforce-instant` are the date <-> datetime pairs: the
 * canonical value is the calendar day in the portal's time zone, and the named side holds the instant.
 */
export type CanonicalKind =
  | 'text'
  | 'number'
  | 'date'
  | 'datetime'
  | 'day-from-hubspot-instant'
  | 'day-from-salesforce-instant'
  | 'boolean'
  | 'picklist'
  | 'multi-select'
  | 'owner'

export function canonicalKindOf(mapping: ContactMapping): CanonicalKind {
  const { hubspotType: hs, salesforceType: sf } = mapping
  if (hs === 'owner') return 'owner'
  if (hs === 'booleancheckbox' || sf === 'boolean') return 'boolean'
  if (hs === 'checkbox' || sf === 'multipicklist') return 'multi-select'
  if (hs === 'number') return 'number'
  if (hs === 'date' || hs === 'datetime') {
    if (hs === 'datetime' && sf === 'datetime') return 'datetime'
    if (hs === 'datetime') return 'day-from-hubspot-instant'
    return sf === 'datetime' ? 'day-from-salesforce-instant' : 'date'
  }
  if (sf === 'picklist') return 'picklist'
  return 'text'
}
