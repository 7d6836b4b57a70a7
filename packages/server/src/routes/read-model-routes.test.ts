import type { Engine, SyncSummary } from '@crmsync/engine'
import type { KyselyStateStore } from '@crmsync/store'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { HealthReport, Overview, RecordCard, RecordHit, ResyncResult } from '../api-types.js'
import { createCycleLog } from '../cycle-log.js'
import { createLiveFeed } from '../live/live-feed.js'
import { AT, field, link, memoryStore, testConnection } from '../queries/query-fixtures.js'
import type { ConsoleConnection } from '../server-deps.js'
import { connectionRoutes } from './connection-routes.js'
import { healthRoutes } from './health-routes.js'
import { overviewRoutes } from './overview-routes.js'
import { recordRoutes } from './record-routes.js'

// The read-model routes on a bare Fastify instance (the authenticated scope is create-server.ts's concern).
let store: KyselyStateStore
let app: FastifyInstance
let served: ConsoleConnection
const resyncs: { ids: readonly string[]; objectKind: string | undefined }[] = []
const connection = testConnection({ companies: { sync: true } })
const id = connection.id
const LEAD = '00Q000000000001AAA'

async function start(exclusive: ConsoleConnection['exclusive']) {
  served = { id, connection: () => connection, store, exclusive }
  app = Fastify()
  const context = {
    deps: {
      connections: () => [served],
      password: 'x',
      logger: {
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: () => undefined,
      },
      now: () => AT,
      ready: () => true,
    },
    cycles: createCycleLog(),
    live: createLiveFeed(),
    configEditor: undefined,
  }
  for (const routes of [connectionRoutes, overviewRoutes, healthRoutes, recordRoutes]) routes(app, context)
  await app.ready()
}

/** An engine whose resync clears the records' open errors, as a successful resync does. */
const engine = {
  resync: async (ids: readonly string[], options?: { objectKind?: string | undefined }) => {
    resyncs.push({ ids, objectKind: options?.objectKind })
    for (const recordId of ids)
      await store.resolveErrors(
        { record: { connectionId: id, objectKind: 'contact', side: 'hubspot', recordId } },
        AT,
      )
    return {} as SyncSummary
  },
} as unknown as Engine

beforeEach(async () => {
  resyncs.length = 0
  store = await memoryStore()
  await store.upsertLinks([link(id, '101', LEAD, { fields: { email: field('ann@x.com') } })])
  for (const recordId of ['101', '102'])
    await store.recordError({
      connectionId: id,
      objectKind: 'contact',
      side: 'hubspot',
      recordId,
      code: 'SF_INSUFFICIENT_ACCESS',
      message: `no access, "=1+1" ${recordId}`,
      at: AT,
    })
})
afterEach(async () => {
  await app.close()
  await store.close()
})

describe('read-model routes', () => {
  it('GET /api/connections and the overview; an unknown connection is a JSON 404', async () => {
    await start(undefined)
    const list = await app.inject({ url: '/api/connections' })
    expect(list.json()).toEqual([
      expect.objectContaining({ id, kinds: ['contact', 'company'], state: { state: 'active' } }),
    ])
    const overview = (await app.inject({ url: `/api/connections/${id}/overview` })).json<Overview>()
    expect(overview.objects[0]).toEqual({ kind: 'contact', linked: 1, inSync: 0, pending: 0, failing: 2 })
    expect(overview.apiUsage.salesforce.hourly).toHaveLength(24)
    const missing = await app.inject({ url: '/api/connections/nope/overview' })
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toEqual({ error: { code: 'not-found', message: 'no connection "nope"' } })
  })

  it('health as JSON and CSV (an attachment); a bad type or object is a 400 (B-ERR-1)', async () => {
    await start(undefined)
    const health = (
      await app.inject({ url: `/api/connections/${id}/health?type=permission` })
    ).json<HealthReport>()
    expect(health).toMatchObject({ connection: id, errors: 2, records: 2 })
    expect(health.groups).toEqual([expect.objectContaining({ type: 'permission', errors: 2, records: 2 })])
    const csv = await app.inject({ url: `/api/connections/${id}/health.csv?object=contacts` })
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="sync-health-${id}.csv"`)
    expect(csv.body.trim().split('\n')).toHaveLength(3)
    for (const query of ['type=nope', 'object=cars']) {
      const bad = await app.inject({ url: `/api/connections/${id}/health?${query}` })
      expect(bad.statusCode, query).toBe(400)
      expect(bad.json<{ error: { message: string } }>().error.message).not.toBe('')
    }
  })

  it('search and the card (B-ERR-8); bad kind, side or query is a 400', async () => {
    await start(undefined)
    const hits = (await app.inject({ url: `/api/connections/${id}/records?q=ANN@x.com` })).json<RecordHit[]>()
    expect(hits.map((h) => [h.hubspotId, h.salesforceId])).toEqual([['101', LEAD]])
    const card = (
      await app.inject({ url: `/api/connections/${id}/records/contact/salesforce/${LEAD}` })
    ).json<RecordCard>()
    expect(card).toMatchObject({ hubspotId: '101', valuesFrom: 'store', status: { state: 'error' } })
    expect(card.status.errors.map((e) => e.code)).toEqual(['SF_INSUFFICIENT_ACCESS'])
    for (const url of [
      `/api/connections/${id}/records/lead/salesforce/${LEAD}`,
      `/api/connections/${id}/records/contact/marketo/${LEAD}`,
      `/api/connections/${id}/records?q=`,
      `/api/connections/${id}/records`,
    ])
      expect((await app.inject({ url })).statusCode, url).toBe(400)
  })

  it('resync without an engine in this process is a 409 that says so', async () => {
    await start(undefined)
    const response = await app.inject({
      method: 'POST',
      url: `/api/connections/${id}/resync`,
      payload: { errors: {} },
    })
    expect(response.statusCode).toBe(409)
    expect(response.json<{ error: { message: string } }>().error.message).toMatch(/no engine runs/)
  })

  it('resync of one record and of every record in error runs through exclusive()', async () => {
    let exclusiveCalls = 0
    await start(async (fn) => {
      exclusiveCalls++
      return fn(engine)
    })
    const one = await app.inject({
      method: 'POST',
      url: `/api/connections/${id}/resync`,
      payload: { record: { objectKind: 'contact', side: 'salesforce', id: LEAD } },
    })
    expect(one.json<ResyncResult>()).toMatchObject({ resynced: 1, stillFailing: 0 })
    expect(resyncs).toEqual([{ ids: ['101'], objectKind: 'contact' }])
    const all = await app.inject({
      method: 'POST',
      url: `/api/connections/${id}/resync`,
      payload: { errors: { type: 'permission' } },
    })
    expect(all.json<ResyncResult>()).toMatchObject({ resynced: 1, stillFailing: 0 })
    expect(resyncs.at(-1)).toEqual({ ids: ['102'], objectKind: 'contact' })
    expect(exclusiveCalls).toBe(2)
    for (const payload of [
      {},
      { record: { objectKind: 'x', side: 'hubspot', id: '1' } },
      { errors: { type: 'nope' } },
    ]) {
      const bad = await app.inject({ method: 'POST', url: `/api/connections/${id}/resync`, payload })
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400)
    }
  })
})
