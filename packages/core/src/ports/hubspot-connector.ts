import type { HubSpotCompanyRecord } from '../company/company-records.js'
import type { HubSpotDealRecord } from '../deal/deal-records.js'
import type { SyncErrorCode } from '../errors/error-codes.js'
import type { ContactSalesforceType } from '../mapping/index.js'
import type { HubSpotOwner } from '../owners/index.js'
import type { HubSpotContactRecord } from '../plan/index.js'
import type {
  HubSpotEmailEventPage,
  HubSpotEmailEventRequest,
  HubSpotEngagementCaptureResult,
  HubSpotEngagementRecord,
  HubSpotEngagementType,
  HubSpotEngagementUpsert,
  HubSpotForm,
  HubSpotFormSubmissionPage,
  HubSpotPropertyChange,
} from './activity-ports.js'

/**
 * Where HubSpot contact capture stands (design.md 3.4); the engine stores it as JSON and hands it back as is.
 * Two marks on the keyset `(lastmodifieddate, id)`:
 * - the fresh frontier `(modifiedAt, lastId)`: the newest row a fresh pass has read. The next fresh pass reads
 *   what search shows after it, up to HubSpot's present, with no wait for the indexing lag;
 * - `settled`: every contact whose current `lastmodifieddate` is at or before it has been returned. Search
 *   can show a row after rows with a later date were read (indexing lag), so a settle pass reads
 *   `(settled, server time - searchLagMs]` once more before `settled` moves there.
 * A cursor stored before settle passes existed (`{modifiedAt, lastId}`) reads as settled = frontier =
 * modifiedAt, which is what it meant.
 */
export interface HubSpotCaptureCursor {
  /** The frontier's instant, epoch ms: the newest `lastmodifieddate` read (or `settled`, when that is later). */
  readonly modifiedAt: number
  /** The highest id read at `modifiedAt`; null: none, the next pass reads that whole instant. */
  readonly lastId: string | null
  /**
   * Epoch ms: a contact whose current `lastmodifieddate` is at or before it has been returned. Capture
   * never moves it past the server time minus the indexing lag; a new connection starts it at the moment
   * of connecting (B-INST-6). (Default: modifiedAt)
   */
  readonly settled?: number | undefined
  /**
   * Ids returned per `lastmodifieddate` (epoch ms, as a key) at or after `settled`: such a row is not
   * returned again; an edit gives it a new date, which is. (Default: none)
   */
  readonly seen?: Readonly<Record<string, readonly string[]>> | undefined
  /** A settle pass that is due or under way. (Default: none) */
  readonly settle?: HubSpotSettlePass | undefined
}

/** A settle pass: it reads `(settled, upTo]` again, in windows under the search result cap. */
export interface HubSpotSettlePass {
  /** Epoch ms, at or before the server time minus the indexing lag when the pass was planned. */
  readonly upTo: number
  /**
   * An instant holding more contacts than search can reach, walked by id after `afterId` (null: from the
   * first). Everything before the instant is settled. (Default: none, the pass reads windows)
   */
  readonly walk?: { readonly at: number; readonly afterId: string | null } | undefined
}

export interface HubSpotCaptureRequest {
  /** The stored cursor; undefined starts from the beginning (epoch 0). */
  readonly cursor: HubSpotCaptureCursor | undefined
  /** Properties to return with each captured contact. (Default: the client's default set) */
  readonly properties?: readonly string[] | undefined
  /** Stop after about this many records and return `more: true`. (Default: 10,000) */
  readonly maxRecords?: number | undefined
  /**
   * Epoch ms: settle everything modified at or before this instant in this chain of calls, as soon as the
   * index allows (`crmsync sync --once` passes its start, so a change made just before it is synced). Until
   * HubSpot's clock reaches it plus the indexing lag the result says when (`settleReadyAt`).
   * (Default: none; settle passes run on their own schedule)
   */
  readonly settleThrough?: number | undefined
}

export interface HubSpotCaptureResult {
  /**
   * Contacts changed since the cursor, oldest first: every row search newly shows after the frontier, and
   * rows a settle pass found that fresh passes had skipped. A record appears once per call, with its newest
   * version, and a (record, lastmodifieddate) is never returned by two calls of one cursor chain.
   */
  readonly records: readonly HubSpotContactRecord[]
  /** Store it in the same transaction as the inbox rows. */
  readonly cursor: HubSpotCaptureCursor
  /** More changes are already visible or a settle pass is under way: call again now, before planning. */
  readonly more: boolean
  /**
   * HubSpot's time when capture ran, epoch ms: its latest Date header (whole seconds), or the newest
   * `lastmodifieddate` read when that is later (a row cannot be read before it was written).
   */
  readonly serverTime: number
  /**
   * Epoch ms: every contact whose current `lastmodifieddate` is at or before it has been returned by this
   * call or an earlier one of the chain (as long as search trails writes by no more than the configured
   * indexing lag). Capture moves it no further than `serverTime` minus that lag; it starts where the
   * cursor did (a new connection's cursor is settled at the moment of connecting).
   */
  readonly settledThrough: number
  /**
   * Set when `settleThrough` was asked, `more` is false and `settledThrough` is still before it: the
   * HubSpot time (epoch ms, `settleThrough` + the indexing lag) from which a settle through it is possible.
   * Wait until `serverTime` would reach it and call again. (Default: undefined, nothing to wait for)
   */
  readonly settleReadyAt?: number | undefined
}

export interface HubSpotReadRequest {
  readonly ids: readonly string[]
  readonly properties: readonly string[]
  /**
   * Properties whose change time the planner needs (two-way rule and owner): only these are read with
   * history, because history makes responses many times larger. (Default: none)
   */
  readonly historyFor?: readonly string[] | undefined
}

export interface HubSpotReadResult {
  /** Keyed by the id HubSpot returned (a merge survivor keeps its own id). */
  readonly records: ReadonlyMap<string, HubSpotContactRecord>
  /** Requested ids HubSpot no longer knows (deleted, or never existed). */
  readonly missing: readonly string[]
  /** Requested ids that were merged away, with the survivor's id (B-CON-27, api-surface 8.4). */
  readonly mergedInto: ReadonlyMap<string, string>
}

/** A create: an upsert keyed by the Salesforce id so a replay never duplicates (design.md 3.4 apply). */
export interface HubSpotUpsertInput {
  /** Stored in the unique property `crmsync_salesforce_id`. */
  readonly salesforceId: string
  /** Also writes `salesforceleadid` or `salesforcecontactid`. (Default: no link property) */
  readonly salesforceType?: ContactSalesforceType | undefined
  /** Raw HubSpot values; `""` clears. */
  readonly properties: Readonly<Record<string, string>>
}

export interface HubSpotUpdateInput {
  readonly id: string
  /** Only the changed properties; `""` clears. */
  readonly properties: Readonly<Record<string, string>>
}

/**
 * One input's outcome. `key` is the input's salesforceId (upsert) or id (update).
 * - `written`: `created` tells an upsert that made a new contact from one that updated; `notApplied` lists
 *   properties HubSpot kept unchanged (a backward lifecycle stage, api-surface 8.3).
 * - `exists`: the email (or an additional email) belongs to another contact: link to it instead (B-CON-6).
 * - `failed`: a per-record error that never blocks the rest of the batch (B-ERR-8).
 */
export type HubSpotWriteResult =
  | {
      readonly outcome: 'written'
      readonly key: string
      readonly id: string
      readonly created: boolean
      readonly properties: Readonly<Record<string, string | null>>
      readonly notApplied: readonly string[]
    }
  | { readonly outcome: 'exists'; readonly key: string; readonly existingId: string }
  | {
      readonly outcome: 'failed'
      readonly key: string
      readonly code: SyncErrorCode
      readonly message: string
    }

export interface HubSpotCompanyCaptureResult {
  /** Oldest first, one per company (its newest version). */
  readonly records: readonly HubSpotCompanyRecord[]
  readonly cursor: HubSpotCaptureCursor
  readonly more: boolean
  readonly serverTime: number
  readonly settledThrough: number
  readonly settleReadyAt?: number | undefined
}

export interface HubSpotCompanyReadRequest extends HubSpotReadRequest {
  /** Read each company's associated contact ids too (one more call per 100 companies). (Default: false) */
  readonly withContacts?: boolean | undefined
}

export interface HubSpotCompanyReadResult {
  readonly records: ReadonlyMap<string, HubSpotCompanyRecord>
  readonly missing: readonly string[]
  readonly mergedInto: ReadonlyMap<string, string>
}

/** A company create, keyed by the Salesforce Account id. */
export interface HubSpotCompanyUpsertInput {
  readonly salesforceId: string
  /** Raw HubSpot values; `""` clears. */
  readonly properties: Readonly<Record<string, string>>
}

/** One contact's primary company to set (`companyId`) or remove (null). */
export interface HubSpotPrimaryCompanyChange {
  readonly contactId: string
  readonly companyId: string | null
}

export type HubSpotAssociationResult =
  | { readonly outcome: 'written'; readonly contactId: string }
  | {
      readonly outcome: 'failed'
      readonly contactId: string
      readonly code: SyncErrorCode
      readonly message: string
    }

export interface HubSpotDealCaptureResult {
  /** Oldest first, one per deal (its newest version). */
  readonly records: readonly HubSpotDealRecord[]
  readonly cursor: HubSpotCaptureCursor
  readonly more: boolean
  readonly serverTime: number
  readonly settledThrough: number
  readonly settleReadyAt?: number | undefined
}

export interface HubSpotDealReadRequest extends HubSpotReadRequest {
  /**
   * Read each deal's associated contacts and primary company too (two more calls per 100 deals).
   * (Default: false)
   */
  readonly withAssociations?: boolean | undefined
}

export interface HubSpotDealReadResult {
  readonly records: ReadonlyMap<string, HubSpotDealRecord>
  readonly missing: readonly string[]
  readonly mergedInto: ReadonlyMap<string, string>
}

/** A deal create, keyed by the Salesforce Opportunity id. */
export interface HubSpotDealUpsertInput {
  readonly salesforceId: string
  /** Raw HubSpot values (`pipeline` and `dealstage` among them); `""` clears. */
  readonly properties: Readonly<Record<string, string>>
}

/** A stage of a deal pipeline (api-surface 3.7); `metadata` values are strings in HubSpot. */
export interface HubSpotPipelineStage {
  readonly id: string
  readonly label: string
  readonly displayOrder: number
  /** `metadata.probability`, e.g. "0.2". (Default: none) */
  readonly probability?: string | undefined
  /** `metadata.isClosed === "true"`. */
  readonly isClosed: boolean
}

export interface HubSpotPipeline {
  readonly id: string
  readonly label: string
  readonly displayOrder: number
  readonly stages: readonly HubSpotPipelineStage[]
}

/** A stage to create; HubSpot picks its id. */
export type HubSpotPipelineStageInput = Omit<HubSpotPipelineStage, 'id'>

export interface HubSpotPipelineInput {
  readonly label: string
  readonly displayOrder: number
  readonly stages: readonly HubSpotPipelineStageInput[]
}

/** One deal-contact association to add or remove (v4 type 3, deal to contact). */
export interface HubSpotDealContactChange {
  readonly dealId: string
  readonly contactId: string
  readonly op: 'add' | 'remove'
}

/** A deal's primary company to set (v4 type 5; the previous primary company stays, unlabeled). */
export interface HubSpotDealCompanyChange {
  readonly dealId: string
  readonly companyId: string
}

/** The result of one deal association change, keyed by the deal and the other record. */
export type HubSpotDealAssociationResult =
  | { readonly outcome: 'written'; readonly dealId: string; readonly toId: string }
  | {
      readonly outcome: 'failed'
      readonly dealId: string
      readonly toId: string
      readonly code: SyncErrorCode
      readonly message: string
    }

/** A HubSpot owner with its state; deactivated users are archived owners (api-surface 3.6). */
export interface HubSpotOwnerRecord extends HubSpotOwner {
  readonly active: boolean
}

export interface HubSpotListMembers {
  readonly name: string
  /** DYNAMIC lists follow their criteria; MANUAL and SNAPSHOT ones do not (B-CON-16). */
  readonly processingType: string
  readonly members: ReadonlySet<string>
  /** The list is still being evaluated, so membership may be incomplete (api-surface 8.2). */
  readonly processing: boolean
  /** What the members are: `0-1` contacts, `0-2` companies. (Default: unknown) */
  readonly objectTypeId?: string | undefined
}

/**
 * The latest `X-HubSpot-RateLimit-*` headers (api-surface 3.13). Absent headers stay undefined; OAuth tokens
 * get no daily pair.
 */
export interface HubSpotRateLimitState {
  /** The portal's daily quota (`X-HubSpot-RateLimit-Daily`). */
  readonly dailyLimit?: number | undefined
  /** Calls left today (`X-HubSpot-RateLimit-Daily-Remaining`). */
  readonly dailyRemaining?: number | undefined
  /** Calls used today: dailyLimit - dailyRemaining, when both were read. */
  readonly dailyUsed?: number | undefined
  /** The burst window (`X-HubSpot-RateLimit-Interval-Milliseconds`, 10,000). */
  readonly intervalMs?: number | undefined
  /** Calls allowed per burst window (`X-HubSpot-RateLimit-Max`, 190 on Professional, B-API-7). */
  readonly intervalMax?: number | undefined
  /** Calls left in the current burst window (`X-HubSpot-RateLimit-Remaining`). */
  readonly intervalRemaining?: number | undefined
  /** Epoch ms (the response's Date header, else the local clock) of the latest reading. */
  readonly observedAt?: number | undefined
  /** The latest call was refused because the daily quota is used up (429, policyName DAILY). */
  readonly dailyLimitReached?: boolean | undefined
}

export interface HubSpotApiUsage {
  /** HTTP calls made since the connector was created, every retry included. */
  readonly calls: number
  readonly rateLimit: HubSpotRateLimitState | undefined
}

export interface HubSpotPortalIdentity {
  readonly portalId: string
  /** The app the token belongs to: its writes are "ours" in property history. (Default: unknown) */
  readonly appId?: string | undefined
}

/**
 * What the token may do and whom it acts for (doctor and the pre-flight at the start of `run`, B-INST-2):
 * token info for OAuth tokens, the private-app token info for private apps, then Settings > Users.
 */
export interface HubSpotAccess {
  readonly portalId: string
  /** The scopes the token was granted; undefined when HubSpot would not say. */
  readonly scopes: readonly string[] | undefined
  /** The user the token acts for (the installing or authorising user); undefined when unknown. */
  readonly user?: HubSpotAccessUser | undefined
}

export interface HubSpotAccessUser {
  readonly id: string
  readonly email?: string | undefined
  /**
   * Account-level admin access (Super Admin), which connecting needs (B-INST-2); undefined when Settings >
   * Users could not be read (the token lacks `settings.users.read`, or the user is gone).
   */
  readonly superAdmin: boolean | undefined
}

/** The portal's account settings (`GET /account-info/v3/details`) that change how values convert. */
export interface HubSpotPortalSettings {
  readonly portalId: string
  /**
   * The portal's time zone as HubSpot names it (e.g. 'US/Eastern'): date <-> datetime pairs go through it
   * (design.md 3.3). Undefined when HubSpot does not say.
   */
  readonly timeZone: string | undefined
}

/**
 * What the engine calls on HubSpot (style guide item 3): contacts, owners, lists and opt-out. Whole-call
 * failures throw a SyncError with an `HS_*` code after the connector's own retries; per-record failures
 * are data in the results. Batches are split into calls of 100 inputs.
 */
export interface HubSpotConnector {
  identity(): Promise<HubSpotPortalIdentity>
  /** The token's scopes, portal and user with their admin rights: 1 to 3 calls, read fresh each time. */
  readAccess(): Promise<HubSpotAccess>
  /** One call each time; the engine reads it once (engine/src/portal-time-zone.ts). */
  portalSettings(): Promise<HubSpotPortalSettings>
  /**
   * Fresh passes read up to now (two searches: `modified = w AND id > lastId` by id, then `modified > w`
   * ascending); settle passes read the indexing-lag span once more (design.md 3.4).
   */
  captureContacts(request: HubSpotCaptureRequest): Promise<HubSpotCaptureResult>
  readContacts(request: HubSpotReadRequest): Promise<HubSpotReadResult>
  /** Dedup look-up by email (idProperty=email), keyed by the lower-cased email asked for. */
  findContactsByEmail(
    emails: readonly string[],
    properties: readonly string[],
  ): Promise<ReadonlyMap<string, HubSpotContactRecord>>
  upsertContacts(inputs: readonly HubSpotUpsertInput[]): Promise<readonly HubSpotWriteResult[]>
  updateContacts(inputs: readonly HubSpotUpdateInput[]): Promise<readonly HubSpotWriteResult[]>
  /** Deletes (archives, restorable for 90 days); unknown ids are ignored. */
  archiveContacts(ids: readonly string[]): Promise<void>
  /**
   * Companies changed since `cursor`: the same fresh and settle passes as contacts, on `hs_lastmodifieddate`
   * (companies' last-modified property), with its own cursor stream.
   */
  captureCompanies(request: HubSpotCaptureRequest): Promise<HubSpotCompanyCaptureResult>
  /** Companies by id (100 per call), with their associated contact ids when `withContacts`. */
  readCompanies(request: HubSpotCompanyReadRequest): Promise<HubSpotCompanyReadResult>
  /**
   * Company creates as upserts keyed by the Salesforce Account id (unique property `crmsync_salesforce_id`,
   * also written to `salesforceaccountid`), so a replay never duplicates. `key` is the salesforceId.
   */
  upsertCompanies(inputs: readonly HubSpotCompanyUpsertInput[]): Promise<readonly HubSpotWriteResult[]>
  updateCompanies(inputs: readonly HubSpotUpdateInput[]): Promise<readonly HubSpotWriteResult[]>
  /** Deletes (archives) companies; unknown ids are ignored. */
  archiveCompanies(ids: readonly string[]): Promise<void>
  /**
   * The ids of every live company, a page (100) per call through the list endpoint (no search lag, no
   * 10,000 cap): for `crmsync import hubspot --object companies` (B-CMP-1, B-BULK-1).
   */
  listCompanyIds(): AsyncIterable<readonly string[]>
  /** Each contact's primary company (v4 associations, label "Primary"), null when it has none. */
  readPrimaryCompanies(contactIds: readonly string[]): Promise<ReadonlyMap<string, string | null>>
  /**
   * Makes `companyId` each contact's primary company (the previous primary stays associated, unlabeled), or,
   * with `companyId: null`, removes the primary association. Per-pair results; a failure never fails the rest.
   */
  setPrimaryCompanies(
    changes: readonly HubSpotPrimaryCompanyChange[],
  ): Promise<readonly HubSpotAssociationResult[]>
  /** Deals changed since `cursor`, on `hs_lastmodifieddate`, with their own cursor stream. */
  captureDeals(request: HubSpotCaptureRequest): Promise<HubSpotDealCaptureResult>
  /** Deals by id (100 per call), with their contacts and primary company when `withAssociations`. */
  readDeals(request: HubSpotDealReadRequest): Promise<HubSpotDealReadResult>
  /**
   * Deal creates as upserts keyed by the Opportunity id (unique `crmsync_salesforce_id`, also written to
   * `salesforceopportunityid`), so a replay never duplicates. `key` is the salesforceId.
   */
  upsertDeals(inputs: readonly HubSpotDealUpsertInput[]): Promise<readonly HubSpotWriteResult[]>
  updateDeals(inputs: readonly HubSpotUpdateInput[]): Promise<readonly HubSpotWriteResult[]>
  /** Deletes (archives) deals; unknown ids are ignored. */
  archiveDeals(ids: readonly string[]): Promise<void>
  /** Every live deal's id, a page per call (imports, B-DEAL-1). */
  listDealIds(): AsyncIterable<readonly string[]>
  /** The deal pipelines with their stages, archived ones left out: 1 call. */
  readDealPipelines(): Promise<readonly HubSpotPipeline[]>
  /** Creates a deal pipeline with its stages: 1 call. */
  createDealPipeline(input: HubSpotPipelineInput): Promise<HubSpotPipeline>
  /** Adds stages to a pipeline (a new StageName value): 1 call per stage; returns the pipeline after. */
  addDealStages(pipelineId: string, stages: readonly HubSpotPipelineStageInput[]): Promise<HubSpotPipeline>
  /** Each deal's associated contacts (v4, any label): 1 call per 100 deals; a deal HubSpot lacks is absent. */
  readDealContactIds(dealIds: readonly string[]): Promise<ReadonlyMap<string, readonly string[]>>
  /** Each deal's primary company (v4 type 5), null when none: 1 call per 100 deals. */
  readDealCompanies(dealIds: readonly string[]): Promise<ReadonlyMap<string, string | null>>
  /** Adds and removes deal-contact associations, per-pair results; a failure never fails the rest. */
  changeDealContacts(
    changes: readonly HubSpotDealContactChange[],
  ): Promise<readonly HubSpotDealAssociationResult[]>
  /** Makes each company its deal's primary company, per-pair results. */
  setDealCompanies(
    changes: readonly HubSpotDealCompanyChange[],
  ): Promise<readonly HubSpotDealAssociationResult[]>
  /** Read once per cycle (design.md 3.4), not per contact; contact and company lists alike. */
  readListMembers(listId: string): Promise<HubSpotListMembers>
  /** Unsubscribe from all email through communication preferences; `hs_email_optout` is read-only (B-OPT-3). */
  unsubscribeFromAll(emails: readonly string[]): Promise<void>
  /** Active and archived owners. */
  readOwners(): Promise<readonly HubSpotOwnerRecord[]>
  /**
   * Engagements (calls, notes, meetings, tasks, logged emails) changed since the cursor, as contacts are
   * captured (same cursor), each with its associated contacts: the searches plus 1 association read per 100.
   */
  captureEngagements(
    type: HubSpotEngagementType,
    request: HubSpotCaptureRequest,
  ): Promise<HubSpotEngagementCaptureResult>
  /** Engagements by id with their contacts (1 batch read + 1 association read per 100); gone ones are absent. */
  readEngagements(
    type: HubSpotEngagementType,
    ids: readonly string[],
  ): Promise<readonly HubSpotEngagementRecord[]>
  /** One page of marketing email events, oldest first (1 call). */
  readEmailEvents(request: HubSpotEmailEventRequest): Promise<HubSpotEmailEventPage>
  /**
   * The history of these properties of each engagement, oldest first (1 batch read per 100): how often a
   * sales email was opened and clicked, one entry per open or click (B-ACT-2, 4).
   */
  readEngagementHistory(
    type: HubSpotEngagementType,
    ids: readonly string[],
    properties: readonly string[],
  ): Promise<ReadonlyMap<string, Readonly<Record<string, readonly HubSpotPropertyChange[]>>>>
  /** Every live form (1 call per 500 forms). */
  listForms(): Promise<readonly HubSpotForm[]>
  /** One page (50) of a form's submissions, newest first (1 call). */
  readFormSubmissions(formId: string, after?: string): Promise<HubSpotFormSubmissionPage>
  /**
   * Creates or updates engagements keyed by `crmsync_salesforce_id` (a unique property the engagement type
   * must have) and associates each with its contact: 1 upsert + 1 association call per 100 (B-ACT-5).
   */
  upsertEngagements(
    type: HubSpotEngagementType,
    inputs: readonly HubSpotEngagementUpsert[],
  ): Promise<readonly HubSpotWriteResult[]>
  apiUsage(): HubSpotApiUsage
}
