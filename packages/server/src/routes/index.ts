import { liveRoutes } from './live-routes.js'
import type { ApiRoutes } from './route-types.js'

/** Every group of `/api/` routes, registered by create-server.ts inside the authenticated scope. */
export const API_ROUTES: readonly ApiRoutes[] = [liveRoutes]
