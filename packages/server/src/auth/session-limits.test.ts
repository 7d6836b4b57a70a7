import { afterEach, describe, expect, it } from 'vitest'

import type { ConsoleServer } from '../create-server.js'
import { startTestServer } from '../testing/console-test-server.js'
import { cookieOf, loggedInBrowser } from '../testing/inject-browser.js'
import { SESSION_LIMITS } from './register-auth.js'

let started: Awaited<ReturnType<typeof startTestServer>> | undefined

afterEach(async () => {
  await started?.close()
  started = undefined
})

/** GET /auth/session with `cookie`: the cookie it answers with and whether the session is logged in. */
async function session(server: ConsoleServer, cookie?: string) {
  const res = await server.app.inject({
    method: 'GET',
    url: '/auth/session',
    ...(cookie === undefined ? {} : { headers: { cookie } }),
  })
  return {
    cookie: cookieOf(res.headers['set-cookie']),
    csrf: res.json<{ csrfToken: string }>().csrfToken,
    authenticated: res.json<{ authenticated: boolean }>().authenticated,
  }
}

describe('console server: sessions are bounded (a flood of GET /auth/session cannot grow memory)', () => {
  it('a session that never logged in is gone after its idle minutes; a logged-in one stays', async () => {
    let now = 1_000_000
    started = await startTestServer({ now: () => now })
    const { server } = started
    const user = (await loggedInBrowser(server)).cookie
    const anonymous = await session(server)
    expect((await session(server, anonymous.cookie)).cookie).toBe(anonymous.cookie)
    now += SESSION_LIMITS.anonymousIdleMs
    // The same cookie now gets a new session (a new id).
    expect((await session(server, anonymous.cookie)).cookie).not.toBe(anonymous.cookie)
    expect(await session(server, user)).toMatchObject({ authenticated: true })
  })

  it('more anonymous sessions than the maximum drop the oldest, never a logged-in one', async () => {
    started = await startTestServer()
    const { server } = started
    const user = (await loggedInBrowser(server)).cookie
    const first = await session(server)
    for (let i = 0; i < SESSION_LIMITS.maxAnonymous; i++) await session(server)
    expect((await session(server, first.cookie)).cookie).not.toBe(first.cookie)
    expect(await session(server, user)).toMatchObject({ authenticated: true })
  })
})
