import type { SyncSummary } from '@crmsync/engine'
import Fastify, { type FastifyInstance } from 'fastify'

import { registerAuth, requireSession } from './auth/register-auth.js'
import { createConfigEditor } from './config-edit/edit-config-file.js'
import { createCycleLog } from './cycle-log.js'
import { cycleDidWork } from './cycle-view.js'
import { cycleChanges } from './live/cycle-changes.js'
import { createLiveFeed, type LiveFeed } from './live/live-feed.js'
import { createConsoleMetrics } from './metrics/console-metrics.js'
import { registerErrorAnswers } from './platform/api-error.js'
import { registerHealthRoutes } from './platform/health-routes.js'
import { addSecurityHeaders } from './platform/security-headers.js'
import { registerStaticFiles } from './platform/static-files.js'
import { API_ROUTES } from './routes/index.js'
import type { CycleLog, ServerContext } from './routes/route-types.js'
import type { ConsoleServerDeps, CycleObserver } from './server-deps.js'

/** The console server of one process. */
export interface ConsoleServer {
  /** For tests: app.inject() without a port. */
  readonly app: FastifyInstance
  /** Tell it every cycle the engines run (metrics, the Overview's last cycle, the live feed). */
  readonly observer: CycleObserver
  readonly cycles: CycleLog
  readonly live: LiveFeed
  /** Every route registered, as Fastify saw it (tests prove each `/api/` one is guarded). */
  readonly routes: readonly { readonly method: string; readonly url: string }[]
  /** Starts listening; resolves with the console's URL. */
  listen(port: number, host: string): Promise<string>
  /** Ends the live streams and stops the server. */
  close(): Promise<void>
}

/**
 * The console server (issue #13): `/auth/*`, every `/api/` route of API_ROUTES behind the session and CSRF
 * guard, `/healthz`, `/readyz`, `/metrics`, and the built console at `/`. Everything it knows comes from `deps`
 * and from the observer; all of its state (sessions, metrics, cycle log) belongs to this instance.
 */
export async function createConsoleServer(deps: ConsoleServerDeps): Promise<ConsoleServer> {
  // Fastify's own logger stays off: request logs would carry cookies and bodies (the password). Open
  // sockets (keep-alive, a live stream) are cut on close, so Ctrl-C never waits for a browser.
  const app = Fastify({ logger: false, forceCloseConnections: true })
  const cycles = createCycleLog()
  const live = createLiveFeed()
  const metrics = createConsoleMetrics(deps.connections)
  const configEditor = deps.configFile === undefined ? undefined : createConfigEditor(deps.configFile)
  const context: ServerContext = { deps, cycles, live, configEditor }
  const routes: { method: string; url: string }[] = []
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url })
  })

  // Before any plugin: Fastify's and the plugins' errors (CSRF, rate limit, a bad body) take the routes' shape.
  registerErrorAnswers(app, deps.logger)
  addSecurityHeaders(app)
  await registerAuth(app, {
    password: deps.password,
    demo: deps.demo !== undefined,
    secureCookie: deps.secureCookie === true,
    now: deps.now,
  })
  registerHealthRoutes(app, deps, metrics.registry)
  await app.register((api, _options, done) => {
    // onRequest, before the body is parsed: an anonymous request learns nothing, not even a 400 for its body.
    api.addHook('onRequest', requireSession(app))
    for (const register of API_ROUTES) register(api, context)
    done()
  })
  await registerStaticFiles(app, deps.staticDir)
  // Open live streams would keep app.close() waiting for ever.
  app.addHook('preClose', (done) => {
    live.closeAll()
    done()
  })

  const publishChanges = (connectionId: string, summary: SyncSummary) => {
    // Read only when someone watches: the feed is the audit trail's only reader here.
    if (live.listeners === 0) return
    const connection = deps.connections().find((c) => c.id === connectionId)
    if (connection === undefined) return
    cycleChanges(connection, summary).then(
      (events) => events.forEach((event) => live.publish(event)),
      (err: unknown) =>
        deps.logger.warn(
          { connection: connectionId, err: String(err) },
          "console: could not read the cycle's changes",
        ),
    )
  }

  const observer: CycleObserver = {
    observeCycle(connectionId, summary) {
      cycles.record(connectionId, summary)
      metrics.observe(connectionId, summary)
      if (!cycleDidWork(summary)) return
      const cycle = cycles.lastCycle(connectionId)
      if (cycle !== null) live.publish({ type: 'cycle', connectionId, cycle })
      publishChanges(connectionId, summary)
    },
  }

  return {
    app,
    observer,
    cycles,
    live,
    routes,
    async listen(port, host) {
      await app.listen({ port, host })
      const address = app.server.address()
      const bound = typeof address === 'object' && address !== null ? address.port : port
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${String(bound)}/`
      deps.logger.info({ url }, 'console: listening')
      return url
    },
    close: () => app.close(),
  }
}
