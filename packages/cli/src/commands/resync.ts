import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { loadConnection } from '../config/load-config.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'
import { createProgress } from '../format/progress.js'
import { safeJson } from '../format/safe-json.js'
import { safeLines } from '../format/safe-text.js'
import type { ConnectionRuntime } from '../wiring/create-connection-runtime.js'
import { describeRunFailure, exitCodeForSummary } from '../wiring/exit-code-for.js'
import { cliLogger } from '../wiring/stderr-logger.js'
import { formatSummary } from '../wiring/summary-text.js'
import {
  configuredCompanyMappings,
  configuredContactMappings,
  configuredDealMappings,
} from './doctor-mappings.js'
import { isCompanyArgument, isDealArgument } from './explain-lookup.js'
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
  | { readonly kind: 'one'; readonly id: string }
  | { readonly kind: 'list'; readonly listId: string }
  | { readonly kind: 'mapping'; readonly property: string }
  | { readonly kind: 'errors'; readonly type: string }

/** The objects resync takes, and how its messages name them. */
const OBJECTS = {
  contact: { kind: 'contact', one: 'contact', many: 'contacts', noun: 'contact(s)' },
  company: { kind: 'company', one: 'company', many: 'companies', noun: 'company(ies)' },
  deal: { kind: 'deal', one: 'deal', many: 'deals', noun: 'deal(s)' },
} as const

type ResyncObject = (typeof OBJECTS)[keyof typeof OBJECTS]

function objectOf(name: string): ResyncObject | undefined {
  if (name === 'contact' || name === 'contacts') return OBJECTS.contact
  if (name === 'company' || name === 'companies') return OBJECTS.company
  if (name === 'deal' || name === 'deals') return OBJECTS.deal
  return undefined
}

/** Exactly one of ID, --list, --mapping, --errors; a message otherwise. */
function selectionOf(object: ResyncObject, id: string | undefined, flags: ResyncFlags): Selection | string {
  const given: Selection[] = [
    ...(id === undefined ? [] : [{ kind: 'one', id } as const]),
    ...(flags.list === undefined ? [] : [{ kind: 'list', listId: flags.list } as const]),
    ...(flags.mapping === undefined ? [] : [{ kind: 'mapping', property: flags.mapping } as const]),
    ...(flags.errors === undefined ? [] : [{ kind: 'errors', type: flags.errors } as const]),
  ]
  const [only] = given
  if (only === undefined || given.length > 1)
    return `name the ${object.many} once: an ID, or one of --list ID, --mapping PROP, --errors TYPE`
  if (only.kind === 'list' && !/^\d+$/.test(only.listId))
    return `--list takes a HubSpot list id (digits), got ${only.listId}`
  // Companies are named by id only: never matched by name or domain (B-CMP-10).
  if (object.kind === 'company' && only.kind === 'one' && !isCompanyArgument(only.id))
    return `${only.id}: a company is named by its HubSpot company id (digits) or its Salesforce Account id (001...)`
  // Deals likewise: never matched by name or amount (B-DEAL-7). HubSpot lists hold contacts or companies.
  if (object.kind === 'deal' && only.kind === 'one' && !isDealArgument(only.id))
    return `${only.id}: a deal is named by its HubSpot deal id (digits) or its Salesforce Opportunity id (006...)`
  if (object.kind === 'deal' && only.kind === 'list')
    return '--list takes contact or company lists; name deals by ID, --mapping PROP or --errors TYPE'
  return only
}

/**
 * `crmsync resync contact|company|deal ID|--list ID|--mapping PROP|--errors TYPE --config FILE [--dry-run]
 * [--json]` (design.md 4.1, B-TRIG-8): the records are planned as a manual resync, so fields merge as for a
 * new link and mappings the sides never agreed on are filled (B-MAP-8), and a company that does not qualify
 * by itself gets its account (B-CMP-9); a page of 2000 at a time, with a progress bar on a TTY. Companies
 * need company sync on, deals deal sync (no --list: HubSpot lists hold contacts or companies). Exit codes as
 * `sync --once`: 0, 1 records in error, 2 usage or config, 3 connection, 4 incomplete.
 */
export function registerResyncCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: ExitCode) => void,
): void {
  program
    .command('resync')
    .description(
      'sync chosen contacts, companies or deals now as a manual resync: one, a list, a backfill, or those in error',
    )
    .argument(
      '<object>',
      'contact; company (needs settings.companies.sync: true); or deal (needs settings.deals.sync: true)',
    )
    .argument(
      '[id]',
      'a contact: HubSpot contact id, Salesforce Lead or Contact id, or email; a company: HubSpot company id ' +
        'or Account id; a deal: HubSpot deal id or Opportunity id',
    )
    .requiredOption('--config <file>', 'the YAML configuration file')
    .option('--list <id>', 'every member of this HubSpot list (contact or company list), each once')
    .option(
      '--mapping <property>',
      'every linked record, to backfill this mapping (no cap on companies or deals)',
    )
    .option(
      '--errors <type>',
      'every record with an open error of this type (permission, duplicate, ... as `crmsync errors` groups them), code or prefix such as SF_',
    )
    .option('--dry-run', 'write nothing; print the writes it would make and their API calls')
    .option('--json', 'print the summary as one JSON object')
    .option('--connection <id>', 'the connection (when the file has several)')
    .action(async (name: string, id: string | undefined, flags: ResyncFlags) => {
      // Messages echo the selection (an id or email that may be pasted from a CRM): printed escaped.
      const fail = (message: string) => {
        io.stderr.write(safeLines([`crmsync resync: ${message}`]))
        setExitCode(EXIT_CODES.usage)
      }
      const object = objectOf(name)
      if (object === undefined) return fail(`the object must be contact, company or deal (got ${name})`)
      const selection = selectionOf(object, id, flags)
      if (typeof selection === 'string') return fail(selection)
      const connection = await loadConnection({
        file: flags.config,
        env: io.env,
        connection: flags.connection,
      })
      const company = object.kind === 'company'
      if (company && !connection.settings.companies.sync)
        return fail(
          `company sync is off for connection ${connection.id}: set settings.companies.sync: true to ` +
            'resync companies (B-CMP-1); nothing was resynced',
        )
      const deal = object.kind === 'deal'
      // B-DEAL-1: while deal sync is off no deal is read or written, so a deal resync would do nothing.
      if (deal && !connection.settings.deals.sync)
        return fail(
          `deal sync is off for connection ${connection.id}: set settings.deals.sync: true (with ` +
            'settings.companies.sync: true) to resync deals (B-DEAL-1); nothing was resynced',
        )
      const mappings = deal
        ? configuredDealMappings(connection)
        : company
          ? configuredCompanyMappings(connection)
          : configuredContactMappings(connection)
      if (selection.kind === 'mapping' && !mappings.some((m) => m.hubspot === selection.property))
        return fail(`--mapping ${selection.property}: no ${object.one} mapping has this HubSpot property`)
      // Loaded here, not at the top: the connectors and the engine cost seconds (program.ts).
      const { createConnectionRuntime } = await import('../wiring/create-connection-runtime.js')
      const targets = await import('./resync-targets.js')
      const companyTargets = await import('./resync-company-targets.js')
      const dealTargets = await import('./resync-deal-targets.js')
      const { runResyncPages } = await import('./resync-run.js')
      const { bulkResyncLines, REFERENCE_BULK_RESYNC_CAP } = await import('./resync-bulk.js')
      const { mergeSummaries } = await import('../wiring/merge-summaries.js')
      const codes = selection.kind === 'errors' ? targets.errorCodesFor(selection.type) : []
      if (selection.kind === 'errors' && codes.length === 0)
        return fail(`--errors ${selection.type}: no such error type or code (docs/errors.md lists them)`)
      const tuning = io.tuning ?? {}
      let runtime: ConnectionRuntime | undefined
      try {
        runtime = await createConnectionRuntime({ connection, logger: cliLogger(io, 'warn') })
        const deps = { ...runtime, connectionId: connection.id }
        const chosen: ResyncTargets | string = deal
          ? selection.kind === 'one'
            ? await dealTargets.dealTargets(deps, selection.id)
            : selection.kind === 'mapping'
              ? await dealTargets.linkedDealTargets(deps, selection.property, tuning.linkPageSize)
              : selection.kind === 'errors'
                ? await dealTargets.dealErrorTargets(deps, selection.type, codes)
                : 'deals have no HubSpot list'
          : company
            ? selection.kind === 'one'
              ? await companyTargets.companyTargets(deps, selection.id)
              : selection.kind === 'list'
                ? await companyTargets.companyListTargets(deps, selection.listId)
                : selection.kind === 'mapping'
                  ? await companyTargets.linkedCompanyTargets(deps, selection.property, tuning.linkPageSize)
                  : await companyTargets.companyErrorTargets(deps, selection.type, codes)
            : selection.kind === 'one'
              ? await targets.contactTargets(deps, selection.id)
              : selection.kind === 'list'
                ? await targets.listTargets(deps, selection.listId)
                : selection.kind === 'mapping'
                  ? await targets.linkedTargets(deps, selection.property, tuning.linkPageSize)
                  : await targets.errorTargets(deps, selection.type, codes)
        if (typeof chosen === 'string') return fail(chosen)
        // Notes name CRM records: printed escaped, one line each.
        if (chosen.notes.length > 0)
          io.stderr.write(safeLines(chosen.notes.map((note) => `crmsync resync: ${note}`)))
        if (selection.kind === 'one' && chosen.hubspotIds.length === 0)
          return fail(`no HubSpot ${object.one} to resync for ${selection.id}`)
        const run = await runResyncPages({
          engine: runtime.engine,
          hubspotIds: chosen.hubspotIds,
          dryRun: flags.dryRun === true,
          progress: createProgress(io.stderr),
          objectKind: object.kind,
          pageSize: tuning.resyncPageSize,
        })
        const summary = mergeSummaries(run.summaries)
        // B-BULK-5: a company-mapping backfill is compared with where the reference stops.
        const referenceCap =
          company && selection.kind === 'mapping'
            ? (tuning.referenceBulkResyncCap ?? REFERENCE_BULK_RESYNC_CAP)
            : undefined
        const bulk = {
          noun: object.noun,
          selected: run.selected,
          resynced: run.resynced,
          incomplete: summary?.incomplete,
          referenceCap,
        }
        // Contacts print as they always have; companies, deals, and any run a limit stopped, say how far it got.
        const reportBulk = company || deal || run.resynced < run.selected
        if (flags.json === true) {
          const counts = deal
            ? { deals: run.selected, resynced: run.resynced }
            : company
              ? {
                  companies: run.selected,
                  resynced: run.resynced,
                  ...(referenceCap === undefined
                    ? {}
                    : { referenceCap, pastReferenceCap: run.resynced > referenceCap }),
                }
              : { contacts: chosen.hubspotIds.length }
          io.stdout.write(`${safeJson({ resync: chosen.label, ...counts, ...summary })}\n`)
        } else {
          // The label echoes the selection, the summary quotes CRM values: both printed escaped.
          io.stdout.write(
            safeLines([`Resync of ${chosen.label}: ${chosen.hubspotIds.length} ${object.noun}`]),
          )
          if (reportBulk) io.stdout.write(safeLines(bulkResyncLines(bulk)))
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
