import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { loadConnection } from '../config/load-config.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'
import { createProgress } from '../format/progress.js'
import { safeLines, safeText } from '../format/safe-text.js'
import type { ConnectionRuntime } from '../wiring/create-connection-runtime.js'
import { describeRunFailure } from '../wiring/exit-code-for.js'
import { createStderrLogger } from '../wiring/stderr-logger.js'

interface ImportFlags {
  readonly object: string
  readonly config: string
  readonly dryRun?: boolean
  readonly connection?: string
}

/**
 * `crmsync import salesforce|hubspot --object contacts --config FILE [--dry-run]` (design.md 4.1,
 * B-INST-6): every existing record of that side synced through the engine in batches, with a progress bar
 * on stderr (TTY only) and a summary. Exit codes as `sync --once`: 0, 1 records in error, 2 usage or config,
 * 3 connection, 4 incomplete.
 */
export function registerImportCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: ExitCode) => void,
): void {
  program
    .command('import')
    .description('sync every existing record of one side (a new connection copies nothing by itself)')
    .argument('<side>', 'salesforce | hubspot: the side whose records are imported')
    .requiredOption('--object <object>', 'contacts (companies and deals: not supported yet)')
    .requiredOption('--config <file>', 'the YAML configuration file')
    .option('--dry-run', 'write nothing; print what would be created, linked and skipped')
    .option('--connection <id>', 'the connection (when the file has several)')
    .action(async (side: string, flags: ImportFlags) => {
      if (side !== 'salesforce' && side !== 'hubspot') {
        io.stderr.write(`crmsync import: the side must be salesforce or hubspot (got ${safeText(side)})\n`)
        setExitCode(EXIT_CODES.usage)
        return
      }
      if (flags.object !== 'contacts') {
        io.stderr.write(
          `crmsync import: --object ${safeText(flags.object)} is not supported yet (only contacts)\n`,
        )
        setExitCode(EXIT_CODES.usage)
        return
      }
      const connection = await loadConnection({
        file: flags.config,
        env: io.env,
        connection: flags.connection,
      })
      // Loaded here, not at the top: the connectors and the engine cost seconds (program.ts).
      const { createConnectionRuntime } = await import('../wiring/create-connection-runtime.js')
      const { hubspotRecordPages, salesforceRecordPages } = await import('./import-list-records.js')
      const { runImport } = await import('./import-run.js')
      let runtime: ConnectionRuntime | undefined
      try {
        const rt = await createConnectionRuntime({ connection, logger: createStderrLogger(io.stderr) })
        runtime = rt
        const records =
          side === 'salesforce'
            ? salesforceRecordPages(rt.salesforce)
            : hubspotRecordPages(connection.hubspot.accessToken, connection.hubspot.basePath)
        const totals = await runImport({
          connectionId: connection.id,
          side,
          store: rt.store,
          engine: rt.engine,
          records,
          apiCalls: () => ({
            salesforce: rt.salesforce.apiUsage().calls,
            hubspot: rt.hubspot.apiUsage().calls,
          }),
          dryRun: flags.dryRun === true,
          progress: createProgress(io.stderr),
        })
        const title = `${flags.dryRun === true ? 'Dry run of the import' : 'Import'} of ${side} contacts`
        // Error messages quote CRM values: printed escaped, one line each.
        io.stdout.write(safeLines(totals.lines(title)))
        setExitCode(
          totals.incomplete !== undefined
            ? EXIT_CODES.incomplete
            : totals.errors.length > 0
              ? EXIT_CODES.recordsInError
              : EXIT_CODES.ok,
        )
      } catch (err) {
        const failure = describeRunFailure(err)
        io.stderr.write(safeLines([`crmsync import: ${failure.message}`]))
        setExitCode(failure.code)
      } finally {
        await runtime?.close()
      }
    })
}
