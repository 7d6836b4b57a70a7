import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { loadConnection } from '../config/load-config.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'
import { safeLines, safeText } from '../format/safe-text.js'
import type { ConnectionRuntime } from '../wiring/create-connection-runtime.js'
import { describeRunFailure } from '../wiring/exit-code-for.js'
import { configuredContactMappings } from './doctor-mappings.js'

interface ExplainFlags {
  readonly config: string
  readonly connection?: string
}

/**
 * `crmsync explain ID_OR_EMAIL --config FILE` (design.md 4.1): the link(s) of a contact, each mapped
 * field's value on both sides now, the rule, the ancestor, and the decisions the audit recorded. Exit 0
 * (also when nothing is linked: it says so), 2 on a config error, 3 on a connection error.
 */
export function registerExplainCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: ExitCode) => void,
): void {
  program
    .command('explain')
    .description('why a contact has its values: links, both sides now, rules, ancestors, decision history')
    .argument('<id-or-email>', 'a HubSpot contact id, a Salesforce Lead or Contact id, or an email')
    .argument('[id]', 'with `contact` first (`crmsync explain contact ID`, the issue 5 form): the id')
    .requiredOption('--config <file>', 'the YAML configuration file')
    .option('--connection <id>', 'the connection (when the file has several)')
    .action(async (first: string, second: string | undefined, flags: ExplainFlags) => {
      if (second !== undefined && first !== 'contact') {
        io.stderr.write(`crmsync explain: only contacts can be explained yet (got ${safeText(first)})\n`)
        setExitCode(EXIT_CODES.usage)
        return
      }
      const argument = second ?? first
      const connection = await loadConnection({
        file: flags.config,
        env: io.env,
        connection: flags.connection,
      })
      // Loaded here, not at the top: the connectors and the engine cost seconds (program.ts).
      const { createConnectionRuntime } = await import('../wiring/create-connection-runtime.js')
      const { findExplainTarget } = await import('./explain-lookup.js')
      const { explainLink } = await import('./explain-report.js')
      let runtime: ConnectionRuntime | undefined
      try {
        runtime = await createConnectionRuntime({ connection })
        const deps = { ...runtime, connectionId: connection.id }
        const target = await findExplainTarget(deps, argument)
        const lines = [`${argument} (${target.kind}): ${target.links.length} link(s)`]
        for (const record of target.unlinked) lines.push(`  ${record}: not linked`)
        const mappings = configuredContactMappings(connection)
        for (const link of target.links) lines.push(...(await explainLink({ ...runtime, mappings }, link)))
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
