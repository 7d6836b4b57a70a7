import { afterEach, describe, expect, it } from 'vitest'

import { LOGIN_ATTEMPTS_PER_MINUTE, SESSION_COOKIE } from './auth/register-auth.js'
import type { ConsoleServer } from './create-server.js'
import { NOT_BUILT_PAGE } from './platform/static-files.js'
import { startTestServer, TEST_PASSWORD } from './testing/console-test-server.js'
import { anonymousBrowser, cookieOf, type InjectBrowser, loggedInBrowser } from './testing/inject-browser.js'

let started: Awaited<ReturnType<typeof startTestServer>> | undefined

afterEach(async () => {
  await started?.close()
  started = undefined
})

async function serve(...args: Parameters<typeof startTestServer>): Promise<ConsoleServer> {
  started = await startTestServer(...args)
  return started.server
}

function login(server: ConsoleServer, browser: InjectBrowser, password: string) {
  return server.app.inject({
    method: 'POST',
    url: '/auth/login',
    headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrf },
    payload: { password },
  })
}

/** Every /api route registered (other helpers' routes included), with its parameters filled in. */
function apiRoutes(server: ConsoleServer): { method: string; url: string }[] {
  return server.routes
    .filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD')
    .map((r) => ({ method: r.method, url: r.url.replace(/:[A-Za-z]+/g, 'x1') }))
}

describe('console server: login and the API guard (issue #13)', () => {
  it('answers 401 to an anonymous request on every registered /api route and on unknown /api paths', async () => {
    const server = await serve()
    const routes = apiRoutes(server)
    expect(routes).toContainEqual({ method: 'GET', url: '/api/live' })
    const anonymous = await anonymousBrowser(server)
    for (const route of [...routes, { method: 'GET', url: '/api/no-such-route' }]) {
      // With no cookie at all, and with an anonymous session holding a valid CSRF token.
      for (const headers of [{}, { cookie: anonymous.cookie, 'x-csrf-token': anonymous.csrf }]) {
        const res = await server.app.inject({
          method: route.method as 'GET',
          url: route.url,
          headers,
          payload: {},
        })
        expect(res.statusCode, `${route.method} ${route.url}`).toBe(401)
      }
      // A body that does not parse is not looked at before the session is.
      const malformed = await server.app.inject({
        method: route.method as 'POST',
        url: route.url,
        headers: { 'content-type': 'application/json' },
        payload: '{not json',
      })
      expect(malformed.statusCode, `${route.method} ${route.url} with a malformed body`).toBe(401)
    }
  })

  it('logs in with the password: an HttpOnly SameSite=Strict cookie (not Secure over http), a new session id', async () => {
    const server = await serve()
    const anonymous = await anonymousBrowser(server)
    const res = await login(server, anonymous, TEST_PASSWORD)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ authenticated: true, demo: false })
    const setCookie = String(res.headers['set-cookie'])
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`))
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Strict/i)
    expect(setCookie).not.toMatch(/Secure/i)
    expect(cookieOf(res.headers['set-cookie'])).not.toBe(anonymous.cookie)
    const session = await server.app.inject({
      method: 'GET',
      url: '/auth/session',
      headers: { cookie: cookieOf(res.headers['set-cookie']) },
    })
    expect(session.json()).toMatchObject({ authenticated: true })
    // The anonymous session id from before the login is worth nothing (session fixation).
    const old = await server.app.inject({
      method: 'GET',
      url: '/auth/session',
      headers: { cookie: anonymous.cookie },
    })
    expect(old.json()).toMatchObject({ authenticated: false })
  })

  it('refuses a wrong password with 401 and a login without the CSRF token with 403', async () => {
    const server = await serve()
    const browser = await anonymousBrowser(server)
    expect((await login(server, browser, 'wrong')).statusCode).toBe(401)
    const noToken = await server.app.inject({
      method: 'POST',
      url: '/auth/login',
      headers: { cookie: browser.cookie },
      payload: { password: TEST_PASSWORD },
    })
    expect(noToken.statusCode).toBe(403)
  })

  it('rate-limits logins: 429 with Retry-After once the attempts of a minute are spent', async () => {
    const server = await serve()
    const browser = await anonymousBrowser(server)
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_MINUTE; i++)
      expect((await login(server, browser, 'guess')).statusCode).toBe(401)
    const limited = await login(server, browser, TEST_PASSWORD)
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('refuses a state-changing /api request without the CSRF token with 403 once logged in', async () => {
    const server = await serve()
    const browser = await loggedInBrowser(server)
    const nonGet = apiRoutes(server).filter((r) => r.method !== 'GET')
    for (const route of [...nonGet, { method: 'POST', url: '/api/live' }]) {
      for (const token of [undefined, 'forged-token']) {
        const headers =
          token === undefined ? { cookie: browser.cookie } : { cookie: browser.cookie, 'x-csrf-token': token }
        const res = await server.app.inject({
          method: route.method as 'POST',
          url: route.url,
          headers,
          payload: {},
        })
        // POST /api/live exists only as GET: the guard still answers first, then 404.
        expect(res.statusCode, `${route.method} ${route.url}`).toBe(route.url === '/api/live' ? 404 : 403)
      }
    }
    const unknown = await server.app.inject({
      method: 'GET',
      url: '/api/no-such-route',
      headers: { cookie: browser.cookie },
    })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toMatchObject({ error: { code: 'not-found' } })
  })

  it('logs out: the session is anonymous again', async () => {
    const server = await serve()
    const browser = await loggedInBrowser(server)
    const res = await server.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrf },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ authenticated: false })
    const live = await server.app.inject({
      method: 'GET',
      url: '/api/no-such-route',
      headers: { cookie: cookieOf(res.headers['set-cookie']) },
    })
    expect(live.statusCode).toBe(401)
  })

  it('never sends the password or the CRM tokens in a body or a header', async () => {
    const server = await serve()
    const anonymous = await anonymousBrowser(server)
    const answers = [
      await login(server, anonymous, 'wrong'),
      await login(server, await anonymousBrowser(server), TEST_PASSWORD),
      await server.app.inject({ method: 'GET', url: '/' }),
      await server.app.inject({ method: 'GET', url: '/metrics' }),
      await server.app.inject({ method: 'GET', url: '/readyz' }),
      await server.app.inject({ method: 'GET', url: '/auth/session' }),
    ]
    for (const res of answers) {
      const text = `${JSON.stringify(res.headers)}\n${res.body}`
      for (const secret of [TEST_PASSWORD, 'sf-secret-token', 'hs-secret-token'])
        expect(text).not.toContain(secret)
    }
  })
})

describe('console server: pages and health', () => {
  it('/healthz answers 200; /readyz 503 until the engines started, then 200', async () => {
    let ready = false
    const server = await serve({ ready: () => ready })
    expect((await server.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
    expect((await server.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503)
    ready = true
    expect((await server.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200)
  })

  it('/readyz answers 503 when a store does not answer', async () => {
    const server = await serve()
    await started!.store.close()
    expect((await server.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503)
  })

  it('without a built console, / says how to build it, with the security headers', async () => {
    const server = await serve({ staticDir: '/nonexistent/console/dist' })
    const res = await server.app.inject({ method: 'GET', url: '/' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe(NOT_BUILT_PAGE)
    expect(res.body).toContain('npm run build -w @crmsync/console')
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
  })
})
