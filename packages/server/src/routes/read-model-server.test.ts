import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { ConnectionListItem, Overview, RecordCard } from '../api-types.js'
import type { ConsoleServer } from '../create-server.js'
import { CONNECTION_ID, startTestServer, workSummary } from '../testing/console-test-server.js'
import { type InjectBrowser, loggedInBrowser } from '../testing/inject-browser.js'

// The read-model routes through the real console server: inside the authenticated scope, fed by its cycle log.
let started: Awaited<ReturnType<typeof startTestServer>>
let server: ConsoleServer
let session: InjectBrowser

beforeEach(async () => {
  started = await startTestServer()
  server = started.server
  session = await loggedInBrowser(server)
})
afterEach(() => started.close())

describe('read-model routes in the console server', () => {
  it('need a session; logged in, the list, the overview with the last cycle observed, and a card', async () => {
    expect((await server.app.inject({ url: '/api/connections' })).statusCode).toBe(401)
    const get = (url: string) => server.app.inject({ url, headers: { cookie: session.cookie } })
    const list = (await get('/api/connections')).json<ConnectionListItem[]>()
    expect(list.map((c) => c.id)).toEqual([CONNECTION_ID])
    // No token of the connection in any answer.
    expect(JSON.stringify(list)).not.toMatch(/secret-token/)
    server.observer.observeCycle(CONNECTION_ID, workSummary())
    const overview = (await get(`/api/connections/${CONNECTION_ID}/overview`)).json<Overview>()
    expect(overview.lastCycle).not.toBeNull()
    expect(overview.latency.samples).toBe(2)
    const card = await get(`/api/connections/${CONNECTION_ID}/records/contact/hubspot/42`)
    expect(card.json<RecordCard>()).toMatchObject({
      hubspotId: '42',
      status: { state: 'not-syncing' },
      valuesFrom: 'store',
    })
  })

  it('resync: 403 without the CSRF token, 409 with it when no engine runs in the process', async () => {
    const post = (headers: Record<string, string>) =>
      server.app.inject({
        method: 'POST',
        url: `/api/connections/${CONNECTION_ID}/resync`,
        headers,
        payload: { errors: {} },
      })
    expect((await post({ cookie: session.cookie })).statusCode).toBe(403)
    const refused = await post({ cookie: session.cookie, 'x-csrf-token': session.csrf })
    expect(refused.statusCode).toBe(409)
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('no-engine')
  })
})
