import type { SettingsSnapshot } from '@crmsync/core'
import type { Insertable, Selectable } from 'kysely'

import type { SettingsSnapshotsTable } from '../schema.js'
import type { StoreDb } from './store-db.js'

export function snapshotToRow(snapshot: SettingsSnapshot): Insertable<SettingsSnapshotsTable> {
  return { connection_id: snapshot.connectionId, taken_at: snapshot.takenAt, json: snapshot.json }
}

export function snapshotFromRow(row: Selectable<SettingsSnapshotsTable>): SettingsSnapshot {
  return { connectionId: row.connection_id, takenAt: Number(row.taken_at), json: row.json }
}

export async function insertSnapshot(db: StoreDb, snapshot: SettingsSnapshot): Promise<void> {
  await db.insertInto('settings_snapshots').values(snapshotToRow(snapshot)).execute()
}

export async function selectSnapshot(
  db: StoreDb,
  connectionId: string,
  at: number | undefined,
): Promise<SettingsSnapshot | undefined> {
  let query = db.selectFrom('settings_snapshots').selectAll().where('connection_id', '=', connectionId)
  if (at !== undefined) query = query.where('taken_at', '<=', at)
  const row = await query.orderBy('taken_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row === undefined ? undefined : snapshotFromRow(row)
}
