import { type Connection, connectionStatusOf, nextProbeAt, type StateStore } from '@crmsync/core'

import { isoOrDash } from './status-store.js'

/** `--config FILE [--connection ID]` as the person would type it for this connection. */
const flagsFor = (connection: Connection, several: boolean) =>
  several ? `--config FILE --connection ${connection.id}` : '--config FILE'

/**
 * The connection's state for `crmsync status` (B-INST-7, B-API-4, B-INST-12): active, paused (by `crmsync
 * pause` or settings.enabled false), suspended with its reason, since when and the next probe, or
 * disconnected. Read from the store only. `several`: the command named the connection (--connection), so the
 * commands it suggests name it too.
 */
export async function connectionStateLines(
  connection: Connection,
  store: StateStore,
  several = false,
): Promise<string[]> {
  // The suspension texts are the console's too. Loaded here, not at the top: it loads the store (program.ts).
  const { SUSPENSION_TEXT } = await import('@crmsync/server/queries')
  const state = await store.getConnectionState(connection.id)
  const status = connectionStatusOf(state)
  const flags = flagsFor(connection, several)
  switch (status) {
    case 'disconnected':
      return [
        `  state: disconnected since ${isoOrDash(state.disconnectedAt)} (\`crmsync resume --reconnect ${flags}\` connects it again)`,
      ]
    case 'paused':
      return [`  state: paused by \`crmsync pause\` (\`crmsync resume ${flags}\` switches it on)`]
    case 'suspended': {
      const suspension = state.suspension!
      const every = connection.settings.capture.suspensionProbeSeconds
      return [
        `  state: suspended:${suspension.reason} since ${isoOrDash(suspension.since)} ` +
          `(${suspension.code}: ${suspension.message}); next probe at ` +
          `${isoOrDash(nextProbeAt(suspension, every * 1000))}, then every ${String(every)} s`,
        `    ${SUSPENSION_TEXT[suspension.reason]}: nothing is written on either side until a probe finds the ` +
          `cause gone and the sync resumes by itself; \`crmsync resume ${flags}\` clears it now ` +
          '(docs/errors.md "Suspensions")',
      ]
    }
    case 'active':
      return [
        connection.settings.enabled
          ? '  state: active'
          : '  state: paused (settings.enabled is false in the configuration file)',
      ]
  }
}
