import type { ContactMapping, ContactSalesforceType } from './mapping-types.js'

/**
 * The contact mappings that exist out of the box (B-MAP-9), keyed by HubSpot property. One mapping serves
 * Lead and Contact when the field has the same API name on both (B-CON-13); address fields pair Lead's
 * `City` with Contact's `MailingCity` under one HubSpot property. Lengths and scales are the standard
 * Salesforce describe values; a connection overrides them from the live describe.
 *
 * HubSpot names the spec leaves open (it calls them "indicative"): we use HubSpot's standard internal names
 * where one exists (`jobtitle`, `numemployees`, `hs_lead_status`, `zip`, `address`) and the lower-cased
 * Salesforce name otherwise (`leadsource`, `rating`, `description`), which is what the connector creates
 * when it seeds missing properties (B-INST-11). Some default pairs (free text to a picklist, B-MAP-12) are
 * outside the user-selectable pairs of B-MAP-5; defaults are exempt from that check.
 */
export const EMAIL_OPT_OUT_MAPPING: ContactMapping = {
  hubspot: 'hs_email_optout',
  hubspotType: 'booleancheckbox',
  salesforce: { Lead: 'HasOptedOutOfEmail', Contact: 'HasOptedOutOfEmail' },
  salesforceType: 'boolean',
  rule: 'opt-out',
  isDefault: true,
  locked: true,
}

/** The owner mapping: always the locked owner rule, whatever the UI says (B-OWN-2, B-OWN-12). */
export const OWNER_MAPPING: ContactMapping = {
  hubspot: 'hubspot_owner_id',
  hubspotType: 'owner',
  salesforce: { Lead: 'OwnerId', Contact: 'OwnerId' },
  salesforceType: 'reference',
  rule: 'owner',
  isDefault: true,
  locked: true,
}

/**
 * HubSpot's standard `numemployees` options: HubSpot keeps the employee count as a dropdown of ranges while
 * Salesforce keeps `NumberOfEmployees` as a number, so the pair uses the range transform (`ranges`).
 */
export const HUBSPOT_EMPLOYEE_RANGES = [
  '1-5',
  '5-25',
  '25-50',
  '50-100',
  '100-500',
  '500-1000',
  '1000+',
] as const

const both = (field: string): Partial<Record<ContactSalesforceType, string>> => ({
  Lead: field,
  Contact: field,
})

function text(hubspot: string, field: Partial<Record<ContactSalesforceType, string>>, maxLength: number) {
  return { hubspot, hubspotType: 'text', salesforce: field, salesforceType: 'string', maxLength } as const
}

function picklist(hubspot: string, field: Partial<Record<ContactSalesforceType, string>>, fromText = false) {
  const hubspotType = fromText ? 'text' : 'select'
  return { hubspot, hubspotType, salesforce: field, salesforceType: 'picklist', maxLength: 255 } as const
}

const DEFAULT_FIELDS: readonly Omit<ContactMapping, 'rule' | 'isDefault'>[] = [
  { ...text('email', both('Email'), 80), salesforceType: 'email', caseInsensitive: true },
  text('firstname', both('FirstName'), 40),
  text('lastname', both('LastName'), 80),
  text('jobtitle', both('Title'), 128),
  picklist('leadsource', both('LeadSource')),
  {
    hubspot: 'description',
    hubspotType: 'textarea',
    salesforce: both('Description'),
    salesforceType: 'textarea',
    maxLength: 32000,
  },
  {
    hubspot: 'phone',
    hubspotType: 'phonenumber',
    salesforce: both('Phone'),
    salesforceType: 'phone',
    maxLength: 40,
  },
  {
    hubspot: 'fax',
    hubspotType: 'phonenumber',
    salesforce: both('Fax'),
    salesforceType: 'phone',
    maxLength: 40,
  },
  picklist('salutation', both('Salutation'), true),
  text('company', { Lead: 'Company' }, 255),
  {
    hubspot: 'annualrevenue',
    hubspotType: 'number',
    salesforce: { Lead: 'AnnualRevenue' },
    salesforceType: 'currency',
    scale: 0,
    precision: 18,
  },
  {
    hubspot: 'numemployees',
    hubspotType: 'select',
    salesforce: { Lead: 'NumberOfEmployees' },
    salesforceType: 'int',
    ranges: HUBSPOT_EMPLOYEE_RANGES,
  },
  picklist('industry', { Lead: 'Industry' }, true),
  picklist('rating', { Lead: 'Rating' }),
  picklist('hs_lead_status', { Lead: 'Status' }),
  { ...text('website', { Lead: 'Website' }, 255), salesforceType: 'url' },
  { ...text('address', { Lead: 'Street', Contact: 'MailingStreet' }, 255), salesforceType: 'textarea' },
  text('city', { Lead: 'City', Contact: 'MailingCity' }, 40),
  text('state', { Lead: 'State', Contact: 'MailingState' }, 80),
  text('zip', { Lead: 'PostalCode', Contact: 'MailingPostalCode' }, 20),
  text('country', { Lead: 'Country', Contact: 'MailingCountry' }, 80),
  {
    hubspot: 'salesforceaccountid',
    hubspotType: 'text',
    salesforce: { Contact: 'AccountId' },
    salesforceType: 'reference',
    viaAssociation: true,
  },
]

/** Every default contact mapping, opt-out and owner included, with the default rule prefer-salesforce. */
export const DEFAULT_CONTACT_MAPPINGS: readonly ContactMapping[] = [
  ...DEFAULT_FIELDS.map((m): ContactMapping => ({ ...m, rule: 'prefer-salesforce', isDefault: true })),
  OWNER_MAPPING,
  EMAIL_OPT_OUT_MAPPING,
]

/**
 * The 29 entries of the reference's default contact mapping list (B-MAP-9), by Salesforce field label,
 * with the object and API name each one is. Kept as data so a test can check every one is mapped.
 */
export const DEFAULT_CONTACT_FIELD_LABELS: readonly {
  readonly label: string
  readonly objects: readonly ContactSalesforceType[]
  readonly field: string
}[] = [
  { label: 'Account ID', objects: ['Contact'], field: 'AccountId' },
  { label: 'Annual Revenue', objects: ['Lead'], field: 'AnnualRevenue' },
  { label: 'City', objects: ['Lead'], field: 'City' },
  { label: 'Mailing City', objects: ['Contact'], field: 'MailingCity' },
  { label: 'Company', objects: ['Lead'], field: 'Company' },
  { label: 'Owner ID', objects: ['Lead', 'Contact'], field: 'OwnerId' },
  { label: 'Country', objects: ['Lead'], field: 'Country' },
  { label: 'Mailing Country', objects: ['Contact'], field: 'MailingCountry' },
  { label: 'Email', objects: ['Lead', 'Contact'], field: 'Email' },
  { label: 'Employees', objects: ['Lead'], field: 'NumberOfEmployees' },
  { label: 'Business Fax', objects: ['Lead', 'Contact'], field: 'Fax' },
  { label: 'First Name', objects: ['Lead', 'Contact'], field: 'FirstName' },
  { label: 'Industry', objects: ['Lead'], field: 'Industry' },
  { label: 'Title', objects: ['Lead', 'Contact'], field: 'Title' },
  { label: 'Last Name', objects: ['Lead', 'Contact'], field: 'LastName' },
  { label: 'Lead Source', objects: ['Lead', 'Contact'], field: 'LeadSource' },
  { label: 'Contact Description', objects: ['Lead', 'Contact'], field: 'Description' },
  { label: 'Email Opt Out', objects: ['Lead', 'Contact'], field: 'HasOptedOutOfEmail' },
  { label: 'Business Phone', objects: ['Lead', 'Contact'], field: 'Phone' },
  { label: 'Mailing Zip/Postal Code', objects: ['Contact'], field: 'MailingPostalCode' },
  { label: 'Zip/Postal Code', objects: ['Lead'], field: 'PostalCode' },
  { label: 'Rating', objects: ['Lead'], field: 'Rating' },
  { label: 'Salutation', objects: ['Lead', 'Contact'], field: 'Salutation' },
  { label: 'Mailing State/Province', objects: ['Contact'], field: 'MailingState' },
  { label: 'State/Province', objects: ['Lead'], field: 'State' },
  { label: 'Status', objects: ['Lead'], field: 'Status' },
  { label: 'Mailing Street', objects: ['Contact'], field: 'MailingStreet' },
  { label: 'Street', objects: ['Lead'], field: 'Street' },
  { label: 'Website', objects: ['Lead'], field: 'Website' },
]
