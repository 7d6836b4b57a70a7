import {
  groupByHealthType,
  healthActionOf,
  healthTypeOf,
  type Link,
  type ObjectKind,
  type RecordSyncStatus,
  recordSyncStatus,
  type Side,
  type StateReader,
  SYNC_HEALTH_TYPES,
  type SyncHealthGroup,
  type SyncHealthType,
} from '@crmsync/core'

/**
 * The Sync Health read model (B-ERR-1, B-ERR-8): what `crmsync errors` and `explain` print, and what the
 * console's Sync health and Record pages will serve. Reads only, over the store's port, no CRM call: it
 * works while a side is down and needs no CRM token.
 */

/** Open errors are few next to records; the view takes all of them so counts are exact. */
const ALL_OPEN_ERRORS = 1_000_000

/** Which open errors to show. Each filter narrows; none shows all. */
export interface SyncHealthFilter {
  readonly type?: SyncHealthType | undefined
  /** The kind errors are recorded against (contact, company, deal, contact-company, ...). */
  readonly objectKind?: ObjectKind | undefined
  /** A record id on either side: its own errors and those of the record it is linked to. */
  readonly recordId?: string | undefined
}

/** One open error as the view lists it: the record, its counterpart when linked, and what to do. */
export interface SyncHealthRow {
  readonly id: number
  readonly type: SyncHealthType
  readonly label: string
  readonly code: string
  readonly objectKind: ObjectKind
  readonly side: Side
  readonly recordId: string
  /** The linked record on the other side, when the record has a link. */
  readonly linkedId: string | undefined
  readonly message: string
  readonly action: string
  readonly attempts: number
  readonly firstSeenAt: number
  readonly lastSeenAt: number
  readonly nextRetryAt: number | null
}

export interface SyncHealthReport {
  /** Per type with errors: its counts (errors, distinct records) and what to do. */
  readonly groups: readonly SyncHealthGroup[]
  readonly rows: readonly SyncHealthRow[]
}

/** The kind whose links name a record an error is recorded against (pass 3 errors name their contact or deal). */
function linkKindOf(kind: ObjectKind): ObjectKind {
  if (kind === 'contact-company') return 'contact'
  if (kind === 'deal-contact') return 'deal'
  return kind
}

const other = (side: Side): Side => (side === 'hubspot' ? 'salesforce' : 'hubspot')

/** The links of the records these errors name, keyed `kind:side:id`, a batch lookup per kind and side. */
async function linksOf(
  store: Pick<StateReader, 'getLinks'>,
  connectionId: string,
  records: readonly { objectKind: ObjectKind; side: Side; recordId: string }[],
): Promise<Map<string, Link>> {
  const wanted = new Map<string, Set<string>>()
  for (const r of records) {
    const key = `${linkKindOf(r.objectKind)}:${r.side}`
    wanted.set(key, (wanted.get(key) ?? new Set()).add(r.recordId))
  }
  const found = new Map<string, Link>()
  for (const [key, ids] of wanted) {
    const [objectKind, side] = key.split(':') as [ObjectKind, Side]
    const links = await store.getLinks({ connectionId, objectKind, side, ids: [...ids] })
    for (const link of links)
      found.set(`${objectKind}:${side}:${side === 'hubspot' ? link.hubspotId : link.salesforceId}`, link)
  }
  return found
}

/**
 * Open errors of a connection, filtered, newest first, each with its type, counterpart and what to do; and
 * the counts per type of the same selection (3 permission errors on 2 records: Permissions 3/2).
 */
export async function syncHealthReport(
  store: Pick<StateReader, 'listErrors' | 'getLinks'>,
  connectionId: string,
  filter: SyncHealthFilter = {},
): Promise<SyncHealthReport> {
  const errors = (await store.listErrors({ connectionId, limit: ALL_OPEN_ERRORS })).filter(
    (e) =>
      (filter.type === undefined || healthTypeOf(e.code) === filter.type) &&
      (filter.objectKind === undefined || e.objectKind === filter.objectKind),
  )
  const links = await linksOf(store, connectionId, errors)
  const rows = errors
    .map((e): SyncHealthRow => {
      const type = healthTypeOf(e.code)
      const link = links.get(`${linkKindOf(e.objectKind)}:${e.side}:${e.recordId}`)
      const linkedId =
        link === undefined ? undefined : other(e.side) === 'hubspot' ? link.hubspotId : link.salesforceId
      return {
        id: e.id,
        type,
        label: SYNC_HEALTH_TYPES[type].label,
        code: e.code,
        objectKind: e.objectKind,
        side: e.side,
        recordId: e.recordId,
        linkedId,
        message: e.message,
        action: healthActionOf(e.code),
        attempts: e.attempts,
        firstSeenAt: e.firstSeenAt,
        lastSeenAt: e.lastSeenAt,
        nextRetryAt: e.nextRetryAt,
      }
    })
    .filter(
      (row) =>
        filter.recordId === undefined || row.recordId === filter.recordId || row.linkedId === filter.recordId,
    )
  return { groups: groupByHealthType(rows), rows }
}

/** One record's status for its sync card (B-ERR-8): its link and the open errors of both its ids. */
export async function recordSyncStatusOf(
  store: Pick<StateReader, 'listErrors' | 'getLink'>,
  connectionId: string,
  record: { readonly objectKind: ObjectKind; readonly side: Side; readonly recordId: string },
): Promise<RecordSyncStatus> {
  const link = await store.getLink(connectionId, record.objectKind, record.side, record.recordId)
  const ids: [Side, string][] =
    link === undefined
      ? [[record.side, record.recordId]]
      : [
          ['hubspot', link.hubspotId],
          ['salesforce', link.salesforceId],
        ]
  const errors = []
  for (const [side, recordId] of ids)
    errors.push(
      ...(await store.listErrors({
        connectionId,
        record: { objectKind: record.objectKind, side, recordId },
      })),
    )
  return recordSyncStatus(link, errors)
}
