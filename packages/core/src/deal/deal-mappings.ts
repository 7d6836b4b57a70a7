import type { FieldMapping, MappedObject, ResolvedMappings, UserMapping } from '../mapping/index.js'
import { OWNER_MAPPING, resolveFieldMappings } from '../mapping/index.js'

/** The Salesforce object an HS deal is linked to (design.md 3.1). */
export const DEAL_SALESFORCE_TYPES = ['Opportunity'] as const
export type DealSalesforceType = (typeof DEAL_SALESFORCE_TYPES)[number]

/** A deal mapping: an HS deal property with an Opportunity field. */
export type DealMapping = FieldMapping<DealSalesforceType>
export type UserDealMapping = UserMapping<DealSalesforceType>

/**
 * `mappings.deal` in the configuration: problems are reported at `mappings.deal[i]` (B-DEAL-11). The cast
 * is there because MappedObject's `key` names only contact and company today (mapping/validate-mappings.ts);
 * resolveFieldMappings uses the key only to spell the problem paths.
 */
export const DEAL_MAPPED_OBJECT = {
  key: 'deal',
  types: DEAL_SALESFORCE_TYPES,
} as unknown as MappedObject<DealSalesforceType>

/**
 * HubSpot's default `dealtype` options and the Salesforce Opportunity `Type` value each pairs with: HubSpot
 * has two options, Salesforce four, so the two Salesforce upgrades-and-downgrades HubSpot has no option for
 * read as blank (DEAL_TYPE_SALESFORCE_ONLY), as Account Industry `Other` does; a `values:` entry in
 * `mappings.deal` (an added HubSpot option) pairs them instead.
 */
export const DEAL_TYPE_HUBSPOT_TO_SALESFORCE: Readonly<Record<string, string>> = {
  newbusiness: 'New Customer',
  existingbusiness: 'Existing Customer - Upgrade',
}

/** Salesforce's standard Opportunity Type values with no HubSpot dealtype option: blank in HubSpot. */
export const DEAL_TYPE_SALESFORCE_ONLY: readonly string[] = [
  'Existing Customer - Replacement',
  'Existing Customer - Downgrade',
]

/** The HubSpot property of the deal stage; its values are per pipeline (stages.ts), so its map is per pair. */
export const DEAL_STAGE_PROPERTY = 'dealstage'

/** The deal owner: the locked owner rule, as for contacts and companies (B-OWN-10, B-OWN-12). */
export const DEAL_OWNER_MAPPING: DealMapping = { ...OWNER_MAPPING, salesforce: { Opportunity: 'OwnerId' } }

/**
 * The stage: StageName is a picklist whose values are the stages of the deal's generated pipeline (B-DEAL-20).
 * Its `values` (HubSpot stage id -> StageName) are filled per pair from the pipeline the deal is in
 * (stages.ts); an HS stage or a StageName with no counterpart there is a typed property-value error.
 */
export const DEAL_STAGE_MAPPING: DealMapping = {
  hubspot: DEAL_STAGE_PROPERTY,
  hubspotType: 'select',
  salesforce: { Opportunity: 'StageName' },
  salesforceType: 'picklist',
  maxLength: 255,
  rule: 'two-way',
  isDefault: true,
}

const DEFAULT_FIELDS: readonly Omit<DealMapping, 'rule' | 'isDefault'>[] = [
  // HubSpot keeps closedate as an instant; CloseDate is a day: the day in the portal's time zone.
  {
    hubspot: 'closedate',
    hubspotType: 'datetime',
    salesforce: { Opportunity: 'CloseDate' },
    salesforceType: 'date',
  },
  // Opportunity Name is required: a blank dealname is written as the placeholder (opportunity-name.ts).
  {
    hubspot: 'dealname',
    hubspotType: 'text',
    salesforce: { Opportunity: 'Name' },
    salesforceType: 'string',
    maxLength: 120,
  },
  {
    hubspot: 'dealtype',
    hubspotType: 'select',
    salesforce: { Opportunity: 'Type' },
    salesforceType: 'picklist',
    maxLength: 255,
    values: DEAL_TYPE_HUBSPOT_TO_SALESFORCE,
    salesforceOnlyValues: DEAL_TYPE_SALESFORCE_ONLY,
  },
  {
    hubspot: 'description',
    hubspotType: 'textarea',
    salesforce: { Opportunity: 'Description' },
    salesforceType: 'textarea',
    maxLength: 32000,
  },
  // Only the number moves, never converted between currencies (B-DEAL-12).
  {
    hubspot: 'amount',
    hubspotType: 'number',
    salesforce: { Opportunity: 'Amount' },
    salesforceType: 'currency',
    scale: 2,
    precision: 18,
  },
]

/**
 * The seven default deal mappings (B-DEAL-10): owner, close date, name, type, description, amount, stage.
 * Two-way by default [inferred: the consulted pages name the pairs, not their rule; deals are created and
 * edited on both sides, B-DEAL-4/5], the owner with its locked rule (B-OWN-10/12); a configured mapping
 * overrides a default's rule by its HubSpot key (B-MAP-9).
 */
export const DEFAULT_DEAL_MAPPINGS: readonly DealMapping[] = [
  DEAL_OWNER_MAPPING,
  ...DEFAULT_FIELDS.map((m): DealMapping => ({ ...m, rule: 'two-way', isDefault: true })),
  DEAL_STAGE_MAPPING,
]

/** The deal mappings: the defaults with the user's `mappings.deal`, by the contact rules (B-DEAL-11). */
export function resolveDealMappings(
  defaults: readonly DealMapping[],
  user: readonly UserDealMapping[],
): ResolvedMappings<DealSalesforceType> {
  return resolveFieldMappings(DEAL_MAPPED_OBJECT, defaults, user)
}
