import type { EngineLogger } from '@crmsync/engine'

import type { ConnectionRuntime } from './create-connection-runtime.js'

/**
 * The start of `crmsync run` and `sync --once` for one connection (B-INST-1, 2, 4, 8, 9): the engine's
 * pre-flight over the runtime's connectors and store. A fatal setup check throws a SyncError (exit 3) before
 * anything is scheduled; a changed integration user is logged as a warning with what it lost.
 */
export async function preflightRuntime(
  runtime: ConnectionRuntime,
  logger: EngineLogger,
  options: { readonly dryRun?: boolean } = {},
): Promise<void> {
  const { preflight } = await import('@crmsync/engine')
  const { assertHubSpotPreflight } = await import('../commands/doctor-hubspot-checks.js')
  // Not while paused, suspended or disconnected (the first cycle handles those), and a refusal that
  // suspends (API limit, API disabled) suspends the connection rather than failing the command.
  await runtime.engine.beforeFirstCycle(async () => {
    await preflight({
      connection: runtime.connection,
      salesforce: runtime.salesforce,
      hubspot: runtime.hubspot,
      store: runtime.store,
      logger,
      record: options.dryRun !== true,
    })
    // B-INST-2: the token's scopes for what this connection syncs and the connecting user's admin rights.
    await assertHubSpotPreflight(runtime.hubspot, runtime.connection)
  })
}
