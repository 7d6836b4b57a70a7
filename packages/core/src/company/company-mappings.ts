import type { CompanyMapping } from '../mapping/index.js'
import { OWNER_MAPPING } from '../mapping/index.js'

/**
 * Salesforce's standard Account `Industry` values and the HubSpot company `industry` option each pairs with.
 * HubSpot's company industries are its own upper-case codes (LinkedIn's list), none equal to a Salesforce
 * value, so the default mapping translates. Salesforce's `Other` has no HubSpot option (and HubSpot's
 * default industry options cannot be added to): it reads as blank (INDUSTRY_SALESFORCE_ONLY). A HubSpot code
 * outside this table is refused by Salesforce and becomes a typed per-record error naming the value, which a
 * `values:` entry in the configuration fixes.
 */
export const INDUSTRY_HUBSPOT_TO_SALESFORCE: Readonly<Record<string, string>> = {
  FARMING: 'Agriculture',
  APPAREL_FASHION: 'Apparel',
  BANKING: 'Banking',
  BIOTECHNOLOGY: 'Biotechnology',
  CHEMICALS: 'Chemicals',
  BROADCAST_MEDIA: 'Communications',
  CONSTRUCTION: 'Construction',
  MANAGEMENT_CONSULTING: 'Consulting',
  EDUCATION_MANAGEMENT: 'Education',
  CONSUMER_ELECTRONICS: 'Electronics',
  OIL_ENERGY: 'Energy',
  MECHANICAL_OR_INDUSTRIAL_ENGINEERING: 'Engineering',
  ENTERTAINMENT: 'Entertainment',
  ENVIRONMENTAL_SERVICES: 'Environmental',
  FINANCIAL_SERVICES: 'Finance',
  FOOD_BEVERAGES: 'Food & Beverage',
  GOVERNMENT_ADMINISTRATION: 'Government',
  HOSPITAL_HEALTH_CARE: 'Healthcare',
  HOSPITALITY: 'Hospitality',
  INSURANCE: 'Insurance',
  MACHINERY: 'Machinery',
  INDUSTRIAL_AUTOMATION: 'Manufacturing',
  MEDIA_PRODUCTION: 'Media',
  NON_PROFIT_ORGANIZATION_MANAGEMENT: 'Not For Profit',
  RECREATIONAL_FACILITIES_AND_SERVICES: 'Recreation',
  RETAIL: 'Retail',
  PACKAGE_FREIGHT_DELIVERY: 'Shipping',
  INFORMATION_TECHNOLOGY_AND_SERVICES: 'Technology',
  TELECOMMUNICATIONS: 'Telecommunications',
  TRANSPORTATION_TRUCKING_RAILROAD: 'Transportation',
  UTILITIES: 'Utilities',
}

/** Salesforce's standard Industry values with no HubSpot industry: blank in HubSpot. */
export const INDUSTRY_SALESFORCE_ONLY: readonly string[] = ['Other']

const text = (hubspot: string, field: string, maxLength: number) =>
  ({
    hubspot,
    hubspotType: 'text',
    salesforce: { Account: field },
    salesforceType: 'string',
    maxLength,
  }) as const

const DEFAULT_FIELDS: readonly Omit<CompanyMapping, 'rule' | 'isDefault'>[] = [
  text('name', 'Name', 255),
  // HubSpot's company domain against the Account website (HubSpot's integration pairs these by default).
  { ...text('domain', 'Website', 255), salesforceType: 'url', domain: true },
  { ...text('phone', 'Phone', 40), hubspotType: 'phonenumber', salesforceType: 'phone' },
  { ...text('address', 'BillingStreet', 255), salesforceType: 'textarea' },
  text('city', 'BillingCity', 40),
  text('state', 'BillingState', 80),
  text('zip', 'BillingPostalCode', 20),
  text('country', 'BillingCountry', 80),
  {
    hubspot: 'industry',
    hubspotType: 'select',
    salesforce: { Account: 'Industry' },
    salesforceType: 'picklist',
    maxLength: 255,
    values: INDUSTRY_HUBSPOT_TO_SALESFORCE,
    salesforceOnlyValues: INDUSTRY_SALESFORCE_ONLY,
  },
  // Both numbers: HubSpot companies keep the employee count as a number (contacts' `numemployees` is ranges).
  {
    hubspot: 'numberofemployees',
    hubspotType: 'number',
    salesforce: { Account: 'NumberOfEmployees' },
    salesforceType: 'int',
    scale: 0,
    precision: 8,
  },
  {
    hubspot: 'annualrevenue',
    hubspotType: 'number',
    salesforce: { Account: 'AnnualRevenue' },
    salesforceType: 'currency',
    scale: 0,
    precision: 18,
  },
  {
    hubspot: 'description',
    hubspotType: 'textarea',
    salesforce: { Account: 'Description' },
    salesforceType: 'textarea',
    maxLength: 32000,
  },
]

/** The company owner: the locked owner rule (B-OWN-8/9), as for contacts. */
export const COMPANY_OWNER_MAPPING: CompanyMapping = {
  ...OWNER_MAPPING,
  salesforce: { Account: 'OwnerId' },
}

/**
 * The company mappings that exist out of the box, as HubSpot's integration ships them (name, domain/website,
 * phone, billing address, industry, employees, annual revenue, description, owner), with the default rule
 * prefer-salesforce; a configured mapping overrides a default's rule by its HubSpot key (B-MAP-9).
 */
export const DEFAULT_COMPANY_MAPPINGS: readonly CompanyMapping[] = [
  ...DEFAULT_FIELDS.map((m): CompanyMapping => ({ ...m, rule: 'prefer-salesforce', isDefault: true })),
  COMPANY_OWNER_MAPPING,
]
