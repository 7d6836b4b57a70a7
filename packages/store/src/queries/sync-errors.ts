import {
  type ErrorCount,
  type ErrorOccurrence,
  type ErrorQuery,
  type ErrorSelector,
  OBJECT_KINDS,
  SIDES,
  type SyncErrorCode,
  type SyncErrorRecord,
} from '@crmsync/core'
import { type Insertable, type Selectable, sql } from 'kysely'

import type { SyncErrorsTable } from '../schema.js'
import { affected, parseMember } from './row-helpers.js'
import type { StoreDb } from './store-db.js'

export function errorToRow(record: Omit<SyncErrorRecord, 'id'>): Insertable<SyncErrorsTable> {
  return {
    connection_id: record.connectionId,
    object_kind: record.objectKind,
    side: record.side,
    record_id: record.recordId,
    code: record.code,
    message: record.message,
    attempts: record.attempts,
    next_retry_at: record.nextRetryAt,
    first_seen_at: record.firstSeenAt,
    last_seen_at: record.lastSeenAt,
    resolved_at: record.resolvedAt,
  }
}

export function errorFromRow(row: Selectable<SyncErrorsTable>): SyncErrorRecord {
  return {
    id: Number(row.id),
    connectionId: row.connection_id,
    objectKind: parseMember(OBJECT_KINDS, row.object_kind, 'sync_errors.object_kind'),
    side: parseMember(SIDES, row.side, 'sync_errors.side'),
    recordId: row.record_id,
    // Codes are not narrowed: a code retired from ERROR_CODES must still be listable and resolvable.
    code: row.code as SyncErrorCode,
    message: row.message,
    attempts: Number(row.attempts),
    nextRetryAt: row.next_retry_at === null ? null : Number(row.next_retry_at),
    firstSeenAt: Number(row.first_seen_at),
    lastSeenAt: Number(row.last_seen_at),
    resolvedAt: row.resolved_at === null ? null : Number(row.resolved_at),
  }
}

/** attempts - 1 retries have happened; schedule another while that is below maxRetries. */
function nextRetryAt(occurrence: ErrorOccurrence, attempts: number): number | null {
  const retry = occurrence.retry
  if (retry === undefined || attempts - 1 >= retry.maxRetries) return null
  return occurrence.at + retry.everyMs
}

/** Run inside a transaction: reads the row for (record, code), then inserts, bumps or reopens it. */
export async function recordError(db: StoreDb, occurrence: ErrorOccurrence): Promise<SyncErrorRecord> {
  const existing = await db
    .selectFrom('sync_errors')
    .selectAll()
    .where('connection_id', '=', occurrence.connectionId)
    .where('object_kind', '=', occurrence.objectKind)
    .where('side', '=', occurrence.side)
    .where('record_id', '=', occurrence.recordId)
    .where('code', '=', occurrence.code)
    .executeTakeFirst()
  const reopen = existing === undefined || existing.resolved_at !== null
  const attempts = reopen ? 1 : Number(existing.attempts) + 1
  const record: Omit<SyncErrorRecord, 'id'> = {
    connectionId: occurrence.connectionId,
    objectKind: occurrence.objectKind,
    side: occurrence.side,
    recordId: occurrence.recordId,
    code: occurrence.code,
    message: occurrence.message,
    attempts,
    nextRetryAt: nextRetryAt(occurrence, attempts),
    firstSeenAt: reopen ? occurrence.at : Number(existing.first_seen_at),
    lastSeenAt: occurrence.at,
    resolvedAt: null,
  }
  if (existing === undefined) {
    const inserted = await db
      .insertInto('sync_errors')
      .values(errorToRow(record))
      .returning('id')
      .executeTakeFirstOrThrow()
    return { id: Number(inserted.id), ...record }
  }
  await db.updateTable('sync_errors').set(errorToRow(record)).where('id', '=', existing.id).execute()
  return { id: Number(existing.id), ...record }
}

export async function selectErrors(db: StoreDb, query: ErrorQuery): Promise<ReadonlyArray<SyncErrorRecord>> {
  let select = db.selectFrom('sync_errors').selectAll().where('connection_id', '=', query.connectionId)
  if (query.includeResolved !== true) select = select.where('resolved_at', 'is', null)
  if (query.codes !== undefined) {
    if (query.codes.length === 0) return []
    select = select.where('code', 'in', query.codes)
  }
  const record = query.record
  if (record !== undefined) {
    select = select
      .where('object_kind', '=', record.objectKind)
      .where('side', '=', record.side)
      .where('record_id', '=', record.recordId)
  }
  const rows = await select
    .orderBy('last_seen_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit ?? 1000)
    .execute()
  return rows.map(errorFromRow)
}

export async function countOpenErrors(db: StoreDb, connectionId: string): Promise<ReadonlyArray<ErrorCount>> {
  // COUNT(DISTINCT a, b, c) is not portable; a joined key is, and `||` means concatenation on both.
  const recordKey = sql<string>`object_kind || ':' || side || ':' || record_id`
  const rows = await db
    .selectFrom('sync_errors')
    .select((eb) => ['code', eb.fn.countAll().as('errors'), eb.fn.count(recordKey).distinct().as('records')])
    .where('connection_id', '=', connectionId)
    .where('resolved_at', 'is', null)
    .groupBy('code')
    .orderBy('code')
    .execute()
  return rows.map((row) => ({
    code: row.code as SyncErrorCode,
    errors: Number(row.errors),
    records: Number(row.records),
  }))
}

export async function resolveErrors(db: StoreDb, selector: ErrorSelector, at: number): Promise<number> {
  let update = db
    .updateTable('sync_errors')
    .set({ resolved_at: at, next_retry_at: null })
    .where('resolved_at', 'is', null)
  if ('ids' in selector) {
    if (selector.ids.length === 0) return 0
    update = update.where('id', 'in', selector.ids)
  } else {
    const r = selector.record
    update = update
      .where('connection_id', '=', r.connectionId)
      .where('object_kind', '=', r.objectKind)
      .where('side', '=', r.side)
      .where('record_id', '=', r.recordId)
  }
  return affected(await update.executeTakeFirst())
}

export async function selectErrorsDue(
  db: StoreDb,
  connectionId: string,
  now: number,
  limit: number,
): Promise<ReadonlyArray<SyncErrorRecord>> {
  const rows = await db
    .selectFrom('sync_errors')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('resolved_at', 'is', null)
    .where('next_retry_at', 'is not', null)
    .where('next_retry_at', '<=', now)
    .orderBy('next_retry_at')
    .orderBy('id')
    .limit(limit)
    .execute()
  return rows.map(errorFromRow)
}
