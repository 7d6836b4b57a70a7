import type { SalesforceActivityRecord } from '../activity/plan-from-salesforce.js'
import type { RawValue } from '../canonical/raw-value.js'
import type {
  SalesforceAccountContact,
  SalesforceAccountDeletion,
  SalesforceAccountRecord,
} from '../company/company-records.js'
import type {
  SalesforceContactRole,
  SalesforceOpportunityDeletion,
  SalesforceOpportunityRecord,
} from '../deal/deal-records.js'
import type { SyncErrorCode } from '../errors/error-codes.js'
import type { SyncError } from '../errors/sync-error.js'
import type { ContactSalesforceType } from '../mapping/mapping-types.js'
import type { SalesforceOwner } from '../owners/owner-types.js'
import type { SalesforceCandidate, SalesforceContactRecord } from '../plan/plan-types.js'

/**
 * What the engine calls on Salesforce (design.md 3.4). Implemented by @crmsync/salesforce over jsforce;
 * no SDK type crosses this port. Every method may throw a SyncError (origin `salesforce`) for a failure of
 * the whole call; per-record outcomes of writes are data.
 */
export interface SalesforceConnector {
  /**
   * One page (up to 2000 rows) of Leads or Contacts changed, deleted or merged away since `cursor`, read
   * with queryAll on SystemModstamp ascending with `fields` selected, so capture doubles as the batch read
   * and deletes cost no call of their own. Pass the returned cursor back until `hasMore` is false; store it
   * with the inbox rows. `undefined` starts from the beginning of time.
   */
  captureChanges(
    type: ContactSalesforceType,
    cursor: string | undefined,
    fields: readonly string[],
  ): Promise<SalesforceContactCapturePage>
  /** Records by id through POST composite/sobjects/{T}; ids not found (or deleted) are absent from the map. */
  retrieve(
    type: ContactSalesforceType,
    ids: readonly string[],
    fields: readonly string[],
  ): Promise<ReadonlyMap<string, SalesforceContactRecord>>
  /**
   * Dedup look-up by email (design.md 3.4 step 2): per lower-cased email, Contacts first, then Leads with
   * `IsConverted = false`, each ordered by CreatedDate, Id. Emails without a match are absent.
   */
  findContactsByEmail(emails: readonly string[]): Promise<ReadonlyMap<string, readonly SalesforceCandidate[]>>
  /**
   * The ids of every live record of a type (Leads: unconverted only), a query page (2000) at a time through
   * the query locator: for imports, which want what exists now and not a change cursor. (B-BULK)
   */
  listIds(type: ContactSalesforceType): AsyncIterable<readonly string[]>
  /**
   * One page of Accounts changed, deleted or merged away since `cursor`: the same capture as Leads and
   * Contacts (queryAll on SystemModstamp, `fields` selected), with `IsPersonAccount` and `PersonContactId`
   * read too when the org has person accounts (B-PA). Its own cursor stream.
   */
  captureAccounts(
    cursor: string | undefined,
    fields: readonly string[],
  ): Promise<SalesforceAccountCapturePage>
  /** Accounts by id through POST composite/sobjects/Account; ids not found (or deleted) are absent. */
  retrieveAccounts(
    ids: readonly string[],
    fields: readonly string[],
  ): Promise<ReadonlyMap<string, SalesforceAccountRecord>>
  /**
   * The Contacts of these accounts (`AccountId IN (...)`, person contacts left out), for matching an account
   * to the HubSpot company its contacts share (B-CMP-4). Lists as long as the URL allows.
   */
  findContactsByAccount(accountIds: readonly string[]): Promise<readonly SalesforceAccountContact[]>
  /** The ids of every live Account, a page at a time (imports, B-CMP-1). */
  listAccountIds(): AsyncIterable<readonly string[]>
  /** Whether the org has person accounts enabled (B-PA): Account describe has `IsPersonAccount`. */
  hasPersonAccounts(): Promise<boolean>
  /**
   * One page of Opportunities changed or deleted since `cursor` (queryAll on SystemModstamp, `fields`
   * selected, with RecordTypeId when the org has it, StageName, AccountId, IsClosed, IsWon and CreatedDate
   * always). Its own cursor stream.
   */
  captureOpportunities(
    cursor: string | undefined,
    fields: readonly string[],
  ): Promise<SalesforceOpportunityCapturePage>
  /** Opportunities by id; ids not found (or deleted) are absent. */
  retrieveOpportunities(
    ids: readonly string[],
    fields: readonly string[],
  ): Promise<ReadonlyMap<string, SalesforceOpportunityRecord>>
  /** The ids of every live Opportunity, a page at a time (imports, B-DEAL-1). */
  listOpportunityIds(): AsyncIterable<readonly string[]>
  /**
   * One page of OpportunityContactRoles created, changed or deleted since `cursor`, on their own
   * SystemModstamp (design.md 3.4: contact roles are captured and applied as a diff).
   */
  captureContactRoles(cursor: string | undefined): Promise<SalesforceContactRoleCapturePage>
  /** The live contact roles of these opportunities (`OpportunityId IN (...)`). */
  readContactRoles(opportunityIds: readonly string[]): Promise<readonly SalesforceContactRole[]>
  /** Opportunity record types (B-DEAL-2): an org without any has none. */
  readOpportunityRecordTypes(): Promise<readonly SalesforceRecordType[]>
  /** The StageName values with their metadata (OpportunityStage), by SortOrder (B-DEAL-20). */
  readOpportunityStages(): Promise<readonly SalesforceOpportunityStage[]>
  /**
   * The integration user's effective system permissions (its UserPermissionAccess row, 1 call), which deal
   * sync needs before it is turned on (B-INST-5). Readable without View Setup.
   */
  readUserPermissions(): Promise<SalesforceUserPermissions>
  /** The org's edition and kind (its Organization row, 1 call): B-INST-1 and B-INST-9. */
  readOrganization(): Promise<SalesforceOrganization>
  /**
   * The integration user's permissions on each of these objects, from the ObjectPermissions of every
   * permission set assigned to it, profile included (2 calls; needs View Setup and Configuration). An object
   * it has no row for comes back with every permission false (B-INST-4).
   */
  readObjectPermissions(types: readonly string[]): Promise<ReadonlyMap<string, SalesforceObjectPermissions>>
  /**
   * Creates a Text(255) External ID, Unique (case-insensitive) custom field through the Tooling API and forgets
   * the object's cached describe (`crmsync doctor --fix`; 1 call).
   */
  createExternalIdField(type: string, field: string): Promise<void>
  /** Creates (upserts on the external-id field), updates and deletes through sObject Collections. */
  write(batch: SalesforceWriteBatch): Promise<SalesforceWriteResults>
  /**
   * Tasks crmsync inserted, by the timeline sync key in their custom field (ACTIVITY_KEY_FIELD): sync key ->
   * Task id (IN lists as long as the URL allows). Read only for keys a crash left in doubt.
   */
  findTasksByActivityKey(keys: readonly string[]): Promise<ReadonlyMap<string, string>>
  /** Creates the Activity text field ACTIVITY_KEY_FIELD (Tooling API; `doctor --fix`). */
  createActivityKeyField(): Promise<void>
  /** One capture page of changed Tasks or Events (own SystemModstamp cursor; deletions left out, B-ACT-5). */
  captureActivities(
    object: 'Task' | 'Event',
    cursor: string | undefined,
  ): Promise<SalesforceCapturePage<SalesforceActivityRecord>>
  /** Tasks or Events by id (1 query per 100). */
  readActivities(
    object: 'Task' | 'Event',
    ids: readonly string[],
  ): Promise<readonly SalesforceActivityRecord[]>
  /** Users that can own records (B-OWN-1: Standard, PowerPartner, Guest), active or not. */
  listUsers(): Promise<readonly SalesforceOwner[]>
  /** Queues (Group of type Queue): they own Leads and flow to HubSpot as owners (B-OWN-1). */
  listQueues(): Promise<readonly SalesforceQueue[]>
  /** The org and the integration user behind the credentials (design.md 3.1: a changed org stops the engine). */
  identity(): Promise<SalesforceIdentity>
  /** Field metadata of one object, cached per type for the connector's lifetime. */
  describe(type: string): Promise<SalesforceObjectDescription>
  /** Calls made and the org's usage as last reported by `Sforce-Limit-Info` (design.md 3.6). */
  apiUsage(): SalesforceApiUsage
  /**
   * The engine sets one for a cycle so its configured allocation and the org's limit are never exceeded
   * (B-API-1) and in-run retries stop above 75 % of the allocation (B-API-2), and clears it with undefined.
   * (Default: none, every call is made)
   */
  setCallGuard(guard: SalesforceCallGuard | undefined): void
  /** Setup checks: credentials, permissions, external-id fields, required fields; each says what to fix. */
  doctor(options?: SalesforceDoctorOptions): Promise<readonly SalesforceDoctorCheck[]>
}

/** One page of a capture. */
export interface SalesforceCapturePage<T> {
  /** New rows only: rows already returned under the same (Id, SystemModstamp) are skipped. */
  readonly records: readonly T[]
  /**
   * The cursor to store once these records are in the inbox. It never passes the safe horizon
   * `min(server Date - transaction allowance, latestDateCovered of /updated)`, so a transaction that
   * committed late is still seen.
   */
  readonly cursor: string
  /** True when another page follows at once; false when this pass reached the end. */
  readonly hasMore: boolean
}

/** A capture page of Leads or Contacts: changed records, and those deleted or merged away (B-CON-24/25). */
export interface SalesforceContactCapturePage extends SalesforceCapturePage<SalesforceContactRecord> {
  /** Rows with `IsDeleted = true` (queryAll), `masterRecordId` set for merge losers. */
  readonly deletions: readonly SalesforceDeletion[]
}

/** A capture page of Accounts: changed records, and those deleted or merged away. */
export interface SalesforceAccountCapturePage extends SalesforceCapturePage<SalesforceAccountRecord> {
  readonly deletions: readonly SalesforceAccountDeletion[]
}

/** A capture page of Opportunities: changed records and deleted ones. */
export interface SalesforceOpportunityCapturePage extends SalesforceCapturePage<SalesforceOpportunityRecord> {
  readonly deletions: readonly SalesforceOpportunityDeletion[]
}

/** A contact role deleted (with its opportunity, its contact, or on its own). */
export interface SalesforceContactRoleDeletion {
  readonly id: string
  readonly opportunityId: string
  readonly deletedAt: number
}

export interface SalesforceContactRoleCapturePage extends SalesforceCapturePage<SalesforceContactRole> {
  readonly deletions: readonly SalesforceContactRoleDeletion[]
}

/** A record type of an object (RecordType). */
export interface SalesforceRecordType {
  readonly id: string
  readonly name: string
  readonly developerName: string
  readonly active: boolean
}

/** One StageName value and what it means (OpportunityStage). */
export interface SalesforceOpportunityStage {
  /** The StageName value (ApiName). */
  readonly value: string
  readonly label: string
  readonly active: boolean
  readonly closed: boolean
  readonly won: boolean
  /** DefaultProbability, 0..100. (null: none) */
  readonly probability: number | null
  readonly sortOrder: number
}

/**
 * System permissions of the integration user, effective from its profile and permission sets together
 * (UserPermissionAccess, one row for the session's user). Deal sync needs modifyAllData or modifyMetadata.
 */
export interface SalesforceUserPermissions {
  /** "Modify All Data": PermissionsModifyAllData. */
  readonly modifyAllData: boolean
  /** "Modify Metadata Through Metadata API Functions": PermissionsModifyMetadata. */
  readonly modifyMetadata: boolean
  /** "API Enabled": PermissionsApiEnabled. */
  readonly apiEnabled: boolean
  /** "View Setup and Configuration": PermissionsViewSetup. */
  readonly viewSetup: boolean
}

/** The org behind the credentials (its Organization row). */
export interface SalesforceOrganization {
  readonly id: string
  readonly name: string
  /** The edition as Salesforce names it: "Enterprise Edition", "Professional Edition", … */
  readonly organizationType: string
  /** A sandbox org rather than production (B-INST-9). */
  readonly isSandbox: boolean
  readonly instanceName: string | null
}

/** One object's permissions as Setup names them (ObjectPermissions), united over the user's permission sets. */
export interface SalesforceObjectPermissions {
  readonly read: boolean
  readonly create: boolean
  readonly edit: boolean
  readonly delete: boolean
  readonly viewAll: boolean
  readonly modifyAll: boolean
}

/** A record that left the org: deleted, or merged away into `masterRecordId` (B-CON-24/25). */
export interface SalesforceDeletion {
  readonly type: ContactSalesforceType
  readonly id: string
  /** The surviving record of a merge. (Default: none, a plain delete) */
  readonly masterRecordId?: string | undefined
  /** Epoch ms of the delete (its SystemModstamp). */
  readonly deletedAt: number
}

/** A create, sent as an upsert on the external-id field so a replayed batch never duplicates. */
export interface SalesforceCreate {
  /** Value of the external-id field: `portalId:objectId` (design.md 3.4 step 3). */
  readonly externalId: string
  /** Field values by API name; only the fields to set. */
  readonly fields: Readonly<Record<string, RawValue>>
  /**
   * Run the Lead assignment rule (`Sforce-Auto-Assign: TRUE`): only for Lead creates without a matched owner
   * (B-OWN-5). (Default: false)
   */
  readonly autoAssign?: boolean | undefined
}

/** An update of the changed fields only. */
export interface SalesforceUpdate {
  readonly id: string
  readonly fields: Readonly<Record<string, RawValue>>
}

export interface SalesforceWriteBatch {
  /** The sObject type, e.g. `Lead` or `Contact`. */
  readonly type: string
  /** (Default: none) */
  readonly creates?: readonly SalesforceCreate[] | undefined
  /** (Default: none) */
  readonly updates?: readonly SalesforceUpdate[] | undefined
  /** Record ids to delete. (Default: none) */
  readonly deletes?: readonly string[] | undefined
  /**
   * Plain inserts, for objects with no external id (contact roles): applied as a diff against what was read
   * in the same batch, so a replay reads them first. Results in `inserts`. (Default: none)
   */
  readonly inserts?: readonly SalesforceInsert[] | undefined
}

/** A plain insert (no external id). */
export interface SalesforceInsert {
  readonly fields: Readonly<Record<string, RawValue>>
}

/** Results in input order, one per record. */
export interface SalesforceWriteResults {
  readonly creates: readonly SalesforceWriteResult[]
  /** One per `inserts` entry, in order. (Default: none) */
  readonly inserts?: readonly SalesforceWriteResult[] | undefined
  readonly updates: readonly SalesforceWriteResult[]
  readonly deletes: readonly SalesforceWriteResult[]
}

export type SalesforceWriteResult =
  | {
      readonly ok: true
      readonly id: string
      /** Upserts only: true when a record was inserted, false when the external id already existed. */
      readonly created?: boolean | undefined
    }
  | { readonly ok: false; readonly id?: string | undefined; readonly error: SalesforceRecordError }

/** A per-record failure inside a Collections call; it never fails the rest of the batch. */
export interface SalesforceRecordError {
  readonly code: SyncErrorCode
  /** Salesforce's own `statusCode`, e.g. `INVALID_EMAIL_ADDRESS`. */
  readonly salesforceCode: string
  readonly message: string
  /** Fields Salesforce blames; may be empty. */
  readonly fields: readonly string[]
  /** True for transient codes the connector already retried up to its limit (e.g. SF_LOCKED). */
  readonly retryable: boolean
}

export interface SalesforceQueue {
  readonly id: string
  readonly name: string
  readonly developerName: string
  readonly email: string | null
}

export interface SalesforceIdentity {
  readonly orgId: string
  readonly userId: string
}

export interface SalesforceFieldDescription {
  readonly name: string
  /** Describe type: string, email, picklist, reference, boolean, double, date, datetime, ... */
  readonly type: string
  /** Maximum length of text fields; 0 for others. */
  readonly length: number
  readonly precision: number
  readonly scale: number
  readonly nillable: boolean
  readonly createable: boolean
  readonly updateable: boolean
  /** Required on create: not nillable, createable and not defaulted on create. */
  readonly requiredOnCreate: boolean
  readonly externalId: boolean
  readonly unique: boolean
  /** Active picklist values, in describe order. */
  readonly picklistValues: readonly string[]
  readonly restrictedPicklist: boolean
  readonly referenceTo: readonly string[]
}

export interface SalesforceObjectDescription {
  readonly name: string
  readonly createable: boolean
  readonly updateable: boolean
  readonly deletable: boolean
  readonly fields: ReadonlyMap<string, SalesforceFieldDescription>
}

/** What the engine lets the Salesforce connector do while a cycle runs. */
export interface SalesforceCallGuard {
  /**
   * Asked before every HTTP call, each retry included, with its operation (e.g. `query`): a SyncError it
   * returns is thrown instead of the call; undefined lets it go.
   */
  beforeCall(operation: string): SyncError | undefined
  /** Asked before an in-run retry of a call that failed with `code`; false fails the call with that error. */
  mayRetry(code: SyncErrorCode): boolean
}

/** API usage as the connector saw it. */
export interface SalesforceApiUsage {
  /** Calls made by this connector instance, each HTTP request once (retries count again). */
  readonly calls: number
  /** Calls per operation, e.g. `query`, `collections.upsert`. */
  readonly byOperation: Readonly<Record<string, number>>
  /** The org's rolling 24 h usage from the last `Sforce-Limit-Info` header. (Default: unknown) */
  readonly orgUsage?: { readonly used: number; readonly max: number } | undefined
  /**
   * Calls sent whose answer has not come back: the org counts each of them, but no header says so yet.
   * (Default: 0)
   */
  readonly inFlight?: number | undefined
  /** Epoch ms of the last server `Date` header. (Default: unknown) */
  readonly serverTime?: number | undefined
}

/** The objects the doctor can check: the contact objects and Account (companies). */
export type SalesforceDoctorObject = ContactSalesforceType | 'Account'

export interface SalesforceDoctorOptions {
  /**
   * Fields the mappings write, per object: each must exist and be writable, and every field required on
   * create must be among them. An object named here is checked even when `objects` leaves it out.
   * (Default: only the checks that need no mappings)
   */
  readonly mappedFields?: Readonly<Partial<Record<SalesforceDoctorObject, readonly string[]>>> | undefined
  /** The objects whose access and external-id field are checked. (Default: Lead and Contact) */
  readonly objects?: readonly SalesforceDoctorObject[] | undefined
}

/** One doctor check. */
export interface SalesforceDoctorCheck {
  readonly name: string
  readonly ok: boolean
  /** What was found. */
  readonly detail: string
  /** What to change in Salesforce when the check fails. (Default: none) */
  readonly fix?: string | undefined
}
