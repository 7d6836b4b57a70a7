import { type Cursor, type Side, SIDES } from '@crmsync/core'
import type { Insertable, Selectable } from 'kysely'

import type { CursorsTable } from '../schema.js'
import { parseMember } from './row-helpers.js'
import type { StoreDb } from './store-db.js'

export function cursorToRow(cursor: Cursor): Insertable<CursorsTable> {
  return {
    connection_id: cursor.connectionId,
    side: cursor.side,
    stream: cursor.stream,
    value: cursor.value,
    updated_at: cursor.updatedAt,
  }
}

export function cursorFromRow(row: Selectable<CursorsTable>): Cursor {
  return {
    connectionId: row.connection_id,
    side: parseMember(SIDES, row.side, 'cursors.side'),
    stream: row.stream,
    value: row.value,
    updatedAt: Number(row.updated_at),
  }
}

export async function selectCursor(
  db: StoreDb,
  connectionId: string,
  side: Side,
  stream: string,
): Promise<Cursor | undefined> {
  const row = await db
    .selectFrom('cursors')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('side', '=', side)
    .where('stream', '=', stream)
    .executeTakeFirst()
  return row === undefined ? undefined : cursorFromRow(row)
}

export async function upsertCursor(db: StoreDb, cursor: Cursor): Promise<void> {
  await db
    .insertInto('cursors')
    .values(cursorToRow(cursor))
    .onConflict((oc) =>
      oc.columns(['connection_id', 'side', 'stream']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute()
}
