import type { FastifyInstance } from 'fastify'
import type { Registry } from 'prom-client'

import type { ConsoleServerDeps } from '../server-deps.js'

/** `/healthz` (the process answers), `/readyz` (engines started, every store answers), `/metrics`. No session. */
export function registerHealthRoutes(
  app: FastifyInstance,
  deps: ConsoleServerDeps,
  registry: Registry,
): void {
  app.get('/healthz', () => ({ status: 'ok' }))

  app.get('/readyz', async (_request, reply) => {
    if (!deps.ready()) return reply.code(503).send({ status: 'starting' })
    const failing: string[] = []
    await Promise.all(
      deps.connections().map((c) =>
        c.store.countInbox(c.id).catch(() => {
          failing.push(c.id)
        }),
      ),
    )
    if (failing.length > 0) return reply.code(503).send({ status: 'store-unavailable', connections: failing })
    return { status: 'ready' }
  })

  app.get('/metrics', async (_request, reply) => {
    const text = await registry.metrics()
    return reply.type(registry.contentType).send(text)
  })
}
