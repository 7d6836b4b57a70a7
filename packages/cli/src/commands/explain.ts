import type { Connection } from '@crmsync/core'
import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { ConfigError } from '../config/config-error.js'
import { loadConnection } from '../config/load-config.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'
import { safeJson } from '../format/safe-json.js'
import { safeLines } from '../format/safe-text.js'
import type { ConnectionRuntime } from '../wiring/create-connection-runtime.js'
import { describeRunFailure } from '../wiring/exit-code-for.js'
import {
  configuredCompanyMappings,
  configuredContactMappings,
  configuredDealMappings,
} from './doctor-mappings.js'
import type { ExplainSubject } from './explain-cards.js'
import { ACCOUNT_ID, isCompanyArgument, isDealArgument, OPPORTUNITY_ID } from './explain-lookup.js'
import { withStore } from './status-store.js'

interface ExplainFlags {
  readonly config: string
  readonly connection?: string
  readonly json?: boolean
}

/** Said first in the text when the CRMs are not read; `--json` says it as `valuesFrom: 'store'`. */
export const STORE_VALUES_NOTE = 'values from the store: the CRM tokens are not set'

/**
 * The connection, and whether its CRM tokens are set: without them explain reads only the store (as
 * `errors` and `status` do). A config error that is not a missing CRM variable is thrown either way.
 */
async function loadExplained(flags: ExplainFlags, env: CliIo['env']) {
  const options = { file: flags.config, env, connection: flags.connection }
  try {
    return { connection: await loadConnection(options), live: true }
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    return { connection: await loadConnection({ ...options, crmVariablesOptional: true }), live: false }
  }
}

/** What `explain` was asked about: a contact (by id or email), a company or a deal (by id). */
type Subject = ExplainSubject

/**
 * `explain ID_OR_EMAIL`, `explain contact ID`, `explain company ID`, `explain deal ID`; an Account id on its
 * own is a company, an Opportunity id a deal. A message when the form is not one of these.
 */
function subjectOf(first: string, second: string | undefined): Subject | string {
  if (second === undefined)
    return {
      object: ACCOUNT_ID.test(first) ? 'company' : OPPORTUNITY_ID.test(first) ? 'deal' : 'contact',
      argument: first,
    }
  if (first === 'contact') return { object: 'contact', argument: second }
  if (first === 'company') {
    if (!isCompanyArgument(second))
      return `${second}: a company is named by its HubSpot company id (digits) or its Salesforce Account id (001...)`
    return { object: 'company', argument: second }
  }
  if (first === 'deal') {
    if (!isDealArgument(second))
      return `${second}: a deal is named by its HubSpot deal id (digits) or its Salesforce Opportunity id (006...)`
    return { object: 'deal', argument: second }
  }
  return `only contacts, companies and deals can be explained (got ${first})`
}

/**
 * `--json`, or no CRM token set: the records as the console's sync cards (one implementation with the Record
 * page), printed as JSON or as text. Returns the exit code.
 */
async function explainFromCards(
  io: CliIo,
  connection: Connection,
  subject: ExplainSubject,
  options: { readonly json: boolean; readonly live: boolean },
): Promise<ExitCode> {
  const { explainCards } = await import('./explain-cards.js')
  const { cardLines } = await import('./explain-card-text.js')
  const { createConnectionRuntime } = await import('../wiring/create-connection-runtime.js')
  let runtime: ConnectionRuntime | undefined
  try {
    const cards = options.live
      ? await explainCards(
          {
            connection,
            store: (runtime = await createConnectionRuntime({ connection })).store,
            crm: { salesforce: runtime.salesforce, hubspot: runtime.hubspot },
          },
          subject,
        )
      : await withStore(connection, (store) => explainCards({ connection, store }, subject))
    if (options.json) {
      io.stdout.write(`${safeJson(cards)}\n`)
      return EXIT_CODES.ok
    }
    const lines = [
      `${subject.argument} (${cards.kind}): ${cards.records.length} record(s)`,
      `  ${STORE_VALUES_NOTE}`,
    ]
    for (const card of cards.records) lines.push(...cardLines(card))
    // Values, ids and audit entries come from the CRMs: safeLines prints them escaped.
    io.stdout.write(safeLines(lines))
    return EXIT_CODES.ok
  } catch (err) {
    const failure = describeRunFailure(err)
    io.stderr.write(safeLines([`crmsync explain: ${failure.message}`]))
    return failure.code
  } finally {
    await runtime?.close()
  }
}

/**
 * `crmsync explain ID_OR_EMAIL|contact ID|company ID|deal ID --config FILE` (design.md 4.1): the link(s) of
 * a contact, a company or a deal, each mapped field's value on both sides now, the rule, the ancestor, and
 * the decisions the audit recorded; for a contact with company sync on, its company association too; for a
 * deal its pipeline, account and contact roles. `--json` prints each record as the console's sync card
 * (B-ERR-8). Without the CRM tokens it reads only the store and says so: the values each side was last seen
 * holding. Exit 0 (also when nothing is linked: it says so), 2 on a usage or config error, 3 on a
 * connection error.
 */
export function registerExplainCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: ExitCode) => void,
): void {
  program
    .command('explain')
    .description(
      'why a contact, company or deal has its values: links, both sides now, rules, ancestors, decision history',
    )
    .argument(
      '<id-or-email>',
      'a HubSpot contact id, a Salesforce Lead, Contact, Account or Opportunity id, or an email; or ' +
        '`contact` / `company` / `deal` followed by the id',
    )
    .argument(
      '[id]',
      'after `contact`, `company` or `deal`: the id (a company: HubSpot company id or Account id; a deal: ' +
        'HubSpot deal id or Opportunity id)',
    )
    .requiredOption('--config <file>', 'the YAML configuration file')
    .option('--connection <id>', 'the connection (when the file has several)')
    .option(
      '--json',
      'print each record as its sync card (the console Record page): both sides, rules, ancestors, status, history',
    )
    .action(async (first: string, second: string | undefined, flags: ExplainFlags) => {
      const subject = subjectOf(first, second)
      if (typeof subject === 'string') {
        // The message echoes the argument, which may be pasted from a CRM: printed escaped.
        io.stderr.write(safeLines([`crmsync explain: ${subject}`]))
        setExitCode(EXIT_CODES.usage)
        return
      }
      const { argument } = subject
      const { connection, live } = await loadExplained(flags, io.env)
      if (flags.json === true || !live) {
        setExitCode(await explainFromCards(io, connection, subject, { json: flags.json === true, live }))
        return
      }
      const companies = connection.settings.companies.sync
      // Loaded here, not at the top: the connectors and the engine cost seconds (program.ts).
      const { createConnectionRuntime } = await import('../wiring/create-connection-runtime.js')
      const { findCompanyTarget, findDealTarget, findExplainTarget } = await import('./explain-lookup.js')
      const { explainLink } = await import('./explain-report.js')
      const { explainCompanyLink } = await import('./explain-company-report.js')
      const { explainDealLink } = await import('./explain-deal-report.js')
      let runtime: ConnectionRuntime | undefined
      try {
        runtime = await createConnectionRuntime({ connection })
        const deps = { ...runtime, connectionId: connection.id }
        const lines: string[] = []
        if (subject.object === 'deal') {
          const target = await findDealTarget(deps, argument)
          lines.push(`${argument} (${target.kind}): ${target.link === undefined ? 0 : 1} link(s)`)
          const deals = connection.settings.deals.sync
          if (!deals)
            lines.push('  deal sync is off for this connection (settings.deals.sync): nothing syncs now')
          if (target.link === undefined) {
            const hint =
              target.side === 'salesforce'
                ? 'crmsync import salesforce --object deals syncs it'
                : `only deals in a synced pipeline get an opportunity (B-DEAL-5/6); crmsync resync deal ${argument} syncs one now`
            lines.push(
              `  ${target.side === 'salesforce' ? 'salesforce Opportunity' : 'hubspot deal'} ${argument}: not linked` +
                (deals ? `: ${hint}` : ''),
            )
          } else {
            const mappings = configuredDealMappings(connection)
            const { pipelines, maxSyncedPipelines } = connection.settings.deals
            lines.push(
              ...(await explainDealLink(
                { ...runtime, mappings, pipelines: { pipelines, maxSyncedPipelines } },
                target.link,
              )),
            )
          }
        } else if (subject.object === 'company') {
          const target = await findCompanyTarget(deps, argument)
          lines.push(`${argument} (${target.kind}): ${target.link === undefined ? 0 : 1} link(s)`)
          if (!companies)
            lines.push(
              '  company sync is off for this connection (settings.companies.sync): nothing syncs now',
            )
          if (target.link === undefined) {
            const hint =
              target.side === 'salesforce'
                ? 'crmsync import salesforce --object companies syncs it'
                : `a company gets an account when it qualifies (B-CMP-5..8); crmsync resync company ${argument} creates one now (B-CMP-9)`
            lines.push(
              `  ${target.side === 'salesforce' ? 'salesforce Account' : 'hubspot company'} ${argument}: not linked` +
                (companies ? `: ${hint}` : ''),
            )
          } else {
            const mappings = configuredCompanyMappings(connection)
            lines.push(...(await explainCompanyLink({ ...runtime, mappings }, target.link)))
          }
        } else {
          const target = await findExplainTarget(deps, argument)
          lines.push(`${argument} (${target.kind}): ${target.links.length} link(s)`)
          const { syncStatusLines } = await import('./explain-status.js')
          for (const record of target.unlinked) {
            lines.push(`  ${record}: not linked`)
            // B-ERR-8: an unlinked record may be in error (a Lead insert Salesforce refused).
            const [side, recordId] = record.split(' ') as ['hubspot' | 'salesforce', string]
            lines.push(
              ...(await syncStatusLines(runtime.store, connection.id, {
                objectKind: 'contact',
                side,
                recordId,
              })),
            )
          }
          const mappings = configuredContactMappings(connection)
          for (const link of target.links)
            lines.push(...(await explainLink({ ...runtime, mappings, companies }, link)))
        }
        // Values, ids and audit entries come from the CRMs: the tables and safeLines print them escaped.
        io.stdout.write(safeLines(lines))
        setExitCode(EXIT_CODES.ok)
      } catch (err) {
        const failure = describeRunFailure(err)
        io.stderr.write(safeLines([`crmsync explain: ${failure.message}`]))
        setExitCode(failure.code)
      } finally {
        await runtime?.close()
      }
    })
}
