import {
  type Connection,
  connectionStatusOf,
  nextProbeAt,
  type StateStore,
  type SuspensionReason,
} from '@crmsync/core'

import { isoOrDash } from './status-store.js'

/** What each suspension means, in the words of HubSpot's own connector where it has them (B-API-4, B-ERR-9/10). */
const SUSPENSION_TEXT: Record<SuspensionReason, string> = {
  api_limit: 'Salesforce organization API limit exceeded',
  api_disabled: 'Salesforce organization API access disabled',
  object_permissions: 'Salesforce object permissions missing',
  hubspot_daily_limit: 'HubSpot daily API limit reached',
  unknown: 'unknown error',
}

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

/** The same for `crmsync status --json`: times in epoch ms, the suspension with its next probe, or null. */
export async function connectionStateJson(
  connection: Connection,
  store: Pick<StateStore, 'getConnectionState'>,
) {
  const state = await store.getConnectionState(connection.id)
  const status = connectionStatusOf(state)
  const suspension = state.suspension
  return {
    // settings.enabled false pauses as `crmsync pause` does (B-INST-7).
    status: status === 'active' && !connection.settings.enabled ? 'paused' : status,
    suspension:
      suspension === undefined
        ? null
        : {
            state: `suspended:${suspension.reason}`,
            reason: suspension.reason,
            text: SUSPENSION_TEXT[suspension.reason],
            side: suspension.side,
            code: suspension.code,
            message: suspension.message,
            since: suspension.since,
            lastProbeAt: suspension.lastProbeAt ?? null,
            nextProbeAt: nextProbeAt(suspension, connection.settings.capture.suspensionProbeSeconds * 1000),
          },
    disconnectedAt: state.disconnectedAt ?? null,
  }
}
