import { type ObjectKind, type Side, type StateReader, SYNC_HEALTH_TYPES } from '@crmsync/core'
import { recordSyncStatusOf } from '@crmsync/store'

const when = (at: number) => new Date(at).toISOString().replace('.000Z', 'Z')

/**
 * A record's sync status as its sync card shows it (B-ERR-8): synced, not syncing (and why), or in error
 * with each open error's code, type, message, what to do and the next retry. Messages quote CRM values: the
 * caller prints the lines escaped.
 */
export async function syncStatusLines(
  store: Pick<StateReader, 'listErrors' | 'getLink'>,
  connectionId: string,
  record: { readonly objectKind: ObjectKind; readonly side: Side; readonly recordId: string },
): Promise<string[]> {
  const status = await recordSyncStatusOf(store, connectionId, record)
  if (status.state === 'synced') return ['  sync status: synced']
  if (status.state === 'not-syncing') return [`  sync status: not syncing (${status.reason})`]
  return [
    `  sync status: error (${status.errors.length} open)`,
    ...status.errors.map(
      (e) =>
        `    ${e.code} (${SYNC_HEALTH_TYPES[e.type].label}, ${e.attempts} attempt(s)` +
        `${e.nextRetryAt === null ? '' : `, next retry ${when(e.nextRetryAt)}`}): ${e.message} -- what to do: ${e.action}`,
    ),
  ]
}
