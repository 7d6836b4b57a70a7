import { ERROR_CODES, type SyncErrorCode } from '@crmsync/core'
import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { loadConnection } from '../config/load-config.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'
import { safeLines, safeText } from '../format/safe-text.js'
import { formatTable } from '../format/table.js'
import { isoOrDash, withStore } from './status-store.js'

/** `--type` takes a code (SF_VALIDATION) or a prefix ending in `_` (SF_, HS_) for a whole family. */
function codesFor(type: string): SyncErrorCode[] {
  const all = Object.keys(ERROR_CODES) as SyncErrorCode[]
  const upper = type.toUpperCase()
  return upper.endsWith('_') ? all.filter((c) => c.startsWith(upper)) : all.filter((c) => c === upper)
}

/** `crmsync errors [--type T] --config FILE`: open per-record errors, grouped by code, newest first. */
export function registerErrorsCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: ExitCode) => void,
): void {
  program
    .command('errors')
    .description('open per-record errors grouped by type (code), with attempts and the next retry')
    .requiredOption('--config <file>', 'the YAML configuration file')
    .option('--type <code>', 'only this error code, or a prefix such as SF_ or HS_')
    .option('--connection <id>', 'the connection (when the file has several)')
    .action(async (flags: { config: string; type?: string; connection?: string }) => {
      const codes = flags.type === undefined ? undefined : codesFor(flags.type)
      if (codes !== undefined && codes.length === 0) {
        io.stderr.write(
          `crmsync errors: no error code ${safeText(flags.type ?? '')} (docs/errors.md lists them)\n`,
        )
        setExitCode(EXIT_CODES.usage)
        return
      }
      const connection = await loadConnection({
        file: flags.config,
        env: io.env,
        connection: flags.connection,
      })
      const errors = await withStore(connection, (store) =>
        store.listErrors({ connectionId: connection.id, ...(codes === undefined ? {} : { codes }) }),
      )
      const byCode = new Map<string, typeof errors>()
      for (const e of errors) byCode.set(e.code, [...(byCode.get(e.code) ?? []), e])
      const lines = [
        `${errors.length} open error(s)${flags.type === undefined ? '' : ` of type ${flags.type}`}`,
      ]
      for (const [code, list] of [...byCode].sort((a, b) => b[1].length - a[1].length)) {
        lines.push(`${code} (${list.length}): ${ERROR_CODES[code as SyncErrorCode].summary}`)
        const rows = list.map((e) => [
          `${e.side} ${e.recordId}`,
          String(e.attempts),
          isoOrDash(e.lastSeenAt),
          isoOrDash(e.nextRetryAt),
          e.message,
        ])
        lines.push(...formatTable(['record', 'attempts', 'last seen', 'next retry', 'message'], rows, '  '))
      }
      // Messages and record ids come from the CRMs: the table and safeLines print them escaped.
      io.stdout.write(safeLines(lines))
      setExitCode(EXIT_CODES.ok)
    })
}
