import type { SyncSummary } from '@crmsync/engine'

import type { LiveEvent } from '../api-types.js'
import type { ConsoleConnection } from '../server-deps.js'

/** At most this many change events per cycle: a first import writes thousands, the feed shows a sample. */
export const CHANGES_PER_CYCLE = 200

/**
 * The field changes a cycle committed, as live `change` events: its audit entries that crossed to a side
 * (direction `none` is a decision that wrote nothing).
 */
export async function cycleChanges(
  connection: ConsoleConnection,
  summary: SyncSummary,
): Promise<Extract<LiveEvent, { type: 'change' }>[]> {
  const entries = await connection.store.listAuditWindow({
    connectionId: connection.id,
    from: summary.startedAt,
    to: summary.finishedAt,
    limit: CHANGES_PER_CYCLE,
  })
  return entries
    .filter((e) => e.direction !== 'none')
    .map((e) => ({
      type: 'change',
      connectionId: connection.id,
      objectKind: e.objectKind,
      hubspotId: e.hubspotId,
      salesforceId: e.salesforceId,
      field: e.field,
      direction: e.direction,
      newValue: e.newValue,
      at: e.at,
    }))
}
