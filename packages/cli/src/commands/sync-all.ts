import type { Connection } from '@crmsync/core'
import type { SyncSummary } from '@crmsync/engine'

import type { CliIo } from '../cli-io.js'
import type { ExitCode } from '../exit-codes.js'
import { safeJson } from '../format/safe-json.js'
import { safeLines } from '../format/safe-text.js'
import { ConnectionRuntimePool } from '../wiring/connection-runtime-pool.js'
import { describeRunFailure, exitCodeForSummary } from '../wiring/exit-code-for.js'
import { preflightRuntime } from '../wiring/preflight.js'
import { cliLogger } from '../wiring/stderr-logger.js'
import { formatSummary } from '../wiring/summary-text.js'
import { worstExitCode } from '../wiring/worst-exit-code.js'

/** One connection's outcome in `--json`: its summary, or why it could not run. */
export type ConnectionOutcome =
  | SyncSummary
  | {
      readonly connectionId: string
      readonly failure: { readonly exitCode: ExitCode; readonly message: string }
    }

export interface SyncEveryOptions {
  readonly dryRun: boolean
  readonly json: boolean
}

/**
 * `crmsync sync --once` on a file with several connections and no --connection: each connection in file
 * order, one after the other, over one store per store URL and one Salesforce capture per org (so the second
 * portal's capture is mostly served from the pages the first one read). Text prints one summary per
 * connection as it finishes; --json prints one object keyed by connection id at the end. A connection that
 * fails does not stop the next. Returns the worst exit code.
 */
export async function syncEveryConnection(
  connections: readonly Connection[],
  io: CliIo,
  options: SyncEveryOptions,
): Promise<ExitCode> {
  // Every change made before the command started is synced, in every connection.
  const startedAt = Date.now()
  const logger = cliLogger(io, 'warn')
  const pool = new ConnectionRuntimePool({ connections, logger })
  const outcomes: Record<string, ConnectionOutcome> = {}
  const codes: ExitCode[] = []
  try {
    for (const connection of connections) {
      let outcome: ConnectionOutcome
      try {
        const runtime = await pool.open(connection)
        await preflightRuntime(runtime, logger, { dryRun: options.dryRun })
        const summary = await runtime.engine.syncOnce({
          dryRun: options.dryRun,
          settleThrough: startedAt,
          onIndexWait: (ms) =>
            io.stderr.write(
              `crmsync sync: ${connection.id}: waiting ${(ms / 1000).toFixed(1)} s for HubSpot's search index to include the changes made just before this run\n`,
            ),
        })
        codes.push(exitCodeForSummary(summary))
        outcome = summary
        if (!options.json) io.stdout.write(safeLines(formatSummary(summary)))
      } catch (err) {
        const failure = describeRunFailure(err)
        codes.push(failure.code)
        outcome = {
          connectionId: connection.id,
          failure: { exitCode: failure.code, message: failure.message },
        }
        io.stderr.write(safeLines([`crmsync sync: connection ${connection.id}: ${failure.message}`]))
      }
      outcomes[connection.id] = outcome
    }
  } finally {
    await pool.close()
  }
  // Error messages and plan details quote CRM values: both forms print them escaped.
  if (options.json) io.stdout.write(`${safeJson(outcomes)}\n`)
  return worstExitCode(codes)
}
