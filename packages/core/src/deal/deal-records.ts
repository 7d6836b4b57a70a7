import type { RawValue } from '../canonical/index.js'

// Written first by the connector side (packages/hubspot, packages/salesforce return these): extend freely,
// but keep the field names, which the connectors fill.

/** A HubSpot deal as read in batch or captured (design.md 3.1: deal <-> Opportunity). */
export interface HubSpotDealRecord {
  readonly id: string
  /** Property values as HubSpot returns them (strings), keyed by property name; always `pipeline`, `dealstage`. */
  readonly properties: Readonly<Record<string, RawValue>>
  /** Per property, epoch ms of the newest history entry not written by this connection. (Default: capture time) */
  readonly propertyChangedAt?: Readonly<Record<string, number>> | undefined
  /** `hs_merged_object_ids`: deals merged into this one. (Default: none) */
  readonly mergedObjectIds?: readonly string[] | undefined
  /** HubSpot ids of the contacts associated with the deal (v4 type 3), when the read asked. (Default: not read) */
  readonly contactIds?: readonly string[] | undefined
  /** The deal's primary company (v4 type 5), null when none, when the read asked. (Default: not read) */
  readonly primaryCompanyId?: string | null | undefined
}

/** A Salesforce Opportunity as read in batch or captured. */
export interface SalesforceOpportunityRecord {
  readonly type: 'Opportunity'
  readonly id: string
  /** Field values as Salesforce returns them, keyed by API name; always RecordTypeId, StageName, AccountId,
   * IsClosed, IsWon, CreatedDate. */
  readonly fields: Readonly<Record<string, RawValue>>
  /** Per field, the CDC commit time or the capture time it first differed. (Default: modifiedAt) */
  readonly fieldChangedAt?: Readonly<Record<string, number>> | undefined
  /** SystemModstamp, epoch ms. (Default: capture time) */
  readonly modifiedAt?: number | undefined
  /** The ContactIds of its OpportunityContactRoles, when the read asked. (Default: not read) */
  readonly contactRoleContactIds?: readonly string[] | undefined
}

/** An Opportunity deleted (queryAll `IsDeleted`). Opportunities cannot be merged. */
export interface SalesforceOpportunityDeletion {
  readonly type: 'Opportunity'
  readonly id: string
  /** Epoch ms of the delete (its SystemModstamp). */
  readonly deletedAt: number
}

/** An OpportunityContactRole as read (design.md 3.1: contact roles are applied as a diff). */
export interface SalesforceContactRole {
  readonly id: string
  readonly opportunityId: string
  readonly contactId: string
  readonly isPrimary: boolean
  readonly role: string | null
}
