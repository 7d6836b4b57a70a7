import {
  activeConnectionState,
  type ConnectionState,
  SIDES,
  type Suspension,
  SUSPENSION_REASONS,
  type SyncErrorCode,
} from '@crmsync/core'
import type { Insertable, Selectable } from 'kysely'

import type { ConnectionStatesTable } from '../schema.js'
import { parseMember } from './row-helpers.js'
import type { StoreDb } from './store-db.js'

export function stateToRow(state: ConnectionState): Insertable<ConnectionStatesTable> {
  return {
    connection_id: state.connectionId,
    paused: state.paused ? 1 : 0,
    suspension_json: state.suspension === undefined ? null : JSON.stringify(state.suspension),
    disconnected_at: state.disconnectedAt ?? null,
  }
}

function suspensionFromJson(text: string): Suspension {
  const raw = JSON.parse(text) as Partial<Record<keyof Suspension, unknown>>
  const column = 'connection_states.suspension_json'
  return {
    side: parseMember(SIDES, String(raw.side), `${column}.side`),
    reason: parseMember(SUSPENSION_REASONS, String(raw.reason), `${column}.reason`),
    // Not narrowed, as in sync_errors: a code retired from ERROR_CODES must still be shown and cleared.
    code: String(raw.code) as SyncErrorCode,
    message: typeof raw.message === 'string' ? raw.message : '',
    since: Number(raw.since),
    lastProbeAt: typeof raw.lastProbeAt === 'number' ? raw.lastProbeAt : undefined,
  }
}

export function stateFromRow(row: Selectable<ConnectionStatesTable>): ConnectionState {
  return {
    connectionId: row.connection_id,
    paused: Number(row.paused) === 1,
    suspension: row.suspension_json === null ? undefined : suspensionFromJson(row.suspension_json),
    disconnectedAt: row.disconnected_at === null ? undefined : Number(row.disconnected_at),
  }
}

export async function selectState(db: StoreDb, connectionId: string): Promise<ConnectionState> {
  const row = await db
    .selectFrom('connection_states')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .executeTakeFirst()
  return row === undefined ? activeConnectionState(connectionId) : stateFromRow(row)
}

export async function upsertState(db: StoreDb, state: ConnectionState): Promise<void> {
  await db
    .insertInto('connection_states')
    .values(stateToRow(state))
    .onConflict((oc) =>
      oc.column('connection_id').doUpdateSet((eb) => ({
        paused: eb.ref('excluded.paused'),
        suspension_json: eb.ref('excluded.suspension_json'),
        disconnected_at: eb.ref('excluded.disconnected_at'),
      })),
    )
    .execute()
}

/**
 * Disconnect (B-INST-12): the connection's links, inbox, settings snapshots, timeline items and recorded org and portal
 * identity go, its open errors are
 * resolved (their records are no longer synced, and a scheduled retry would link them again, B-INST-14).
 * Capture cursors stay: a reconnect moves them to its own moment (engine connection-control.ts) instead of
 * capturing the whole history again, which would re-link every record by email. Run in one transaction.
 */
export async function forgetConnection(db: StoreDb, connectionId: string, at: number): Promise<void> {
  await db.deleteFrom('links').where('connection_id', '=', connectionId).execute()
  await db.deleteFrom('inbox').where('connection_id', '=', connectionId).execute()
  await db.deleteFrom('settings_snapshots').where('connection_id', '=', connectionId).execute()
  // Timeline items too: one parked for a contact that links after a reconnect would otherwise send an
  // activity from before the disconnect. Tasks already written keep their key in Salesforce.
  await db.deleteFrom('activity_items').where('connection_id', '=', connectionId).execute()
  // Disconnected, the connection may be connected to another org or portal (B-INST-3): the next run records it.
  await db.deleteFrom('connection_identities').where('connection_id', '=', connectionId).execute()
  await db
    .updateTable('sync_errors')
    .set({ resolved_at: at, next_retry_at: null })
    .where('connection_id', '=', connectionId)
    .where('resolved_at', 'is', null)
    .execute()
}
