import { type APIRequestContext, type Browser, request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CRM_TOKEN, launchChromium } from './console-browser-for-test.js'
import { type DemoForTest, startDemoForTest } from './start-demo-for-test.js'

/** Every console API route (packages/server/src/api-types.ts), with a harmless body for the writes. */
const API_ROUTES: readonly {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  body?: object
}[] = [
  { method: 'GET', path: '/api/connections' },
  { method: 'GET', path: '/api/connections/demo/overview' },
  { method: 'GET', path: '/api/connections/demo/health' },
  { method: 'GET', path: '/api/connections/demo/health.csv' },
  { method: 'POST', path: '/api/connections/demo/resync', body: { errors: {} } },
  { method: 'GET', path: '/api/connections/demo/records?q=a' },
  { method: 'GET', path: '/api/connections/demo/records/contact/hubspot/1' },
  { method: 'GET', path: '/api/connections/demo/mappings' },
  {
    method: 'PUT',
    path: '/api/connections/demo/mappings/contact',
    body: { hubspot: 'jobtitle', salesforce: 'Title', rule: 'none' },
  },
  { method: 'DELETE', path: '/api/connections/demo/mappings/contact/jobtitle' },
  { method: 'GET', path: '/api/connections/demo/settings' },
  { method: 'PATCH', path: '/api/connections/demo/settings', body: { changes: {} } },
  { method: 'GET', path: '/api/live' },
  { method: 'GET', path: '/api/try-it/contacts' },
  {
    method: 'POST',
    path: '/api/try-it/edit',
    body: { connectionId: 'demo', hubspotId: '1', side: 'hubspot', field: 'jobtitle', value: 'x' },
  },
  { method: 'GET', path: '/api/try-it/edit-status' },
]

/** Every page of the demo's console: its nav-<name> test id, and a test id it shows once its data is in. */
const PAGES = [
  ['overview', 'overview-objects'],
  ['health', 'health-groups|health-empty'],
  ['records', 'record-search'],
  ['mappings', 'mappings-contact'],
  ['live', 'live-status'],
  ['try-it', 'try-it-form|try-it-no-contacts'],
] as const

describe('the console refuses what it must (issue #13 security)', () => {
  let demo: DemoForTest
  let browser: Browser
  const contexts: APIRequestContext[] = []

  async function apiContext(): Promise<APIRequestContext> {
    const context = await request.newContext({ baseURL: demo.url })
    contexts.push(context)
    return context
  }

  /** Logs in through the API as the console does: the session's CSRF token, then the password. */
  async function loggedIn(): Promise<{ api: APIRequestContext; csrfToken: string }> {
    const api = await apiContext()
    const session = (await (await api.get('/auth/session')).json()) as { csrfToken: string }
    const login = await api.post('/auth/login', {
      headers: { 'x-csrf-token': session.csrfToken },
      data: { password: demo.password },
    })
    expect(login.status(), await login.text()).toBeLessThan(300)
    const after = (await (await api.get('/auth/session')).json()) as {
      authenticated: boolean
      csrfToken: string
    }
    expect(after.authenticated).toBe(true)
    return { api, csrfToken: after.csrfToken }
  }

  beforeAll(async () => {
    demo = await startDemoForTest()
    browser = await launchChromium()
  }, 90_000)
  // The demo stops after the cycle under way (SIGKILL after 20 s): longer than the default hook timeout.
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.dispose()))
    await browser?.close()
    await demo?.stop()
  }, 30_000)

  it('an anonymous request to every API route is 401; /healthz needs no session', async () => {
    const api = await apiContext()
    const statuses = await Promise.all(
      API_ROUTES.map(async (r) => {
        const res = await api.fetch(r.path, {
          method: r.method,
          ...(r.body === undefined ? {} : { data: r.body }),
        })
        return `${r.method} ${r.path} ${res.status()}`
      }),
    )
    expect(statuses).toEqual(API_ROUTES.map((r) => `${r.method} ${r.path} 401`))
    expect((await api.get('/healthz')).status()).toBe(200)
  })

  it('a wrong password is 401 and leaves the browser anonymous', async () => {
    const api = await apiContext()
    const session = (await (await api.get('/auth/session')).json()) as { csrfToken: string }
    const login = await api.post('/auth/login', {
      headers: { 'x-csrf-token': session.csrfToken },
      data: { password: `${demo.password}x` },
    })
    expect(login.status()).toBe(401)
    expect((await api.get('/api/connections')).status()).toBe(401)
  })

  it('with the session cookie, a state-changing call without x-csrf-token is 403 and with it goes through', async () => {
    const { api, csrfToken } = await loggedIn()
    expect((await api.get('/api/connections')).status()).toBe(200)
    const resync = { data: { errors: {} } }
    expect((await api.post('/api/connections/demo/resync', resync)).status()).toBe(403)
    expect((await api.patch('/api/connections/demo/settings', { data: { changes: {} } })).status()).toBe(403)
    expect(
      (
        await api.post('/api/connections/demo/resync', { ...resync, headers: { 'x-csrf-token': 'forged' } })
      ).status(),
    ).toBe(403)
    const allowed = await api.post('/api/connections/demo/resync', {
      ...resync,
      headers: { 'x-csrf-token': csrfToken },
    })
    expect(allowed.status(), await allowed.text()).toBe(200)
  })

  it('no page or API response holds the password or a CRM token, and the demo prints the password on its one line only', async () => {
    const context = await browser.newContext({ baseURL: demo.url })
    const page = await context.newPage()
    const bodies: string[] = []
    const reads: Promise<unknown>[] = []
    page.on('response', (res) => {
      // Server-sent events never end: the live feed is read by the pages' own checks, not here.
      if (res.headers()['content-type']?.startsWith('text/event-stream') === true) return
      reads.push(
        res.text().then(
          (t) => bodies.push(`${res.url()}\n${t}`),
          () => undefined,
        ),
      )
    })
    await page.goto('/')
    await page.getByTestId('login-password').fill(demo.password)
    await page.getByTestId('login-submit').click()
    for (const [name, loaded] of PAGES) {
      await page.getByTestId(`nav-${name}`).click()
      await page.waitForURL((url) => url.pathname === (name === 'overview' ? '/' : `/${name}`))
      const [first, second] = loaded.split('|')
      const shown = page.getByTestId(first ?? '')
      await (second === undefined ? shown : shown.or(page.getByTestId(second))).waitFor()
      bodies.push(`${page.url()}\n${await page.content()}`)
    }
    // What no page links to but a logged-in browser (or anyone, for the public ones) can read; /readyz may
    // still answer 503 while the demo imports.
    for (const path of ['/api/connections/demo/health.csv', '/metrics', '/readyz', '/healthz']) {
      const res = await context.request.get(path)
      expect(res.status() === 200 || path === '/readyz', `${path} ${res.status()}`).toBe(true)
      bodies.push(`${path}\n${await res.text()}`)
    }
    await Promise.all(reads)
    await context.close()
    expect(bodies.length).toBeGreaterThan(PAGES.length)
    expect(bodies.filter((b) => b.includes(demo.password))).toEqual([])
    expect(bodies.filter((b) => CRM_TOKEN.test(b))).toEqual([])

    expect(await demo.stop()).toBe(0)
    const output = `${demo.stdout()}\n${demo.stderr()}`.split('\n')
    expect(output.filter((l) => l.includes(demo.password))).toEqual([
      expect.stringMatching(/^Console: \S+\s+password: /),
    ])
    expect(output.filter((l) => CRM_TOKEN.test(l))).toEqual([])
  })
})
