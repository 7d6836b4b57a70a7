import type { KyselyStateStore } from '@crmsync/store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { CycleLog } from '../routes/route-types.js'
import { listConnections } from './connection-list.js'
import { overviewOf } from './overview.js'
import { AT, link, memoryStore, testConnection } from './query-fixtures.js'

let store: KyselyStateStore
beforeEach(async () => {
  store = await memoryStore()
})
afterEach(() => store.close())

const HOUR = 60 * 60 * 1000
const noCycles: CycleLog = {
  lastCycle: () => null,
  latency: () => ({ samples: 0, p50Ms: null, p95Ms: null }),
}

describe('overviewOf', () => {
  it('counts linked, in-sync, pending and failing records per kind, each record once', async () => {
    const connection = testConnection({ companies: { sync: true } })
    const id = connection.id
    await store.upsertLinks([
      link(id, '1', '00Q000000000001AAA'),
      link(id, '2', '00Q000000000002AAA'),
      link(id, '3', '00Q000000000003AAA'),
      link(id, '4', '00Q000000000004AAA', { state: 'tombstoned' }),
      link(id, '10', '001000000000010AAA', { objectKind: 'company', salesforceType: 'Account' }),
    ])
    // Contact 2 waits on both sides (one record); contact 3 fails on its Salesforce id and on its association.
    await store.enqueue([
      { connectionId: id, objectKind: 'contact', side: 'hubspot', recordId: '2' },
      { connectionId: id, objectKind: 'contact', side: 'salesforce', recordId: '00Q000000000002AAA' },
      { connectionId: id, objectKind: 'contact', side: 'hubspot', recordId: '99' },
    ])
    for (const [objectKind, side, recordId] of [
      ['contact', 'salesforce', '00Q000000000003AAA'],
      ['contact-company', 'hubspot', '3'],
    ] as const)
      await store.recordError({
        connectionId: id,
        objectKind,
        side,
        recordId,
        code: 'SF_VALIDATION',
        message: 'no',
        at: AT,
      })
    const overview = await overviewOf({ connection, store, cycles: noCycles, now: AT })
    expect(overview.objects).toEqual([
      { kind: 'contact', linked: 3, inSync: 1, pending: 2, failing: 1 },
      { kind: 'company', linked: 1, inSync: 1, pending: 0, failing: 0 },
    ])
    expect(overview.state).toEqual({ state: 'active' })
    expect(overview.lastCycle).toBeNull()
  })

  it('API usage: 24 hours oldest first, against the allocation and the daily limit HubSpot reported', async () => {
    const connection = testConnection({}, { apiCallAllocation: 5000 })
    const id = connection.id
    const now = Math.floor(AT / HOUR) * HOUR + 30 * 60_000
    await store.addApiCalls(id, 'salesforce', now - 60_000, 7)
    await store.addApiCalls(id, 'salesforce', now - 2 * HOUR, 5)
    await store.addApiCalls(id, 'hubspot', now - 23 * HOUR, 3)
    // Older than 24 h: not counted.
    await store.addApiCalls(id, 'hubspot', now - 25 * HOUR, 100)
    await store.saveApiLimitReading({
      connectionId: id,
      side: 'hubspot',
      seenAt: now,
      daily: { used: 40, limit: 250_000 },
      burst: undefined,
    })
    const { apiUsage } = await overviewOf({ connection, store, cycles: noCycles, now })
    expect(apiUsage.salesforce.used24h).toBe(12)
    expect(apiUsage.salesforce.allocation).toBe(5000)
    expect(apiUsage.salesforce.hourly).toHaveLength(24)
    expect(apiUsage.salesforce.hourly.at(-1)).toEqual({ hour: now - 30 * 60_000, calls: 7 })
    expect(apiUsage.salesforce.hourly.at(-3)?.calls).toBe(5)
    expect(apiUsage.hubspot).toMatchObject({ used24h: 3, dailyLimit: 250_000 })
    expect(apiUsage.hubspot.hourly[0]?.calls).toBe(3)
    expect(apiUsage.hubspot.hourly.reduce((n, h) => n + h.calls, 0)).toBe(3)
  })

  it('the last cycle and the latency come from the cycle log', async () => {
    const connection = testConnection()
    const cycle = {
      at: AT,
      durationMs: 12,
      records: { contact: { toSalesforce: 1, toHubspot: 0 } },
      errors: 0,
      apiCalls: { hubspot: 2, salesforce: 3 },
    }
    const cycles: CycleLog = {
      lastCycle: (id) => (id === connection.id ? cycle : null),
      latency: () => ({ samples: 4, p50Ms: 900, p95Ms: 2000 }),
    }
    const overview = await overviewOf({ connection, store, cycles, now: AT })
    expect(overview.lastCycle).toEqual(cycle)
    expect(overview.latency).toEqual({ samples: 4, p50Ms: 900, p95Ms: 2000 })
  })
})

describe('listConnections', () => {
  it('identity, state as status shows it (a suspension with its reason and next probe) and the kinds', async () => {
    const connection = testConnection({ companies: { sync: true }, deals: { sync: true } })
    await store.setIdentity({
      connectionId: connection.id,
      salesforceOrgId: '00D000000000001',
      hubspotPortalId: '123',
    })
    await store.setConnectionState({
      connectionId: connection.id,
      paused: false,
      suspension: {
        reason: 'api_limit',
        side: 'salesforce',
        code: 'SF_RATE_LIMITED',
        message: 'TotalRequests Limit exceeded.',
        since: AT,
        lastProbeAt: undefined,
      },
      disconnectedAt: undefined,
    })
    const [item] = await listConnections([{ id: connection.id, connection: () => connection, store }])
    expect(item).toMatchObject({
      id: connection.id,
      salesforceOrgId: '00D000000000001',
      hubspotPortalId: '123',
      kinds: ['contact', 'company', 'deal'],
      state: { state: 'suspended', reason: 'suspended:api_limit' },
    })
    expect(item?.state.message).toContain('Salesforce organization API limit exceeded')
    expect(item?.state.nextProbeAt).toBeGreaterThan(AT)
  })

  it('settings.enabled false shows as paused', async () => {
    const connection = testConnection({ enabled: false })
    const [item] = await listConnections([{ id: connection.id, connection: () => connection, store }])
    expect(item?.state).toEqual({ state: 'paused', reason: 'settings.enabled is false' })
    expect(item?.kinds).toEqual(['contact'])
  })
})
