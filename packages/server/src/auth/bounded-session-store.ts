import type { SessionStore } from '@fastify/session'
import type { Session } from 'fastify'

export interface BoundedSessionStoreOptions {
  /** Sessions that never logged in (GET /auth/session made them for a CSRF token) kept at most. */
  readonly maxAnonymous: number
  /** A session that never logged in is dropped after this long without a request. */
  readonly anonymousIdleMs: number
  /** Logged-in sessions kept at most (each took the password). */
  readonly maxAuthenticated: number
  /** A logged-in session is dropped after this long without a request (the cookie's own lifetime). */
  readonly authenticatedIdleMs: number
  readonly now: () => number
}

interface Entry {
  readonly session: Session
  readonly touchedAt: number
}

/**
 * The console's sessions in memory, bounded: @fastify/session's default store keeps every session for its
 * cookie's lifetime (12 h), so a flood of GET /auth/session (which makes a session for its CSRF token) would
 * grow memory without end. Anonymous and logged-in sessions are kept apart, each with its own maximum (the
 * least recently used is dropped first) and idle lifetime, so a flood of anonymous ones never logs anyone out.
 * A Map keeps insertion order: re-inserting on each use makes its first entry the least recently used.
 */
export function createBoundedSessionStore(options: BoundedSessionStoreOptions): SessionStore & {
  /** Sessions held now, anonymous and logged in. */
  size(): { anonymous: number; authenticated: number }
} {
  const anonymous = new Map<string, Entry>()
  const authenticated = new Map<string, Entry>()
  const poolOf = (session: Session) => (session.authenticated === true ? authenticated : anonymous)
  const limits = (pool: Map<string, Entry>) =>
    pool === authenticated
      ? { max: options.maxAuthenticated, idleMs: options.authenticatedIdleMs }
      : { max: options.maxAnonymous, idleMs: options.anonymousIdleMs }

  /** Drops the pool's idle sessions (oldest first, so the walk stops at the first live one) and its excess. */
  const prune = (pool: Map<string, Entry>) => {
    const { max, idleMs } = limits(pool)
    const now = options.now()
    for (const [id, entry] of pool) {
      if (now - entry.touchedAt < idleMs && pool.size <= max) break
      pool.delete(id)
    }
  }

  return {
    set(sessionId, session, callback) {
      anonymous.delete(sessionId)
      authenticated.delete(sessionId)
      const pool = poolOf(session)
      pool.set(sessionId, { session, touchedAt: options.now() })
      prune(pool)
      callback()
    },
    get(sessionId, callback) {
      for (const pool of [authenticated, anonymous]) {
        const entry = pool.get(sessionId)
        if (entry === undefined) continue
        pool.delete(sessionId)
        if (options.now() - entry.touchedAt >= limits(pool).idleMs) break
        pool.set(sessionId, { session: entry.session, touchedAt: options.now() })
        callback(null, entry.session)
        return
      }
      callback(null, null)
    },
    destroy(sessionId, callback) {
      anonymous.delete(sessionId)
      authenticated.delete(sessionId)
      callback()
    },
    size: () => ({ anonymous: anonymous.size, authenticated: authenticated.size }),
  }
}
