import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { loadConnections } from '../config/load-config.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'
import { safeLines } from '../format/safe-text.js'
import type { ConsoleHost } from '../wiring/console-host.js'
import type { ConnectionRuntime } from '../wiring/create-connection-runtime.js'
import { describeRunFailure } from '../wiring/exit-code-for.js'
import { preflightRuntime } from '../wiring/preflight.js'
import { ConsolePortTakenError, missingConsolePassword, startRunConsole } from '../wiring/run-console.js'
import { cliLogger } from '../wiring/stderr-logger.js'

/**
 * `crmsync run --config FILE [--connection ID] [--no-console]` (design.md 4.1): the long-running service. One
 * cycle every settings.capture.pollSeconds until io.shutdown aborts (SIGINT/SIGTERM); each cycle that did work
 * logged at info on stderr (pino), idle ones at debug; the web console at console.host:console.port unless
 * --no-console (it refuses to start without CRMSYNC_CONSOLE_PASSWORD, exit 2). Exits 0 when stopped, 3 when a
 * connection error stops it. A file with several connections and no --connection runs them all in this
 * process, each on its own interval (run-all.ts), behind one console.
 */
export function registerRunCommand(program: Command, io: CliIo, setExitCode: (code: ExitCode) => void): void {
  program
    .command('run')
    .description(
      'the long-running sync service: capture and sync every poll interval until stopped, with the web console',
    )
    .requiredOption('--config <file>', 'the YAML configuration file')
    .option('--connection <id>', 'only this connection (default: every connection in the file)')
    .option('--no-console', 'do not serve the web console (it needs CRMSYNC_CONSOLE_PASSWORD)')
    .action(async (flags: { config: string; connection?: string; console: boolean }) => {
      const { config, connections, every } = await loadConnections({
        file: flags.config,
        env: io.env,
        connection: flags.connection,
      })
      const noPassword = missingConsolePassword(io, flags.console)
      if (noPassword !== undefined) {
        io.stderr.write(safeLines([`crmsync run: ${noPassword}`]))
        setExitCode(EXIT_CODES.usage)
        return
      }
      const consoleRequest = { enabled: flags.console, config, file: flags.config }
      const logger = cliLogger(io, 'info')
      if (every) {
        const { runEveryConnection } = await import('./run-all.js')
        try {
          setExitCode(await runEveryConnection(connections, io, logger, consoleRequest))
        } catch (err) {
          setExitCode(reportFailure(io, err))
        }
        return
      }
      const connection = connections[0]!
      // Loaded here, not at the top: the connectors and the engine cost seconds (program.ts).
      const { createConnectionRuntime } = await import('../wiring/create-connection-runtime.js')
      const { EngineSlot } = await import('../wiring/engine-slot.js')
      const { runConnectionLoop } = await import('../wiring/connection-loop.js')
      let runtime: ConnectionRuntime | undefined
      let host: ConsoleHost | undefined
      try {
        runtime = await createConnectionRuntime({ connection, logger })
        await preflightRuntime(runtime, logger)
        await runtime.engine.checkIdentity()
        // The loop and the console's resyncs go through one slot: never two engine calls at once.
        const slot = new EngineSlot(runtime.engine, connection)
        host = await startRunConsole(consoleRequest, [{ runtime, slot }], io, logger)
        await runConnectionLoop(connection, slot, io, logger, host?.observer)
        setExitCode(EXIT_CODES.ok)
      } catch (err) {
        setExitCode(reportFailure(io, err))
      } finally {
        await host?.close()
        await runtime?.close()
      }
    })
}

/** Writes why `run` stopped and returns its exit code: 2 for a taken console port, else by the error. */
function reportFailure(io: CliIo, err: unknown): ExitCode {
  if (err instanceof ConsolePortTakenError) {
    io.stderr.write(safeLines([`crmsync run: ${err.message}`]))
    return EXIT_CODES.usage
  }
  const failure = describeRunFailure(err)
  io.stderr.write(safeLines([`crmsync run: ${failure.message}`]))
  return failure.code
}
