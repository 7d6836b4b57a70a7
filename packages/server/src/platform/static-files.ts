import { existsSync } from 'node:fs'
import { join } from 'node:path'

import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

import { isAuthenticated, UNAUTHORIZED } from '../auth/register-auth.js'
import { sendError } from './api-error.js'

export const NOT_BUILT_PAGE = [
  'The crmsync console is not built, so this server answers its API only.',
  '',
  'Build it with:  npm run build -w @crmsync/console',
  'then start crmsync again.',
  '',
].join('\n')

/**
 * The built console at `/`, with every other GET that is not under /api or /auth answered by index.html (the
 * console routes in the browser). Without a build, `/` says how to make one. Unknown `/api/` paths answer 401
 * to an anonymous request, as every API route does, so they reveal nothing; 404 once logged in.
 */
export async function registerStaticFiles(
  app: FastifyInstance,
  staticDir: string | undefined,
): Promise<void> {
  const built = staticDir !== undefined && existsSync(join(staticDir, 'index.html'))
  if (built) {
    await app.register(fastifyStatic, { root: staticDir, prefix: '/', index: 'index.html' })
  } else {
    app.get('/', (_request, reply) => reply.type('text/plain; charset=utf-8').send(NOT_BUILT_PAGE))
  }
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? ''
    if (path === '/api' || path.startsWith('/api/')) {
      if (!isAuthenticated(request)) return reply.code(401).send(UNAUTHORIZED)
      return sendError(reply, 404, 'not-found', `No API route ${request.method} ${path}.`)
    }
    const page = request.method === 'GET' || request.method === 'HEAD'
    if (built && page && !path.startsWith('/auth/')) return reply.type('text/html').sendFile('index.html')
    return sendError(reply, 404, 'not-found', `Nothing at ${path}.`)
  })
}
