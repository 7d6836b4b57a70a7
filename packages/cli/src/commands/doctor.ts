import type { Connection, CrmsyncConfig } from '@crmsync/core'
import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { loadConnections } from '../config/load-config.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'
import { formatChecks } from '../format/check-lines.js'
import { safeLines } from '../format/safe-text.js'
import type { ConnectionRuntime } from '../wiring/create-connection-runtime.js'
import { describeRunFailure } from '../wiring/exit-code-for.js'
import { worstExitCode } from '../wiring/worst-exit-code.js'

interface DoctorFlags {
  readonly config: string
  readonly connection?: string
  readonly fix?: boolean
}

/**
 * `crmsync doctor --config FILE [--connection ID]` (design.md 4.1): each check on its own line as ok or
 * FAIL with what to fix; without --connection every connection of the file in turn, each under its id. Exit 0
 * when all pass, 3 when any fails (credentials, permissions, identity and setup are all the connection's; the
 * worst over several), 2 on a configuration error.
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
    .option('--connection <id>', 'only this connection (default: every connection in the file, in turn)')
    .option(
      '--fix',
      'create what is missing: external-id fields, HubSpot link properties, and HubSpot properties with ' +
        'mappings in the config file for unmapped Salesforce custom fields',
    )
    .action(async (flags: DoctorFlags) => {
      const { config, connections, every } = await loadConnections({
        file: flags.config,
        env: io.env,
        connection: flags.connection,
      })
      const codes: ExitCode[] = []
      // An org's several-portal warnings are the same from each of its connections: said once.
      const said = new Set<string>()
      for (const connection of connections) {
        if (every)
          io.stdout.write(safeLines([...(codes.length > 0 ? [''] : []), `connection ${connection.id}:`]))
        codes.push(await doctorOne(config, connection, flags, said))
      }
      setExitCode(worstExitCode(codes))
    })

  /** Every check of one connection, printed; its exit code. */
  async function doctorOne(
    config: CrmsyncConfig,
    connection: Connection,
    flags: DoctorFlags,
    said: Set<string>,
  ): Promise<ExitCode> {
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
      const { multiPortalWarnings } = await import('./doctor-multi-portal.js')
      const warnings = multiPortalWarnings(config, connection, orgMax)
      io.stdout.write(safeLines(warnings.filter((line) => !said.has(line))))
      for (const line of warnings) said.add(line)
      return report.checks.every((c) => c.ok) ? EXIT_CODES.ok : EXIT_CODES.connection
    } catch (err) {
      const failure = describeRunFailure(err)
      io.stdout.write(safeLines([`FAIL salesforce: credentials: ${failure.message}`]))
      return failure.code
    } finally {
      await runtime?.close()
    }
  }
}
