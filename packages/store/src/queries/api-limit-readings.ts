import { type ApiLimitReading, SIDES } from '@crmsync/core'
import type { Insertable, Selectable } from 'kysely'

import type { ApiLimitReadingsTable } from '../schema.js'
import { parseMember } from './row-helpers.js'
import type { StoreDb } from './store-db.js'

export function limitReadingToRow(reading: ApiLimitReading): Insertable<ApiLimitReadingsTable> {
  return {
    connection_id: reading.connectionId,
    side: reading.side,
    seen_at: reading.seenAt,
    daily_used: reading.daily?.used ?? null,
    daily_limit: reading.daily?.limit ?? null,
    burst_remaining: reading.burst?.remaining ?? null,
    burst_max: reading.burst?.max ?? null,
    burst_interval_ms: reading.burst?.intervalMs ?? null,
  }
}

const numberOrNull = (value: number | null): number | null => (value === null ? null : Number(value))

export function limitReadingFromRow(row: Selectable<ApiLimitReadingsTable>): ApiLimitReading {
  const dailyUsed = numberOrNull(row.daily_used)
  const dailyLimit = numberOrNull(row.daily_limit)
  const remaining = numberOrNull(row.burst_remaining)
  const max = numberOrNull(row.burst_max)
  const intervalMs = numberOrNull(row.burst_interval_ms)
  return {
    connectionId: row.connection_id,
    side: parseMember(SIDES, row.side, 'api_limit_readings.side'),
    seenAt: Number(row.seen_at),
    daily: dailyUsed === null || dailyLimit === null ? undefined : { used: dailyUsed, limit: dailyLimit },
    burst:
      remaining === null || max === null || intervalMs === null ? undefined : { remaining, max, intervalMs },
  }
}

export async function upsertLimitReading(db: StoreDb, reading: ApiLimitReading): Promise<void> {
  const row = limitReadingToRow(reading)
  await db
    .insertInto('api_limit_readings')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['connection_id', 'side']).doUpdateSet({
        seen_at: row.seen_at,
        daily_used: row.daily_used,
        daily_limit: row.daily_limit,
        burst_remaining: row.burst_remaining,
        burst_max: row.burst_max,
        burst_interval_ms: row.burst_interval_ms,
      }),
    )
    .execute()
}

export async function selectLimitReadings(
  db: StoreDb,
  connectionId: string,
): Promise<ReadonlyArray<ApiLimitReading>> {
  const rows = await db
    .selectFrom('api_limit_readings')
    .selectAll()
    .where('connection_id', '=', connectionId)
    // 'salesforce' after 'hubspot' in text order: Salesforce first.
    .orderBy('side', 'desc')
    .execute()
  return rows.map(limitReadingFromRow)
}
