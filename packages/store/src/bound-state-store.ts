import {
  type ApiLimitReading,
  type ApiUsage,
  type ApiUsageWindow,
  type AuditEntry,
  type AuditQuery,
  type AuditWindow,
  type ConnectionIdentity,
  type ConnectionState,
  type Cursor,
  type ErrorCount,
  type ErrorOccurrence,
  type ErrorQuery,
  type ErrorSelector,
  type InboxArrival,
  type InboxCount,
  type InboxRow,
  type InboxTake,
  type Link,
  type LinkCount,
  type LinkLookup,
  type LinkPage,
  type LinkRekey,
  type LinkRekeyResult,
  type LinkState,
  type ObjectKind,
  type RecordStatusCount,
  type RecordStatusQuery,
  type SettingsSnapshot,
  type Side,
  type StateStore,
  type SyncErrorRecord,
  type TimelineItem,
  type TimelineItemState,
} from '@crmsync/core'
import { sql } from 'kysely'

import * as activityItems from './queries/activity-items.js'
import * as apiLimitReadings from './queries/api-limit-readings.js'
import * as apiUsage from './queries/api-usage.js'
import * as audit from './queries/audit.js'
import * as connectionStates from './queries/connection-states.js'
import * as cursors from './queries/cursors.js'
import * as identities from './queries/identities.js'
import * as inbox from './queries/inbox.js'
import * as links from './queries/links.js'
import * as recordCounts from './queries/record-counts.js'
import * as settings from './queries/settings-snapshots.js'
import type { StoreDb } from './queries/store-db.js'
import * as errors from './queries/sync-errors.js'
import { guardStore, toStoreError } from './store-errors.js'

/**
 * The StateStore over one Kysely instance or transaction: every query family wired to `db`, every driver error
 * turned into a SyncError with a STORE_* code. KyselyStateStore adds the lifecycle; transaction() hands `fn` one
 * of these bound to the transaction.
 */
export class BoundStateStore implements StateStore {
  readonly #db: StoreDb
  /** Savepoint nesting depth: 0 outside a transaction, 1 in it, more inside nested transaction() calls. */
  readonly #depth: number

  constructor(db: StoreDb, depth: number) {
    this.#db = db
    this.#depth = depth
  }

  getLink(connectionId: string, objectKind: ObjectKind, side: Side, id: string): Promise<Link | undefined> {
    return guardStore(async () => {
      const found = await links.selectLinks(this.#db, { connectionId, objectKind, side, ids: [id] })
      return found[0]
    })
  }

  getLinks(lookup: LinkLookup): Promise<ReadonlyArray<Link>> {
    return guardStore(() => links.selectLinks(this.#db, lookup))
  }

  listLinks(page: LinkPage): Promise<ReadonlyArray<Link>> {
    return guardStore(() => links.listLinks(this.#db, page))
  }

  countLinks(connectionId: string): Promise<ReadonlyArray<LinkCount>> {
    return guardStore(() => recordCounts.countLinks(this.#db, connectionId))
  }

  countRecordStatus(query: RecordStatusQuery): Promise<RecordStatusCount> {
    return guardStore(() => recordCounts.countRecordStatus(this.#db, query))
  }

  upsertLinks(list: ReadonlyArray<Link>): Promise<void> {
    return this.#atomic((db) => links.upsertLinks(db, list))
  }

  setLinkState(
    connectionId: string,
    objectKind: ObjectKind,
    side: Side,
    id: string,
    state: LinkState,
    at: number,
  ): Promise<boolean> {
    return guardStore(() =>
      links.updateLinkState(this.#db, { connectionId, objectKind, side, id }, state, at),
    )
  }

  rekeyLink(rekey: LinkRekey): Promise<LinkRekeyResult> {
    return this.#atomic((db) => links.rekeyLink(db, rekey))
  }

  getIdentity(connectionId: string): Promise<ConnectionIdentity | undefined> {
    return guardStore(() => identities.selectIdentity(this.#db, connectionId))
  }

  setIdentity(identity: ConnectionIdentity): Promise<void> {
    return guardStore(() => identities.upsertIdentity(this.#db, identity))
  }

  getCursor(connectionId: string, side: Side, stream: string): Promise<Cursor | undefined> {
    return guardStore(() => cursors.selectCursor(this.#db, connectionId, side, stream))
  }

  setCursor(cursor: Cursor): Promise<void> {
    return guardStore(() => cursors.upsertCursor(this.#db, cursor))
  }

  enqueue(arrivals: ReadonlyArray<InboxArrival>): Promise<void> {
    return this.#atomic((db) => inbox.enqueueArrivals(db, arrivals))
  }

  takeInbox(take: InboxTake): Promise<ReadonlyArray<InboxRow>> {
    return guardStore(() => inbox.takeInbox(this.#db, take))
  }

  deleteInbox(rows: ReadonlyArray<InboxRow>): Promise<void> {
    return this.#atomic((db) => inbox.deleteInboxRows(db, rows))
  }

  countInbox(connectionId: string): Promise<number> {
    return guardStore(() => inbox.countInbox(this.#db, connectionId))
  }

  countInboxByKind(connectionId: string): Promise<ReadonlyArray<InboxCount>> {
    return guardStore(() => recordCounts.countInboxByKind(this.#db, connectionId))
  }

  appendAudit(entries: ReadonlyArray<AuditEntry>): Promise<void> {
    return this.#atomic((db) => audit.insertAudit(db, entries))
  }

  listAudit(query: AuditQuery): Promise<ReadonlyArray<AuditEntry>> {
    return guardStore(() => audit.selectAudit(this.#db, query))
  }

  listAuditWindow(window: AuditWindow): Promise<ReadonlyArray<AuditEntry>> {
    return guardStore(() => audit.selectAuditWindow(this.#db, window))
  }

  recordError(occurrence: ErrorOccurrence): Promise<SyncErrorRecord> {
    return guardStore(() => errors.recordError(this.#db, occurrence))
  }

  listErrors(query: ErrorQuery): Promise<ReadonlyArray<SyncErrorRecord>> {
    return guardStore(() => errors.selectErrors(this.#db, query))
  }

  countOpenErrors(connectionId: string): Promise<ReadonlyArray<ErrorCount>> {
    return guardStore(() => errors.countOpenErrors(this.#db, connectionId))
  }

  resolveErrors(selector: ErrorSelector, at: number): Promise<number> {
    return guardStore(() => errors.resolveErrors(this.#db, selector, at))
  }

  listErrorsDue(connectionId: string, now: number, limit: number): Promise<ReadonlyArray<SyncErrorRecord>> {
    return guardStore(() => errors.selectErrorsDue(this.#db, connectionId, now, limit))
  }

  addApiCalls(connectionId: string, side: Side, at: number, calls: number): Promise<void> {
    return guardStore(() => apiUsage.addApiCalls(this.#db, connectionId, side, at, calls))
  }

  sumApiCalls(window: ApiUsageWindow): Promise<number> {
    return guardStore(() => apiUsage.sumApiCalls(this.#db, window))
  }

  listApiUsage(window: ApiUsageWindow): Promise<ReadonlyArray<ApiUsage>> {
    return guardStore(() => apiUsage.selectApiUsage(this.#db, window))
  }

  saveApiLimitReading(reading: ApiLimitReading): Promise<void> {
    return guardStore(() => apiLimitReadings.upsertLimitReading(this.#db, reading))
  }

  listApiLimitReadings(connectionId: string): Promise<ReadonlyArray<ApiLimitReading>> {
    return guardStore(() => apiLimitReadings.selectLimitReadings(this.#db, connectionId))
  }

  saveSettingsSnapshot(snapshot: SettingsSnapshot): Promise<void> {
    return guardStore(() => settings.insertSnapshot(this.#db, snapshot))
  }

  getSettingsSnapshot(connectionId: string, at?: number): Promise<SettingsSnapshot | undefined> {
    return guardStore(() => settings.selectSnapshot(this.#db, connectionId, at))
  }

  getTimelineItems(
    connectionId: string,
    activityKeys: ReadonlyArray<string>,
  ): Promise<ReadonlyArray<TimelineItem>> {
    return guardStore(() => activityItems.selectByActivity(this.#db, connectionId, activityKeys))
  }

  listPendingTimelineItems(connectionId: string, limit: number): Promise<ReadonlyArray<TimelineItem>> {
    return guardStore(() => activityItems.selectPending(this.#db, connectionId, limit))
  }

  putTimelineItems(items: ReadonlyArray<TimelineItem>): Promise<void> {
    return this.#atomic((db) => activityItems.upsertItems(db, items))
  }

  countTimelineItems(connectionId: string): Promise<Readonly<Record<TimelineItemState, number>>> {
    return guardStore(() => activityItems.countByState(this.#db, connectionId))
  }

  getConnectionState(connectionId: string): Promise<ConnectionState> {
    return guardStore(() => connectionStates.selectState(this.#db, connectionId))
  }

  setConnectionState(state: ConnectionState): Promise<void> {
    return guardStore(() => connectionStates.upsertState(this.#db, state))
  }

  forgetConnection(connectionId: string, at: number): Promise<void> {
    return this.#atomic((db) => connectionStates.forgetConnection(db, connectionId, at))
  }

  async transaction<T>(fn: (store: StateStore) => Promise<T>): Promise<T> {
    if (this.#depth > 0) return this.#savepoint(fn)
    // Errors thrown by fn pass through unchanged; only begin/commit/rollback failures are translated.
    let thrown: { readonly err: unknown } | undefined
    try {
      return await this.#db.transaction().execute(async (trx) => {
        try {
          return await fn(new BoundStateStore(trx, 1))
        } catch (err) {
          thrown = { err }
          throw err
        }
      })
    } catch (err) {
      if (thrown !== undefined && thrown.err === err) throw err
      throw toStoreError(err)
    }
  }

  async #savepoint<T>(fn: (store: StateStore) => Promise<T>): Promise<T> {
    const name = sql.raw(`crmsync_sp_${String(this.#depth)}`)
    await guardStore(() => sql`savepoint ${name}`.execute(this.#db))
    let result: T
    try {
      result = await fn(new BoundStateStore(this.#db, this.#depth + 1))
    } catch (err) {
      await guardStore(() => sql`rollback to savepoint ${name}`.execute(this.#db))
      await guardStore(() => sql`release savepoint ${name}`.execute(this.#db))
      throw err
    }
    await guardStore(() => sql`release savepoint ${name}`.execute(this.#db))
    return result
  }

  /** Runs a multi-statement operation atomically: in the current transaction, or in its own. */
  #atomic<T>(operation: (db: StoreDb) => Promise<T>): Promise<T> {
    if (this.#depth > 0) return guardStore(() => operation(this.#db))
    return guardStore(() => this.#db.transaction().execute(operation))
  }
}
