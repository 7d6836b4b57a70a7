/**
 * HubSpot properties that hold a record's link (design.md 3.1): written after a link, read after a merge.
 * Contacts keep the Lead or the Contact, companies the Account, deals the Opportunity.
 */
export const HUBSPOT_LINK_PROPERTY = {
  Lead: 'salesforceleadid',
  Contact: 'salesforcecontactid',
  Account: 'salesforceaccountid',
  Opportunity: 'salesforceopportunityid',
} as const satisfies Readonly<Record<string, string>>

/** A Salesforce object whose link a HubSpot property holds. */
export type LinkedSalesforceType = keyof typeof HUBSPOT_LINK_PROPERTY

/** The link properties of the Salesforce types `types`. */
export function linkPropertiesOf(types: readonly LinkedSalesforceType[]): string[] {
  return types.map((type) => HUBSPOT_LINK_PROPERTY[type])
}
