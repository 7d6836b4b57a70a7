import { type InboxArrival, type InboxRow, type InboxTake, OBJECT_KINDS, SIDES } from '@crmsync/core'
import { type Insertable, type Selectable, sql } from 'kysely'

import type { InboxTable } from '../schema.js'
import { chunk, parseMember } from './row-helpers.js'
import type { StoreDb } from './store-db.js'

export function inboxToRow(row: InboxRow): Insertable<InboxTable> {
  return {
    connection_id: row.connectionId,
    object_kind: row.objectKind,
    side: row.side,
    record_id: row.recordId,
    seq: row.seq,
  }
}

export function inboxFromRow(row: Selectable<InboxTable>): InboxRow {
  return {
    connectionId: row.connection_id,
    objectKind: parseMember(OBJECT_KINDS, row.object_kind, 'inbox.object_kind'),
    side: parseMember(SIDES, row.side, 'inbox.side'),
    recordId: row.record_id,
    seq: Number(row.seq),
  }
}

function keyOf(a: InboxArrival): string {
  return JSON.stringify([a.connectionId, a.objectKind, a.side, a.recordId])
}

/**
 * Reserves `count` consecutive seqs and returns the first. A counter row rather than a database sequence: the
 * row stays locked until the enqueuing transaction commits, so seqs become visible in increasing order. With a
 * Postgres sequence an arrival could take seq 8, commit after another took 9, and then be deleted by a
 * `seq <= 9` that never saw it. Run inside a transaction.
 */
async function reserveSeqs(db: StoreDb, count: number): Promise<number> {
  const row = await db
    .updateTable('store_sequences')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('name', '=', 'inbox')
    .returning('value')
    .executeTakeFirstOrThrow()
  return Number(row.value) - count + 1
}

/** Run inside a transaction. Arrivals for one record in the same call coalesce before they reach the table. */
export async function enqueueArrivals(db: StoreDb, arrivals: ReadonlyArray<InboxArrival>): Promise<void> {
  const unique = new Map<string, InboxArrival>()
  for (const arrival of arrivals) {
    unique.delete(keyOf(arrival)) // re-insert so the latest arrival gets the highest seq
    unique.set(keyOf(arrival), arrival)
  }
  if (unique.size === 0) return
  let seq = await reserveSeqs(db, unique.size)
  const rows = [...unique.values()].map((arrival) => inboxToRow({ ...arrival, seq: seq++ }))
  for (const batch of chunk(rows, 200)) {
    await db
      .insertInto('inbox')
      .values(batch)
      .onConflict((oc) =>
        oc
          .columns(['connection_id', 'object_kind', 'side', 'record_id'])
          .doUpdateSet((eb) => ({ seq: eb.ref('excluded.seq') })),
      )
      .execute()
  }
}

export async function takeInbox(db: StoreDb, take: InboxTake): Promise<ReadonlyArray<InboxRow>> {
  let query = db.selectFrom('inbox').selectAll().where('connection_id', '=', take.connectionId)
  if (take.objectKinds !== undefined) {
    if (take.objectKinds.length === 0) return []
    query = query.where('object_kind', 'in', take.objectKinds)
  }
  const rows = await query.orderBy('seq').limit(take.limit).execute()
  return rows.map(inboxFromRow)
}

/**
 * Deletes each row only if its seq is still the seq read: the `WHERE key = k AND seq <= seqRead` of design.md
 * 3.4, written as equality because a row's seq only ever grows (every arrival takes a fresh, higher seq), so
 * the two select the same rows. Equality allows one row-value `IN (VALUES …)` per 200 rows, which SQLite and
 * Postgres both answer through the primary key; an OR of per-row `<=` terms was 8x slower on SQLite.
 */
export async function deleteInboxRows(db: StoreDb, rows: ReadonlyArray<InboxRow>): Promise<void> {
  for (const batch of chunk(rows, 200)) {
    // The cast types the VALUES column for Postgres, which would otherwise compare bigint with text.
    const values = sql.join(
      batch.map(
        (row) =>
          sql`(${row.connectionId}, ${row.objectKind}, ${row.side}, ${row.recordId}, cast(${row.seq} as bigint))`,
      ),
    )
    await sql`delete from inbox where (connection_id, object_kind, side, record_id, seq) in (values ${values})`.execute(
      db,
    )
  }
}

export async function countInbox(db: StoreDb, connectionId: string): Promise<number> {
  const row = await db
    .selectFrom('inbox')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('connection_id', '=', connectionId)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}
