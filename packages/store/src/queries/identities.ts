import type { ConnectionIdentity } from '@crmsync/core'
import type { Insertable, Selectable } from 'kysely'

import type { ConnectionIdentitiesTable } from '../schema.js'
import type { StoreDb } from './store-db.js'

export function identityToRow(identity: ConnectionIdentity): Insertable<ConnectionIdentitiesTable> {
  return {
    connection_id: identity.connectionId,
    salesforce_org_id: identity.salesforceOrgId,
    hubspot_portal_id: identity.hubspotPortalId,
  }
}

export function identityFromRow(row: Selectable<ConnectionIdentitiesTable>): ConnectionIdentity {
  return {
    connectionId: row.connection_id,
    salesforceOrgId: row.salesforce_org_id,
    hubspotPortalId: row.hubspot_portal_id,
  }
}

export async function selectIdentity(
  db: StoreDb,
  connectionId: string,
): Promise<ConnectionIdentity | undefined> {
  const row = await db
    .selectFrom('connection_identities')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .executeTakeFirst()
  return row === undefined ? undefined : identityFromRow(row)
}

export async function upsertIdentity(db: StoreDb, identity: ConnectionIdentity): Promise<void> {
  await db
    .insertInto('connection_identities')
    .values(identityToRow(identity))
    .onConflict((oc) =>
      oc.column('connection_id').doUpdateSet((eb) => ({
        salesforce_org_id: eb.ref('excluded.salesforce_org_id'),
        hubspot_portal_id: eb.ref('excluded.hubspot_portal_id'),
      })),
    )
    .execute()
}
