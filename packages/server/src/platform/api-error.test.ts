import { afterEach, describe, expect, it } from 'vitest'

import { LOGIN_ATTEMPTS_PER_MINUTE } from '../auth/register-auth.js'
import { startTestServer, TEST_PASSWORD } from '../testing/console-test-server.js'
import { anonymousBrowser, cookieOf } from '../testing/inject-browser.js'

let started: Awaited<ReturnType<typeof startTestServer>> | undefined

afterEach(async () => {
  await started?.close()
  started = undefined
})

/** The body's error, checked to be the one shape: `{ error: { code, message } }` and nothing else. */
function errorOf(response: { statusCode: number; json: () => unknown }) {
  const body = response.json() as { error?: unknown }
  expect(Object.keys(body as object)).toEqual(['error'])
  expect(body.error).toEqual({ code: expect.any(String) as unknown, message: expect.any(String) as unknown })
  return { status: response.statusCode, ...(body.error as { code: string; message: string }) }
}

describe('console server: every error answer has one shape, { error: { code, message } }', () => {
  it('from the login, the guard, the plugins (CSRF, rate limit, body parser), the routes and unknown paths', async () => {
    started = await startTestServer({
      demo: { edit: () => Promise.resolve({ editedAt: 0 }) },
    })
    const { server } = started
    const browser = await anonymousBrowser(server)
    const login = (password: unknown, headers: Record<string, string> = {}) =>
      server.app.inject({
        method: 'POST',
        url: '/auth/login',
        headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrf, ...headers },
        payload: { password },
      })

    expect(errorOf(await server.app.inject({ method: 'GET', url: '/api/connections' }))).toMatchObject({
      status: 401,
      code: 'unauthorized',
    })
    expect(errorOf(await login(42))).toMatchObject({ status: 400, code: 'bad-request' })
    expect(errorOf(await login('wrong'))).toMatchObject({
      status: 401,
      code: 'unauthorized',
      message: 'Wrong password.',
    })
    expect(errorOf(await login(TEST_PASSWORD, { 'x-csrf-token': 'forged' }))).toMatchObject({
      status: 403,
      code: 'forbidden',
    })
    expect(errorOf(await server.app.inject({ method: 'GET', url: '/no/such/page.txt' }))).toMatchObject({
      status: 404,
      code: 'not-found',
    })

    const ok = await login(TEST_PASSWORD)
    expect(ok.statusCode).toBe(200)
    const headers = {
      cookie: cookieOf(ok.headers['set-cookie']),
      'x-csrf-token': ok.json<{ csrfToken: string }>().csrfToken,
    }
    const api = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
      server.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) })
    expect(errorOf(await api('GET', '/api/no-such-route'))).toMatchObject({ status: 404, code: 'not-found' })
    expect(errorOf(await api('GET', '/api/connections/nope/overview'))).toMatchObject({
      status: 404,
      code: 'not-found',
    })
    expect(errorOf(await api('POST', '/api/connections/default/resync', { nothing: 1 }))).toMatchObject({
      status: 400,
      code: 'bad-request',
    })
    expect(errorOf(await api('POST', '/api/connections/default/resync', { errors: {} }))).toMatchObject({
      status: 409,
      code: 'no-engine',
    })
    expect(errorOf(await api('POST', '/api/try-it/edit', { side: 'nowhere' }))).toMatchObject({
      status: 400,
      code: 'bad-request',
    })
    const notJson = await server.app.inject({
      method: 'POST',
      url: '/api/connections/default/resync',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: '{ not json',
    })
    expect(errorOf(notJson)).toMatchObject({ status: 400, code: 'bad-request' })

    for (let i = 0; i < LOGIN_ATTEMPTS_PER_MINUTE; i++) await login('guess')
    expect(errorOf(await login(TEST_PASSWORD))).toMatchObject({ status: 429, code: 'too-many-requests' })
  })

  it('a route that throws answers 500 with a sentence and no detail (that goes to the log)', async () => {
    const logged: unknown[] = []
    const failing = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (fields: unknown) => void logged.push(fields),
    }
    started = await startTestServer({ logger: failing })
    const { server } = started
    server.app.get('/boom', () => {
      throw new Error('secret detail of the failure')
    })
    const res = await server.app.inject({ method: 'GET', url: '/boom' })
    expect(errorOf(res)).toMatchObject({ status: 500, code: 'internal' })
    expect(res.body).not.toContain('secret detail')
    expect(JSON.stringify(logged)).toContain('secret detail')
  })
})
