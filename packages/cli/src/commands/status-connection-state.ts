import type { Connection, StateStore } from '@crmsync/core'

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
  // The console's read of the state (one implementation), worded for the terminal. Loaded here, not at the
  // top: it loads the store (program.ts).
  const { connectionStateReport } = await import('@crmsync/server/queries')
  const report = await connectionStateReport(connection, store)
  const flags = flagsFor(connection, several)
  switch (report.status) {
    case 'disconnected':
      return [
        `  state: disconnected since ${isoOrDash(report.disconnectedAt)} (\`crmsync resume --reconnect ${flags}\` connects it again)`,
      ]
    case 'paused':
      // The file's switch first: while it is off, `crmsync resume` alone would not start the sync.
      return connection.settings.enabled
        ? [`  state: paused by \`crmsync pause\` (\`crmsync resume ${flags}\` switches it on)`]
        : ['  state: paused (settings.enabled is false in the configuration file)']
    case 'suspended': {
      const suspension = report.suspension!
      const every = connection.settings.capture.suspensionProbeSeconds
      return [
        `  state: ${suspension.state} since ${isoOrDash(suspension.since)} ` +
          `(${suspension.code}: ${suspension.message}); next probe at ` +
          `${isoOrDash(suspension.nextProbeAt)}, then every ${String(every)} s`,
        `    ${suspension.text}: nothing is written on either side until a probe finds the ` +
          `cause gone and the sync resumes by itself; \`crmsync resume ${flags}\` clears it now ` +
          '(docs/errors.md "Suspensions")',
      ]
    }
    case 'active':
      return ['  state: active']
  }
}
