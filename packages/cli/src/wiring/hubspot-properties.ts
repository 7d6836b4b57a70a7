import type { Connection } from '@crmsync/core'
import type { HubSpotPropertyInfo, SyncedKind } from '@crmsync/server'
import { Client } from '@hubspot/api-client'

const OBJECT_TYPE: Readonly<Record<SyncedKind, string>> = {
  contact: 'contacts',
  company: 'companies',
  deal: 'deals',
}

/**
 * The console's read of the portal's properties with their types (ConsoleConnection.crm.hubspotProperties),
 * through the official client as doctor reads them: one call per look-up, so a property made a moment ago in
 * HubSpot is seen.
 */
export function hubspotPropertyReader(
  connection: Connection,
): (kind: SyncedKind) => Promise<readonly HubSpotPropertyInfo[]> {
  const client = new Client({
    accessToken: connection.hubspot.accessToken,
    basePath: connection.hubspot.basePath,
    // The client's retry settings are process-global (AGENTS.md): the engine's connector owns them.
    numberOfApiCallRetries: 0,
  })
  return async (kind) => {
    const { results } = await client.crm.properties.coreApi.getAll(OBJECT_TYPE[kind])
    return results.map((p) => ({
      name: p.name,
      type: p.type,
      fieldType: p.fieldType,
      referencedObjectType: p.referencedObjectType,
    }))
  }
}
