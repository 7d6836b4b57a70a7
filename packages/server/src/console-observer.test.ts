import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { AuditEntry } from '@crmsync/core'
import { afterEach, describe, expect, it } from 'vitest'

import { createCycleLog } from './cycle-log.js'
import { percentile } from './cycle-view.js'
import { CONNECTION_ID, startTestServer, TEST_PASSWORD, workSummary } from './testing/console-test-server.js'

let started: Awaited<ReturnType<typeof startTestServer>> | undefined
const dirs: string[] = []

afterEach(async () => {
  await started?.close()
  started = undefined
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('cycle log', () => {
  it('keeps the last cycle per connection as the console shows it', () => {
    const log = createCycleLog()
    expect(log.lastCycle(CONNECTION_ID)).toBeNull()
    log.record(CONNECTION_ID, workSummary())
    expect(log.lastCycle(CONNECTION_ID)).toEqual({
      at: 1_002_500,
      durationMs: 2500,
      records: { contact: { toSalesforce: 3, toHubspot: 1 } },
      errors: 0,
      apiCalls: { salesforce: 7, hubspot: 4 },
    })
    expect(log.lastCycle('other')).toBeNull()
  })

  it('computes latency percentiles over a bounded ring of the most recent samples', () => {
    const log = createCycleLog(4)
    expect(log.latency(CONNECTION_ID)).toEqual({ samples: 0, p50Ms: null, p95Ms: null })
    log.record(CONNECTION_ID, workSummary({ changeToSyncMs: [9000, 9000, 1, 2] }))
    log.record(CONNECTION_ID, workSummary({ changeToSyncMs: [3, 4] }))
    // The two 9000s were the oldest: pushed out by 3 and 4.
    expect(log.latency(CONNECTION_ID)).toEqual({ samples: 4, p50Ms: 2, p95Ms: 4 })
    log.record(CONNECTION_ID, workSummary({ changeToSyncMs: undefined }))
    expect(log.latency(CONNECTION_ID).samples).toBe(4)
    expect(percentile([10], 95)).toBe(10)
  })
})

describe('console server: /metrics', () => {
  it('exposes records per object and direction, API calls, cycle and latency histograms, open errors by type and inbox depth', async () => {
    started = await startTestServer()
    const { server, store } = started
    server.observer.observeCycle(CONNECTION_ID, workSummary())
    await store.recordError({
      connectionId: CONNECTION_ID,
      objectKind: 'contact',
      side: 'salesforce',
      recordId: '00Q1',
      code: 'SF_DUPLICATE_VALUE',
      message: 'duplicate',
      at: 1,
    })
    await store.enqueue([
      { connectionId: CONNECTION_ID, objectKind: 'contact', side: 'hubspot', recordId: '101' },
    ])
    const res = await server.app.inject({ method: 'GET', url: '/metrics' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/plain')
    const text = res.body
    expect(text).toContain(
      'crmsync_records_synced_total{connection="default",object="contact",direction="to_salesforce"} 3',
    )
    expect(text).toContain(
      'crmsync_records_synced_total{connection="default",object="contact",direction="to_hubspot"} 1',
    )
    expect(text).toContain('crmsync_api_calls_total{connection="default",side="salesforce"} 7')
    expect(text).toContain('crmsync_api_calls_total{connection="default",side="hubspot"} 4')
    expect(text).toContain('crmsync_cycle_duration_seconds_sum{connection="default"} 2.5')
    expect(text).toContain('crmsync_change_to_sync_latency_seconds_count{connection="default"} 2')
    expect(text).toContain('crmsync_errors_open{connection="default",type="duplicate"} 1')
    expect(text).toContain('crmsync_inbox_depth{connection="default"} 1')
    expect(text).toContain('process_cpu_user_seconds_total')
  })

  it('keeps each server to its own registry: a second server starts from zero', async () => {
    started = await startTestServer()
    started.server.observer.observeCycle(CONNECTION_ID, workSummary())
    const second = await startTestServer()
    try {
      const text = (await second.server.app.inject({ method: 'GET', url: '/metrics' })).body
      expect(text).not.toContain('crmsync_api_calls_total{connection="default",side="salesforce"} 7')
    } finally {
      await second.close()
    }
  })
})

describe('console server: the live feed (GET /api/live)', () => {
  it('streams a cycle event for a cycle that did work and a change event for each field it wrote', async () => {
    started = await startTestServer()
    const { server, store } = started
    const url = await server.listen(0, '127.0.0.1')
    const session = await fetch(`${url}auth/session`)
    const cookie = session.headers.getSetCookie()[0]!.split(';')[0]!
    const { csrfToken } = (await session.json()) as { csrfToken: string }
    const login = await fetch(`${url}auth/login`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ password: TEST_PASSWORD }),
    })
    expect(login.status).toBe(200)
    const sessionCookie = login.headers.getSetCookie()[0]!.split(';')[0]!
    const abort = new AbortController()
    const live = await fetch(`${url}api/live`, { headers: { cookie: sessionCookie }, signal: abort.signal })
    expect(live.status).toBe(200)
    expect(live.headers.get('content-type')).toContain('text/event-stream')
    const audit: AuditEntry = {
      connectionId: CONNECTION_ID,
      objectKind: 'contact',
      hubspotId: '101',
      salesforceId: '00Q1',
      field: 'firstname',
      oldValue: 'Ada',
      newValue: '<b>Ada</b>',
      direction: 'hs->sf',
      rule: 'two-way',
      reason: 'only HubSpot changed',
      at: 1_001_000,
    }
    await store.appendAudit([audit, { ...audit, field: 'phone', direction: 'none' }])
    const reader = live.body!.pipeThrough(new TextDecoderStream()).getReader()
    let text = ''
    // The stream is open once its first comment arrives; only then is the cycle observed.
    while (!text.includes(': connected')) text += (await reader.read()).value ?? ''
    server.observer.observeCycle(CONNECTION_ID, workSummary({ objects: {}, errors: [] }))
    server.observer.observeCycle(CONNECTION_ID, workSummary())
    while (!text.includes('event: change')) text += (await reader.read()).value ?? ''
    abort.abort()
    const events = text
      .split('\n\n')
      .filter((block) => block.startsWith('event: '))
      .map((block) => ({
        event: block.split('\n')[0],
        data: JSON.parse(block.split('\n')[1]!.slice(6)) as unknown,
      }))
    // The idle cycle sent nothing; the phone decision (direction none) wrote nothing, so it is no change.
    expect(events).toEqual([
      {
        event: 'event: cycle',
        data: {
          type: 'cycle',
          connectionId: CONNECTION_ID,
          cycle: expect.objectContaining({ durationMs: 2500 }) as unknown,
        },
      },
      {
        event: 'event: change',
        data: {
          type: 'change',
          connectionId: CONNECTION_ID,
          objectKind: 'contact',
          hubspotId: '101',
          salesforceId: '00Q1',
          field: 'firstname',
          direction: 'hs->sf',
          newValue: '<b>Ada</b>',
          at: 1_001_000,
        },
      },
    ])
    // The server lets go of the stream when the browser leaves.
    const t0 = Date.now()
    await expect.poll(() => server.live.listeners).toBe(0)
    console.log('poll ms', Date.now() - t0)
  })
})

describe('console server: the built console', () => {
  it('serves its files at / and index.html for any other page, never for /api or /auth', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crmsync-console-'))
    dirs.push(dir)
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>crmsync</title>')
    writeFileSync(join(dir, 'app.js'), 'console.log(1)')
    started = await startTestServer({ staticDir: dir })
    const { app } = started.server
    const index = await app.inject({ method: 'GET', url: '/' })
    expect(index.statusCode).toBe(200)
    expect(index.body).toContain('<title>crmsync</title>')
    expect(index.headers['x-frame-options']).toBe('DENY')
    expect((await app.inject({ method: 'GET', url: '/app.js' })).body).toBe('console.log(1)')
    const page = await app.inject({ method: 'GET', url: '/records/contact/hubspot/101' })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<title>crmsync</title>')
    expect((await app.inject({ method: 'GET', url: '/api/nothing' })).statusCode).toBe(401)
    expect((await app.inject({ method: 'GET', url: '/auth/nothing' })).statusCode).toBe(404)
  })
})
