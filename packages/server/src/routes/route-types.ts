import type { FastifyInstance } from 'fastify'

import type { CycleView } from '../api-types.js'
import type { ConfigEditor } from '../config-edit/edit-config-file.js'
import type { LiveFeed } from '../live/live-feed.js'
import type { ConsoleServerDeps } from '../server-deps.js'

/** What the server remembers of the cycles this process ran (memory only: the store keeps no cycle log). */
export interface CycleLog {
  /** The last cycle of the connection that ran in this process, or null. */
  lastCycle(connectionId: string): CycleView | null
  /** Change-to-sync latency of the records this process synced (its recent samples). */
  latency(connectionId: string): { samples: number; p50Ms: number | null; p95Ms: number | null }
}

/** What every route plugin gets. */
export interface ServerContext {
  readonly deps: ConsoleServerDeps
  readonly cycles: CycleLog
  /** The live feed (`GET /api/live` streams it). */
  readonly live: LiveFeed
  /** The editor of deps.configFile (its saves one at a time); undefined without a file. */
  readonly configEditor: ConfigEditor | undefined
}

/**
 * Registers a group of `/api/` routes. They are registered inside the authenticated scope: the session and
 * (for non-GET) the CSRF token are checked before any handler runs, so a handler never checks them itself.
 */
export type ApiRoutes = (app: FastifyInstance, context: ServerContext) => void
