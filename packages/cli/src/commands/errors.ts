import { OBJECT_KINDS, type ObjectKind, SYNC_HEALTH_TYPE_NAMES } from '@crmsync/core'
import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { loadConnection } from '../config/load-config.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'
import { safeJson } from '../format/safe-json.js'
import { safeLines } from '../format/safe-text.js'
import { formatTable } from '../format/table.js'
import { isoOrDash, withStore } from './status-store.js'

interface ErrorsFlags {
  readonly config: string
  readonly type?: string
  readonly object?: string
  readonly record?: string
  readonly json?: boolean
  readonly csv?: string
  readonly connection?: string
}

/** The object `crmsync resync` takes for errors of this kind (pass 3 errors resync their contact or deal). */
function resyncObjectOf(kind: ObjectKind): 'contact' | 'company' | 'deal' | undefined {
  if (kind === 'contact' || kind === 'contact-company') return 'contact'
  if (kind === 'company') return 'company'
  if (kind === 'deal' || kind === 'deal-contact') return 'deal'
  return undefined
}

/**
 * `crmsync errors --config FILE [--type T] [--object O] [--record ID] [--json] [--csv FILE]` (B-ERR-1): the
 * open per-record errors grouped by Sync Health type with the number of errors and of affected records, each
 * record's message, and what to do; `--csv` writes one row per error. Reads only the store (no CRM call, no
 * CRM token needed). Records are resynced with `crmsync resync OBJECT --errors TYPE` or `resync OBJECT ID`.
 */
export function registerErrorsCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: ExitCode) => void,
): void {
  program
    .command('errors')
    .description(
      'open per-record errors grouped by type (Sync Health), with counts, messages and what to do; JSON or CSV',
    )
    .requiredOption('--config <file>', 'the YAML configuration file')
    .option(
      '--type <type>',
      `only this type (${SYNC_HEALTH_TYPE_NAMES.join(', ')}), or an error code, or a prefix such as SF_`,
    )
    .option('--object <kind>', `only errors of this object (${OBJECT_KINDS.join(', ')})`)
    .option('--record <id>', 'only the errors of this record (its HubSpot or Salesforce id)')
    .option('--json', 'print the groups and errors as one JSON object')
    .option('--csv <file>', 'also write the errors to this CSV file, one row per error')
    .option('--connection <id>', 'the connection (when the file has several)')
    .action(async (flags: ErrorsFlags) => {
      const fail = (message: string) => {
        io.stderr.write(safeLines([`crmsync errors: ${message}`]))
        setExitCode(EXIT_CODES.usage)
      }
      // One implementation with the console's Sync Health page. Loaded here, not at the top: it loads the
      // store's drivers, which cost a second (program.ts).
      const { healthObjectKindOf, healthReportOf, healthTypeFilterOf } =
        await import('@crmsync/server/queries')
      const typeFilter = flags.type === undefined ? {} : healthTypeFilterOf(flags.type)
      if (typeFilter === undefined)
        return fail(
          `no error type or code ${flags.type ?? ''} (types: ${SYNC_HEALTH_TYPE_NAMES.join(', ')}; ` +
            'docs/errors.md lists the codes)',
        )
      const objectKind = flags.object === undefined ? undefined : healthObjectKindOf(flags.object)
      if (flags.object !== undefined && objectKind === undefined)
        return fail(`--object ${flags.object}: one of ${OBJECT_KINDS.join(', ')}`)
      const connection = await loadConnection({
        file: flags.config,
        env: io.env,
        connection: flags.connection,
        crmVariablesOptional: true,
      })
      const { report, csv } = await withStore(connection, (store) =>
        healthReportOf(store, connection.id, { ...typeFilter, objectKind, recordId: flags.record }),
      )
      const { rows, groups, records } = report
      if (flags.csv !== undefined) {
        const { writeFile } = await import('node:fs/promises')
        try {
          await writeFile(flags.csv, csv())
        } catch (err) {
          return fail(`cannot write ${flags.csv}: ${err instanceof Error ? err.message : String(err)}`)
        }
      }
      if (flags.json === true) {
        io.stdout.write(`${safeJson(report)}\n`)
        setExitCode(EXIT_CODES.ok)
        return
      }
      const lines = [
        `${rows.length} open error(s)${flags.type === undefined ? '' : ` of type ${flags.type}`} on ${records} record(s)`,
      ]
      if (flags.csv !== undefined) lines.push(`wrote ${rows.length} row(s) to ${flags.csv}`)
      for (const group of groups) {
        const list = rows.filter((r) => r.type === group.type)
        lines.push(`${group.label} (${group.type}): ${group.errors} error(s) on ${group.records} record(s)`)
        lines.push(`  what to do: ${group.action}`)
        // Codes whose own action says more than the type's.
        for (const code of new Set(list.map((r) => r.code))) {
          const action = list.find((r) => r.code === code)?.action
          if (action !== undefined && action !== group.action) lines.push(`  ${code}: ${action}`)
        }
        const table = list.map((e) => [
          `${e.objectKind} ${e.side} ${e.recordId}`,
          e.linkedId ?? '-',
          e.code,
          String(e.attempts),
          isoOrDash(e.lastSeenAt),
          isoOrDash(e.nextRetryAt),
          e.message,
        ])
        lines.push(
          ...formatTable(
            ['record', 'linked', 'code', 'attempts', 'last seen', 'next retry', 'message'],
            table,
            '  ',
          ),
        )
        const objects = [...new Set(list.flatMap((e) => resyncObjectOf(e.objectKind as ObjectKind) ?? []))]
        for (const object of objects)
          lines.push(`  resync after the fix: crmsync resync ${object} --errors ${group.type} --config FILE`)
      }
      // Messages and record ids come from the CRMs: the table and safeLines print them escaped.
      io.stdout.write(safeLines(lines))
      setExitCode(EXIT_CODES.ok)
    })
}
