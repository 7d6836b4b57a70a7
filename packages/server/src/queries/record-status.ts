import type { Link, ObjectKind, Side, StateReader } from '@crmsync/core'
import { recordSyncStatusOf } from '@crmsync/store'

import type { RecordCard } from '../api-types.js'
import { healthReportOf } from './health.js'

/**
 * A record's sync status (B-ERR-8): synced, not-syncing and why, or error with each open error of the
 * record's kind on either of its ids (with what to do and the next retry). From the store only.
 */
export async function recordStatusOf(
  store: Pick<StateReader, 'listErrors' | 'getLink' | 'getLinks'>,
  connectionId: string,
  record: { readonly objectKind: ObjectKind; readonly side: Side; readonly recordId: string },
  link?: Link,
): Promise<RecordCard['status']> {
  const status = await recordSyncStatusOf(store, connectionId, record)
  if (status.state === 'synced') return { state: 'synced', detail: 'synced', errors: [] }
  if (status.state === 'not-syncing') return { state: 'not-syncing', detail: status.reason, errors: [] }
  const ids = new Set(link === undefined ? [record.recordId] : [link.hubspotId, link.salesforceId])
  const { report } = await healthReportOf(store, connectionId, {
    objectKind: record.objectKind,
    recordId: link?.hubspotId ?? record.recordId,
  })
  const errors = report.rows.filter((r) => ids.has(r.recordId))
  return { state: 'error', detail: `${errors.length} open error(s)`, errors }
}
