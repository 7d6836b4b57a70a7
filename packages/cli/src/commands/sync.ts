import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { loadConnections } from '../config/load-config.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'
import { safeJson } from '../format/safe-json.js'
import { safeLines } from '../format/safe-text.js'
import type { ConnectionRuntime } from '../wiring/create-connection-runtime.js'
import { describeRunFailure, exitCodeForSummary } from '../wiring/exit-code-for.js'
import { preflightRuntime } from '../wiring/preflight.js'
import { cliLogger } from '../wiring/stderr-logger.js'
import { formatSummary } from '../wiring/summary-text.js'

interface SyncFlags {
  readonly once?: boolean
  readonly config: string
  readonly json?: boolean
  readonly dryRun?: boolean
  readonly connection?: string
}

/**
 * `crmsync sync --once --config FILE [--json] [--dry-run] [--connection ID]` (design.md 4.1): syncs every
 * change made before it started (HubSpot's search index may make it wait a few seconds at the end), then exits
 * 0, 1 (records in error), 2 (config or usage), 3 (connection) or 4 (incomplete). A file with several
 * connections and no --connection syncs each in turn (sync-all.ts) and exits with the worst code.
 */
export function registerSyncCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: ExitCode) => void,
): void {
  program
    .command('sync')
    .description('sync everything changed up to now, once, then exit (crmsync run keeps syncing)')
    .option('--once', 'one sync up to a high-water mark taken at start (required)')
    .requiredOption('--config <file>', 'the YAML configuration file')
    .option('--json', 'print the summary as one JSON object (several connections: one object keyed by id)')
    .option('--dry-run', 'write nothing; print the creates, links, conflicts and API calls it would cost')
    .option('--connection <id>', 'only this connection (default: every connection in the file, in turn)')
    .action(async (flags: SyncFlags) => {
      if (flags.once !== true) {
        io.stderr.write('crmsync sync: pass --once (crmsync run is the long-running service)\n')
        setExitCode(EXIT_CODES.usage)
        return
      }
      const { connections, every } = await loadConnections({
        file: flags.config,
        env: io.env,
        connection: flags.connection,
      })
      if (every) {
        const { syncEveryConnection } = await import('./sync-all.js')
        const options = { dryRun: flags.dryRun === true, json: flags.json === true }
        setExitCode(await syncEveryConnection(connections, io, options))
        return
      }
      const connection = connections[0]!
      // Loaded here, not at the top: the connectors and the engine cost seconds (program.ts).
      const { createConnectionRuntime } = await import('../wiring/create-connection-runtime.js')
      const logger = cliLogger(io, 'warn')
      let runtime: ConnectionRuntime | undefined
      try {
        const startedAt = Date.now()
        runtime = await createConnectionRuntime({ connection, logger })
        await preflightRuntime(runtime, logger, { dryRun: flags.dryRun === true })
        // Every change made before the command started is synced, HubSpot's last seconds included: its
        // search index trails writes, so the run may wait for it at the end, and says so.
        const summary = await runtime.engine.syncOnce({
          dryRun: flags.dryRun === true,
          settleThrough: startedAt,
          onIndexWait: (ms) =>
            io.stderr.write(
              `crmsync sync: waiting ${(ms / 1000).toFixed(1)} s for HubSpot's search index to include the changes made just before this run\n`,
            ),
        })
        // Error messages and plan details quote CRM values: both forms print them escaped.
        if (flags.json === true) io.stdout.write(`${safeJson(summary)}\n`)
        else io.stdout.write(safeLines(formatSummary(summary)))
        setExitCode(exitCodeForSummary(summary))
      } catch (err) {
        const failure = describeRunFailure(err)
        io.stderr.write(safeLines([`crmsync sync: ${failure.message}`]))
        setExitCode(failure.code)
      } finally {
        await runtime?.close()
      }
    })
}
