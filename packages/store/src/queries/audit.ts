import {
  AUDIT_DIRECTIONS,
  type AuditEntry,
  type AuditQuery,
  type AuditWindow,
  OBJECT_KINDS,
} from '@crmsync/core'
import type { Insertable, Selectable } from 'kysely'

import type { AuditEntriesTable } from '../schema.js'
import { chunk, parseMember } from './row-helpers.js'
import type { StoreDb } from './store-db.js'

export function auditToRow(entry: AuditEntry): Insertable<AuditEntriesTable> {
  return {
    connection_id: entry.connectionId,
    object_kind: entry.objectKind,
    hubspot_id: entry.hubspotId,
    salesforce_id: entry.salesforceId,
    field: entry.field,
    old_value: entry.oldValue,
    new_value: entry.newValue,
    direction: entry.direction,
    rule: entry.rule,
    reason: entry.reason,
    at: entry.at,
  }
}

export function auditFromRow(row: Selectable<AuditEntriesTable>): AuditEntry {
  return {
    connectionId: row.connection_id,
    objectKind: parseMember(OBJECT_KINDS, row.object_kind, 'audit_entries.object_kind'),
    hubspotId: row.hubspot_id,
    salesforceId: row.salesforce_id,
    field: row.field,
    oldValue: row.old_value,
    newValue: row.new_value,
    direction: parseMember(AUDIT_DIRECTIONS, row.direction, 'audit_entries.direction'),
    rule: row.rule,
    reason: row.reason,
    at: Number(row.at),
  }
}

export async function insertAudit(db: StoreDb, entries: ReadonlyArray<AuditEntry>): Promise<void> {
  for (const batch of chunk(entries, 100)) {
    await db.insertInto('audit_entries').values(batch.map(auditToRow)).execute()
  }
}

/** Newest first; ties (one commit writes several fields at one instant) in reverse insertion order. */
export async function selectAudit(db: StoreDb, query: AuditQuery): Promise<ReadonlyArray<AuditEntry>> {
  const rows = await db
    .selectFrom('audit_entries')
    .selectAll()
    .where('connection_id', '=', query.connectionId)
    .where('object_kind', '=', query.objectKind)
    .where(query.side === 'hubspot' ? 'hubspot_id' : 'salesforce_id', '=', query.recordId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit ?? 100)
    .execute()
  return rows.map(auditFromRow)
}

/** Oldest first, in insertion order within one instant. */
export async function selectAuditWindow(
  db: StoreDb,
  window: AuditWindow,
): Promise<ReadonlyArray<AuditEntry>> {
  const rows = await db
    .selectFrom('audit_entries')
    .selectAll()
    .where('connection_id', '=', window.connectionId)
    .where('at', '>=', window.from)
    .where('at', '<=', window.to)
    .orderBy('at', 'asc')
    .orderBy('id', 'asc')
    .limit(window.limit ?? 500)
    .execute()
  return rows.map(auditFromRow)
}
