import { type Connection, type ContactSalesforceType, DEFAULT_CONTACT_MAPPINGS } from '@crmsync/core'

/** The HubSpot properties the Try-it page offers: short free text every seeded contact has on both sides. */
export const TRY_IT_PROPERTIES = ['firstname', 'lastname', 'jobtitle', 'city', 'phone'] as const

/** The longest value an edit may write (every offered field holds at least this much on both sides). */
export const TRY_IT_MAX_LENGTH = 40

/** One offered field: its HubSpot property, its Salesforce field per type and the rule it syncs by now. */
export interface TryItField {
  readonly hubspot: string
  readonly salesforce: Readonly<Partial<Record<ContactSalesforceType, string>>>
  readonly rule: string
}

/**
 * The offered fields with the rules the connection's file gives them now (a configured entry overrides a
 * default's rule, B-MAP-9); a field switched off (`rule: none`) is not offered, since an edit could not cross.
 */
export function tryItFields(connection: Connection): TryItField[] {
  return TRY_IT_PROPERTIES.flatMap((property) => {
    const mapping = DEFAULT_CONTACT_MAPPINGS.find((m) => m.hubspot === property)
    if (mapping === undefined) return []
    const configured = connection.mappings.contact.find((c) => c.hubspot === property)
    const rule = configured?.rule ?? mapping.rule
    return rule === 'none' ? [] : [{ hubspot: property, salesforce: mapping.salesforce, rule }]
  })
}

/** The Salesforce field of `field` on a record of `type`, or undefined (Lead and Contact name some differently). */
export function salesforceFieldFor(field: TryItField, type: string): string | undefined {
  return type === 'Lead' || type === 'Contact' ? field.salesforce[type] : undefined
}
