import type { ConnectionIdentity, ObjectPermissionSnapshot } from '@crmsync/core'
import type { Insertable, Selectable } from 'kysely'

import type { ConnectionIdentitiesTable } from '../schema.js'
import type { StoreDb } from './store-db.js'

export function identityToRow(identity: ConnectionIdentity): Insertable<ConnectionIdentitiesTable> {
  const sandbox = identity.salesforceIsSandbox
  const user = identity.salesforceUser
  return {
    connection_id: identity.connectionId,
    salesforce_org_id: identity.salesforceOrgId,
    hubspot_portal_id: identity.hubspotPortalId,
    salesforce_is_sandbox: sandbox === undefined ? null : sandbox ? 1 : 0,
    salesforce_user_id: user?.userId ?? null,
    salesforce_object_permissions: user === undefined ? null : JSON.stringify(user.objectPermissions),
  }
}

export function identityFromRow(row: Selectable<ConnectionIdentitiesTable>): ConnectionIdentity {
  const sandbox = row.salesforce_is_sandbox
  const permissions = row.salesforce_object_permissions
  return {
    connectionId: row.connection_id,
    salesforceOrgId: row.salesforce_org_id,
    hubspotPortalId: row.hubspot_portal_id,
    // Postgres may hand back the integer as a string; 0 and '0' are production.
    ...(sandbox === null ? {} : { salesforceIsSandbox: Number(sandbox) === 1 }),
    ...(row.salesforce_user_id === null || permissions === null
      ? {}
      : {
          salesforceUser: {
            userId: row.salesforce_user_id,
            objectPermissions: JSON.parse(permissions) as ObjectPermissionSnapshot,
          },
        }),
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
        // What the pre-flight recorded stays when a caller that does not know it (the engine's first run)
        // writes the identity.
        salesforce_is_sandbox: eb.fn.coalesce(
          'excluded.salesforce_is_sandbox',
          'connection_identities.salesforce_is_sandbox',
        ),
        salesforce_user_id: eb.fn.coalesce(
          'excluded.salesforce_user_id',
          'connection_identities.salesforce_user_id',
        ),
        salesforce_object_permissions: eb.fn.coalesce(
          'excluded.salesforce_object_permissions',
          'connection_identities.salesforce_object_permissions',
        ),
      })),
    )
    .execute()
}
