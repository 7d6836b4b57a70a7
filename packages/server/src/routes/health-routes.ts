import { sendError } from '../platform/api-error.js'
import { healthReportOf, healthSelectionOf } from '../queries/health.js'
import { servedConnection } from './connection-routes.js'
import type { ApiRoutes } from './route-types.js'

interface HealthRequest {
  Params: { id: string }
  Querystring: { type?: string; object?: string }
}

/** A file name that is safe in a Content-Disposition header whatever the connection id holds. */
const fileNameOf = (id: string) => `sync-health-${id.replace(/[^A-Za-z0-9._-]/g, '_')}.csv`

/**
 * The Sync Health page (B-ERR-1): `GET /api/connections/:id/health[?type=&object=]` as `crmsync errors --json`
 * prints it, and `GET /api/connections/:id/health.csv` as `crmsync errors --csv` writes it (an attachment).
 * `type` is a Sync Health type, an error code or a prefix such as SF_; a bad type or object is a 400.
 */
export const healthRoutes: ApiRoutes = (app, { deps }) => {
  const selected = async (
    request: { params: { id: string }; query: HealthRequest['Querystring'] },
    reply: Parameters<typeof servedConnection>[2],
  ) => {
    const served = servedConnection(deps, request.params.id, reply)
    if (served === undefined) return undefined
    const selection = healthSelectionOf({ type: request.query.type, object: request.query.object })
    if ('problem' in selection) {
      void sendError(reply, 400, 'bad-request', selection.problem)
      return undefined
    }
    return healthReportOf(served.store, served.id, selection)
  }
  app.get<HealthRequest>('/api/connections/:id/health', async (request, reply) => {
    const health = await selected(request, reply)
    return health === undefined ? reply : health.report
  })
  app.get<HealthRequest>('/api/connections/:id/health.csv', async (request, reply) => {
    const health = await selected(request, reply)
    if (health === undefined) return reply
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileNameOf(request.params.id)}"`)
      .send(health.csv())
  })
}
