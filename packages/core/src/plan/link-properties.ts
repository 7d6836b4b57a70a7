import type { ContactSalesforceType } from '../mapping/index.js'

/** HubSpot properties that hold a contact's link (design.md 3.1); written after a link, read after a merge. */
export const HUBSPOT_LINK_PROPERTY: Readonly<Record<ContactSalesforceType, string>> = {
  Lead: 'salesforceleadid',
  Contact: 'salesforcecontactid',
}
