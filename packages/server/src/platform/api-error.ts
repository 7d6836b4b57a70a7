import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'

import type { ApiErrorBody } from '../api-types.js'
import type { ConsoleServerDeps } from '../server-deps.js'

/** The body of every error answer of the server: a code to branch on and a sentence for the person. */
export function apiError(code: string, message: string): ApiErrorBody {
  return { error: { code, message } }
}

/** Sends an error answer: `{ error: { code, message } }` with `status`. */
export function sendError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send(apiError(code, message))
}

/** The code of an error Fastify or a plugin raised (a body that is not JSON, a spent rate limit...). */
const CODE_OF_STATUS: Readonly<Record<number, string>> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
}

/**
 * Errors thrown by Fastify and its plugins (a body that is not JSON, a missing or forged CSRF token, the login
 * rate limit) get the same shape as the routes' own. A server error says only that it happened: its detail
 * goes to the log, never to the browser.
 */
export function registerErrorAnswers(app: FastifyInstance, logger: ConsoleServerDeps['logger']): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const status = err.statusCode !== undefined && err.statusCode >= 400 ? err.statusCode : 500
    if (status >= 500) {
      logger.error({ err: String(err), method: request.method, url: request.url }, 'console: request failed')
      return sendError(reply, status, 'internal', 'the console server failed on this request; see its log')
    }
    return sendError(reply, status, CODE_OF_STATUS[status] ?? 'bad-request', err.message)
  })
}
