import type {
  AnyMapping,
  CompanySalesforceType,
  ContactSalesforceType,
  FieldMapping,
} from './mapping-types.js'

/**
 * The placeholder HubSpot's own connector puts in a required Salesforce field that the HubSpot contact
 * leaves blank (design.md 3.3), so a contact with only an email (a form sign-up) still syncs.
 */
export const DEFAULT_REQUIRED_FIELD_PLACEHOLDER = '[not provided]'

/**
 * Salesforce fields a create or update refuses blank (REQUIRED_FIELD_MISSING), per object. Keyed by the
 * Salesforce field, not the HubSpot property, so a user mapping of the same field is covered too.
 */
export type RequiredFieldObject = ContactSalesforceType | CompanySalesforceType

export const SALESFORCE_REQUIRED_FIELDS: Readonly<Record<RequiredFieldObject, readonly string[]>> = {
  Lead: ['LastName', 'Company'],
  Contact: ['LastName'],
  Account: ['Name'],
}

export function isRequiredSalesforceField(type: RequiredFieldObject, field: string | undefined): boolean {
  return field !== undefined && SALESFORCE_REQUIRED_FIELDS[type].includes(field)
}

/**
 * The mapping writes a required field on some object, so Salesforce's placeholder stands for blank. It is
 * decided per mapping rather than per record because the canonical read (fromSalesforce) does not know the
 * object; a mapping pairing a required field on one object with an optional one on the other (rare) also
 * reads the placeholder as blank on the optional one, which is what the placeholder means anyway.
 */
export function hasRequiredPlaceholder(m: AnyMapping): boolean {
  if (m.viaAssociation === true) return false
  return (Object.keys(SALESFORCE_REQUIRED_FIELDS) as RequiredFieldObject[]).some((type) =>
    isRequiredSalesforceField(type, m.salesforce[type]),
  )
}

/**
 * The mapping as the org has it: `blankAllowed` when every required field it writes is one the org lets be
 * blank (`isNillable`, from describe), as Lead.Company is with person accounts (B-PA-5). A mapping of no
 * required field is returned as it is.
 */
export function withOrgRequiredFields<T extends string>(
  m: FieldMapping<T>,
  isNillable: (type: T, field: string) => boolean,
): FieldMapping<T> {
  const required = (Object.entries(m.salesforce) as [T, string | undefined][]).flatMap(([type, field]) =>
    type in SALESFORCE_REQUIRED_FIELDS &&
    field !== undefined &&
    isRequiredSalesforceField(type as RequiredFieldObject, field)
      ? [{ type, field }]
      : [],
  )
  if (required.length === 0 || !required.every((r) => isNillable(r.type, r.field))) return m
  return { ...m, blankAllowed: true }
}
