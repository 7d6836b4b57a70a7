/**
 * HubSpot property field types as the mapping screens name them (B-MAP-5). `user` is the "HubSpot user"
 * custom property type, which cannot be mapped (B-MAP-7); `owner` is the built-in hubspot_owner_id.
 */
export const HUBSPOT_FIELD_TYPES = [
  'text',
  'textarea',
  'phonenumber',
  'number',
  'date',
  'datetime',
  'select',
  'radio',
  'checkbox',
  'booleancheckbox',
  'user',
  'owner',
] as const
export type HubSpotFieldType = (typeof HUBSPOT_FIELD_TYPES)[number]

/** Salesforce describe field types crmsync maps. */
export const SALESFORCE_FIELD_TYPES = [
  'string',
  'textarea',
  'email',
  'phone',
  'url',
  'picklist',
  'multipicklist',
  'reference',
  'boolean',
  'double',
  'int',
  'currency',
  'percent',
  'date',
  'datetime',
] as const
export type SalesforceFieldType = (typeof SALESFORCE_FIELD_TYPES)[number]

/** The Salesforce objects an HS contact can be linked to (design.md 3.1). */
export const CONTACT_SALESFORCE_TYPES = ['Lead', 'Contact'] as const
export type ContactSalesforceType = (typeof CONTACT_SALESFORCE_TYPES)[number]

/** Rules a user may choose for a mapping (B-MAP-1..4). */
export const USER_RULES = ['two-way', 'prefer-salesforce', 'always-salesforce', 'none'] as const
export type UserRule = (typeof USER_RULES)[number]

/** Every rule, including the two locked ones the user cannot choose (B-OWN-12, B-OPT-1). */
export const SYNC_RULES = [...USER_RULES, 'owner', 'opt-out'] as const
export type SyncRule = (typeof SYNC_RULES)[number]

/** The Salesforce object an HS company is linked to (design.md 3.1). */
export const COMPANY_SALESFORCE_TYPES = ['Account'] as const
export type CompanySalesforceType = (typeof COMPANY_SALESFORCE_TYPES)[number]

/**
 * One field mapping: an HS property paired with a field on one or more Salesforce objects `T` (Lead and
 * Contact for contacts, Account for companies).
 */
export interface FieldMapping<T extends string> {
  /** The HubSpot property name; also the key of the link's per-field state. */
  readonly hubspot: string
  readonly hubspotType: HubSpotFieldType
  /** Field API name per Salesforce object; an object without an entry is not written (B-CON-14). */
  readonly salesforce: Readonly<Partial<Record<T, string>>>
  readonly salesforceType: SalesforceFieldType
  readonly rule: SyncRule
  /** A default mapping cannot be deleted; only its rule may be overridden (B-MAP-9). (Default: false) */
  readonly isDefault?: boolean | undefined
  /** Neither rule nor existence may change (owner B-OWN-12, opt-out B-OPT-1). (Default: false) */
  readonly locked?: boolean | undefined
  /** Compare case-insensitively (emails). (Default: false) */
  readonly caseInsensitive?: boolean | undefined
  /** Salesforce describe `length` for text fields; longer values are an error unless `truncate`. */
  readonly maxLength?: number | undefined
  /** Cut over-long text to maxLength instead of failing the record. (Default: false) */
  readonly truncate?: boolean | undefined
  /** Salesforce describe `scale` for numbers. (Default: 0 for int, else the value's own scale) */
  readonly scale?: number | undefined
  /** Salesforce describe `precision` (total digits) for numbers. (Default: unchecked) */
  readonly precision?: number | undefined
  /**
   * The HubSpot dropdown's options when they are number ranges ("25-50", "1000+") paired with a Salesforce
   * number, as `numemployees` is; a Salesforce number reads as the option holding it. (Default: none)
   */
  readonly ranges?: readonly string[] | undefined
  /**
   * HubSpot's company domain (`acme.com`) against a Salesforce URL (`https://www.acme.com/`): both read as
   * the lower-cased host name without `www.`, so the two forms never flip each other. (Default: false)
   */
  readonly domain?: boolean | undefined
  /** Explicit picklist map HubSpot value -> Salesforce value. (Default: identical values) */
  readonly values?: Readonly<Record<string, string>> | undefined
  /**
   * Salesforce picklist values HubSpot has no option for and that a user cannot add there (Account
   * `Industry` `Other`): they read as blank, so the record syncs with the HubSpot property blank instead of
   * HubSpot refusing the whole company; a HubSpot value chosen later replaces them. (Default: none)
   */
  readonly salesforceOnlyValues?: readonly string[] | undefined
  /**
   * Synced by another pass rather than as a field value: contact AccountId follows company sync
   * (B-CON-14, design.md 3.4 pass 3). (Default: false)
   */
  readonly viaAssociation?: boolean | undefined
  /**
   * The org lets this mapping's usually required Salesforce field be blank (describe `nillable`), as
   * Lead.Company is in an org with person accounts, where a lead with no company converts into a person
   * account (B-PA-5): blank is written as blank, never as the placeholder; a placeholder already there still
   * reads as blank (design.md 3.3). (Default: false)
   */
  readonly blankAllowed?: boolean | undefined
  /**
   * Fields of this mapping per object that the org has but field-level security hides from the integration
   * user (absent from its describe): never read or written, and not in `salesforce`; a HubSpot value that
   * would be written to one fails the record's Salesforce write with SF_FIELD_NOT_VISIBLE naming
   * `Object.Field` (B-ERR-5). (Default: none)
   */
  readonly notVisible?: Readonly<Partial<Record<string, string>>> | undefined
}

/** A contact mapping: an HS contact property with a field on Lead and/or Contact. */
export type ContactMapping = FieldMapping<ContactSalesforceType>

/** A company mapping: an HS company property with an Account field. */
export type CompanyMapping = FieldMapping<CompanySalesforceType>

/** Any mapping, as the value transforms see it (they never need to know the object). */
export type AnyMapping = FieldMapping<string>

/** The Salesforce field a mapping writes on the given object, if any. */
export function salesforceFieldOf<T extends string>(mapping: FieldMapping<T>, type: T): string | undefined {
  return mapping.salesforce[type]
}
