import { parseConfig } from '@crmsync/core'
import { afterEach, describe, expect, it } from 'vitest'

import type { TryItEdit } from '../api-types.js'
import { link } from '../queries/query-fixtures.js'
import type { DemoHooks } from '../server-deps.js'
import { CONNECTION_ID, startTestServer } from '../testing/console-test-server.js'
import { loggedInBrowser } from '../testing/inject-browser.js'

type Started = Awaited<ReturnType<typeof startTestServer>>
let started: Started | undefined
afterEach(() => started?.close())

/** The console server over a store holding one active Lead link (HubSpot 42), logged in. */
async function loggedIn(overrides: Parameters<typeof startTestServer>[0] = {}) {
  started = await startTestServer(overrides)
  await started.store.upsertLinks([link(CONNECTION_ID, '42', '00Q000000000042')])
  const { app } = started.server
  const { cookie, csrf } = await loggedInBrowser(started.server)
  return {
    get: (url: string) => app.inject({ url, headers: { cookie } }),
    /** `token` null: no CSRF header. */
    edit: (body: Partial<Record<keyof TryItEdit, unknown>>, token: string | null = csrf) =>
      app.inject({
        method: 'POST',
        url: '/api/try-it/edit',
        headers: { cookie, ...(token === null ? {} : { 'x-csrf-token': token }) },
        payload: body,
      }),
  }
}

/** The demo's hooks as the server sees them, remembering what it was asked to edit. */
function recordingHooks(): DemoHooks & { calls: Parameters<DemoHooks['edit']>[0][] } {
  const calls: Parameters<DemoHooks['edit']>[0][] = []
  return { calls, edit: (input) => (calls.push(input), Promise.resolve({ editedAt: 1234 })) }
}

const EDIT = {
  connectionId: CONNECTION_ID,
  hubspotId: '42',
  side: 'hubspot',
  field: 'jobtitle',
  value: 'CTO',
}

describe('Try-it routes (the demo only)', () => {
  it('are not there outside the demo: 404 with a session', async () => {
    const api = await loggedIn()
    expect((await api.get('/api/try-it/contacts')).statusCode).toBe(404)
    expect((await api.edit(EDIT)).statusCode).toBe(404)
  })

  it('edit through the hooks with the mapping Salesforce field of the link type, and answer editedAt', async () => {
    const demo = recordingHooks()
    const api = await loggedIn({ demo })
    const city = await api.edit({ ...EDIT, field: 'city', side: 'salesforce', value: 'Lyon' })
    expect(city.json()).toEqual({ editedAt: 1234 })
    // A Lead's city is City (a Contact's would be MailingCity).
    expect(demo.calls).toEqual([
      {
        connectionId: CONNECTION_ID,
        side: 'salesforce',
        hubspotId: '42',
        salesforceType: 'Lead',
        salesforceId: '00Q000000000042',
        hubspotProperty: 'city',
        salesforceField: 'City',
        value: 'Lyon',
      },
    ])
  })

  it('refuse what is not offered, over-long or multi-line values, unknown contacts, and a missing CSRF token', async () => {
    const demo = recordingHooks()
    const api = await loggedIn({ demo })
    expect((await api.edit(EDIT, null)).statusCode).toBe(403)
    expect((await api.edit({ ...EDIT, field: 'email' })).statusCode).toBe(400)
    expect((await api.edit({ ...EDIT, value: 'x'.repeat(41) })).statusCode).toBe(400)
    expect((await api.edit({ ...EDIT, value: 'two\nlines' })).statusCode).toBe(400)
    expect((await api.edit({ ...EDIT, side: 'both' })).statusCode).toBe(400)
    expect((await api.edit({ ...EDIT, hubspotId: '43' })).statusCode).toBe(400)
    expect((await api.edit({ ...EDIT, connectionId: 'other' })).statusCode).toBe(404)
    expect((await api.edit({ ...EDIT, value: 'x'.repeat(40) })).statusCode).toBe(200)
    expect(demo.calls).toHaveLength(1)
  })

  it('do not offer a field the file switched off (rule none): an edit of it could not cross', async () => {
    const parsed = parseConfig({
      salesforce: { instanceUrl: 'https://example.my.salesforce.com', accessToken: 'sf-token' },
      hubspot: { accessToken: 'hs-token' },
      mappings: { contact: [{ hubspot: 'jobtitle', salesforce: 'Title', rule: 'none' }] },
    })
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
    const connection = parsed.config.connections[0]!
    const demo = recordingHooks()
    const api = await loggedIn({
      demo,
      connections: () => [{ id: CONNECTION_ID, connection: () => connection, store: started!.store }],
    })
    expect((await api.edit(EDIT)).statusCode).toBe(400)
    expect((await api.edit({ ...EDIT, field: 'lastname' })).statusCode).toBe(200)
  })
})
