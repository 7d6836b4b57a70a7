import type { Connection, LinkCount, ObjectKind, Side, StateReader, StateStore } from '@crmsync/core'

import type { ApiHour, ObjectOverview, Overview, SyncedKind } from '../api-types.js'
import type { CycleLog } from '../routes/route-types.js'
import { syncedKindsOf } from './connection-list.js'
import { connectionStateView } from './connection-state.js'

const HOUR_MS = 60 * 60 * 1000
const DAY_MS = 24 * HOUR_MS

type OverviewStore = Pick<
  StateReader,
  'countLinks' | 'countRecordStatus' | 'sumApiCalls' | 'listApiUsage' | 'listApiLimitReadings'
> &
  Pick<StateStore, 'getConnectionState'>

/** The kinds whose inbox rows and errors are a synced kind's records: pass 3 rows are their contact's or deal's. */
const RECORD_KINDS: Readonly<Record<SyncedKind, readonly ObjectKind[]>> = {
  contact: ['contact', 'contact-company'],
  company: ['company'],
  deal: ['deal', 'deal-contact'],
}

/**
 * Linked, in sync, pending and failing records of one kind, counted by the store (the page refreshes every few
 * seconds: no read of every link). A record is counted once however many of its ids wait or fail.
 */
async function objectOverview(
  store: OverviewStore,
  connectionId: string,
  kind: SyncedKind,
  links: readonly LinkCount[],
): Promise<ObjectOverview> {
  const linked = links.find((c) => c.objectKind === kind && c.state === 'active')?.links ?? 0
  const counts = await store.countRecordStatus({
    connectionId,
    linkKind: kind,
    recordKinds: RECORD_KINDS[kind],
  })
  return { kind, linked, inSync: counts.inSync, pending: counts.pending, failing: counts.failing }
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
  const links = await store.countLinks(id)
  const objects: ObjectOverview[] = []
  for (const kind of syncedKindsOf(connection)) objects.push(await objectOverview(store, id, kind, links))
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
