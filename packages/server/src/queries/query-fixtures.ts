import { type Connection, type FieldState, type Link, parseConfig } from '@crmsync/core'
import { createStateStore, type KyselyStateStore } from '@crmsync/store'

/** A valid connection for query tests, with these settings (companies, deals...). Tokens are stand-ins. */
export function testConnection(
  settings: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Connection {
  const result = parseConfig({
    salesforce: { instanceUrl: 'https://example.my.salesforce.com', accessToken: 'sf-token', ...extra },
    hubspot: { accessToken: 'hs-token' },
    settings,
  })
  if (!result.ok) throw new Error(`invalid test config: ${JSON.stringify(result.issues)}`)
  return result.config.connections[0]!
}

/** A real SQLite store in memory, migrated. */
export async function memoryStore(): Promise<KyselyStateStore> {
  const store = createStateStore('sqlite::memory:')
  await store.migrate()
  return store
}

export const AT = Date.parse('2026-01-02T03:04:05Z')

/** A field both sides agreed on (the ancestor), each side last seen holding `hubspot` / `salesforce`. */
export function field(ancestor: string | null, hubspot = ancestor, salesforce = ancestor): FieldState {
  return {
    ancestor,
    hubspotShadow: { value: hubspot, seenAt: AT },
    salesforceShadow: { value: salesforce, seenAt: AT },
  }
}

export function link(
  connectionId: string,
  hubspotId: string,
  salesforceId: string,
  overrides: Partial<Link> = {},
): Link {
  return {
    connectionId,
    objectKind: 'contact',
    hubspotId,
    salesforceType: 'Lead',
    salesforceId,
    state: 'active',
    fields: {},
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  }
}
