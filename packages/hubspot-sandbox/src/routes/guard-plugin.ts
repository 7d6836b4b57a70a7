import { setTimeout as sleep } from 'node:timers/promises'

import type { FastifyInstance } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { HubSpotError } from '../http/errors.js'
import { faultError } from '../limits/faults.js'
import { missingScopesError, requiredScopes } from '../limits/scope-rules.js'

const UNAUTHENTICATED =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview'

/** Paths that need no token: the admin API, OAuth (token exchange, token and refresh-token info), form submits. */
function isOpen(url: string): boolean {
  return (
    url.startsWith('/__sandbox') ||
    url.startsWith('/oauth/v1/') ||
    url.startsWith('/oauth/v2/') ||
    // The public form submission endpoint takes no token (forms-plugin.ts); `/secure/submit/` does.
    url.startsWith('/submissions/v3/integration/submit/')
  )
}

/**
 * Hooks in front of every API route: bearer auth, the token's scopes (scope-rules.ts), injected faults, rate limits with their headers, and
 * per-endpoint call counters. Registered on the root instance so they cover every plugin.
 */
export function installGuard(app: FastifyInstance, deps: SandboxDeps): void {
  const aborts = new Set<AbortController>()
  app.decorateRequest('writeSource', null as never)
  app.addHook('onClose', (_instance, done) => {
    for (const controller of aborts) controller.abort()
    done()
  })

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? request.url
    if (isOpen(path)) return
    // Webhook management authenticates with the developer API key (hapikey), as HubSpot's does.
    if (
      path.startsWith('/webhooks/v3/') &&
      new URLSearchParams(request.url.split('?')[1] ?? '').has('hapikey')
    )
      return
    const header = request.headers.authorization ?? ''
    const token = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : ''
    const info = deps.portal.tokens.get(token)
    if (info === undefined) {
      throw new HubSpotError({ status: 401, category: 'INVALID_AUTHENTICATION', message: UNAUTHENTICATED })
    }
    if (info.expiresAt !== undefined && info.expiresAt <= deps.clock.now()) {
      const ago = Math.round((deps.clock.now() - info.expiresAt) / 1000)
      throw new HubSpotError({
        status: 401,
        category: 'INVALID_AUTHENTICATION',
        message: `The OAuth token used to make this call expired ${ago} second(s) ago.`,
        extra: { subCategory: 'EXPIRED_AUTHENTICATION' },
      })
    }
    const required = requiredScopes(request.method, path)
    if (required !== undefined && !required.some((scope) => info.scopes.includes(scope)))
      throw missingScopesError(required)
    request.writeSource = { sourceType: 'INTEGRATION', sourceId: String(info.appId) }

    const fault = deps.faults.pick(request.method, path)
    if (fault?.kind === 'timeout') {
      const controller = new AbortController()
      aborts.add(controller)
      await sleep(fault.delayMs ?? 30_000, undefined, { signal: controller.signal }).catch(() => undefined)
      aborts.delete(controller)
    }
    if (fault !== undefined) throw faultError(fault)

    const day = new Date(deps.clock.now()).toISOString().slice(0, 10)
    const search = request.method === 'POST' && /\/search\/?$/.test(path)
    const verdict = deps.limiter.take(token, day, { search, oauth: info.kind === 'oauth' })
    void reply.headers(verdict.headers)
    if (verdict.error !== undefined) throw verdict.error
  })

  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched'
    if (!route.startsWith('/__sandbox')) deps.counters.record(request.method, route, reply.statusCode)
    done()
  })
}
