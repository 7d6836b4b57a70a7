import type { ConsoleServer } from '../create-server.js'
import { TEST_PASSWORD } from './console-test-server.js'

/** A browser's session over Fastify's inject: its cookie and the CSRF token it last got. */
export interface InjectBrowser {
  readonly cookie: string
  readonly csrf: string
}

/** The `name=value` of the first Set-Cookie header (throws without one). */
export function cookieOf(setCookie: string | string[] | number | undefined): string {
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie
  if (typeof first !== 'string') throw new Error('no set-cookie header')
  return first.split(';')[0]!
}

/** A browser that opened the login page: an anonymous session and its CSRF token. */
export async function anonymousBrowser(server: ConsoleServer): Promise<InjectBrowser> {
  const res = await server.app.inject({ method: 'GET', url: '/auth/session' })
  const body = res.json<{ authenticated: boolean; csrfToken: string }>()
  if (res.statusCode !== 200 || body.authenticated)
    throw new Error(`GET /auth/session answered ${String(res.statusCode)} ${res.body}`)
  return { cookie: cookieOf(res.headers['set-cookie']), csrf: body.csrfToken }
}

/** A browser logged in with `password` (the test server's by default); throws when the login is refused. */
export async function loggedInBrowser(
  server: ConsoleServer,
  password: string = TEST_PASSWORD,
): Promise<InjectBrowser> {
  const browser = await anonymousBrowser(server)
  const res = await server.app.inject({
    method: 'POST',
    url: '/auth/login',
    headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrf },
    payload: { password },
  })
  if (res.statusCode !== 200) throw new Error(`POST /auth/login answered ${String(res.statusCode)}`)
  return { cookie: cookieOf(res.headers['set-cookie']), csrf: res.json<{ csrfToken: string }>().csrfToken }
}
