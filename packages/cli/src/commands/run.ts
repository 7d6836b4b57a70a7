import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { loadConnections } from '../config/load-config.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'
import { safeLines } from '../format/safe-text.js'
import { runConnectionLoop } from '../wiring/connection-loop.js'
import type { ConnectionRuntime } from '../wiring/create-connection-runtime.js'
import { describeRunFailure } from '../wiring/exit-code-for.js'
import { preflightRuntime } from '../wiring/preflight.js'
import { cliLogger } from '../wiring/stderr-logger.js'

/**
 * `crmsync run --config FILE [--connection ID]` (design.md 4.1): the long-running service. One cycle every
 * settings.capture.pollSeconds until io.shutdown aborts (SIGINT/SIGTERM); one JSON summary line per cycle
 * that did something. Exits 0 when stopped, 3 when a connection error stops it. A file with several
 * connections and no --connection runs them all in this process, each on its own interval (run-all.ts).
 */
export function registerRunCommand(program: Command, io: CliIo, setExitCode: (code: ExitCode) => void): void {
  program
    .command('run')
    .description('the long-running sync service: capture and sync every poll interval until stopped')
    .requiredOption('--config <file>', 'the YAML configuration file')
    .option('--connection <id>', 'only this connection (default: every connection in the file)')
    .action(async (flags: { config: string; connection?: string }) => {
      const { connections, every } = await loadConnections({
        file: flags.config,
        env: io.env,
        connection: flags.connection,
      })
      const logger = cliLogger(io, 'info')
      if (every) {
        const { runEveryConnection } = await import('./run-all.js')
        try {
          setExitCode(await runEveryConnection(connections, io, logger))
        } catch (err) {
          io.stderr.write(safeLines([`crmsync run: ${describeRunFailure(err).message}`]))
          setExitCode(EXIT_CODES.connection)
        }
        return
      }
      const connection = connections[0]!
      // Loaded here, not at the top: the connectors and the engine cost seconds (program.ts).
      const { createConnectionRuntime } = await import('../wiring/create-connection-runtime.js')
      let runtime: ConnectionRuntime | undefined
      try {
        runtime = await createConnectionRuntime({ connection, logger })
        await preflightRuntime(runtime, logger)
        await runtime.engine.checkIdentity()
        await runConnectionLoop(connection, runtime.engine, io, logger)
        setExitCode(EXIT_CODES.ok)
      } catch (err) {
        const failure = describeRunFailure(err)
        io.stderr.write(safeLines([`crmsync run: ${failure.message}`]))
        setExitCode(failure.code)
      } finally {
        await runtime?.close()
      }
    })
}
