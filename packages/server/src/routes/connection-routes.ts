import type { FastifyReply } from 'fastify'

import { sendError } from '../platform/api-error.js'
import { listConnections } from '../queries/connection-list.js'
import type { ConsoleConnection, ConsoleServerDeps } from '../server-deps.js'
import type { ApiRoutes } from './route-types.js'

/** The connection the URL names, or undefined with a 404 sent. */
export function servedConnection(
  deps: ConsoleServerDeps,
  id: string,
  reply: FastifyReply,
): ConsoleConnection | undefined {
  const found = deps.connections().find((c) => c.id === id)
  if (found === undefined) void sendError(reply, 404, 'not-found', `no connection "${id}"`)
  return found
}

/** `GET /api/connections`: every connection this process serves, with its org, portal, state and kinds. */
export const connectionRoutes: ApiRoutes = (app, { deps }) => {
  app.get('/api/connections', () => listConnections(deps.connections()))
}
