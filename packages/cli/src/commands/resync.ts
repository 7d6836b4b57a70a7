import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { loadConnection } from '../config/load-config.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'
import { createProgress } from '../format/progress.js'
import { safeJson } from '../format/safe-json.js'
import { safeLines } from '../format/safe-text.js'
import type { ConnectionRuntime } from '../wiring/create-connection-runtime.js'
import { describeRunFailure, exitCodeForSummary } from '../wiring/exit-code-for.js'
import { createStderrLogger } from '../wiring/stderr-logger.js'
import { formatSummary } from '../wiring/summary-text.js'
import { configuredContactMappings } from './doctor-mappings.js'
import type { ResyncTargets } from './resync-targets.js'

interface ResyncFlags {
  readonly config: string
  readonly list?: string
  readonly mapping?: string
  readonly errors?: string
  readonly dryRun?: boolean
  readonly json?: boolean
  readonly connection?: string
}

type Selection =
  | { readonly kind: 'contact'; readonly id: string }
  | { readonly kind: 'list'; readonly listId: string }
  | { readonly kind: 'mapping'; readonly property: string }
  | { readonly kind: 'errors'; readonly type: string }

/** Exactly one of ID, --list, --mapping, --errors; a message otherwise. */
function selectionOf(id: string | undefined, flags: ResyncFlags): Selection | string {
  const given: Selection[] = [
    ...(id === undefined ? [] : [{ kind: 'contact', id } as const]),
    ...(flags.list === undefined ? [] : [{ kind: 'list', listId: flags.list } as const]),
    ...(flags.mapping === undefined ? [] : [{ kind: 'mapping', property: flags.mapping } as const]),
    ...(flags.errors === undefined ? [] : [{ kind: 'errors', type: flags.errors } as const]),
  ]
  const [only] = given
  if (only === undefined || given.length > 1)
    return 'name the contacts once: an ID, or one of --list ID, --mapping PROP, --errors TYPE'
  if (only.kind === 'list' && !/^\d+$/.test(only.listId))
    return `--list takes a HubSpot list id (digits), got ${only.listId}`
  return only
}

/**
 * `crmsync resync contact ID|--list ID|--mapping PROP|--errors TYPE --config FILE [--dry-run] [--json]`
 * (design.md 4.1, B-TRIG-8): the contacts are planned as a manual resync, so fields merge as for a new link
 * and mappings the sides never agreed on are filled (B-MAP-8), a page of 2000 at a time, with a progress
 * bar on a TTY. Exit codes as `sync --once`: 0, 1 records in error, 2 usage or config, 3 connection,
 * 4 incomplete.
 */
export function registerResyncCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: ExitCode) => void,
): void {
  program
    .command('resync')
    .description('sync chosen contacts now as a manual resync: one, a list, a backfill, or those in error')
    .argument('<object>', 'contact (company and deal: not supported yet)')
    .argument('[id]', 'a HubSpot contact id, a Salesforce Lead or Contact id, or an email')
    .requiredOption('--config <file>', 'the YAML configuration file')
    .option('--list <id>', 'every member of this HubSpot list, each once (a segment resync)')
    .option('--mapping <property>', 'every linked contact, to backfill this newly added mapping')
    .option('--errors <type>', 'every contact with an open error of this code (or prefix such as SF_)')
    .option('--dry-run', 'write nothing; print the writes it would make and their API calls')
    .option('--json', 'print the summary as one JSON object')
    .option('--connection <id>', 'the connection (when the file has several)')
    .action(async (object: string, id: string | undefined, flags: ResyncFlags) => {
      // Messages echo the selection (an id or email that may be pasted from a CRM): printed escaped.
      const fail = (message: string) => {
        io.stderr.write(safeLines([`crmsync resync: ${message}`]))
        setExitCode(EXIT_CODES.usage)
      }
      if (object !== 'contact' && object !== 'contacts') {
        const known = ['company', 'companies', 'deal', 'deals'].includes(object)
        return fail(
          known
            ? `${object}: not supported yet (only contacts sync so far)`
            : `the object must be contact, company or deal (got ${object})`,
        )
      }
      const selection = selectionOf(id, flags)
      if (typeof selection === 'string') return fail(selection)
      const connection = await loadConnection({
        file: flags.config,
        env: io.env,
        connection: flags.connection,
      })
      if (
        selection.kind === 'mapping' &&
        !configuredContactMappings(connection).some((m) => m.hubspot === selection.property)
      )
        return fail(`--mapping ${selection.property}: no contact mapping has this HubSpot property`)
      // Loaded here, not at the top: the connectors and the engine cost seconds (program.ts).
      const { createConnectionRuntime } = await import('../wiring/create-connection-runtime.js')
      const targets = await import('./resync-targets.js')
      const { runResync } = await import('./resync-run.js')
      const { mergeSummaries } = await import('../wiring/merge-summaries.js')
      const codes = selection.kind === 'errors' ? targets.errorCodesFor(selection.type) : []
      if (selection.kind === 'errors' && codes.length === 0)
        return fail(`--errors ${selection.type}: no such error code (docs/errors.md lists them)`)
      let runtime: ConnectionRuntime | undefined
      try {
        runtime = await createConnectionRuntime({ connection, logger: createStderrLogger(io.stderr) })
        const deps = { ...runtime, connectionId: connection.id }
        const chosen: ResyncTargets =
          selection.kind === 'contact'
            ? await targets.contactTargets(deps, selection.id)
            : selection.kind === 'list'
              ? await targets.listTargets(deps, selection.listId)
              : selection.kind === 'mapping'
                ? await targets.linkedTargets(deps, selection.property)
                : await targets.errorTargets(deps, selection.type, codes)
        // Notes name CRM records: printed escaped, one line each.
        if (chosen.notes.length > 0)
          io.stderr.write(safeLines(chosen.notes.map((note) => `crmsync resync: ${note}`)))
        if (selection.kind === 'contact' && chosen.hubspotIds.length === 0)
          return fail(`no HubSpot contact to resync for ${selection.id}`)
        const summaries = await runResync({
          engine: runtime.engine,
          hubspotIds: chosen.hubspotIds,
          dryRun: flags.dryRun === true,
          progress: createProgress(io.stderr),
        })
        const summary = mergeSummaries(summaries)
        if (flags.json === true) {
          const json = { resync: chosen.label, contacts: chosen.hubspotIds.length, ...summary }
          io.stdout.write(`${safeJson(json)}\n`)
        } else {
          // The label echoes the selection, the summary quotes CRM values: both printed escaped.
          io.stdout.write(safeLines([`Resync of ${chosen.label}: ${chosen.hubspotIds.length} contact(s)`]))
          if (summary !== undefined) io.stdout.write(safeLines(formatSummary(summary)))
        }
        setExitCode(summary === undefined ? EXIT_CODES.ok : exitCodeForSummary(summary))
      } catch (err) {
        const failure = describeRunFailure(err)
        io.stderr.write(safeLines([`crmsync resync: ${failure.message}`]))
        setExitCode(failure.code)
      } finally {
        await runtime?.close()
      }
    })
}
