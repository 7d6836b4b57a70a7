import type { TimelineItem, TimelineItemState } from '../activity/activity-types.js'
import type { SyncErrorCode } from '../errors/error-codes.js'
import type { ApiLimitReading, ApiUsage } from '../model/api-usage.js'
import type { AuditEntry } from '../model/audit-entry.js'
import type { ConnectionIdentity } from '../model/connection-identity.js'
import type { ConnectionState } from '../model/connection-state.js'
import type { Cursor } from '../model/cursor.js'
import type { InboxArrival, InboxRow } from '../model/inbox.js'
import type { Link, LinkState, ObjectKind, Side } from '../model/link.js'
import type { RecordRef } from '../model/record-ref.js'
import type { SettingsSnapshot } from '../model/settings-snapshot.js'
import type { SyncErrorRecord } from '../model/sync-error-record.js'

/** Finds links by the ids on one side. */
export interface LinkLookup {
  readonly connectionId: string
  readonly objectKind: ObjectKind
  readonly side: Side
  readonly ids: ReadonlyArray<string>
}

/** A page of a connection's links of one kind, in HubSpot id order (reconciliation walks them all). */
export interface LinkPage {
  readonly connectionId: string
  readonly objectKind: ObjectKind
  /** Start after this HubSpot id. (Default: from the first) */
  readonly afterHubspotId?: string | undefined
  readonly limit: number
}

/** Moves a link from one record id to another on one side: a merge survivor, or a lead converted to a contact. */
export interface LinkRekey {
  readonly connectionId: string
  readonly objectKind: ObjectKind
  readonly side: Side
  readonly fromId: string
  readonly toId: string
  /** The new Salesforce type when `side` is salesforce and the type changes (Lead to Contact). (Default: kept) */
  readonly salesforceType?: string | undefined
  /** Epoch ms, stored as the link's updatedAt. */
  readonly at: number
}

/** `target-linked`: another link already holds `toId`; nothing was changed and the engine decides (B-CON-25). */
export type LinkRekeyResult = 'rekeyed' | 'not-found' | 'target-linked'

/** How many links of one kind are in one state; kinds and states with none are absent. */
export interface LinkCount {
  readonly objectKind: ObjectKind
  readonly state: LinkState
  readonly links: number
}

/** How many inbox rows of one kind wait; kinds with none are absent. */
export interface InboxCount {
  readonly objectKind: ObjectKind
  readonly rows: number
}

/**
 * The records of one linked kind as the console's Overview counts them, from the links of `linkKind` and the
 * inbox rows and open errors of `recordKinds` (a contact's company association is the contact's).
 */
export interface RecordStatusQuery {
  readonly connectionId: string
  readonly linkKind: ObjectKind
  readonly recordKinds: ReadonlyArray<ObjectKind>
}

/**
 * A record is counted once however many of its rows wait or fail: a Salesforce id that a link of `linkKind`
 * holds is that link's record, any other id a record of its own.
 */
export interface RecordStatusCount {
  /** Records with a row waiting in the inbox. */
  readonly pending: number
  /** Records with an open error. */
  readonly failing: number
  /** Active links whose record neither waits nor fails. */
  readonly inSync: number
}

/** Which inbox rows to take. */
export interface InboxTake {
  readonly connectionId: string
  /** At most this many rows, lowest seq first. */
  readonly limit: number
  /** Only these kinds, for the three passes of a cycle. (Default: all kinds) */
  readonly objectKinds?: ReadonlyArray<ObjectKind> | undefined
}

/** A per-record error seen during a cycle. */
export interface ErrorOccurrence extends RecordRef {
  readonly code: SyncErrorCode
  readonly message: string
  /** Epoch ms at which it was seen. */
  readonly at: number
  /**
   * Retry schedule: the next retry is `at + everyMs` while the error has been retried fewer than `maxRetries`
   * times, then none. (Default: no scheduled retry)
   */
  readonly retry?: { readonly everyMs: number; readonly maxRetries: number } | undefined
}

/** Which errors to list. */
export interface ErrorQuery {
  readonly connectionId: string
  /** Only these codes, e.g. the codes of one sync-health group. (Default: all codes) */
  readonly codes?: ReadonlyArray<SyncErrorCode> | undefined
  /** Only errors of this record. (Default: all records) */
  readonly record?: Omit<RecordRef, 'connectionId'> | undefined
  /** Include resolved errors too. (Default: false) */
  readonly includeResolved?: boolean | undefined
  /** At most this many, most recently seen first. (Default: 1000) */
  readonly limit?: number | undefined
}

/** Which errors to resolve: by id (a manual resync) or all open errors of one record (it synced). */
export type ErrorSelector = { readonly ids: ReadonlyArray<number> } | { readonly record: RecordRef }

/** Open errors per code, for the sync-health view (B-ERR-1). */
export interface ErrorCount {
  readonly code: SyncErrorCode
  readonly errors: number
  /** Distinct records affected. */
  readonly records: number
}

/** A window of API usage: minutes whose start lies in [from, to). */
export interface ApiUsageWindow {
  readonly connectionId: string
  readonly side: Side
  /** Epoch ms, inclusive (floored to its minute). */
  readonly from: number
  /** Epoch ms, exclusive. */
  readonly to: number
}

/** Which audit entries to list: those of one record, newest first. */
export interface AuditQuery extends RecordRef {
  /** (Default: 100) */
  readonly limit?: number | undefined
}

/** A connection's audit entries written in a window of time, oldest first: what the console's live feed shows. */
export interface AuditWindow {
  readonly connectionId: string
  /** Epoch ms, inclusive. */
  readonly from: number
  /** Epoch ms, inclusive. */
  readonly to: number
  /** At most this many, the oldest. (Default: 500) */
  readonly limit?: number | undefined
}

/**
 * The engine's state (design.md sections 3.1, 3.4 to 3.6): links with their per-field ancestors and shadows,
 * connection identities, capture cursors, the inbox, audit entries, per-record errors, API usage and settings
 * snapshots. Implementations throw SyncError with STORE_* codes; expected outcomes are return values.
 */
export interface StateStore {
  /** The link holding `id` on `side` for this kind, or undefined. */
  getLink(connectionId: string, objectKind: ObjectKind, side: Side, id: string): Promise<Link | undefined>
  /** Links holding any of `ids` on `side`; missing ids are simply absent. */
  getLinks(lookup: LinkLookup): Promise<ReadonlyArray<Link>>
  /** Links in HubSpot id order (text order), for a keyset walk: pass the last id as `afterHubspotId`. */
  listLinks(page: LinkPage): Promise<ReadonlyArray<Link>>
  /** Links per kind and state, counted by the database (`crmsync status`, the console's Overview). */
  countLinks(connectionId: string): Promise<ReadonlyArray<LinkCount>>
  /** Pending, failing and in-sync records of one linked kind, counted by the database (the Overview). */
  countRecordStatus(query: RecordStatusQuery): Promise<RecordStatusCount>
  /**
   * Inserts or replaces links keyed by (connection, kind, HubSpot id). Throws STORE_CONSTRAINT_VIOLATION when
   * another link of the connection already holds the Salesforce id.
   */
  upsertLinks(links: ReadonlyArray<Link>): Promise<void>
  /** Sets the state of the link holding `id` on `side`; false when there is none. */
  setLinkState(
    connectionId: string,
    objectKind: ObjectKind,
    side: Side,
    id: string,
    state: LinkState,
    at: number,
  ): Promise<boolean>
  /** Re-keys a link on one side; never overwrites another link. */
  rekeyLink(rekey: LinkRekey): Promise<LinkRekeyResult>

  /** The stored identity, or undefined before the first run. */
  getIdentity(connectionId: string): Promise<ConnectionIdentity | undefined>
  /** Records (or, after an operator confirmed a change, replaces) the identity. */
  setIdentity(identity: ConnectionIdentity): Promise<void>

  getCursor(connectionId: string, side: Side, stream: string): Promise<Cursor | undefined>
  setCursor(cursor: Cursor): Promise<void>

  /**
   * Adds arrivals to the inbox. Arrivals for a record already waiting coalesce into its row, which takes a new,
   * higher seq; seq increases on every arrival.
   */
  enqueue(arrivals: ReadonlyArray<InboxArrival>): Promise<void>
  /** The rows with the lowest seq, each with the seq it had when read. Rows stay until deleted. */
  takeInbox(take: InboxTake): Promise<ReadonlyArray<InboxRow>>
  /** Deletes each row only if its seq is still <= the seq read, so an arrival during apply stays. */
  deleteInbox(rows: ReadonlyArray<InboxRow>): Promise<void>
  /** Rows waiting for a connection. */
  countInbox(connectionId: string): Promise<number>
  /** Rows waiting per kind. */
  countInboxByKind(connectionId: string): Promise<ReadonlyArray<InboxCount>>

  appendAudit(entries: ReadonlyArray<AuditEntry>): Promise<void>
  /** Entries about one record (by its id on `side`), newest first. */
  listAudit(query: AuditQuery): Promise<ReadonlyArray<AuditEntry>>
  /** Entries of a connection written in [from, to], oldest first (a cycle's changes, for the live feed). */
  listAuditWindow(window: AuditWindow): Promise<ReadonlyArray<AuditEntry>>

  /** Records an error, or bumps the open one of the same record and code, and schedules its retry. */
  recordError(occurrence: ErrorOccurrence): Promise<SyncErrorRecord>
  listErrors(query: ErrorQuery): Promise<ReadonlyArray<SyncErrorRecord>>
  countOpenErrors(connectionId: string): Promise<ReadonlyArray<ErrorCount>>
  /** Marks open errors resolved; returns how many were. */
  resolveErrors(selector: ErrorSelector, at: number): Promise<number>
  /** Open errors whose retry is due at `now`, earliest first. */
  listErrorsDue(connectionId: string, now: number, limit: number): Promise<ReadonlyArray<SyncErrorRecord>>

  /** Adds `calls` to the minute containing `at`. */
  addApiCalls(connectionId: string, side: Side, at: number, calls: number): Promise<void>
  sumApiCalls(window: ApiUsageWindow): Promise<number>
  /** Per-minute usage in the window, oldest first. */
  listApiUsage(window: ApiUsageWindow): Promise<ReadonlyArray<ApiUsage>>
  /** Replaces what one side of the connection last reported about its limits (store migration 0003). */
  saveApiLimitReading(reading: ApiLimitReading): Promise<void>
  /** The latest reading per side, Salesforce first; a side never read is absent. */
  listApiLimitReadings(connectionId: string): Promise<ReadonlyArray<ApiLimitReading>>

  saveSettingsSnapshot(snapshot: SettingsSnapshot): Promise<void>
  /** The newest snapshot taken at or before `at`. (Default `at`: the newest) */
  getSettingsSnapshot(connectionId: string, at?: number): Promise<SettingsSnapshot | undefined>

  /** Timeline sync's stored pairs of these HubSpot activities (B-ACT-1; store migration 0004). */
  getTimelineItems(
    connectionId: string,
    activityKeys: ReadonlyArray<string>,
  ): Promise<ReadonlyArray<TimelineItem>>
  /** Pairs waiting for their contact's link, in sync-key order. */
  listPendingTimelineItems(connectionId: string, limit: number): Promise<ReadonlyArray<TimelineItem>>
  /** Inserts or replaces pairs by (connection, sync key). */
  putTimelineItems(items: ReadonlyArray<TimelineItem>): Promise<void>
  /** Pairs per state, for `crmsync status`. */
  countTimelineItems(connectionId: string): Promise<Readonly<Record<TimelineItemState, number>>>

  /** The connection's pause, suspension and disconnect (B-INST-7, B-API-4, B-INST-12); active when none is stored. */
  getConnectionState(connectionId: string): Promise<ConnectionState>
  /** Replaces the connection's state (store migration 0002). */
  setConnectionState(state: ConnectionState): Promise<void>
  /**
   * Disconnect (B-INST-12): removes the connection's links, inbox rows, settings snapshots, timeline items and recorded org and
   * portal identity (a reconnect may pair another org, B-INST-3) and resolves its open errors at `at`, all or
   * nothing. Audit, API usage, state and capture cursors stay (a reconnect moves the cursors to its own
   * moment, B-INST-14).
   */
  forgetConnection(connectionId: string, at: number): Promise<void>

  /**
   * Runs `fn` in one transaction, with a store bound to it: the commit step of design.md section 3.4. If `fn`
   * throws, nothing it wrote stays and the error is rethrown unchanged. Nested calls use a savepoint. Inside
   * `fn`, use only the store it is given: on SQLite the outer store waits for the transaction's connection.
   */
  transaction<T>(fn: (store: StateStore) => Promise<T>): Promise<T>
}

/**
 * The reads of a StateStore and nothing else: what the read stage of a batch is given, so that it cannot write
 * (design.md 3.4: read -> plan -> apply -> commit, and only commit writes).
 */
export type StateReader = Pick<
  StateStore,
  | 'getLink'
  | 'getLinks'
  | 'listLinks'
  | 'countLinks'
  | 'countRecordStatus'
  | 'getIdentity'
  | 'getCursor'
  | 'takeInbox'
  | 'countInbox'
  | 'countInboxByKind'
  | 'listAudit'
  | 'listErrors'
  | 'countOpenErrors'
  | 'listErrorsDue'
  | 'sumApiCalls'
  | 'listApiUsage'
  | 'listApiLimitReadings'
  | 'getSettingsSnapshot'
  | 'getTimelineItems'
  | 'listPendingTimelineItems'
  | 'countTimelineItems'
>
