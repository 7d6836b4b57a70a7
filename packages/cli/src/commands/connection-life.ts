import type { Connection } from '@crmsync/core'
import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { loadConnection } from '../config/load-config.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'
import { safeJson } from '../format/safe-json.js'
import { safeLines } from '../format/safe-text.js'
import { formatTable } from '../format/table.js'
import type { ConnectionRuntime } from '../wiring/create-connection-runtime.js'
import { describeRunFailure } from '../wiring/exit-code-for.js'
import { cliLogger } from '../wiring/stderr-logger.js'
import { isoOrDash, withStore } from './status-store.js'

interface ConfigFlags {
  readonly config: string
  readonly connection?: string
}

/**
 * `crmsync pause`, `resume` and `disconnect` (B-INST-7, B-ERR-9/10, B-INST-12..14): the connection's state is
 * kept in the store, so a running `crmsync run` sees a pause or a resume at its next cycle.
 */
export function registerConnectionLifeCommands(
  program: Command,
  io: CliIo,
  setExitCode: (code: ExitCode) => void,
): void {
  const load = (flags: ConfigFlags) =>
    loadConnection({ file: flags.config, env: io.env, connection: flags.connection })

  /** Runs `fn` over the connection's runtime; a SyncError (credentials, identity) exits 3 with its message. */
  async function withRuntime(
    command: string,
    connection: Connection,
    fn: (runtime: ConnectionRuntime) => Promise<void>,
    /** Said after the failure, e.g. that the connection stays as it was. */
    afterFailure = '',
  ): Promise<void> {
    // Loaded here, not at the top: the connectors and the engine cost seconds (program.ts).
    const { createConnectionRuntime } = await import('../wiring/create-connection-runtime.js')
    let runtime: ConnectionRuntime | undefined
    try {
      runtime = await createConnectionRuntime({ connection, logger: cliLogger(io, 'warn') })
      await fn(runtime)
    } catch (err) {
      const failure = describeRunFailure(err)
      io.stderr.write(safeLines([`crmsync ${command}: ${failure.message}${afterFailure}`]))
      setExitCode(failure.code)
    } finally {
      await runtime?.close()
    }
  }

  program
    .command('pause')
    .description('switch the connection off: nothing is read or written until `crmsync resume` (B-INST-7)')
    .requiredOption('--config <file>', 'the YAML configuration file')
    .option('--connection <id>', 'the connection (when the file has several)')
    .action(async (flags: ConfigFlags) => {
      const connection = await load(flags)
      // The store only: pausing needs no CRM call, so it works while a side is down.
      await withStore(connection, async (store) => {
        const state = await store.getConnectionState(connection.id)
        await store.setConnectionState({ ...state, paused: true })
      })
      io.stdout.write(
        safeLines([
          `connection ${connection.id} paused: nothing is read or written until \`crmsync resume\`; a running \`crmsync run\` stops syncing at its next cycle`,
        ]),
      )
      setExitCode(EXIT_CODES.ok)
    })

  program
    .command('resume')
    .description(
      'check the credentials, then clear a pause or a suspension at once; --reconnect connects a disconnected connection again',
    )
    .requiredOption('--config <file>', 'the YAML configuration file')
    .option('--connection <id>', 'the connection (when the file has several)')
    .option('--reconnect', 'connect a disconnected connection again (capture starts now, B-INST-14)')
    .action(async (flags: ConfigFlags & { readonly reconnect?: boolean }) => {
      const connection = await load(flags)
      const before = await withStore(connection, (store) => store.getConnectionState(connection.id))
      if (before.disconnectedAt !== undefined && flags.reconnect !== true) {
        io.stderr.write(
          safeLines([
            `crmsync resume: connection ${connection.id} was disconnected on ${isoOrDash(before.disconnectedAt)}; run \`crmsync resume --reconnect\` to connect it again (its links are gone: run an import or a resync to link records again)`,
          ]),
        )
        setExitCode(EXIT_CODES.usage)
        return
      }
      // A check that fails (the cause is still there) changes nothing: say so, and what clears it.
      const unchanged =
        before.suspension !== undefined
          ? `; connection ${connection.id} stays suspended:${before.suspension.reason} (a running \`crmsync run\` resumes it by itself at the first probe that finds the cause gone)`
          : before.paused
            ? `; connection ${connection.id} stays paused`
            : ''
      await withRuntime(
        'resume',
        connection,
        async (runtime) => {
          const after = await runtime.engine.resume({ reconnect: flags.reconnect })
          const was = [
            ...(before.paused ? ['paused'] : []),
            ...(before.suspension === undefined ? [] : [`suspended:${before.suspension.reason}`]),
            ...(before.disconnectedAt === undefined ? [] : ['disconnected']),
          ]
          const note = connection.settings.enabled
            ? ''
            : ' (settings.enabled is false in the file: still paused)'
          io.stdout.write(
            safeLines([
              `connection ${connection.id} active${was.length === 0 ? '' : ` (was ${was.join(', ')})`}; credentials checked${note}`,
              ...(after.disconnectedAt === undefined && before.disconnectedAt !== undefined
                ? [
                    'capture starts now: no record is linked again until you run `crmsync import` or `crmsync resync`',
                  ]
                : []),
            ]),
          )
          setExitCode(EXIT_CODES.ok)
        },
        unchanged,
      )
    })

  program
    .command('disconnect')
    .description(
      "remove the connection's links, inbox and settings snapshots from the store (records in both CRMs stay) and report records whose owner exists only in Salesforce",
    )
    .requiredOption('--config <file>', 'the YAML configuration file')
    .option('--connection <id>', 'the connection (when the file has several)')
    .option('--yes', 'confirm: the links cannot be restored, only rebuilt by an import or a resync')
    .option('--json', 'print the report as one JSON object')
    .action(async (flags: ConfigFlags & { readonly yes?: boolean; readonly json?: boolean }) => {
      if (flags.yes !== true) {
        io.stderr.write(
          safeLines([
            "crmsync disconnect: this removes the connection's links, inbox and settings snapshots from the store (records and their values in both CRMs stay); links are not restored by reconnecting, only rebuilt by an import or a resync (B-INST-14). Run again with --yes.",
          ]),
        )
        setExitCode(EXIT_CODES.usage)
        return
      }
      await withRuntime('disconnect', await load(flags), async (runtime) => {
        const report = await runtime.engine.disconnect()
        if (flags.json === true) io.stdout.write(`${safeJson(report)}\n`)
        else {
          const removed = Object.entries(report.linksRemoved).map(([kind, n]) => `${kind} ${n}`)
          const rows = report.ownerReport.map((row) => [
            row.objectKind,
            row.hubspotId,
            row.salesforceId,
            `${row.ownerName} <${row.ownerEmail}>`,
            row.salesforceUserId,
          ])
          io.stdout.write(
            safeLines([
              `connection ${report.connectionId} disconnected at ${isoOrDash(report.disconnectedAt)}; links removed: ${removed.length === 0 ? 'none' : removed.join(', ')}`,
              'records and their values in both CRMs, and the configuration file, are unchanged; run and sync refuse until `crmsync resume --reconnect`',
              report.ownerReport.length === 0
                ? 'no HubSpot record has an owner that exists only as a Salesforce user'
                : `${report.ownerReport.length} HubSpot record(s) to reassign: their owner has no HubSpot user login, only a Salesforce user (B-INST-13):`,
              ...(rows.length === 0
                ? []
                : formatTable(
                    ['kind', 'hubspot id', 'salesforce id', 'owner', 'salesforce user'],
                    rows,
                    '  ',
                  )),
            ]),
          )
        }
        setExitCode(EXIT_CODES.ok)
      })
    })
}
