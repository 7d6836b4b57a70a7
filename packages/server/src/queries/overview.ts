import type { Connection, ObjectKind, Side, StateReader, StateStore } from '@crmsync/core'

import type { ApiHour, ObjectOverview, Overview, SyncedKind } from '../api-types.js'
import type { CycleLog } from '../routes/route-types.js'
import { syncedKindsOf } from './connection-list.js'
import { connectionStateView } from './connection-state.js'
import { walkLinks } from './link-walk.js'

const HOUR_MS = 60 * 60 * 1000
const DAY_MS = 24 * HOUR_MS

type OverviewStore = Pick<
  StateReader,
  | 'listLinks'
  | 'takeInbox'
  | 'countInbox'
  | 'listErrors'
  | 'sumApiCalls'
  | 'listApiUsage'
  | 'listApiLimitReadings'
> &
  Pick<StateStore, 'getConnectionState'>

/** The synced kind a record of this kind belongs to: pass 3 errors are their contact's or deal's. */
function syncedKindOf(kind: ObjectKind): SyncedKind | undefined {
  if (kind === 'contact' || kind === 'contact-company') return 'contact'
  if (kind === 'company') return 'company'
  if (kind === 'deal' || kind === 'deal-contact') return 'deal'
  return undefined
}

/** Open errors are few next to records; the counts take all of them. */
const ALL_OPEN_ERRORS = 1_000_000

/**
 * Linked, in sync, pending and failing records of one kind. A record is counted once however many of its
 * ids wait or fail: a linked record is keyed by its HubSpot id, an unlinked one by its side and id.
 */
async function objectOverview(
  store: OverviewStore,
  connectionId: string,
  kind: SyncedKind,
  waiting: readonly { objectKind: ObjectKind; side: Side; recordId: string }[],
  errors: readonly { objectKind: ObjectKind; side: Side; recordId: string }[],
): Promise<ObjectOverview> {
  const bySalesforceId = new Map<string, string>()
  const active: string[] = []
  for await (const link of walkLinks(store, connectionId, kind)) {
    bySalesforceId.set(link.salesforceId, link.hubspotId)
    if (link.state === 'active') active.push(link.hubspotId)
  }
  const keyOf = (r: { side: Side; recordId: string }) => {
    const hubspotId = r.side === 'hubspot' ? r.recordId : bySalesforceId.get(r.recordId)
    return hubspotId === undefined ? `salesforce:${r.recordId}` : `hubspot:${hubspotId}`
  }
  const keys = (rows: typeof waiting) =>
    new Set(rows.filter((r) => syncedKindOf(r.objectKind) === kind).map(keyOf))
  const pending = keys(waiting)
  const failing = keys(errors)
  const inSync = active.filter((id) => !pending.has(`hubspot:${id}`) && !failing.has(`hubspot:${id}`))
  return { kind, linked: active.length, inSync: inSync.length, pending: pending.size, failing: failing.size }
}

/** One side's calls per hour over the last 24 h, oldest first: 24 hours, the last one the hour now. */
async function hourly(
  store: Pick<StateReader, 'listApiUsage'>,
  connectionId: string,
  side: Side,
  now: number,
): Promise<ApiHour[]> {
  const first = Math.floor(now / HOUR_MS) * HOUR_MS - 23 * HOUR_MS
  const hours = Array.from({ length: 24 }, (_, i) => ({ hour: first + i * HOUR_MS, calls: 0 }))
  for (const minute of await store.listApiUsage({ connectionId, side, from: first, to: now + 60_000 })) {
    const bucket = hours[Math.floor((minute.minute - first) / HOUR_MS)]
    if (bucket !== undefined) bucket.calls += minute.calls
  }
  return hours
}

/**
 * `GET /api/connections/:id/overview`: the connection's state, per synced kind its linked, in-sync, pending
 * and failing records, the last cycle and the latency this process saw, and each side's API calls per hour
 * over 24 h against the allocation (Salesforce) and the daily quota HubSpot last reported. From the store.
 */
export async function overviewOf(input: {
  readonly connection: Connection
  readonly store: OverviewStore
  readonly cycles: CycleLog
  readonly now: number
}): Promise<Overview> {
  const { connection, store, cycles, now } = input
  const id = connection.id
  const depth = await store.countInbox(id)
  const waiting = depth === 0 ? [] : await store.takeInbox({ connectionId: id, limit: depth })
  const errors = await store.listErrors({ connectionId: id, limit: ALL_OPEN_ERRORS })
  const objects: ObjectOverview[] = []
  for (const kind of syncedKindsOf(connection))
    objects.push(await objectOverview(store, id, kind, waiting, errors))
  const window = (side: Side) => ({ connectionId: id, side, from: now - DAY_MS, to: now + 60_000 })
  const [sfUsed, hsUsed, sfHours, hsHours, readings] = await Promise.all([
    store.sumApiCalls(window('salesforce')),
    store.sumApiCalls(window('hubspot')),
    hourly(store, id, 'salesforce', now),
    hourly(store, id, 'hubspot', now),
    store.listApiLimitReadings(id),
  ])
  return {
    connectionId: id,
    state: await connectionStateView(connection, store),
    objects,
    lastCycle: cycles.lastCycle(id),
    latency: cycles.latency(id),
    apiUsage: {
      salesforce: {
        used24h: sfUsed,
        allocation: connection.salesforce.apiCallAllocation ?? null,
        hourly: sfHours,
      },
      hubspot: {
        used24h: hsUsed,
        dailyLimit: readings.find((r) => r.side === 'hubspot')?.daily?.limit ?? null,
        hourly: hsHours,
      },
    },
  }
}
