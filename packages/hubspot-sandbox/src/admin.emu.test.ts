import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

import { Client } from '@hubspot/api-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { apiError, type Harness, startHarness } from './testing/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness({ seed: 'small' })
})
afterAll(async () => {
  await h.close()
})

describe('admin API (design.md 4.3)', () => {
  it('starts seeded with small, resets to the empty portal with metadata, and seeds again', async () => {
    const before = (await h.call('GET', '/__sandbox')).json as { records: Record<string, number> }
    expect(before.records).toMatchObject({ contacts: 500, companies: 100, deals: 80 })
    await h.call('POST', '/__sandbox/reset')
    expect((await h.client.crm.contacts.basicApi.getPage()).results).toEqual([])
    expect((await h.client.crm.owners.ownersApi.getPage()).results).toHaveLength(7)
    expect((await h.client.crm.pipelines.pipelinesApi.getAll('deals')).results).toHaveLength(1)
    const seeded = await h.call('POST', '/__sandbox/seed', { seed: 'small' })
    expect((seeded.json as { records: Record<string, number> }).records['contacts']).toBe(500)
  })

  it('moves the clock, which stamps lastmodifieddate', async () => {
    const target = Date.UTC(2030, 0, 1)
    await h.call('POST', '/__sandbox/clock', { set: target, freeze: true })
    const contact = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'clock@example.com' },
      associations: [],
    })
    expect(contact.properties['lastmodifieddate']).toBe('2030-01-01T00:00:00.000Z')
    await h.call('POST', '/__sandbox/clock', { advanceMs: 60_000 })
    const updated = await h.client.crm.contacts.basicApi.update(contact.id, {
      properties: { firstname: 'Later' },
    })
    expect(updated.properties['lastmodifieddate']).toBe('2030-01-01T00:01:00.000Z')
    await h.call('POST', '/__sandbox/clock', { freeze: false })
  })

  it('serves marketing email events (sent, open, click) for a contact address', async () => {
    await h.call('POST', '/__sandbox/marketing-email-events', {
      events: [
        { type: 'SENT', recipient: 'clock@example.com', created: 1000 },
        { type: 'OPEN', recipient: 'clock@example.com', created: 2000 },
        { type: 'CLICK', recipient: 'clock@example.com', created: 3000, url: 'https://x.example' },
      ],
    })
    const page = await h.call('GET', '/email/public/v1/events?recipient=clock@example.com')
    const events = (page.json as { events: Array<{ type: string }> }).events
    expect(events.map((e) => e.type)).toEqual(['SENT', 'OPEN', 'CLICK'])
  })

  it('exchanges OAuth codes for tokens whose info names the app and the portal', async () => {
    const tokens = await h.client.oauth.tokensApi.create(
      'authorization_code',
      'the-code',
      'http://localhost/cb',
      'cid',
      'secret',
    )
    expect(tokens).toMatchObject({ tokenType: 'bearer', expiresIn: 1800 })
    const info = await h.client.oauth.accessTokensApi.get(tokens.accessToken)
    expect(info).toMatchObject({ hubId: 62515, appId: 1160452 })
  })

  it('adds an owner, as a user added in HubSpot settings would be, and refuses a taken email', async () => {
    const added = await h.call('POST', '/__sandbox/owners', {
      email: 'Inbound-Leads@Example.com',
      firstName: 'Inbound',
      lastName: 'Leads',
    })
    expect(added.status).toBe(200)
    const owners = (await h.client.crm.owners.ownersApi.getPage()).results
    const owner = owners.find((o) => o.email === 'inbound-leads@example.com')
    expect(owner).toMatchObject({ firstName: 'Inbound', lastName: 'Leads', archived: false })
    expect(new Set(owners.map((o) => o.id)).size).toBe(owners.length)
    expect((await h.call('POST', '/__sandbox/owners', { email: 'inbound-leads@example.com' })).status).toBe(
      400,
    )
    expect((await h.call('POST', '/__sandbox/owners', { email: 'not an address' })).status).toBe(400)
  })
})

describe('restoring a deleted record (admin API; HubSpot has no public restore endpoint)', () => {
  it('B-CON-28: restores an archived contact with its properties within 90 days, after that it is gone', async () => {
    await h.call('POST', '/__sandbox/clock', { set: Date.UTC(2031, 0, 1), freeze: true })
    try {
      const contacts = h.client.crm.contacts.basicApi
      const created = await contacts.create({
        properties: { email: 'restore@example.com', firstname: 'Re', salesforceleadid: '00Q000000000001AAA' },
        associations: [],
      })
      await contacts.archive(created.id)
      expect((await apiError(contacts.getById(created.id))).code).toBe(404)
      // Not deleted: nothing to restore.
      const other = await contacts.create({ properties: { email: 'live@example.com' }, associations: [] })
      expect((await h.call('POST', `/__sandbox/objects/contacts/${other.id}/restore`)).status).toBe(404)
      await h.call('POST', '/__sandbox/clock', { advanceMs: 89 * 86_400_000 })
      const restored = await h.call('POST', `/__sandbox/objects/contacts/${created.id}/restore`)
      expect(restored.status).toBe(200)
      const read = await contacts.getById(created.id, [
        'email',
        'firstname',
        'salesforceleadid',
        'lastmodifieddate',
      ])
      expect(read.properties).toMatchObject({
        email: 'restore@example.com',
        firstname: 'Re',
        salesforceleadid: '00Q000000000001AAA',
      })
      // Restoring moves the last-modified time, so a change feed sees the contact again.
      expect(read.properties['lastmodifieddate']).toBe(
        new Date(Date.UTC(2031, 0, 1) + 89 * 86_400_000).toISOString(),
      )
      const found = await h.client.crm.contacts.searchApi.doSearch({
        filterGroups: [
          { filters: [{ propertyName: 'email', operator: 'EQ' as never, value: 'restore@example.com' }] },
        ],
        properties: ['email'],
        limit: 10,
      })
      expect(found.results.map((r) => r.id)).toEqual([created.id])
      await contacts.archive(created.id)
      await h.call('POST', '/__sandbox/clock', { advanceMs: 91 * 86_400_000 })
      expect((await h.call('POST', `/__sandbox/objects/contacts/${created.id}/restore`)).status).toBe(404)
    } finally {
      await h.call('POST', '/__sandbox/clock', { freeze: false })
    }
  })

  it('refuses a restore when a live contact took the email meanwhile (409)', async () => {
    const contacts = h.client.crm.contacts.basicApi
    const first = await contacts.create({ properties: { email: 'taken@example.com' }, associations: [] })
    await contacts.archive(first.id)
    await contacts.create({ properties: { email: 'taken@example.com' }, associations: [] })
    expect((await h.call('POST', `/__sandbox/objects/contacts/${first.id}/restore`)).status).toBe(409)
  })
})

describe('the hubspot-sandbox bin', () => {
  it('prints one JSON ready line and closes on SIGTERM', async () => {
    const bin = new URL('../bin/hubspot-sandbox.js', import.meta.url).pathname
    const child = spawn(process.execPath, [bin, '--port', '0', '--seed', 'none'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout }).once('line', resolve),
    )
    const ready = JSON.parse(line) as { hubspot: { basePath: string; accessToken: string } }
    expect(ready.hubspot.basePath).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const client = new Client({ accessToken: ready.hubspot.accessToken, basePath: ready.hubspot.basePath })
    expect((await client.crm.owners.ownersApi.getPage()).results).toHaveLength(7)
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    expect(await exit).toBe(0)
  })
})
