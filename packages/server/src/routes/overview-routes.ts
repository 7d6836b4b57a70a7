import { overviewOf } from '../queries/overview.js'
import { servedConnection } from './connection-routes.js'
import type { ApiRoutes } from './route-types.js'

/** `GET /api/connections/:id/overview`: the Overview page (counts per kind, last cycle, latency, API usage). */
export const overviewRoutes: ApiRoutes = (app, { deps, cycles }) => {
  app.get<{ Params: { id: string } }>('/api/connections/:id/overview', async (request, reply) => {
    const served = servedConnection(deps, request.params.id, reply)
    if (served === undefined) return reply
    return overviewOf({ connection: served.connection(), store: served.store, cycles, now: deps.now() })
  })
}
