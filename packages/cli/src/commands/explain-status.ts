import type { ObjectKind, Side, StateStore } from '@crmsync/core'
import type { RecordCard } from '@crmsync/server'

const when = (at: number) => new Date(at).toISOString().replace('.000Z', 'Z')

/**
 * A record's sync status as its sync card shows it (B-ERR-8): synced, not syncing (and why), or in error
 * with each open error's code, type, message, what to do and the next retry. Messages quote CRM values: the
 * caller prints the lines escaped.
 */
export function statusLines(status: RecordCard['status']): string[] {
  if (status.state === 'synced') return ['  sync status: synced']
  if (status.state === 'not-syncing') return [`  sync status: not syncing (${status.detail})`]
  return [
    `  sync status: error (${status.errors.length} open)`,
    ...status.errors.map(
      (e) =>
        `    ${e.code} (${e.label}, ${e.attempts} attempt(s)` +
        `${e.nextRetryAt === null ? '' : `, next retry ${when(e.nextRetryAt)}`}): ${e.message} -- what to do: ${e.action}`,
    ),
  ]
}

/** The status lines of one record, read with the console's read model (recordStatusOf). */
export async function syncStatusLines(
  store: Pick<StateStore, 'listErrors' | 'getLink' | 'getLinks'>,
  connectionId: string,
  record: { readonly objectKind: ObjectKind; readonly side: Side; readonly recordId: string },
): Promise<string[]> {
  // Loaded here, not at the top: it loads the store's drivers (program.ts).
  const { recordStatusOf } = await import('@crmsync/server/queries')
  return statusLines(await recordStatusOf(store, connectionId, record))
}
