import { type Connection, parseConfig } from '@crmsync/core'
import type { EngineLogger, SyncSummary } from '@crmsync/engine'
import { createStateStore, type KyselyStateStore } from '@crmsync/store'

import { type ConsoleServer, createConsoleServer } from '../create-server.js'
import type { ConsoleServerDeps } from '../server-deps.js'

export const TEST_PASSWORD = 'correct horse battery staple'
export const CONNECTION_ID = 'default'

export const SILENT_LOGGER: EngineLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
}

/** A valid single-pair connection; its tokens must never reach a response. */
export function testConnection(): Connection {
  const result = parseConfig({
    salesforce: { instanceUrl: 'https://example.my.salesforce.com', accessToken: 'sf-secret-token' },
    hubspot: { accessToken: 'hs-secret-token' },
  })
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.config.connections[0]!
}

/** A console server over a real in-memory SQLite store, store only (no engine, no CRMs). */
export async function startTestServer(
  overrides: Partial<ConsoleServerDeps> = {},
): Promise<{ server: ConsoleServer; store: KyselyStateStore; close(): Promise<void> }> {
  const store = createStateStore('sqlite::memory:')
  await store.migrate()
  const connection = testConnection()
  const server = await createConsoleServer({
    connections: () => [{ id: CONNECTION_ID, connection: () => connection, store }],
    password: TEST_PASSWORD,
    logger: SILENT_LOGGER,
    now: () => Date.now(),
    ready: () => true,
    ...overrides,
  })
  return {
    server,
    store,
    async close() {
      await server.close()
      await store.close()
    },
  }
}

/** A cycle that wrote records both ways, with API calls and latencies. */
export function workSummary(overrides: Partial<SyncSummary> = {}): SyncSummary {
  const counts = (n: number) => ({ created: n, updated: 1, linked: 0, deleted: 0, skipped: 5, errored: 0 })
  return {
    connectionId: CONNECTION_ID,
    dryRun: false,
    startedAt: 1_000_000,
    finishedAt: 1_002_500,
    cycles: 1,
    objects: { contact: { salesforce: counts(2), hubspot: counts(0) } },
    apiCalls: { salesforce: 7, hubspot: 4 },
    conflicts: 0,
    errors: [],
    changeToSyncMs: [1200, 3400],
    ...overrides,
  }
}
