import { connectionRoutes } from './connection-routes.js'
import { healthRoutes } from './health-routes.js'
import { liveRoutes } from './live-routes.js'
import { mappingRoutes } from './mapping-routes.js'
import { overviewRoutes } from './overview-routes.js'
import { recordRoutes } from './record-routes.js'
import type { ApiRoutes } from './route-types.js'
import { settingsRoutes } from './settings-routes.js'
import { tryItRoutes } from './try-it-routes.js'

/** Every group of `/api/` routes, registered by create-server.ts inside the authenticated scope. */
export const API_ROUTES: readonly ApiRoutes[] = [
  connectionRoutes,
  overviewRoutes,
  healthRoutes,
  recordRoutes,
  liveRoutes,
  tryItRoutes,
  mappingRoutes,
  settingsRoutes,
]
