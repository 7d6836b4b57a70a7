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

/**
 * One atomic upsert, so two workers recording the same error cannot both insert or lose a bump: a new row
 * starts at attempt 1; an open one is bumped; a resolved one is reopened at attempt 1. The retry is scheduled
 * at `at + everyMs` while fewer than `maxRetries` retries (attempts - 1) have happened.
 */
export async function recordError(db: StoreDb, occurrence: ErrorOccurrence): Promise<SyncErrorRecord> {
  const { retry, at } = occurrence
  const firstRetry = retry !== undefined && retry.maxRetries > 0 ? at + retry.everyMs : null
  const row = await db
    .insertInto('sync_errors')
    .values(
      errorToRow({
        connectionId: occurrence.connectionId,
        objectKind: occurrence.objectKind,
        side: occurrence.side,
        recordId: occurrence.recordId,
        code: occurrence.code,
        message: occurrence.message,
        attempts: 1,
        nextRetryAt: firstRetry,
        firstSeenAt: at,
        lastSeenAt: at,
        resolvedAt: null,
      }),
    )
    .onConflict((oc) =>
      oc.columns(['connection_id', 'object_kind', 'side', 'record_id', 'code']).doUpdateSet(() => {
        const open = sql`sync_errors.resolved_at is null`
        const attempts = sql<number>`case when ${open} then sync_errors.attempts + 1 else 1 end`
        // Casts type the parameters for Postgres, which would otherwise read them as text.
        const next =
          retry === undefined
            ? sql<number | null>`null`
            : sql<number | null>`case when ${attempts} - 1 < ${retry.maxRetries}
                then cast(${at + retry.everyMs} as bigint) else null end`
        return {
          attempts,
          next_retry_at: next,
          first_seen_at: sql<number>`case when ${open} then sync_errors.first_seen_at else excluded.first_seen_at end`,
          last_seen_at: sql<number>`excluded.last_seen_at`,
          message: sql<string>`excluded.message`,
          resolved_at: null,
        }
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
  return errorFromRow(row)
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
