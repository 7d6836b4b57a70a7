import { type ApiUsage, type ApiUsageWindow, type Side, SIDES } from '@crmsync/core'
import type { Insertable, Selectable } from 'kysely'

import type { ApiUsageTable } from '../schema.js'
import { parseMember } from './row-helpers.js'
import type { StoreDb } from './store-db.js'

const MINUTE_MS = 60_000

/** The start of the minute containing `at`, in epoch ms. */
export function minuteOf(at: number): number {
  return Math.floor(at / MINUTE_MS) * MINUTE_MS
}

export function apiUsageToRow(usage: ApiUsage): Insertable<ApiUsageTable> {
  return { connection_id: usage.connectionId, side: usage.side, minute: usage.minute, calls: usage.calls }
}

export function apiUsageFromRow(row: Selectable<ApiUsageTable>): ApiUsage {
  return {
    connectionId: row.connection_id,
    side: parseMember(SIDES, row.side, 'api_usage.side'),
    minute: Number(row.minute),
    calls: Number(row.calls),
  }
}

export async function addApiCalls(
  db: StoreDb,
  connectionId: string,
  side: Side,
  at: number,
  calls: number,
): Promise<void> {
  await db
    .insertInto('api_usage')
    .values(apiUsageToRow({ connectionId, side, minute: minuteOf(at), calls }))
    .onConflict((oc) =>
      oc
        .columns(['connection_id', 'side', 'minute'])
        .doUpdateSet((eb) => ({ calls: eb('api_usage.calls', '+', eb.ref('excluded.calls')) })),
    )
    .execute()
}

function inWindow(db: StoreDb, window: ApiUsageWindow) {
  return db
    .selectFrom('api_usage')
    .where('connection_id', '=', window.connectionId)
    .where('side', '=', window.side)
    .where('minute', '>=', minuteOf(window.from))
    .where('minute', '<', window.to)
}

export async function sumApiCalls(db: StoreDb, window: ApiUsageWindow): Promise<number> {
  const row = await inWindow(db, window)
    .select((eb) => eb.fn.sum<number | string | null>('calls').as('total'))
    .executeTakeFirstOrThrow()
  // SUM over bigint is numeric on Postgres (a string); over no rows it is NULL.
  return row.total === null ? 0 : Number(row.total)
}

export async function selectApiUsage(db: StoreDb, window: ApiUsageWindow): Promise<ReadonlyArray<ApiUsage>> {
  const rows = await inWindow(db, window).selectAll().orderBy('minute').execute()
  return rows.map(apiUsageFromRow)
}
