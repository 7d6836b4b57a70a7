import {
  type Connection,
  connectionStatusOf,
  nextProbeAt,
  type StateStore,
  type SuspensionReason,
} from '@crmsync/core'

import type { ConnectionStateView } from '../api-types.js'

/** What each suspension means, in the words of HubSpot's own connector where it has them (B-API-4, B-ERR-9/10). */
export const SUSPENSION_TEXT: Record<SuspensionReason, string> = {
  api_limit: 'Salesforce organization API limit exceeded',
  api_disabled: 'Salesforce organization API access disabled',
  object_permissions: 'Salesforce object permissions missing',
  hubspot_daily_limit: 'HubSpot daily API limit reached',
  unknown: 'unknown error',
}

/**
 * The connection's state as `crmsync status --json` prints it (B-INST-7, B-API-4, B-INST-12): times in epoch
 * ms, the suspension with its next probe, or null. Read from the store only.
 */
export async function connectionStateReport(
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

/** The same state as the console shows it (ConnectionStateView): the state, and for a suspension why and when. */
export async function connectionStateView(
  connection: Connection,
  store: Pick<StateStore, 'getConnectionState'>,
): Promise<ConnectionStateView> {
  const report = await connectionStateReport(connection, store)
  const { suspension } = report
  if (suspension !== null)
    return {
      state: 'suspended',
      reason: suspension.state,
      message: `${suspension.text} (${suspension.code}: ${suspension.message})`,
      nextProbeAt: suspension.nextProbeAt,
    }
  if (report.status === 'paused')
    return {
      state: 'paused',
      reason: connection.settings.enabled ? 'crmsync pause' : 'settings.enabled is false',
    }
  return { state: report.status }
}
