import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

import { compileRetryTable, isSyncError } from '@crmsync/core'
import {
  DEFAULT_APP_ID,
  DEFAULT_OWNER_PEOPLE,
  type RunningHubSpotSandbox,
  startHubSpotSandbox,
} from 'hubspot-sandbox'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { createHubSpotConnector, type HubSpotConnectorOptions } from './hubspot-connector.js'
import { propertyFilterBranch } from './testing/list-filters.js'
import { SandboxAdmin } from './testing/sandbox-admin.js'
import { isValidWebhookSignature } from './webhook-signature.js'

let sandbox: RunningHubSpotSandbox
let admin: SandboxAdmin

beforeAll(async () => {
  sandbox = await startHubSpotSandbox({ seed: 'none', rateLimits: { tier: 'unlimited' } })
  admin = new SandboxAdmin(sandbox.basePath)
})
afterAll(async () => {
  await sandbox.close()
})
beforeEach(async () => {
  await admin.request('POST', '/__sandbox/reset')
  await admin.request('DELETE', '/__sandbox/faults')
})

function connector(options: Partial<HubSpotConnectorOptions> = {}) {
  return createHubSpotConnector({ accessToken: sandbox.accessToken, basePath: sandbox.basePath, ...options })
}

/** A call to the sandbox's public API with the token, for set-up the connector does not offer (merge, lists). */
async function api(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${sandbox.basePath}${path}`, {
    method,
    headers: { authorization: `Bearer ${sandbox.accessToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`)
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>)
}

async function createContacts(count: number, extra: Record<string, string> = {}): Promise<string[]> {
  const inputs = Array.from({ length: count }, (_, index) => ({
    salesforceId: `00Qx${index}`,
    properties: { email: `c${index}@example.com`, ...extra },
  }))
  return (await connector().upsertContacts(inputs)).map((result) =>
    result.outcome === 'written' ? result.id : '',
  )
}

describe('HubSpot connector: merges, lists, opt-out, owners, identity', () => {
  it('detects a merged contact: the survivor lists the absorbed ids, and reading an old id says where it went (B-CON-27)', async () => {
    const [primary = '', secondary = ''] = await createContacts(2)
    const survivor = await api('POST', '/crm/v3/objects/contacts/merge', {
      primaryObjectId: primary,
      objectIdToMerge: secondary,
    })
    const survivorId = String(survivor['id'])
    const read = await connector().readContacts({ ids: [primary, secondary], properties: ['email'] })
    expect(read.missing).toEqual([])
    expect(read.mergedInto.get(secondary)).toBe(survivorId)
    expect(read.records.get(survivorId)?.mergedObjectIds).toContain(secondary)
    if (survivorId !== primary) expect(read.mergedInto.get(primary)).toBe(survivorId)
  })

  it('reads inclusion-list members once as a set, paging 250 at a time (B-CON-15)', async () => {
    const ids = await createContacts(260)
    const created = await api('POST', '/crm/v3/lists', {
      name: 'Sync me',
      objectTypeId: '0-1',
      processingType: 'MANUAL',
    })
    const listId = String((created['list'] as Record<string, unknown>)['listId'])
    await api('PUT', `/crm/v3/lists/${listId}/memberships/add`, ids.slice(0, 255))
    await admin.resetCounters()
    const hs = connector()
    const members = await hs.readListMembers(listId)
    expect(members.members).toEqual(new Set(ids.slice(0, 255)))
    expect(members.processing).toBe(false)
    // B-CON-16: the type travels with the members, so the engine can refuse a static list.
    expect(members).toMatchObject({ name: 'Sync me', processingType: 'MANUAL' })
    // What the members are, from the same call: a command can refuse a list of the wrong object.
    expect(members.objectTypeId).toBe('0-1')
    expect(hs.apiUsage().calls).toBe(3)
  })

  it('reads a DYNAMIC list: its filter decides the members, and PROCESSING is reported (B-CON-15/16)', async () => {
    const leads = await createContacts(3, { lifecyclestage: 'lead' })
    await connector().upsertContacts([
      { salesforceId: '003c', properties: { email: 'cust@example.com', lifecyclestage: 'customer' } },
    ])
    const filterBranch = propertyFilterBranch('lifecyclestage', {
      operationType: 'ENUMERATION',
      operator: 'IS_ANY_OF',
      values: ['lead'],
      includeObjectsWithNoValueSet: false,
    })
    const dynamic = async (name: string) => {
      const created = await api('POST', '/crm/v3/lists', {
        name,
        objectTypeId: '0-1',
        processingType: 'DYNAMIC',
        filterBranch,
      })
      return String((created['list'] as Record<string, unknown>)['listId'])
    }
    const ready = await connector().readListMembers(await dynamic('Leads'))
    expect(ready).toEqual({
      name: 'Leads',
      processingType: 'DYNAMIC',
      members: new Set(leads),
      processing: false,
      objectTypeId: '0-1',
    })
    await admin.knobs({ listProcessingDelayMs: 60_000 })
    try {
      expect((await connector().readListMembers(await dynamic('Leads later'))).processing).toBe(true)
    } finally {
      await admin.knobs({ listProcessingDelayMs: 0 })
    }
  })

  it('unsubscribes from all email through communication preferences, which sets hs_email_optout (B-OPT-3)', async () => {
    const [id = ''] = await createContacts(1)
    const hs = connector()
    await hs.unsubscribeFromAll(['C0@example.com'])
    const status = await api(
      'GET',
      '/communication-preferences/v4/statuses/c0@example.com/unsubscribe-all?channel=EMAIL',
    )
    expect(status['results']).toMatchObject([{ wideStatusType: 'PORTAL_WIDE', status: 'NOT_SUBSCRIBED' }])
    const read = await hs.readContacts({ ids: [id], properties: ['hs_email_optout'] })
    expect(read.records.get(id)?.properties['hs_email_optout']).toBe('true')
  })

  it('lists owners, active and archived, with names and emails (B-OWN-3)', async () => {
    const owners = await connector().readOwners()
    expect(owners).toHaveLength(DEFAULT_OWNER_PEOPLE.length)
    expect(owners[0]).toMatchObject({
      firstName: 'Avery',
      lastName: 'Lindqvist',
      email: 'avery.lindqvist@acme-demo.com',
      active: true,
    })
  })

  it('reports the portal and app the token belongs to', async () => {
    const identity = await connector().identity()
    expect(identity).toEqual({ portalId: String(sandbox.portalId), appId: String(DEFAULT_APP_ID) })
  })

  it('identity() for a private-app token (404 on token info, as HubSpot answers) reads the portal from account info', async () => {
    await admin.request('PATCH', '/__sandbox/knobs', { privateAppTokenInfo: false })
    try {
      expect(await connector().identity()).toEqual({ portalId: String(sandbox.portalId) })
      const { endpoints } = await admin.counters()
      expect(endpoints['GET /oauth/v1/access-tokens/:token']?.statuses).toEqual({ '404': 1 })
      expect(endpoints['GET /account-info/v3/details']?.statuses).toEqual({ '200': 1 })
    } finally {
      await admin.request('PATCH', '/__sandbox/knobs', { privateAppTokenInfo: true })
    }
  })

  it('B-MAP-5 portalSettings() gives the portal time zone that date <-> datetime pairs go through', async () => {
    expect(await connector().portalSettings()).toEqual({
      portalId: String(sandbox.portalId),
      timeZone: 'US/Eastern',
    })
    await admin.request('PATCH', '/__sandbox/account', { timeZone: 'Europe/Oslo' })
    try {
      expect((await connector().portalSettings()).timeZone).toBe('Europe/Oslo')
    } finally {
      await admin.request('PATCH', '/__sandbox/account', { timeZone: 'US/Eastern' })
    }
  })
  it('an archived (deactivated) owner reads as inactive, from GET /crm/v3/owners?archived=true', async () => {
    const before = await connector().readOwners()
    const gustav = before.find((o) => o.email === 'gustav.reyes@acme-demo.com')!
    expect(gustav.active).toBe(true)
    await admin.request('PATCH', `/__sandbox/owners/${gustav.id}`, { archived: true })
    const archived = await api('GET', '/crm/v3/owners?archived=true')
    expect((archived['results'] as Array<{ id: string }>).map((o) => o.id)).toEqual([gustav.id])
    const after = await connector().readOwners()
    expect(after).toHaveLength(DEFAULT_OWNER_PEOPLE.length)
    expect(after.find((o) => o.id === gustav.id)).toEqual({ ...gustav, active: false })
    expect(after.filter((o) => !o.active).map((o) => o.id)).toEqual([gustav.id])
  })

  it('gives change times from history, leaving out writes by this connection (api-surface 8.6)', async () => {
    const [id = ''] = await createContacts(1, { firstname: 'Ann', jobtitle: 'Dev' })
    await admin.editAsUser(id, { jobtitle: 'Lead dev' })
    const edited = Date.now()
    const hs = connector({ appId: String(DEFAULT_APP_ID) })
    await hs.updateContacts([{ id, properties: { firstname: 'Anna' } }])
    const read = await hs.readContacts({
      ids: [id],
      properties: ['firstname', 'jobtitle'],
      historyFor: ['firstname', 'jobtitle'],
    })
    const changedAt = read.records.get(id)?.propertyChangedAt ?? {}
    expect(Object.keys(changedAt)).toEqual(['jobtitle'])
    expect(Math.abs((changedAt['jobtitle'] ?? 0) - edited)).toBeLessThan(2000)
  })
})

describe('HubSpot connector: limits and errors (design.md 3.5)', () => {
  it('waits out a ten-secondly 429 per the retry table, then succeeds; every attempt is counted (B-API-7)', async () => {
    const [id = ''] = await createContacts(1)
    await admin.faults([{ kind: 'rate-limit-burst', path: 'batch/update', times: 2 }])
    const waits: number[] = []
    const hs = connector({ sleep: (ms) => Promise.resolve(void waits.push(ms)) })
    const [result] = await hs.updateContacts([{ id, properties: { jobtitle: 'x' } }])
    expect(result).toMatchObject({ outcome: 'written' })
    expect(waits).toEqual([10_000, 10_000])
    const counters = await admin.counters()
    expect(counters.endpoints['POST /crm/v3/objects/:type/batch/update']?.statuses).toEqual({
      '200': 1,
      '429': 2,
    })
    expect(hs.apiUsage().calls).toBe(3)
  })

  it('rides out the real burst limiter with the waits its headers ask for, losing no record (B-API-7)', async () => {
    const [id = ''] = await createContacts(1)
    await admin.request('PUT', '/__sandbox/rate-limits', { burst: 4, intervalMs: 1000 })
    try {
      const waits: number[] = []
      const hs = connector({ onRetry: (_code, ms) => void waits.push(ms) })
      for (let n = 0; n < 6; n += 1) {
        const [result] = await hs.updateContacts([{ id, properties: { jobtitle: `J${n}` } }])
        expect(result).toMatchObject({ outcome: 'written' })
      }
      const statuses = (await admin.counters()).endpoints['POST /crm/v3/objects/:type/batch/update']?.statuses
      expect(statuses?.['200']).toBe(6)
      expect(statuses?.['429']).toBe(waits.length)
      expect(waits.length).toBeGreaterThan(0)
      // Retry-After is in whole seconds: the wait follows it rather than the 10 s policy default.
      expect(waits.every((ms) => ms === 1000)).toBe(true)
    } finally {
      await admin.request('PUT', '/__sandbox/rate-limits', { tier: 'unlimited' })
    }
  })

  it('does not retry the daily limit: it throws HS_DAILY_LIMIT so the engine suspends the side (B-API-4)', async () => {
    await admin.faults([{ kind: 'rate-limit-daily', path: 'batch/read' }])
    const hs = connector({ sleep: () => Promise.resolve() })
    const error = await hs.readContacts({ ids: ['1'], properties: [] }).catch((err: unknown) => err)
    expect(isSyncError(error) && error.code).toBe('HS_DAILY_LIMIT')
    expect(isSyncError(error) && error.retryable).toBe(false)
    expect(hs.apiUsage().calls).toBe(1)
  })

  it('retries 5xx with growing waits, then gives up with HS_UNAVAILABLE', async () => {
    await admin.faults([{ kind: 'server-error', status: 503, path: '/search' }])
    const waits: number[] = []
    const hs = connector({ sleep: () => Promise.resolve(), onRetry: (_code, ms) => void waits.push(ms) })
    const error = await hs.captureContacts({ cursor: undefined }).catch((err: unknown) => err)
    expect(isSyncError(error) && error.code).toBe('HS_UNAVAILABLE')
    // The core's table (docs/errors.md "Retries"): five attempts, 0.5 s doubling.
    expect(waits).toEqual([500, 1000, 2000, 4000])
  })

  it('takes a retry table in the core’s shape from its options (tests: no waits, fewer attempts)', async () => {
    await admin.faults([{ kind: 'server-error', status: 503, path: '/search' }])
    const waits: number[] = []
    const hs = connector({
      retryTable: compileRetryTable({
        HS_UNAVAILABLE: { kind: 'backoff', maxAttempts: 2, initialMs: 0, factor: 1, maxMs: 0 },
      }),
      onRetry: (_code, ms) => void waits.push(ms),
    })
    const error = await hs.captureContacts({ cursor: undefined }).catch((err: unknown) => err)
    expect(isSyncError(error) && error.code).toBe('HS_UNAVAILABLE')
    expect(waits).toEqual([0])
    expect(hs.apiUsage().calls).toBe(2)
  })

  it('retries a connection failure four times, then throws HS_NETWORK', async () => {
    const waits: number[] = []
    const hs = createHubSpotConnector({
      accessToken: 'x',
      basePath: 'http://127.0.0.1:1',
      sleep: () => Promise.resolve(),
      onRetry: (_code, ms) => void waits.push(ms),
    })
    const error = await hs.readOwners().catch((err: unknown) => err)
    expect(isSyncError(error) && error.code).toBe('HS_NETWORK')
    expect(waits).toEqual([500, 1000, 2000, 4000])
    expect(hs.apiUsage().calls).toBe(5)
  })

  it('maps a revoked token to HS_UNAUTHORIZED without retrying', async () => {
    const hs = createHubSpotConnector({ accessToken: 'pat-na1-wrong', basePath: sandbox.basePath })
    const error = await hs.readOwners().catch((err: unknown) => err)
    expect(isSyncError(error) && error.code).toBe('HS_UNAUTHORIZED')
    expect(hs.apiUsage().calls).toBe(1)
  })

  it('reads the X-HubSpot-RateLimit headers', async () => {
    const hs = connector()
    await hs.readOwners()
    expect(hs.apiUsage().rateLimit?.intervalMs).toBe(10_000)
    expect(hs.apiUsage().rateLimit?.intervalRemaining).toBeTypeOf('number')
  })
})

describe('webhook signature (api-surface 3.11)', () => {
  it('accepts what the sandbox signs and rejects a changed body or a wrong secret', async () => {
    const received: Array<{ request: IncomingMessage; body: string }> = []
    const server = createServer((request, response) => {
      let body = ''
      request.on('data', (part: Buffer) => (body += part.toString('utf8')))
      request.on('end', () => {
        received.push({ request, body })
        response.writeHead(204).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const targetUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/hubspot?conn=1`
    try {
      await admin.request('PUT', '/__sandbox/webhooks', {
        targetUrl,
        clientSecret: 's3cret',
        flushDelayMs: 5,
      })
      await createContacts(1)
      await admin.request('POST', '/__sandbox/webhooks/flush')
      const delivery = received[0]
      expect(delivery).toBeDefined()
      const header = (name: string) => {
        const value = delivery?.request.headers[name]
        return typeof value === 'string' ? value : undefined
      }
      const signed = {
        method: 'POST',
        url: targetUrl,
        body: delivery?.body ?? '',
        signature: header('x-hubspot-signature-v3'),
        timestamp: header('x-hubspot-request-timestamp'),
      }
      expect(isValidWebhookSignature(signed, 's3cret')).toBe(true)
      expect(isValidWebhookSignature({ ...signed, body: `${signed.body} ` }, 's3cret')).toBe(false)
      expect(isValidWebhookSignature(signed, 'other')).toBe(false)
    } finally {
      await admin.request('PUT', '/__sandbox/webhooks', {})
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
