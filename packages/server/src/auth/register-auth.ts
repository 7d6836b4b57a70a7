import { randomBytes } from 'node:crypto'

import fastifyCookie from '@fastify/cookie'
import fastifyCsrf from '@fastify/csrf-protection'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifySession from '@fastify/session'
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'

import type { SessionInfo } from '../api-types.js'
import { apiError, sendError } from '../platform/api-error.js'
import { createBoundedSessionStore } from './bounded-session-store.js'
import { passwordMatches } from './password-check.js'

declare module 'fastify' {
  interface Session {
    /** Set by a correct password; what every `/api/` route requires. */
    authenticated?: boolean
  }
}

export const SESSION_COOKIE = 'crmsync_session'
/** Logins allowed per client address per minute (issue #13: login attempts rate-limited). */
export const LOGIN_ATTEMPTS_PER_MINUTE = 10
const SESSION_HOURS = 12
/**
 * Sessions that never logged in, kept at most and for how long idle: a browser's login page asks for its CSRF
 * token and logs in within minutes. Logged-in sessions: enough for a team, each took the password.
 */
export const SESSION_LIMITS = {
  maxAnonymous: 1000,
  anonymousIdleMs: 10 * 60_000,
  maxAuthenticated: 200,
  authenticatedIdleMs: SESSION_HOURS * 3_600_000,
} as const

export const UNAUTHORIZED = apiError('unauthorized', 'Log in to the console first.')

export interface AuthOptions {
  readonly password: string
  readonly demo: boolean
  readonly secureCookie: boolean
  /** The clock sessions expire by. */
  readonly now: () => number
}

/** Whether the request's session has logged in. */
export function isAuthenticated(request: FastifyRequest): boolean {
  return request.session.authenticated === true
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The sessions, the CSRF tokens bound to them, and `/auth/session`, `/auth/login`, `/auth/logout`. The session
 * secret is new in every process, so a restart logs everyone out; the cookie is HttpOnly, SameSite=Strict, and
 * Secure only when the deps say a TLS proxy stands in front (secureCookie): over plain http to another host than
 * localhost a browser drops a Secure cookie, and nobody could log in.
 */
export async function registerAuth(app: FastifyInstance, options: AuthOptions): Promise<void> {
  await app.register(fastifyCookie)
  await app.register(fastifySession, {
    secret: randomBytes(32).toString('base64url'),
    cookieName: SESSION_COOKIE,
    saveUninitialized: false,
    // Bounded (the plugin's default store keeps every session 12 h): see createBoundedSessionStore.
    store: createBoundedSessionStore({ ...SESSION_LIMITS, now: options.now }),
    cookie: {
      httpOnly: true,
      sameSite: 'strict',
      secure: options.secureCookie,
      path: '/',
      maxAge: SESSION_HOURS * 3_600_000,
    },
  })
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/session',
    // One place for the token, so a form post or a query string can never carry it.
    getToken: (request) => {
      const token = request.headers['x-csrf-token']
      return typeof token === 'string' ? token : undefined
    },
  })
  await app.register(fastifyRateLimit, { global: false })

  const checkCsrf = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    app.csrfProtection(request, reply, done)
  }
  const sessionInfo = (request: FastifyRequest, reply: FastifyReply): SessionInfo => ({
    authenticated: isAuthenticated(request),
    csrfToken: reply.generateCsrf(),
    demo: options.demo,
  })

  app.get('/auth/session', (request, reply) => {
    void reply.header('cache-control', 'no-store')
    return sessionInfo(request, reply)
  })

  app.post(
    '/auth/login',
    {
      config: { rateLimit: { max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: 60_000 } },
      preHandler: checkCsrf,
    },
    async (request, reply) => {
      const body = request.body as { password?: unknown } | undefined
      if (typeof body?.password !== 'string')
        return sendError(reply, 400, 'bad-request', 'Send { "password": "..." }.')
      if (!passwordMatches(body.password, options.password))
        return sendError(reply, 401, 'unauthorized', 'Wrong password.')
      // A new session id on login: a session id known before it (session fixation) is worth nothing.
      await request.session.regenerate()
      request.session.authenticated = true
      return sessionInfo(request, reply)
    },
  )

  app.post('/auth/logout', { preHandler: checkCsrf }, async (request, reply) => {
    await request.session.regenerate()
    return sessionInfo(request, reply)
  })
}

/**
 * The guard of every `/api/` route: 401 without a logged-in session, 403 on a state-changing request without
 * the session's CSRF token in `x-csrf-token`.
 */
export function requireSession(app: FastifyInstance) {
  return (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    if (!isAuthenticated(request)) {
      void reply.code(401).send(UNAUTHORIZED)
      return
    }
    if (SAFE_METHODS.has(request.method)) {
      done()
      return
    }
    app.csrfProtection(request, reply, done)
  }
}
