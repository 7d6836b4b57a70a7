import {
  type FieldState,
  type Link,
  LINK_STATES,
  type LinkLookup,
  type LinkPage,
  type LinkRekey,
  type LinkRekeyResult,
  type LinkState,
  OBJECT_KINDS,
  type ObjectKind,
  type Side,
} from '@crmsync/core'
import type { Insertable, Selectable } from 'kysely'

import type { LinksTable } from '../schema.js'
import { affected, chunk, parseMember } from './row-helpers.js'
import type { StoreDb } from './store-db.js'

type LinkRow = Selectable<LinksTable>

export function linkToRow(link: Link): Insertable<LinksTable> {
  return {
    connection_id: link.connectionId,
    object_kind: link.objectKind,
    hubspot_id: link.hubspotId,
    salesforce_type: link.salesforceType,
    salesforce_id: link.salesforceId,
    state: link.state,
    fields_json: JSON.stringify(link.fields),
    created_at: link.createdAt,
    updated_at: link.updatedAt,
  }
}

export function linkFromRow(row: LinkRow): Link {
  return {
    connectionId: row.connection_id,
    objectKind: parseMember(OBJECT_KINDS, row.object_kind, 'links.object_kind'),
    hubspotId: row.hubspot_id,
    salesforceType: row.salesforce_type,
    salesforceId: row.salesforce_id,
    state: parseMember(LINK_STATES, row.state, 'links.state'),
    fields: JSON.parse(row.fields_json) as Record<string, FieldState>,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  }
}

function idColumn(side: Side): 'hubspot_id' | 'salesforce_id' {
  return side === 'hubspot' ? 'hubspot_id' : 'salesforce_id'
}

export async function selectLinks(db: StoreDb, lookup: LinkLookup): Promise<ReadonlyArray<Link>> {
  const links: Link[] = []
  for (const ids of chunk([...new Set(lookup.ids)], 500)) {
    const rows = await db
      .selectFrom('links')
      .selectAll()
      .where('connection_id', '=', lookup.connectionId)
      .where('object_kind', '=', lookup.objectKind)
      .where(idColumn(lookup.side), 'in', ids)
      .execute()
    links.push(...rows.map(linkFromRow))
  }
  return links
}

export async function listLinks(db: StoreDb, page: LinkPage): Promise<ReadonlyArray<Link>> {
  let query = db
    .selectFrom('links')
    .selectAll()
    .where('connection_id', '=', page.connectionId)
    .where('object_kind', '=', page.objectKind)
  if (page.afterHubspotId !== undefined) query = query.where('hubspot_id', '>', page.afterHubspotId)
  const rows = await query.orderBy('hubspot_id').limit(page.limit).execute()
  return rows.map(linkFromRow)
}

export async function upsertLinks(db: StoreDb, links: ReadonlyArray<Link>): Promise<void> {
  for (const batch of chunk(links, 100)) {
    await db
      .insertInto('links')
      .values(batch.map(linkToRow))
      .onConflict((oc) =>
        oc.columns(['connection_id', 'object_kind', 'hubspot_id']).doUpdateSet((eb) => ({
          salesforce_type: eb.ref('excluded.salesforce_type'),
          salesforce_id: eb.ref('excluded.salesforce_id'),
          state: eb.ref('excluded.state'),
          fields_json: eb.ref('excluded.fields_json'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute()
  }
}

export async function updateLinkState(
  db: StoreDb,
  key: { connectionId: string; objectKind: ObjectKind; side: Side; id: string },
  state: LinkState,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('links')
    .set({ state, updated_at: at })
    .where('connection_id', '=', key.connectionId)
    .where('object_kind', '=', key.objectKind)
    .where(idColumn(key.side), '=', key.id)
    .executeTakeFirst()
  return affected(result) > 0
}

/** Run inside a transaction: the check for a link already at `toId` and the move must see the same state. */
export async function rekeyLink(db: StoreDb, rekey: LinkRekey): Promise<LinkRekeyResult> {
  const column = idColumn(rekey.side)
  const holding = (id: string, anyKind: boolean) => {
    const query = db.selectFrom('links').select('hubspot_id').where('connection_id', '=', rekey.connectionId)
    return (anyKind ? query : query.where('object_kind', '=', rekey.objectKind))
      .where(column, '=', id)
      .executeTakeFirst()
  }
  if ((await holding(rekey.fromId, false)) === undefined) return 'not-found'
  // The same uniqueness the indexes enforce: HubSpot ids per kind, Salesforce ids across the org.
  const taken =
    rekey.fromId !== rekey.toId && (await holding(rekey.toId, rekey.side === 'salesforce')) !== undefined
  if (taken) return 'target-linked'
  const salesforceType = rekey.side === 'salesforce' ? rekey.salesforceType : undefined
  await db
    .updateTable('links')
    .set({
      [column]: rekey.toId,
      updated_at: rekey.at,
      ...(salesforceType === undefined ? {} : { salesforce_type: salesforceType }),
    })
    .where('connection_id', '=', rekey.connectionId)
    .where('object_kind', '=', rekey.objectKind)
    .where(column, '=', rekey.fromId)
    .execute()
  return 'rekeyed'
}
