import {
  ERROR_CODES,
  groupByHealthType,
  OBJECT_KINDS,
  type ObjectKind,
  parseHealthType,
  SYNC_HEALTH_TYPE_NAMES,
  SYNC_HEALTH_TYPES,
  type SyncErrorCode,
  type SyncHealthType,
} from '@crmsync/core'
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

/** `--type`: a Sync Health type (permission), or as before a code (SF_VALIDATION) or a prefix (SF_). */
type TypeFilter =
  { readonly type: SyncHealthType } | { readonly codes: readonly SyncErrorCode[] } | { readonly none: true }

function typeFilterOf(text: string | undefined): TypeFilter | undefined {
  if (text === undefined) return { none: true }
  const type = parseHealthType(text)
  if (type !== undefined) return { type }
  const all = Object.keys(ERROR_CODES) as SyncErrorCode[]
  const upper = text.toUpperCase()
  const codes = upper.endsWith('_') ? all.filter((c) => c.startsWith(upper)) : all.filter((c) => c === upper)
  return codes.length === 0 ? undefined : { codes }
}

/** `--object`: an object kind errors are recorded against, singular or plural (contacts, companies). */
function objectKindOf(text: string): ObjectKind | undefined {
  const wanted = text.toLowerCase()
  return OBJECT_KINDS.find(
    (kind) => kind === wanted || `${kind}s` === wanted || (kind === 'company' && wanted === 'companies'),
  )
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
      const typeFilter = typeFilterOf(flags.type)
      if (typeFilter === undefined)
        return fail(
          `no error type or code ${flags.type ?? ''} (types: ${SYNC_HEALTH_TYPE_NAMES.join(', ')}; ` +
            'docs/errors.md lists the codes)',
        )
      const objectKind = flags.object === undefined ? undefined : objectKindOf(flags.object)
      if (flags.object !== undefined && objectKind === undefined)
        return fail(`--object ${flags.object}: one of ${OBJECT_KINDS.join(', ')}`)
      const connection = await loadConnection({
        file: flags.config,
        env: io.env,
        connection: flags.connection,
        crmVariablesOptional: true,
      })
      // Loaded here, not at the top: the store's drivers cost a second to load (program.ts).
      const { syncHealthReport, syncHealthCsv } = await import('@crmsync/store')
      const report = await withStore(connection, (store) =>
        syncHealthReport(store, connection.id, {
          type: 'type' in typeFilter ? typeFilter.type : undefined,
          objectKind,
          recordId: flags.record,
        }),
      )
      const rows =
        'codes' in typeFilter
          ? report.rows.filter((r) => typeFilter.codes.includes(r.code as SyncErrorCode))
          : report.rows
      const groups = 'codes' in typeFilter ? groupByHealthType(rows) : report.groups
      if (flags.csv !== undefined) {
        const { writeFile } = await import('node:fs/promises')
        try {
          await writeFile(flags.csv, syncHealthCsv(rows))
        } catch (err) {
          return fail(`cannot write ${flags.csv}: ${err instanceof Error ? err.message : String(err)}`)
        }
      }
      const records = new Set(rows.map((r) => `${r.objectKind}:${r.side}:${r.recordId}`)).size
      if (flags.json === true) {
        io.stdout.write(
          `${safeJson({ connection: connection.id, errors: rows.length, records, groups, rows })}\n`,
        )
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
          if (action !== undefined && action !== SYNC_HEALTH_TYPES[group.type].action)
            lines.push(`  ${code}: ${action}`)
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
        const objects = [...new Set(list.flatMap((e) => resyncObjectOf(e.objectKind) ?? []))]
        for (const object of objects)
          lines.push(`  resync after the fix: crmsync resync ${object} --errors ${group.type} --config FILE`)
      }
      // Messages and record ids come from the CRMs: the table and safeLines print them escaped.
      io.stdout.write(safeLines(lines))
      setExitCode(EXIT_CODES.ok)
    })
}
