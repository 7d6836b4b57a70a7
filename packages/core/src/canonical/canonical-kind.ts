import type { AnyMapping, SalesforceFieldType } from '../mapping/index.js'

/**
 * The canonical form a mapping's type pair uses, at the coarser side's precision (design.md 3.3).
 * `day-from-hubspot-instant` and `day-from-salesforce-instant` are the date <-> datetime pairs: the
 * canonical value is the calendar day in the portal's time zone, and the named side holds the instant.
 * `number-range` is a HubSpot dropdown of ranges ("25-50") against a Salesforce number: the range label.
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
  | 'number-range'
  | 'owner'
  | 'domain'

const NUMBER_FIELDS: readonly SalesforceFieldType[] = ['int', 'double', 'currency', 'percent']

export function canonicalKindOf(mapping: AnyMapping): CanonicalKind {
  const { hubspotType: hs, salesforceType: sf } = mapping
  if (hs === 'owner') return 'owner'
  if (mapping.domain === true) return 'domain'
  if (hs === 'booleancheckbox' || sf === 'boolean') return 'boolean'
  if (hs === 'checkbox' || sf === 'multipicklist') return 'multi-select'
  if (hs === 'number') return 'number'
  if ((hs === 'select' || hs === 'radio') && NUMBER_FIELDS.includes(sf)) return 'number-range'
  if (hs === 'date' || hs === 'datetime') {
    if (hs === 'datetime' && sf === 'datetime') return 'datetime'
    if (hs === 'datetime') return 'day-from-hubspot-instant'
    return sf === 'datetime' ? 'day-from-salesforce-instant' : 'date'
  }
  if (sf === 'picklist') return 'picklist'
  return 'text'
}
