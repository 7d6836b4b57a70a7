import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { loadConnection } from '../config/load-config.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'
import { createProgress } from '../format/progress.js'
import { safeLines } from '../format/safe-text.js'
import type { ConnectionRuntime } from '../wiring/create-connection-runtime.js'
import { describeRunFailure } from '../wiring/exit-code-for.js'
import { cliLogger } from '../wiring/stderr-logger.js'
import type { ImportTotals } from './import-totals.js'

interface ImportFlags {
  readonly object: string
  readonly config: string
  readonly dryRun?: boolean
  readonly connection?: string
}

/** The objects an import takes, with the kind their inbox rows carry and what each side calls them. */
const OBJECTS = {
  contacts: { kind: 'contact', salesforce: 'contacts', hubspot: 'contacts' },
  companies: { kind: 'company', salesforce: 'accounts', hubspot: 'companies' },
  deals: { kind: 'deal', salesforce: 'opportunities', hubspot: 'deals' },
} as const

type ImportObject = keyof typeof OBJECTS

const isImportObject = (object: string): object is ImportObject => Object.hasOwn(OBJECTS, object)

/**
 * `crmsync import salesforce|hubspot --object contacts|companies|deals --config FILE [--dry-run]` (design.md
 * 4.1, B-INST-6, B-BULK-1): every existing record of that side synced through the engine in batches, with a
 * progress bar on stderr (TTY only) and a summary. Companies need company sync switched on first (B-CMP-1),
 * deals deal sync (B-DEAL-1).
 * Exit codes as `sync --once`: 0, 1 records in error, 2 usage or config, 3 connection, 4 incomplete.
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
    .requiredOption(
      '--object <object>',
      'contacts; companies (Salesforce accounts / HubSpot companies; needs settings.companies.sync: true); ' +
        'or deals (Salesforce opportunities / HubSpot deals; needs settings.deals.sync: true)',
    )
    .requiredOption('--config <file>', 'the YAML configuration file')
    .option('--dry-run', 'write nothing; print what would be created, linked and skipped')
    .option('--connection <id>', 'the connection (when the file has several)')
    .action(async (side: string, flags: ImportFlags) => {
      const usage = (message: string) => {
        io.stderr.write(safeLines([`crmsync import: ${message}`]))
        setExitCode(EXIT_CODES.usage)
      }
      if (side !== 'salesforce' && side !== 'hubspot')
        return usage(`the side must be salesforce or hubspot (got ${side})`)
      const object = flags.object
      if (!isImportObject(object))
        return usage(`--object must be contacts, companies or deals (got ${object})`)
      const connection = await loadConnection({
        file: flags.config,
        env: io.env,
        connection: flags.connection,
      })
      const what = OBJECTS[object]
      // B-CMP-1: an account import while company sync is off would create no company, so it is refused.
      if (object === 'companies' && !connection.settings.companies.sync)
        return usage(
          `company sync is off for connection ${connection.id}: set settings.companies.sync: true before ` +
            `importing ${what[side]} (B-CMP-1); nothing was imported`,
        )
      // B-DEAL-1: likewise an opportunity import while deal sync is off would create no deal.
      if (object === 'deals' && !connection.settings.deals.sync)
        return usage(
          `deal sync is off for connection ${connection.id}: set settings.deals.sync: true (with ` +
            `settings.companies.sync: true) before importing ${what[side]} (B-DEAL-1); nothing was imported`,
        )
      // Loaded here, not at the top: the connectors and the engine cost seconds (program.ts).
      const { createConnectionRuntime } = await import('../wiring/create-connection-runtime.js')
      const lister = await import('./import-list-records.js')
      const { runImport } = await import('./import-run.js')
      let runtime: ConnectionRuntime | undefined
      try {
        const rt = await createConnectionRuntime({ connection, logger: cliLogger(io, 'warn') })
        runtime = rt
        const records =
          object === 'deals'
            ? side === 'salesforce'
              ? lister.salesforceOpportunityPages(rt.salesforce)
              : lister.hubspotDealPages(rt.hubspot)
            : object === 'companies'
              ? side === 'salesforce'
                ? lister.salesforceAccountPages(rt.salesforce)
                : lister.hubspotCompanyPages(rt.hubspot)
              : side === 'salesforce'
                ? lister.salesforceRecordPages(rt.salesforce)
                : lister.hubspotRecordPages(connection.hubspot.accessToken, connection.hubspot.basePath)
        const totals = await runImport({
          connectionId: connection.id,
          side,
          objectKind: what.kind,
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
        const title = `${flags.dryRun === true ? 'Dry run of the import' : 'Import'} of ${side} ${what[side]}`
        const lines = totals.lines(title)
        if (object === 'companies' && side === 'hubspot') lines.push(...unqualifiedNote(totals))
        if (object === 'deals') lines.push(...unsyncedDealsNote(totals, side))
        // Error messages quote CRM values: printed escaped, one line each.
        io.stdout.write(safeLines(lines))
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

/**
 * A HubSpot company creates an account only when it qualifies (B-CMP-5..8: an associated contact that syncs to
 * a Salesforce Contact and is in the contact inclusion list, if one is set) and is in the company inclusion
 * list, if one is set (B-CMP-15); the others are skipped, as the reference skips them. Says so, and how to
 * push one anyway (B-CMP-9).
 */
function unqualifiedNote(totals: ImportTotals): string[] {
  const skipped = totals.written.hubspot.skipped
  if (skipped === 0) return []
  return [
    `  ${skipped} HubSpot company(ies) skipped: a company gets an account only when one of its contacts ` +
      'syncs to a Salesforce Contact (and is in the inclusion list, if one is set; B-CMP-5..8) and it is in ' +
      'the company inclusion list, if one is set (B-CMP-15); `crmsync resync company ID` creates the ' +
      'account of one that does not qualify (B-CMP-9)',
  ]
}

/**
 * Deals sync only in the pipelines paired with a record type (B-DEAL-2/3/6): a HubSpot deal in another
 * pipeline, or an opportunity of a record type over settings.deals.maxSyncedPipelines, is skipped. Says so,
 * and where to see the pipelines.
 */
function unsyncedDealsNote(totals: ImportTotals, side: 'salesforce' | 'hubspot'): string[] {
  const skipped = totals.written[side].skipped
  if (skipped === 0) return []
  const what =
    side === 'salesforce'
      ? 'opportunity(ies) skipped: their record type is over settings.deals.maxSyncedPipelines (B-DEAL-3)'
      : 'HubSpot deal(s) skipped: only deals in a pipeline paired with a record type sync (B-DEAL-2, B-DEAL-6)'
  return [`  ${skipped} ${what}; \`crmsync doctor\` lists the record types and their pipelines`]
}
