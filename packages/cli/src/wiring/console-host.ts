import type { Connection, CrmsyncConfig } from '@crmsync/core'
import type { EngineLogger } from '@crmsync/engine'
import type { ConsoleConnection, CycleObserver, DemoHooks } from '@crmsync/server'

import type { Env } from '../config/substitute-env.js'
import type { ConnectionRuntime } from './create-connection-runtime.js'
import type { EngineSlot } from './engine-slot.js'

/** Where the console password comes from; `crmsync run` refuses to serve the console without it. */
export const CONSOLE_PASSWORD_VARIABLE = 'CRMSYNC_CONSOLE_PASSWORD'

/** One connection the process runs: its runtime (store, connectors) and the slot its loop runs cycles through. */
export interface HostedConnection {
  readonly runtime: ConnectionRuntime
  readonly slot: EngineSlot
}

export interface ConsoleHostOptions {
  readonly connections: readonly HostedConnection[]
  /** The console password (CRMSYNC_CONSOLE_PASSWORD, or the demo's). Never logged. */
  readonly password: string
  /** 0: any free port. */
  readonly port: number
  readonly host: string
  readonly logger: EngineLogger
  /**
   * The configuration file the mapping editor writes back, the environment it was loaded with and every
   * connection in it (also those this process does not run): a save swaps each running connection's engine
   * before its next cycle. With `console`, the block this server listens with, a save that changes it (say a
   * hand edit of the file, saved along with a rule) is refused. (Default: none, the editor is read-only)
   */
  readonly configFile?:
    | {
        readonly file: string
        readonly env: Env
        readonly connections: readonly Connection[]
        readonly console?: CrmsyncConfig['console'] | undefined
      }
    | undefined
  /** The demo's hooks (the Try-it page). (Default: none) */
  readonly demo?: DemoHooks | undefined
  /**
   * The built console; `undefined`: the API only, `/` says how to build it. (Default: the console package's
   * build, built now when missing)
   */
  readonly staticDir?: string | undefined
  /** Whether every engine has started, for /readyz. (Default: always) */
  readonly ready?: (() => boolean) | undefined
}

/** The console, listening. */
export interface ConsoleHost {
  /** e.g. `http://127.0.0.1:8080/`. */
  readonly url: string
  /** Tell it every cycle the loops run (metrics, the Overview, the live feed). */
  readonly observer: CycleObserver
  close(): Promise<void>
}

/** The built console's directory, built on first start; undefined (the API only) when it cannot be built. */
async function builtConsole(logger: EngineLogger): Promise<string | undefined> {
  try {
    const { ensureConsoleBuilt } = await import('@crmsync/console')
    return await ensureConsoleBuilt((message) => logger.info({}, `console: ${message}`))
  } catch (err) {
    logger.warn({ err: String(err) }, 'console: the web pages could not be built; serving the API only')
    return undefined
  }
}

/**
 * Starts the web console over the running connections (`crmsync run`, the demo): each connection's store, both
 * connectors, and its engine slot, so a resync asked for in the browser runs between the loop's cycles, never
 * beside one. Throws what listen throws (EADDRINUSE when the port is taken).
 */
export async function startConsoleHost(options: ConsoleHostOptions): Promise<ConsoleHost> {
  // Loaded here, not at the top: Fastify and its plugins cost time that `--help` does not need (program.ts).
  const { createConsoleServer } = await import('@crmsync/server')
  const { hubspotPropertyReader } = await import('./hubspot-properties.js')
  const current = new Map<string, Connection>(
    options.connections.map((c) => [c.runtime.connection.id, c.runtime.connection]),
  )
  const consoleConnections: ConsoleConnection[] = options.connections.map(({ runtime, slot }) => {
    const id = runtime.connection.id
    return {
      id,
      connection: () => current.get(id) ?? runtime.connection,
      store: runtime.store,
      exclusive: (fn) => slot.exclusive(fn),
      crm: {
        salesforce: runtime.salesforce,
        hubspot: runtime.hubspot,
        hubspotProperties: hubspotPropertyReader(runtime.connection),
      },
    }
  })
  let configFile
  if (options.configFile !== undefined) {
    const { createConfigFileAccess, swapEngines } = await import('./config-file-access.js')
    const swappable = new Map(
      options.connections.map(({ runtime, slot }) => [
        runtime.connection.id,
        { runtime, slot, adopt: (saved: Connection) => current.set(saved.id, saved) },
      ]),
    )
    configFile = createConfigFileAccess({
      file: options.configFile.file,
      env: options.configFile.env,
      connections: options.configFile.connections,
      console: options.configFile.console,
      onSaved: (saved) => swapEngines(swappable, saved),
    })
  }
  const staticDir = 'staticDir' in options ? options.staticDir : await builtConsole(options.logger)
  const server = await createConsoleServer({
    connections: () => consoleConnections,
    configFile,
    password: options.password,
    staticDir,
    logger: options.logger,
    now: () => Date.now(),
    demo: options.demo,
    ready: options.ready ?? (() => true),
  })
  try {
    const url = await server.listen(options.port, options.host)
    return { url, observer: server.observer, close: () => server.close() }
  } catch (err) {
    await server.close()
    throw err
  }
}
