import type { TimelineActivity, TimelineItem, TimelineItemState } from '@crmsync/core'
import type { Insertable, Selectable } from 'kysely'

import type { ActivityItemsTable } from '../schema.js'
import { chunk, parseMember } from './row-helpers.js'
import type { StoreDb } from './store-db.js'

const STATES: readonly TimelineItemState[] = ['pending', 'claimed', 'written']

function toRow(item: TimelineItem): Insertable<ActivityItemsTable> {
  return {
    connection_id: item.connectionId,
    sync_key: item.syncKey,
    activity_key: item.activityKey,
    contact_id: item.contactId,
    state: item.state,
    salesforce_task_id: item.salesforceTaskId,
    activity_json: JSON.stringify(item.activity),
    updated_at: item.updatedAt,
  }
}

function fromRow(row: Selectable<ActivityItemsTable>): TimelineItem {
  return {
    connectionId: row.connection_id,
    syncKey: row.sync_key,
    activityKey: row.activity_key,
    contactId: row.contact_id,
    state: parseMember(STATES, row.state, 'activity_items.state'),
    salesforceTaskId: row.salesforce_task_id,
    activity: JSON.parse(row.activity_json) as TimelineActivity,
    updatedAt: Number(row.updated_at),
  }
}

export async function selectByActivity(
  db: StoreDb,
  connectionId: string,
  activityKeys: ReadonlyArray<string>,
): Promise<TimelineItem[]> {
  const found: TimelineItem[] = []
  for (const part of chunk([...new Set(activityKeys)], 500)) {
    const rows = await db
      .selectFrom('activity_items')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('activity_key', 'in', part)
      .execute()
    found.push(...rows.map(fromRow))
  }
  return found
}

export async function selectPending(
  db: StoreDb,
  connectionId: string,
  limit: number,
): Promise<TimelineItem[]> {
  const rows = await db
    .selectFrom('activity_items')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('state', '=', 'pending')
    .orderBy('sync_key')
    .limit(limit)
    .execute()
  return rows.map(fromRow)
}

export async function upsertItems(db: StoreDb, items: ReadonlyArray<TimelineItem>): Promise<void> {
  for (const part of chunk(items, 200)) {
    await db
      .insertInto('activity_items')
      .values(part.map(toRow))
      .onConflict((oc) =>
        oc.columns(['connection_id', 'sync_key']).doUpdateSet((eb) => ({
          state: eb.ref('excluded.state'),
          salesforce_task_id: eb.ref('excluded.salesforce_task_id'),
          activity_json: eb.ref('excluded.activity_json'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute()
  }
}

export async function countByState(
  db: StoreDb,
  connectionId: string,
): Promise<Record<TimelineItemState, number>> {
  const rows = await db
    .selectFrom('activity_items')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('connection_id', '=', connectionId)
    .groupBy('state')
    .execute()
  const counts: Record<TimelineItemState, number> = { pending: 0, claimed: 0, written: 0 }
  for (const row of rows) counts[parseMember(STATES, row.state, 'activity_items.state')] = Number(row.n)
  return counts
}
