import type { Session } from 'fastify'
import { describe, expect, it } from 'vitest'

import { createBoundedSessionStore } from './bounded-session-store.js'

const MINUTE = 60_000

function storeAt(clock: { now: number }) {
  return createBoundedSessionStore({
    maxAnonymous: 3,
    anonymousIdleMs: 10 * MINUTE,
    maxAuthenticated: 2,
    authenticatedIdleMs: 12 * 60 * MINUTE,
    now: () => clock.now,
  })
}

const anonymous = (tag: string) => ({ tag }) as unknown as Session
const loggedIn = (tag: string) => ({ tag, authenticated: true }) as unknown as Session

/** The store's callbacks as promises. */
function promised(store: ReturnType<typeof storeAt>) {
  return {
    set: (id: string, session: Session) =>
      new Promise<void>((resolve) => store.set(id, session, () => resolve())),
    get: (id: string) =>
      new Promise<unknown>((resolve) => store.get(id, (_err, session) => resolve(session ?? null))),
    destroy: (id: string) => new Promise<void>((resolve) => store.destroy(id, () => resolve())),
  }
}

describe('the console session store: bounded, so a flood of anonymous sessions cannot grow memory', () => {
  it('keeps at most maxAnonymous sessions that never logged in, dropping the least recently used', async () => {
    const clock = { now: 0 }
    const store = storeAt(clock)
    const s = promised(store)
    for (const id of ['a', 'b', 'c']) await s.set(id, anonymous(id))
    expect(await s.get('a')).toEqual({ tag: 'a' }) // used: b is now the least recently used
    await s.set('d', anonymous('d'))
    expect(store.size()).toEqual({ anonymous: 3, authenticated: 0 })
    expect(await s.get('b')).toBeNull()
    for (const id of ['a', 'c', 'd']) expect(await s.get(id)).toEqual({ tag: id })
  })

  it('a flood of anonymous sessions never drops a logged-in one', async () => {
    const clock = { now: 0 }
    const store = storeAt(clock)
    const s = promised(store)
    await s.set('me', anonymous('me'))
    await s.set('me', loggedIn('me')) // the login
    for (let i = 0; i < 1000; i++) await s.set(`flood-${String(i)}`, anonymous('flood'))
    expect(store.size()).toEqual({ anonymous: 3, authenticated: 1 })
    expect(await s.get('me')).toEqual({ tag: 'me', authenticated: true })
  })

  it('drops a session that never logged in after 10 idle minutes; a logged-in one lives its 12 h', async () => {
    const clock = { now: 0 }
    const s = promised(storeAt(clock))
    await s.set('anon', anonymous('anon'))
    await s.set('user', loggedIn('user'))
    clock.now = 9 * MINUTE
    expect(await s.get('anon')).toEqual({ tag: 'anon' }) // a use restarts its idle time
    clock.now = 18 * MINUTE
    expect(await s.get('anon')).toEqual({ tag: 'anon' })
    clock.now = 29 * MINUTE
    expect(await s.get('anon')).toBeNull()
    expect(await s.get('user')).toEqual({ tag: 'user', authenticated: true })
    clock.now = 29 * MINUTE + 12 * 60 * MINUTE
    expect(await s.get('user')).toBeNull()
  })

  it('idle sessions are dropped as new ones arrive, not only when asked for', async () => {
    const clock = { now: 0 }
    const store = storeAt(clock)
    const s = promised(store)
    await s.set('a', anonymous('a'))
    await s.set('b', anonymous('b'))
    clock.now = 11 * MINUTE
    await s.set('c', anonymous('c'))
    expect(store.size()).toEqual({ anonymous: 1, authenticated: 0 })
  })

  it('keeps at most maxAuthenticated logged-in sessions; destroy (logout) removes one', async () => {
    const clock = { now: 0 }
    const store = storeAt(clock)
    const s = promised(store)
    for (const id of ['x', 'y', 'z']) await s.set(id, loggedIn(id))
    expect(store.size()).toEqual({ anonymous: 0, authenticated: 2 })
    expect(await s.get('x')).toBeNull()
    await s.destroy('y')
    expect(await s.get('y')).toBeNull()
    expect(store.size()).toEqual({ anonymous: 0, authenticated: 1 })
  })
})
