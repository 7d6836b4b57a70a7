import { type Connection, connectionStatusOf, nextProbeAt, type StateStore } from '@crmsync/core'

import { isoOrDash } from './status-store.js'

/**
 * The connection's state for `crmsync status` (B-INST-7, B-API-4, B-INST-12): active, paused (by `crmsync
 * pause` or settings.enabled false), suspended with its reason, since when and the next probe, or
 * disconnected. Read from the store only.
 */
export async function connectionStateLine(connection: Connection, store: StateStore): Promise<string> {
  const state = await store.getConnectionState(connection.id)
  const status = connectionStatusOf(state)
  switch (status) {
    case 'disconnected':
      return `  state: disconnected since ${isoOrDash(state.disconnectedAt)} (\`crmsync resume --reconnect\` connects it again)`
    case 'paused':
      return '  state: paused by `crmsync pause` (`crmsync resume` switches it on)'
    case 'suspended': {
      const suspension = state.suspension!
      return (
        `  state: suspended:${suspension.reason} since ${isoOrDash(suspension.since)} ` +
        `(${suspension.code}: ${suspension.message}); next probe at ${isoOrDash(nextProbeAt(suspension, connection.settings.capture.suspensionProbeSeconds * 1000))}, ` +
        '`crmsync resume` clears it now (docs/errors.md "Suspensions")'
      )
    }
    case 'active':
      return connection.settings.enabled
        ? '  state: active'
        : '  state: paused (settings.enabled is false in the configuration file)'
  }
}
