import type { RawValue } from '../canonical/index.js'

/** A HubSpot company as read in batch or captured (design.md 3.1: company <-> Account). */
export interface HubSpotCompanyRecord {
  readonly id: string
  /** Property values as HubSpot returns them (strings), keyed by property name. */
  readonly properties: Readonly<Record<string, RawValue>>
  /** Per property, epoch ms of the newest history entry not written by this connection. (Default: capture time) */
  readonly propertyChangedAt?: Readonly<Record<string, number>> | undefined
  /** `hs_merged_object_ids`: companies merged into this one. (Default: none) */
  readonly mergedObjectIds?: readonly string[] | undefined
  /**
   * HubSpot ids of the contacts associated with the company (any label), when the read asked for them.
   * (Default: not read)
   */
  readonly contactIds?: readonly string[] | undefined
  /**
   * Of those, the contacts whose primary company this is (v4 type 2, company to contact "Primary"): the
   * contacts that would belong to its account, the only ones that qualify it or match it to one (B-CMP-4..8).
   * (Default: every contact in contactIds)
   */
  readonly primaryContactIds?: readonly string[] | undefined
}

/** A Salesforce Account as read in batch or captured. */
export interface SalesforceAccountRecord {
  readonly type: 'Account'
  readonly id: string
  /** Field values as Salesforce returns them, keyed by API name. */
  readonly fields: Readonly<Record<string, RawValue>>
  /** Per field, the CDC commit time or the capture time it first differed. (Default: modifiedAt) */
  readonly fieldChangedAt?: Readonly<Record<string, number>> | undefined
  /** SystemModstamp, epoch ms. (Default: capture time) */
  readonly modifiedAt?: number | undefined
  /** A person account (B-PA): one HS contact and one HS company; never gets other contacts. (Default: false) */
  readonly isPersonAccount?: boolean | undefined
  /** A person account's hidden contact. (Default: none) */
  readonly personContactId?: string | undefined
}

/** An Account deleted or merged away (queryAll `IsDeleted`, `MasterRecordId`). */
export interface SalesforceAccountDeletion {
  readonly type: 'Account'
  readonly id: string
  /** The surviving account of a merge. (Default: none, a plain delete) */
  readonly masterRecordId?: string | undefined
  /** Epoch ms of the delete (its SystemModstamp). */
  readonly deletedAt: number
}

/** An SF Contact that belongs to an account, found by `AccountId IN (...)` (B-CMP-4 dedup through contacts). */
export interface SalesforceAccountContact {
  readonly id: string
  readonly accountId: string
}
