import type { RawValue } from '../canonical/index.js'
import type { ContactMapping, ContactSalesforceType } from '../mapping/index.js'
import type { Link } from '../model/index.js'
import type { OwnersTable } from '../owners/index.js'

/** A HubSpot contact as read in batch: a changed record or the counterpart of a changed Salesforce one. */
export interface HubSpotContactRecord {
  readonly id: string
  /** Property values as HubSpot returns them (strings), keyed by property name. */
  readonly properties: Readonly<Record<string, RawValue>>
  /** Per property, epoch ms of the newest history entry not written by this connection. (Default: capture time) */
  readonly propertyChangedAt?: Readonly<Record<string, number>> | undefined
  /** `hs_merged_object_ids`: contacts merged into this one (B-CON-27). (Default: none) */
  readonly mergedObjectIds?: readonly string[] | undefined
}

/** A Salesforce Lead or Contact as read in batch. */
export interface SalesforceContactRecord {
  readonly type: ContactSalesforceType
  readonly id: string
  /** Field values as Salesforce returns them, keyed by API name. */
  readonly fields: Readonly<Record<string, RawValue>>
  /** Per field, the CDC commit time or the capture time it first differed. (Default: modifiedAt) */
  readonly fieldChangedAt?: Readonly<Record<string, number>> | undefined
  /**
   * SystemModstamp, epoch ms: no field of the record changed after it, so without CDC it is the closest
   * bound on a field's change time the API gives, closer than the capture time. (Default: capture time)
   */
  readonly modifiedAt?: number | undefined
  /** Lead only: converted leads are read-only and the link follows ConvertedContactId (B-CON-12). */
  readonly isConverted?: boolean | undefined
  readonly convertedContactId?: string | undefined
  /**
   * Contact only, in orgs with person accounts (B-PA): the hidden contact of a person account
   * (`IsPersonAccount`). It belongs to that account alone and never gets another. (Default: false)
   */
  readonly isPersonContact?: boolean | undefined
}

/** One inbox row for the contact planner. */
export type ContactChange =
  | {
      readonly side: 'hubspot'
      readonly id: string
      /** `resync` is a manual resync (B-TRIG-8): it re-links broken links and fills new mappings. */
      readonly event: 'changed' | 'deleted' | 'resync'
    }
  | {
      readonly side: 'salesforce'
      readonly type: ContactSalesforceType
      readonly id: string
      readonly event: 'changed' | 'deleted'
      /** Set when the record was merged away: the surviving record's id (queryAll MasterRecordId). */
      readonly masterRecordId?: string | undefined
    }

/** A Salesforce record found by email for an unlinked HubSpot contact. */
export interface SalesforceCandidate {
  readonly type: ContactSalesforceType
  readonly id: string
  /** Converted leads never match (design.md 3.4: `IsConverted = false`). (Default: false) */
  readonly isConverted?: boolean | undefined
}

/** Dedup look-ups the engine ran in batch for unlinked records (design.md 3.4 step 2). */
export interface DedupResults {
  /** Per lower-cased email, Salesforce records in query order (`ORDER BY CreatedDate, Id`). */
  readonly salesforceByEmail: ReadonlyMap<string, readonly SalesforceCandidate[]>
  /** Per lower-cased email, the HubSpot contact holding it as email or additional email. */
  readonly hubspotByEmail: ReadonlyMap<string, string>
}

/** What a fresh owners table changes for records whose owner waited (B-OWN-1). */
export interface OwnersRefresh {
  /** The Salesforce owners with no HubSpot owner before this table, as last remembered (undefined: never). */
  readonly previouslyWithout: readonly string[] | undefined
  /** The same, in this table, sorted. */
  readonly without: readonly string[]
  /** HubSpot ids of active links whose owner waited and has a HubSpot owner now. */
  readonly awaiting: readonly string[]
}

/** `settings.contacts` of the configuration (design.md 4.2). */
export interface ContactSyncSettings {
  /** What a new HubSpot contact becomes (B-CON-2). (Default: lead) */
  readonly createInSalesforceAs: 'lead' | 'contact'
  /** Create HubSpot contacts from new Salesforce records (B-CON-3). (Default: true) */
  readonly createInHubSpot: boolean
  /** HubSpot DYNAMIC list id; null syncs every contact (B-CON-15). (Default: null) */
  readonly inclusionList: string | null
  /**
   * With no inclusion list, leave out contacts at lifecycle stage subscriber, as the default list of portals
   * integrated before 22 June 2017 did (B-CON-21). (Default: false)
   */
  readonly legacyDefaultInclusion?: boolean | undefined
  /** Delete the HubSpot contact when its Salesforce record is deleted (B-CON-22). (Default: false) */
  readonly deleteInHubSpotWhenDeletedInSalesforce: boolean
  /**
   * What a required Salesforce field (Lead LastName and Company, Contact LastName) gets when HubSpot has no
   * value; it reads as blank and never reaches HubSpot (design.md 3.3). (Default: `[not provided]`)
   */
  readonly requiredFieldPlaceholder?: string | undefined
}

export interface PlanContactsInput {
  /** Capture time, epoch ms, from the injected clock: shadows are stamped with it. */
  readonly now: number
  /** The portal's IANA time zone, for date <-> datetime pairs. */
  readonly timeZone: string
  /** Resolved mappings (defaults plus validated user mappings). */
  readonly mappings: readonly ContactMapping[]
  readonly settings: ContactSyncSettings
  /** HubSpot ids in the inclusion list now (read once per cycle); ignored when inclusionList is null. */
  readonly inclusionListMembers: ReadonlySet<string>
  readonly owners: OwnersTable
  readonly changes: readonly ContactChange[]
  /** Records read in batch: changed ones, their counterparts, and dedup candidates. */
  readonly hubspot: ReadonlyMap<string, HubSpotContactRecord>
  readonly salesforce: ReadonlyMap<string, SalesforceContactRecord>
  /** Contact links touching any of the changed records or candidates. */
  readonly links: readonly Link[]
  readonly dedup: DedupResults
  /** The global switch is off (B-INST-7): nothing is read or written. (Default: false) */
  readonly paused?: boolean | undefined
  /**
   * HubSpot ids the batch read found merged away, each with its survivor (design.md 3.4): a linked one's link
   * is re-keyed to the survivor when the survivor has none. (Default: none)
   */
  readonly mergedInto?: ReadonlyMap<string, string> | undefined
  /**
   * HubSpot contacts holding links of dedup candidates that the batch read found deleted (B-CON-23): their
   * links are tombstoned, so the Salesforce record is free for the contact that holds its email now.
   * (Default: none)
   */
  readonly deletedHubSpot?: ReadonlySet<string> | undefined
  /**
   * Company sync is on: every changed contact goes on to pass 3 (design.md 3.4), which keeps its company in
   * step with its Salesforce Contact's account and copies its lifecycle stage to its company. (Default: false)
   */
  readonly companySync?: boolean | undefined
  /**
   * With company sync: contacts left out as echoes whose company, account or lifecycle stage moved since
   * pass 3 last saw them (hubspotAssociationMoved): they go on to pass 3 as well. (Default: none)
   */
  readonly associationMoved?:
    { readonly hubspot: readonly string[]; readonly salesforce: readonly string[] } | undefined
  /** The owners table was read again this batch: what waits for an owner (B-OWN-1). (Default: not read) */
  readonly ownersRefresh?: OwnersRefresh | undefined
  /**
   * The batch comes from `crmsync import salesforce` (B-BULK-3/6): linked pairs take Salesforce's values
   * as fresh changes, so a mapping switched on later is filled into HubSpot, and with an inclusion list a
   * created HubSpot contact gets only its email until the follow-up sync finds it eligible. (Default: false)
   */
  readonly salesforceImport?: boolean | undefined
}
