import { type Connection, formatConfigIssue, selectConnection } from '@crmsync/core'
import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { loadConfig } from '../config/load-config.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'

/** One connection, without secrets: URLs and the kind of store only (a postgres URL may hold a password). */
function describeConnection(connection: Connection): string {
  return (
    `${connection.id}: Salesforce ${connection.salesforce.instanceUrl} <-> HubSpot ${connection.hubspot.basePath},` +
    ` store ${connection.store.kind}`
  )
}

/** `crmsync validate --config FILE [--connection ID]`: every problem on its own line, or one OK line. */
export function registerValidateCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: ExitCode) => void,
): void {
  program
    .command('validate')
    .description('check a configuration file and list every problem (exit 2 when there is one)')
    .requiredOption('--config <file>', 'the YAML configuration file')
    .option('--connection <id>', 'check that this connection exists (when the file has several)')
    .addHelpText(
      'after',
      '\n${NAME} and ${NAME:-default} in values are read from the environment; secrets must come from it.\n' +
        'Every key, default and example: docs/configuration.md.',
    )
    .action(async (options: { config: string; connection?: string }) => {
      const config = await loadConfig({ file: options.config, env: io.env })
      let connections = config.connections
      if (options.connection !== undefined) {
        const selected = selectConnection(config, options.connection)
        if (!selected.ok) {
          io.stderr.write(`${formatConfigIssue(options.config, selected.issue)}\n`)
          setExitCode(EXIT_CODES.usage)
          return
        }
        connections = [selected.connection]
      }
      const count = connections.length === 1 ? '1 connection' : `${connections.length} connections`
      io.stdout.write(`OK ${options.config}: ${count} (${connections.map(describeConnection).join('; ')})\n`)
      setExitCode(EXIT_CODES.ok)
    })
}
