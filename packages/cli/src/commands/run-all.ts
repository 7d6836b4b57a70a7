import { type Connection, isSyncError } from '@crmsync/core'
import type { EngineLogger } from '@crmsync/engine'

import type { CliIo } from '../cli-io.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'
import { runConnectionLoop } from '../wiring/connection-loop.js'
import { ConnectionRuntimePool } from '../wiring/connection-runtime-pool.js'
import type { ConsoleHost } from '../wiring/console-host.js'
import type { ConnectionRuntime } from '../wiring/create-connection-runtime.js'
import { EngineSlot } from '../wiring/engine-slot.js'
import { describeRunFailure } from '../wiring/exit-code-for.js'
import { preflightRuntime } from '../wiring/preflight.js'
import { type RunConsoleRequest, startRunConsole } from '../wiring/run-console.js'
import { worstExitCode } from '../wiring/worst-exit-code.js'

/**
 * `crmsync run` on a file with several connections and no --connection: every connection in this process,
 * each on its own poll interval, over one store per store URL and one Salesforce capture per org (a page
 * serves the org's other connections for one poll interval of the org's fastest connection). A connection
 * that cannot start or stops on an error only a person can fix is logged and left out; the others go on
 * until shutdown. One web console serves the connections that started (unless --no-console). Returns the worst
 * exit code: 3 when a connection stopped on such an error.
 */
export async function runEveryConnection(
  connections: readonly Connection[],
  io: CliIo,
  logger: EngineLogger,
  consoleRequest: RunConsoleRequest,
): Promise<ExitCode> {
  const pool = new ConnectionRuntimePool({
    connections,
    logger,
    captureShareMaxAgeMs: (org) => Math.min(...org.map((c) => c.settings.capture.pollSeconds)) * 1000,
  })
  const codes: ExitCode[] = []
  // A bug in one connection is rethrown once the others have stopped, not while they still use the store.
  const bugs: unknown[] = []
  const failed = (connection: Connection, err: unknown) => {
    if (!isSyncError(err)) {
      bugs.push(err)
      codes.push(EXIT_CODES.connection)
      logger.error(
        { connection: connection.id, err: String(err) },
        'crmsync run: connection stopped on a bug',
      )
      return
    }
    const failure = describeRunFailure(err)
    codes.push(failure.code)
    logger.error({ connection: connection.id, message: failure.message }, 'crmsync run: connection stopped')
  }
  let host: ConsoleHost | undefined
  try {
    const started: ConnectionRuntime[] = []
    for (const connection of connections) {
      try {
        const runtime = await pool.open(connection)
        await preflightRuntime(runtime, logger)
        await runtime.engine.checkIdentity()
        started.push(runtime)
      } catch (err) {
        failed(connection, err)
      }
    }
    if (started.length === 0) {
      if (bugs.length > 0) throw bugs[0]
      return worstExitCode(codes)
    }
    // Each loop and the console's resyncs of its connection go through one slot: never two calls at once.
    const hosted = started.map((runtime) => ({
      runtime,
      slot: new EngineSlot(runtime.engine, runtime.connection),
    }))
    host = await startRunConsole(consoleRequest, hosted, io, logger)
    const loops = hosted.map(async ({ runtime: { connection }, slot }) => {
      try {
        await runConnectionLoop(connection, slot, io, logger, host?.observer)
      } catch (err) {
        failed(connection, err)
      }
    })
    await Promise.all(loops)
    if (bugs.length > 0) throw bugs[0]
    return worstExitCode(codes)
  } finally {
    await host?.close()
    await pool.close()
  }
}
