import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { Client, Signature } from '@hubspot/api-client'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { apiError, type Harness, startHarness } from './testing/harness.js'

interface Received {
  readonly headers: IncomingHttpHeaders
  readonly body: string
  readonly events: Array<Record<string, unknown>>
}

const SECRET = 'test-app-secret'
let h: Harness
let receiver: Server
let targetUrl = ''
let received: Received[] = []
let failuresLeft = 0

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      if (failuresLeft > 0) {
        failuresLeft -= 1
        response.writeHead(500).end()
        return
      }
      received.push({
        headers: request.headers,
        body,
        events: JSON.parse(body) as Array<Record<string, unknown>>,
      })
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  targetUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hubspot/webhooks`
  h = await startHarness({
    webhooks: { targetUrl, clientSecret: SECRET, flushDelayMs: 20, retryDelayMs: 50 },
  })
})
afterAll(async () => {
  await h.close()
  await new Promise((resolve) => receiver.close(resolve))
})
beforeEach(async () => {
  await h.call('POST', '/__sandbox/webhooks/flush')
  received = []
})

const flush = () => h.call('POST', '/__sandbox/webhooks/flush')
const events = () => received.flatMap((r) => r.events)

describe('webhooks (api-surface.md 3.11)', () => {
  it('delivers signed batches that Signature.isValid accepts (v3 and v1)', async () => {
    await h.client.crm.contacts.basicApi.create({
      properties: { email: 'hook@example.com', firstname: 'Hook' },
      associations: [],
    })
    await flush()
    expect(received).toHaveLength(1)
    const [delivery] = received
    const headers = delivery?.headers ?? {}
    expect(headers['content-type']).toBe('application/json')
    const v3 = Signature.isValid({
      signatureVersion: 'v3',
      signature: String(headers['x-hubspot-signature-v3']),
      clientSecret: SECRET,
      requestBody: delivery?.body ?? '',
      url: targetUrl,
      method: 'POST',
      timestamp: Number(headers['x-hubspot-request-timestamp']),
    })
    expect(v3).toBe(true)
    const v1 = Signature.isValid({
      signatureVersion: 'v1',
      signature: String(headers['x-hubspot-signature']),
      clientSecret: SECRET,
      requestBody: delivery?.body ?? '',
    })
    expect(v1).toBe(true)
    const forged = Signature.isValid({
      signatureVersion: 'v1',
      signature: String(headers['x-hubspot-signature']),
      clientSecret: 'wrong',
      requestBody: delivery?.body ?? '',
    })
    expect(forged).toBe(false)
  })

  it('sends creation and propertyChange events with attribution to the app', async () => {
    const contact = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'ev@example.com' },
      associations: [],
    })
    await h.client.crm.contacts.basicApi.update(contact.id, { properties: { firstname: 'Eve' } })
    await flush()
    const mine = events().filter((e) => e['objectId'] === Number(contact.id))
    expect(mine.map((e) => [e['subscriptionType'], e['propertyName'] ?? null])).toEqual([
      ['contact.creation', null],
      ['contact.propertyChange', 'email'],
      ['contact.propertyChange', 'firstname'],
    ])
    expect(mine[0]).toMatchObject({
      changeFlag: 'CREATED',
      changeSource: 'INTEGRATION',
      sourceId: '1160452',
      appId: 1160452,
      portalId: 62515,
      attemptNumber: 0,
    })
    expect(mine[2]).toMatchObject({ propertyValue: 'Eve' })
    expect(typeof mine[0]?.['eventId']).toBe('number')
  })

  it('sends deletion, merge and associationChange events', async () => {
    const api = h.client.crm.contacts.basicApi
    const a = await api.create({ properties: { email: 'm1@example.com' }, associations: [] })
    const b = await api.create({ properties: { email: 'm2@example.com' }, associations: [] })
    const company = await h.client.crm.companies.basicApi.create({
      properties: { name: 'Hooks' },
      associations: [],
    })
    await h.client.crm.associations.v4.basicApi.createDefault('contacts', a.id, 'companies', company.id)
    const survivor = await api.merge({ primaryObjectId: a.id, objectIdToMerge: b.id })
    await api.archive(survivor.id)
    await flush()
    const types = events().map((e) => e['subscriptionType'])
    expect(types).toEqual(
      expect.arrayContaining([
        'contact.associationChange',
        'company.associationChange',
        'contact.merge',
        'contact.deletion',
      ]),
    )
    const association = events().find((e) => e['subscriptionType'] === 'contact.associationChange')
    expect(association).toMatchObject({
      associationType: 'CONTACT_TO_COMPANY',
      fromObjectId: Number(a.id),
      toObjectId: Number(company.id),
      associationRemoved: false,
    })
    const merge = events().find((e) => e['subscriptionType'] === 'contact.merge')
    expect(merge).toMatchObject({
      primaryObjectId: Number(a.id),
      mergedObjectIds: [Number(b.id)],
      newObjectId: Number(survivor.id),
      objectId: Number(survivor.id),
    })
    expect(events().find((e) => e['subscriptionType'] === 'contact.deletion')).toMatchObject({
      objectId: Number(survivor.id),
      changeFlag: 'DELETED',
    })
  })

  it('retries failed deliveries, counting attemptNumber, and logs every attempt', async () => {
    failuresLeft = 2
    const deal = await h.client.crm.deals.basicApi.create({
      properties: { dealname: 'Retry me' },
      associations: [],
    })
    await flush()
    const creation = events().find(
      (e) => e['subscriptionType'] === 'deal.creation' && e['objectId'] === Number(deal.id),
    )
    expect(creation?.['attemptNumber']).toBe(2)
    const log = (await h.call('GET', '/__sandbox/webhooks/log')).json as {
      deliveries: Array<{ attempt: number; status: number; ok: boolean }>
    }
    expect(log.deliveries.slice(-3).map((d) => [d.attempt, d.status, d.ok])).toEqual([
      [0, 500, false],
      [1, 500, false],
      [2, 204, true],
    ])
  })

  it('batches at most 100 events per POST', async () => {
    const inputs = Array.from({ length: 60 }, (_, i) => ({
      properties: { email: `many${i}@example.com` },
      associations: [],
    }))
    await h.client.crm.contacts.batchApi.create({ inputs })
    await flush()
    expect(received.length).toBeGreaterThanOrEqual(2)
    expect(received.every((r) => r.events.length <= 100)).toBe(true)
    expect(events().filter((e) => e['subscriptionType'] === 'contact.creation')).toHaveLength(60)
  })
})

describe('webhook settings and subscriptions v3 (developer API key)', () => {
  it('configures the target (200) and creates (201), reads, pauses and deletes (204) subscriptions', async () => {
    const developer = new Client({ developerApiKey: 'sandbox-developer-key', basePath: h.sandbox.basePath })
    const appId = 1160452
    const settings = await developer.webhooks.settingsApi.configure(appId, {
      targetUrl,
      throttling: { maxConcurrentRequests: 5 },
    })
    expect(settings.targetUrl).toBe(targetUrl)
    const created = await developer.webhooks.subscriptionsApi.create(appId, {
      eventType: 'contact.propertyChange',
      propertyName: 'lastname',
      active: true,
    } as never)
    expect(created).toMatchObject({
      eventType: 'contact.propertyChange',
      propertyName: 'lastname',
      active: true,
    })
    expect(created.createdAt).toBeInstanceOf(Date)
    const all = await developer.webhooks.subscriptionsApi.getAll(appId)
    expect(all.results.map((s) => s.id)).toContain(created.id)
    const paused = await developer.webhooks.subscriptionsApi.update(Number(created.id), appId, {
      active: false,
    })
    expect(paused.active).toBe(false)
    await developer.webhooks.subscriptionsApi.archive(Number(created.id), appId)
    expect(
      (await apiError(developer.webhooks.subscriptionsApi.getById(Number(created.id), appId))).code,
    ).toBe(404)
    expect(
      (
        await apiError(
          developer.webhooks.subscriptionsApi.create(appId, { eventType: 'contact.bogus' } as never),
        )
      ).code,
    ).toBe(400)
  })
})
