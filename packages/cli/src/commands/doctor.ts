import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { loadConnection } from '../config/load-config.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'
import { formatChecks } from '../format/check-lines.js'
import { safeLines } from '../format/safe-text.js'
import type { ConnectionRuntime } from '../wiring/create-connection-runtime.js'
import { describeRunFailure } from '../wiring/exit-code-for.js'

interface DoctorFlags {
  readonly config: string
  readonly connection?: string
  readonly fix?: boolean
}

/**
 * `crmsync doctor --config FILE [--connection ID]` (design.md 4.1): each check on its own line as ok or
 * FAIL with what to fix. Exit 0 when all pass, 3 when any fails (credentials, permissions, identity and
 * setup are all the connection's), 2 on a configuration error.
 */
export function registerDoctorCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: ExitCode) => void,
): void {
  program
    .command('doctor')
    .description(
      'check credentials, permissions, identity, external-id field and properties; say what to fix',
    )
    .requiredOption('--config <file>', 'the YAML configuration file')
    .option('--connection <id>', 'the connection to check (when the file has several)')
    .option(
      '--fix',
      'create what is missing: external-id fields, HubSpot link properties, and HubSpot properties with ' +
        'mappings in the config file for unmapped Salesforce custom fields',
    )
    .action(async (flags: DoctorFlags) => {
      const connection = await loadConnection({
        file: flags.config,
        env: io.env,
        connection: flags.connection,
      })
      // Loaded here, not at the top: the connectors and the engine cost seconds (program.ts).
      const { createConnectionRuntime } = await import('../wiring/create-connection-runtime.js')
      const { runDoctor } = await import('./doctor-checks.js')
      let runtime: ConnectionRuntime | undefined
      try {
        runtime = await createConnectionRuntime({ connection })
        const hubspot = runtime.hubspot
        const report = await runDoctor({
          connection,
          store: runtime.store,
          salesforce: runtime.salesforce,
          hubspotIdentity: () => hubspot.identity(),
          hubspot,
          configFile: flags.config,
          fix: flags.fix === true,
        })
        io.stdout.write(safeLines(formatChecks(report.checks)))
        // Several portals on this org (B-MULTI-2, 4): warnings only, the exit code stays the checks'.
        const orgMax = runtime.salesforce.apiUsage().orgUsage?.max
        const { multiPortalWarningsFor } = await import('./doctor-multi-portal.js')
        io.stdout.write(
          safeLines(await multiPortalWarningsFor({ file: flags.config, env: io.env, connection, orgMax })),
        )
        setExitCode(report.checks.every((c) => c.ok) ? EXIT_CODES.ok : EXIT_CODES.connection)
      } catch (err) {
        const failure = describeRunFailure(err)
        io.stdout.write(safeLines([`FAIL salesforce: credentials: ${failure.message}`]))
        setExitCode(failure.code)
      } finally {
        await runtime?.close()
      }
    })
}
