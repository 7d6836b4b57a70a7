import type { CompanyMapping } from '../mapping/index.js'
import type { Link } from '../model/index.js'
import type { OwnersTable } from '../owners/index.js'
import type { PairAction } from '../plan/index.js'
import type { HubSpotCompanyRecord, SalesforceAccountRecord } from './company-records.js'

/** What the company planner asks the engine to do: the pair actions, over Accounts. */
export type CompanyAction = PairAction<'Account'>

/** One inbox row for the company planner. */
export type CompanyChange =
  | {
      readonly side: 'hubspot'
      readonly id: string
      /** `resync` is a manual resync (B-CMP-9): it creates the account of a company that does not qualify. */
      readonly event: 'changed' | 'deleted' | 'resync'
    }
  | {
      readonly side: 'salesforce'
      readonly id: string
      readonly event: 'changed' | 'deleted'
      /** Set when the account was merged away: the surviving account's id. */
      readonly masterRecordId?: string | undefined
    }

/** `settings.companies` and what of `settings.contacts` the company rules read. */
export interface CompanySyncSettings {
  /** What a new HubSpot contact becomes: contacts that become Leads never make a company qualify (B-CMP-8). */
  readonly createInSalesforceAs: 'lead' | 'contact'
  /** The contact inclusion list: a company qualifies through a contact in it (B-CMP-7). (Default: none) */
  readonly contactInclusionList: string | null
  /** A company inclusion list: only members sync HubSpot to Salesforce (B-CMP-15). */
  readonly inclusionList: string | null
  /** Creating HubSpot contacts from Salesforce is on: person accounts need it (B-PA-1). */
  readonly createInHubSpot: boolean
  /**
   * B-CMP-13, opt-in: an account matches the company HubSpot auto-created for its contact instead of getting
   * a new one (the reference creates a duplicate). (Default: false)
   */
  readonly reuseAutoCreatedCompany: boolean
}

/** What the planner knows about a contact associated with a changed company (qualification, B-CMP-5..8). */
export interface CompanyContactFacts {
  readonly hubspotId: string
  /** The Salesforce record the contact is linked to now, with a Contact's account. (Default: unlinked) */
  readonly linked?:
    { readonly type: 'Lead' | 'Contact'; readonly id: string; readonly accountId: string | null } | undefined
  /** In the contact inclusion list, or there is none (B-CON-15). */
  readonly eligible: boolean
}

/** An SF Contact of an account that is linked to an HS contact, with that contact's primary company. */
export interface AccountContactFacts {
  readonly salesforceId: string
  readonly hubspotContactId: string
  readonly primaryCompanyId: string | null
}

export interface PlanCompaniesInput {
  /** Capture time, epoch ms, from the injected clock: shadows are stamped with it. */
  readonly now: number
  readonly timeZone: string
  readonly mappings: readonly CompanyMapping[]
  readonly settings: CompanySyncSettings
  readonly owners: OwnersTable
  readonly changes: readonly CompanyChange[]
  /** Companies read in batch: changed ones, counterparts and candidates, with their contact ids. */
  readonly hubspot: ReadonlyMap<string, HubSpotCompanyRecord>
  readonly salesforce: ReadonlyMap<string, SalesforceAccountRecord>
  /** Company links touching the changed records and candidates. */
  readonly links: readonly Link[]
  /** By HubSpot contact id: the contacts of the changed HubSpot companies. */
  readonly contacts: ReadonlyMap<string, CompanyContactFacts>
  /** By account id: the account's SF Contacts that are linked to HS contacts (B-CMP-4 matching). */
  readonly accountContacts: ReadonlyMap<string, readonly AccountContactFacts[]>
  /** Members of the company inclusion list (read once per cycle); ignored when there is none. */
  readonly companyListMembers: ReadonlySet<string>
  readonly mergedInto?: ReadonlyMap<string, string> | undefined
  readonly deletedHubSpot?: ReadonlySet<string> | undefined
  /** The placeholder of a required field (Account Name) HubSpot leaves blank (design.md 3.3). (Default: the reference's) */
  readonly requiredFieldPlaceholder?: string | undefined
  /** The global switch is off (B-INST-7). (Default: false) */
  readonly paused?: boolean | undefined
  /** The batch comes from `crmsync import salesforce --object companies`: linked pairs take Salesforce's values. */
  readonly salesforceImport?: boolean | undefined
}
