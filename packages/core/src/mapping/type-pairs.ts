import type { HubSpotFieldType, SalesforceFieldType } from './mapping-types.js'

/**
 * The type pairs a user may map (B-MAP-5). Salesforce `email`, `phone` and `url` are strings with a
 * format, and `currency` and `percent` are doubles with a scale, so they pair like their base types;
 * `phonenumber` is a single-line text property. HubSpot's date picker stores either a date or a datetime
 * (both have fieldType `date`), so both pair with Salesforce date and datetime.
 */
export const ALLOWED_TYPE_PAIRS: Readonly<Record<HubSpotFieldType, readonly SalesforceFieldType[]>> = {
  text: ['string', 'textarea', 'email', 'phone', 'url'],
  phonenumber: ['string', 'textarea', 'phone'],
  textarea: ['textarea'],
  number: ['double', 'int', 'currency', 'percent'],
  date: ['date', 'datetime'],
  datetime: ['date', 'datetime'],
  select: ['picklist', 'reference'],
  radio: ['picklist', 'reference'],
  checkbox: ['multipicklist'],
  booleancheckbox: ['boolean'],
  // "HubSpot user" properties cannot be mapped at all (B-MAP-7).
  user: [],
  // The owner pair is reserved for the locked owner mapping (B-OWN-12).
  owner: [],
}

export function isAllowedTypePair(hubspot: HubSpotFieldType, salesforce: SalesforceFieldType): boolean {
  return ALLOWED_TYPE_PAIRS[hubspot].includes(salesforce)
}
