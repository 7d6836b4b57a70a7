import type { Connection } from '@crmsync/core'

import type { ConnectionListItem, SyncedKind } from '../api-types.js'
import type { ConsoleConnection } from '../server-deps.js'
import { connectionStateView } from './connection-state.js'

/** The object kinds a connection syncs: contacts always, companies and deals while their switch is on. */
export function syncedKindsOf(connection: Connection): SyncedKind[] {
  return [
    'contact',
    ...(connection.settings.companies.sync ? (['company'] as const) : []),
    ...(connection.settings.deals.sync ? (['deal'] as const) : []),
  ]
}

/** One connection of `GET /api/connections`: its org and portal (once synced), its state and its kinds. */
export async function connectionListItem(served: ConsoleConnection): Promise<ConnectionListItem> {
  const connection = served.connection()
  const identity = await served.store.getIdentity(connection.id)
  return {
    id: connection.id,
    salesforceOrgId: identity?.salesforceOrgId ?? null,
    hubspotPortalId: identity?.hubspotPortalId ?? null,
    state: await connectionStateView(connection, served.store),
    kinds: syncedKindsOf(connection),
  }
}

/** `GET /api/connections`: every connection the process serves, in the order it serves them. */
export function listConnections(connections: readonly ConsoleConnection[]): Promise<ConnectionListItem[]> {
  return Promise.all(connections.map(connectionListItem))
}
