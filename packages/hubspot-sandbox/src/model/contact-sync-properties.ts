// The contact properties crmsync's default mappings pair with Salesforce fields (B-MAP-9), with HubSpot's
// real definitions. The dropdowns carry the Salesforce sandbox's picklist values as options: both sandboxes
// describe one company (design.md 4.3) whose admin aligned the picklists, so a value synced either way is
// a valid option. The values are repeated here on purpose (a sandbox imports no other package); the CLI's
// default-mapping test compares both sandboxes' metadata so the copies cannot drift apart.
import { defineProperty, optionsOf, type PropertyDefinition } from './property-definition.js'

const same = (values: readonly string[]): [string, string][] => values.map((v) => [v, v])

/** Salesforce Lead Status values, in sort order (the org's LeadStatus rows). */
export const LEAD_STATUS_VALUES = [
  'Open - Not Contacted',
  'Working - Contacted',
  'Closed - Converted',
  'Closed - Not Converted',
] as const

/** Salesforce's standard Lead Source values. */
export const LEAD_SOURCE_VALUES = [
  'Web',
  'Phone Inquiry',
  'Partner Referral',
  'Purchased List',
  'Other',
] as const

/** Salesforce's standard Lead Rating values. */
export const RATING_VALUES = ['Hot', 'Warm', 'Cold'] as const

/** HubSpot's default ranges for Number of Employees (a dropdown, not a number). */
export const EMPLOYEE_RANGES = ['1-5', '5-25', '25-50', '50-100', '100-500', '500-1000', '1000+'] as const

const text = (name: string, label: string): PropertyDefinition =>
  defineProperty(name, 'string', 'text', { label, groupName: 'contactinformation' })
const phone = (name: string, label: string): PropertyDefinition =>
  defineProperty(name, 'string', 'phonenumber', { label, groupName: 'contactinformation' })
/** A property crmsync's setup creates when the portal lacks it (B-INST-11); HubSpot has no default one. */
const created = (
  name: string,
  label: string,
  fieldType: 'select' | 'textarea',
  values: readonly string[] = [],
): PropertyDefinition =>
  defineProperty(name, fieldType === 'select' ? 'enumeration' : 'string', fieldType, {
    label,
    groupName: 'salesforceinformation',
    hubspotDefined: false,
    options: optionsOf(same(values)),
  })

/** The mapped contact properties besides the name, email, company and address ones. */
export function contactSyncProperties(): PropertyDefinition[] {
  return [
    text('salutation', 'Salutation'),
    phone('phone', 'Phone Number'),
    phone('mobilephone', 'Mobile Phone Number'),
    phone('fax', 'Fax Number'),
    text('industry', 'Industry'),
    // Free text in HubSpot; the Salesforce field is a currency.
    text('annualrevenue', 'Annual Revenue'),
    defineProperty('numemployees', 'enumeration', 'select', {
      label: 'Number of Employees',
      groupName: 'contactinformation',
      options: optionsOf(same(EMPLOYEE_RANGES)),
    }),
    defineProperty('hs_lead_status', 'enumeration', 'radio', {
      label: 'Lead Status',
      groupName: 'sales_properties',
      options: optionsOf(same(LEAD_STATUS_VALUES)),
    }),
    created('leadsource', 'Lead Source', 'select', LEAD_SOURCE_VALUES),
    created('rating', 'Rating', 'select', RATING_VALUES),
    created('description', 'Description', 'textarea'),
  ]
}
