// Cross-cutting behaviour of every response: auth, API usage and Sforce-Limit-Info, faults, counters,
// the Date header from the sandbox clock, and Salesforce-shaped errors.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

import { concurrentLongRunningLimit } from './api-allocation.js'
import { notFound, RecordError, SfError } from './errors.js'
import { editionHasApi } from './metadata/organization.js'
import { objectAccess } from './metadata/permission-sets.js'
import { apiEnabledFor } from './metadata/user-permissions.js'
import type { SandboxState } from './state.js'

const users = new WeakMap<FastifyRequest, string>()
const API_PATH = /^\/services\/data\/v\d+\.\d(?:\/|$|\?)/
const QUERY_PATH = /^\/services\/data\/v\d+\.\d\/(?:query|queryAll)(?:\/|$|\?)/
const SOAP_PATH = /^\/services\/Soap\/u\//

/** The user the request's token belongs to (the integration user when unauthenticated paths ask). */
export function userOf(request: FastifyRequest, state: SandboxState): string {
  return users.get(request) ?? state.org.integrationUserId
}

export function sendError(reply: FastifyReply, err: SfError): FastifyReply {
  return reply.code(err.statusCode).type('application/json;charset=UTF-8').send([err.toJSON()])
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  const match = header ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header) : null
  return match?.[1]?.trim()
}

/** The `client` of `Sforce-Call-Options: client=X, defaultNamespace=Y` (`,` or `;` separated). */
export function callOptionsClient(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header
  const match = value ? /(?:^|[,;])\s*client\s*=\s*([^,;]+)/.exec(value) : null
  return match?.[1]?.trim()
}

/** Checks a token against the store and the clock; returns the user id or undefined. */
export function authenticate(state: SandboxState, token: string | undefined): string | undefined {
  if (!token) return undefined
  const info = state.tokens.get(token)
  if (!info) return undefined
  if (info.expiresAt !== undefined && state.clock.now() >= info.expiresAt) return undefined
  return info.userId
}

export function apiDisabled(): SfError {
  return new SfError(403, 'API_DISABLED_FOR_ORG', 'API is not enabled for this Organization or Partner')
}

export function registerHooks(app: FastifyInstance, state: SandboxState): void {
  // An sObject path naming an object the user cannot read answers as for an object that does not exist.
  app.addHook('preHandler', async (request, reply) => {
    const type = (request.params as { type?: unknown } | undefined)?.type
    if (typeof type !== 'string' || !API_PATH.test(request.url)) return
    if (!objectAccess(state.org, userOf(request, state), type).PermissionsRead)
      return sendError(reply, notFound())
  })

  app.addHook('onRequest', async (request, reply) => {
    const url = request.url
    const isApi = API_PATH.test(url)
    if (!isApi && !SOAP_PATH.test(url)) return
    state.count(`${request.method} ${request.routeOptions.url ?? url.split('?')[0]}`)
    const client = callOptionsClient(request.headers['sforce-call-options'])
    if (client) state.clients.set(client, (state.clients.get(client) ?? 0) + 1)
    const fault = state.faults.forRequest(url)
    if (isApi) {
      const userId = authenticate(state, bearer(request))
      if (!userId || fault?.kind === 'INVALID_SESSION_ID') {
        return sendError(reply, new SfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid'))
      }
      users.set(request, userId)
      // Group Edition has no API, and a user without "API Enabled" may not use it: Salesforce answers both
      // with the same 403 before anything else, and does not count the call.
      if (!editionHasApi(state.org.edition) || !apiEnabledFor(state.org, userId))
        return sendError(reply, apiDisabled())
      // B-API-5: while the org's limit of long-running requests is running, every new request is refused.
      const now = performance.now()
      if (
        state.inFlight.longRunning(now, state.longRunningMs) >= concurrentLongRunningLimit(state.org.edition)
      ) {
        return sendError(
          reply,
          new SfError(403, 'REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'),
        )
      }
      state.inFlight.start(request, now)
      state.apiUsed++
      if (state.apiUsed > state.apiMax) {
        return sendError(reply, new SfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'))
      }
    }
    if (isApi && state.queryDelayMs > 0 && QUERY_PATH.test(url))
      await new Promise((resolve) => setTimeout(resolve, state.queryDelayMs))
    if (!fault) return
    switch (fault.kind) {
      case 'REQUEST_LIMIT_EXCEEDED':
        return sendError(reply, new SfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'))
      case 'SERVER_UNAVAILABLE':
        return sendError(reply, new SfError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable'))
      case 'UNKNOWN_EXCEPTION':
        return sendError(reply, new SfError(500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred.'))
      case 'TIMEOUT':
        // Hang, then drop the connection without an answer, as a gateway timeout looks to a client.
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 30_000))
        request.raw.socket.destroy()
        return reply.hijack()
      default:
        return
    }
  })

  // A request stops counting towards the long-running limit when it is answered or its client goes away.
  app.addHook('onResponse', (request, _reply, done) => {
    state.inFlight.end(request)
    done()
  })
  app.addHook('onRequestAbort', (request, done) => {
    state.inFlight.end(request)
    done()
  })

  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('Date', new Date(state.clock.now()).toUTCString())
    const url = request.url
    if (API_PATH.test(url) || SOAP_PATH.test(url)) {
      reply.header('Sforce-Limit-Info', `api-usage=${Math.min(state.apiUsed, state.apiMax)}/${state.apiMax}`)
    }
    done(null, payload)
  })

  app.setErrorHandler((err: FastifyError | SfError | RecordError, _request, reply) => {
    if (err instanceof SfError) return sendError(reply, err)
    if (err instanceof RecordError) return sendError(reply, err.toSfError())
    // An empty JSON body never gets here: body-parsers.ts reads it as no body.
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
      return sendError(reply, new SfError(400, 'JSON_PARSER_ERROR', `Unexpected character: ${err.message}`))
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendError(reply, new SfError(415, 'UNSUPPORTED_MEDIA_TYPE', err.message))
    }
    if (err.statusCode !== undefined && err.statusCode < 500) {
      return sendError(reply, new SfError(err.statusCode, 'INVALID_INPUT', err.message))
    }
    reply.log.error(err)
    return sendError(reply, new SfError(500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred.'))
  })

  app.setNotFoundHandler((_request, reply) =>
    sendError(reply, new SfError(404, 'NOT_FOUND', 'The requested resource does not exist')),
  )
}
