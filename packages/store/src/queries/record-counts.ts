import {
  type InboxCount,
  LINK_STATES,
  type LinkCount,
  OBJECT_KINDS,
  type RecordStatusCount,
  type RecordStatusQuery,
} from '@crmsync/core'
import { sql } from 'kysely'

import { parseMember } from './row-helpers.js'
import type { StoreDb } from './store-db.js'

// The counts `crmsync status` and the console's Overview (refreshed every few seconds) show, done by the
// database: reading every link to count them would read a 100,000-link store whole on each refresh.

export async function countLinks(db: StoreDb, connectionId: string): Promise<ReadonlyArray<LinkCount>> {
  const rows = await db
    .selectFrom('links')
    .select((eb) => ['object_kind', 'state', eb.fn.countAll().as('links')])
    .where('connection_id', '=', connectionId)
    .groupBy(['object_kind', 'state'])
    .orderBy('object_kind')
    .orderBy('state')
    .execute()
  return rows.map((row) => ({
    objectKind: parseMember(OBJECT_KINDS, row.object_kind, 'links.object_kind'),
    state: parseMember(LINK_STATES, row.state, 'links.state'),
    links: Number(row.links),
  }))
}

export async function countInboxByKind(
  db: StoreDb,
  connectionId: string,
): Promise<ReadonlyArray<InboxCount>> {
  const rows = await db
    .selectFrom('inbox')
    .select((eb) => ['object_kind', eb.fn.countAll().as('rows')])
    .where('connection_id', '=', connectionId)
    .groupBy('object_kind')
    .orderBy('object_kind')
    .execute()
  return rows.map((row) => ({
    objectKind: parseMember(OBJECT_KINDS, row.object_kind, 'inbox.object_kind'),
    rows: Number(row.rows),
  }))
}

/** The inbox and the open errors: both name a record by kind, side and id. */
type RecordTable = 'inbox' | 'sync_errors'

/** The rows of `table` that count: of the record kinds, and for errors the open ones. */
function rowsOf(table: RecordTable, query: RecordStatusQuery) {
  const open = table === 'sync_errors' ? sql`AND r.resolved_at IS NULL` : sql``
  return sql`r.connection_id = ${query.connectionId} AND r.object_kind IN (${sql.join(query.recordKinds)}) ${open}`
}

/**
 * Distinct records among the rows of `table`: a Salesforce id a link of the kind holds counts as that link's
 * HubSpot id, so a record waiting on both sides (or as a contact and its company association) counts once.
 * COUNT(DISTINCT a, b) is not portable; a joined key is, and `||` concatenates on both databases.
 */
async function distinctRecords(db: StoreDb, table: RecordTable, query: RecordStatusQuery): Promise<number> {
  const result = await sql<{ records: number | string }>`
    SELECT COUNT(DISTINCT CASE WHEN r.side = 'salesforce' AND l.hubspot_id IS NOT NULL
      THEN 'hubspot:' || l.hubspot_id ELSE r.side || ':' || r.record_id END) AS records
    FROM ${sql.table(table)} r
    LEFT JOIN links l ON l.connection_id = r.connection_id AND l.object_kind = ${query.linkKind}
      AND r.side = 'salesforce' AND l.salesforce_id = r.record_id
    WHERE ${rowsOf(table, query)}`.execute(db)
  return Number(result.rows[0]?.records ?? 0)
}

export async function countRecordStatus(db: StoreDb, query: RecordStatusQuery): Promise<RecordStatusCount> {
  const activeLinks = await sql<{ n: number | string }>`
    SELECT COUNT(*) AS n FROM links l
    WHERE l.connection_id = ${query.connectionId} AND l.object_kind = ${query.linkKind} AND l.state = 'active'`.execute(
    db,
  )
  const active = Number(activeLinks.rows[0]?.n ?? 0)
  if (query.recordKinds.length === 0) return { pending: 0, failing: 0, inSync: active }
  // The active links some waiting or failing row names, found from those rows (few) through the links'
  // indexes, by HubSpot id or by the Salesforce id the link holds; UNION counts each link once.
  const named = (side: 'hubspot' | 'salesforce') => sql`
    SELECT l.hubspot_id FROM x
    JOIN links l ON l.connection_id = ${query.connectionId} AND l.object_kind = ${query.linkKind}
      AND ${sql.ref(side === 'hubspot' ? 'l.hubspot_id' : 'l.salesforce_id')} = x.record_id
    WHERE x.side = ${side} AND l.state = 'active'`
  const notInSync = await sql<{ n: number | string }>`
    WITH x AS (
      SELECT r.side, r.record_id FROM inbox r WHERE ${rowsOf('inbox', query)}
      UNION ALL
      SELECT r.side, r.record_id FROM sync_errors r WHERE ${rowsOf('sync_errors', query)}
    )
    SELECT COUNT(*) AS n FROM (${named('hubspot')} UNION ${named('salesforce')}) named_links`.execute(db)
  return {
    pending: await distinctRecords(db, 'inbox', query),
    failing: await distinctRecords(db, 'sync_errors', query),
    inSync: active - Number(notInSync.rows[0]?.n ?? 0),
  }
}
