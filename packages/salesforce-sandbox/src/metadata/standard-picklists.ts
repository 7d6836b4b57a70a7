// The standard value sets of a fresh Salesforce org for the picklists the default contact mappings use.
// The HubSpot sandbox's matching dropdowns carry the same values (design.md 4.3: one company, whose admin
// aligned both sides), so a value synced either way is always a valid option.
import { picklist, type PicklistValue } from './fields.js'

/** Lead Source (Lead, Contact, Opportunity). */
export const LEAD_SOURCES: PicklistValue[] = picklist([
  'Web',
  'Phone Inquiry',
  'Partner Referral',
  'Purchased List',
  'Other',
])

/** Industry (Lead, Account): the standard value set. */
export const INDUSTRIES: PicklistValue[] = picklist([
  'Agriculture',
  'Apparel',
  'Banking',
  'Biotechnology',
  'Chemicals',
  'Communications',
  'Construction',
  'Consulting',
  'Education',
  'Electronics',
  'Energy',
  'Engineering',
  'Entertainment',
  'Environmental',
  'Finance',
  'Food & Beverage',
  'Government',
  'Healthcare',
  'Hospitality',
  'Insurance',
  'Machinery',
  'Manufacturing',
  'Media',
  'Not For Profit',
  'Other',
  'Recreation',
  'Retail',
  'Shipping',
  'Technology',
  'Telecommunications',
  'Transportation',
  'Utilities',
])

/** Salutation (Lead, Contact). */
export const SALUTATIONS: PicklistValue[] = picklist(['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.'])

/** Rating (Lead, Account). */
export const RATINGS: PicklistValue[] = picklist(['Hot', 'Warm', 'Cold'])

/** Standard picklists report length 40 in describe (custom picklists 255). */
export const STANDARD_PICKLIST_LENGTH = 40
