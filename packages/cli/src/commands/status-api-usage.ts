import type { ApiLimitReading, Connection, StateReader } from '@crmsync/core'
import { ENGINE_DEFAULTS, salesforceRetryStopAt } from '@crmsync/engine'

import { isoOrDash } from './status-store.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** `crmsync status`'s API usage of one connection (design.md 3.6, B-API-1/2/6/7), from the store only. */
export interface ApiUsageStatus {
  readonly salesforce: {
    /** Salesforce calls crmsync made for this connection in the last 24 h (counted per minute). */
    readonly callsLast24h: number
    /** salesforce.apiCallAllocation: the calls allocated to crmsync per rolling 24 h; null when none is set. */
    readonly allocated: number | null
    /** What the allocation leaves in the rolling window; null without one. */
    readonly left: number | null
    /** Above this many calls in 24 h automatic retries stop (75 % of the allocation, or 5,000, B-API-2). */
    readonly retriesStopAbove: number
    readonly retriesStopped: boolean
    /** The org's usage and limit as Salesforce last reported them (`Sforce-Limit-Info`); null before any. */
    readonly org: { readonly used: number; readonly limit: number; readonly seenAt: number } | null
  }
  readonly hubspot: {
    readonly callsLast24h: number
    /** The portal's daily quota as HubSpot last reported it; null when it sent none (OAuth apps get none). */
    readonly daily: { readonly used: number; readonly limit: number } | null
    /** The burst window as last reported: calls left of the maximum per window. */
    readonly burst: { readonly remaining: number; readonly max: number; readonly intervalMs: number } | null
    readonly seenAt: number | null
  }
}

/** Reads the usage of one connection from the store: the calls it counted and the limits each side reported. */
export async function readApiUsageStatus(
  connection: Connection,
  store: Pick<StateReader, 'sumApiCalls' | 'listApiLimitReadings'>,
  now: number,
): Promise<ApiUsageStatus> {
  const window = (side: 'salesforce' | 'hubspot') => ({
    connectionId: connection.id,
    side,
    from: now - DAY_MS,
    to: now + 60_000,
  })
  const [sfCalls, hsCalls, readings] = await Promise.all([
    store.sumApiCalls(window('salesforce')),
    store.sumApiCalls(window('hubspot')),
    store.listApiLimitReadings(connection.id),
  ])
  const reading = (side: 'salesforce' | 'hubspot'): ApiLimitReading | undefined =>
    readings.find((r) => r.side === side)
  const sf = reading('salesforce')
  const hs = reading('hubspot')
  const allocated = connection.salesforce.apiCallAllocation ?? null
  const stopAbove = salesforceRetryStopAt(allocated ?? undefined)
  return {
    salesforce: {
      callsLast24h: sfCalls,
      allocated,
      left: allocated === null ? null : Math.max(0, allocated - sfCalls),
      retriesStopAbove: stopAbove,
      retriesStopped: sfCalls > stopAbove,
      org: sf?.daily === undefined ? null : { ...sf.daily, seenAt: sf.seenAt },
    },
    hubspot: {
      callsLast24h: hsCalls,
      daily: hs?.daily ?? null,
      burst: hs?.burst ?? null,
      seenAt: hs?.seenAt ?? null,
    },
  }
}

const n = (value: number) => value.toLocaleString('en-US')
const percent = (used: number, of: number) => (of === 0 ? '-' : `${Math.floor((used / of) * 100)} %`)

/** The status lines of the API usage. */
export function apiUsageLines(usage: ApiUsageStatus): string[] {
  const { salesforce: sf, hubspot: hs } = usage
  const share = Math.round(ENGINE_DEFAULTS.retryStopShare * 100)
  return [
    `  API calls in the last 24 h: salesforce ${sf.callsLast24h}, hubspot ${hs.callsLast24h}`,
    '  Salesforce API:',
    sf.allocated === null
      ? `    allocated to crmsync: no limit set (salesforce.apiCallAllocation); ${n(sf.callsLast24h)} used in 24 h`
      : `    allocated to crmsync: ${n(sf.allocated)} per 24 h, ${n(sf.callsLast24h)} used, ${n(sf.left ?? 0)} left` +
        (sf.left === 0 ? ' (writes wait for the window to free calls)' : ''),
    `    automatic retries stop above ${n(sf.retriesStopAbove)} calls in 24 h ` +
      (sf.allocated === null ? '(no allocation set)' : `(${share} % of the allocation)`) +
      (sf.retriesStopped ? ': stopped now' : ''),
    sf.org === null
      ? '    org (Sforce-Limit-Info): not reported yet'
      : `    org (Sforce-Limit-Info): ${n(sf.org.used)} of ${n(sf.org.limit)} used in 24 h ` +
        `(${percent(sf.org.used, sf.org.limit)}), as of ${isoOrDash(sf.org.seenAt)}`,
    '  HubSpot API:',
    hs.daily === null
      ? '    daily: not reported (HubSpot sends no daily quota to OAuth apps)'
      : `    daily: ${n(hs.daily.used)} of ${n(hs.daily.limit)} used (${percent(hs.daily.used, hs.daily.limit)})`,
    hs.burst === null
      ? '    burst: not reported yet'
      : `    burst: ${n(hs.burst.remaining)} of ${n(hs.burst.max)} left per ${hs.burst.intervalMs / 1000} s, ` +
        `as of ${isoOrDash(hs.seenAt)}`,
  ]
}

/**
 * `crmsync status --json`: the connection's identity, inbox depth, open errors by code and API usage as one
 * object (the text form's other sections, links and cursors, are not in it).
 */
export async function statusJson(
  connection: Connection,
  store: Pick<
    StateReader,
    'getIdentity' | 'countInbox' | 'countOpenErrors' | 'sumApiCalls' | 'listApiLimitReadings'
  >,
  now: number,
) {
  const id = connection.id
  const identity = await store.getIdentity(id)
  return {
    connection: id,
    salesforceOrgId: identity?.salesforceOrgId ?? null,
    hubspotPortalId: identity?.hubspotPortalId ?? null,
    inbox: await store.countInbox(id),
    openErrors: (await store.countOpenErrors(id)).map((e) => ({
      code: e.code,
      errors: e.errors,
      records: e.records,
    })),
    apiUsage: await readApiUsageStatus(connection, store, now),
  }
}
