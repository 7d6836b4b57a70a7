import type { Connection, StateStore } from '@crmsync/core'
import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { loadConnection } from '../config/load-config.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'
import { safeLines } from '../format/safe-text.js'
import { formatTable } from '../format/table.js'
import { isoOrDash, withStore } from './status-store.js'

/** The capture streams the engine keeps a cursor for (design.md 3.4). */
const STREAMS = [
  ['salesforce', 'Contact'],
  ['salesforce', 'Lead'],
  ['salesforce', 'Contact:deleted'],
  ['salesforce', 'Lead:deleted'],
  ['hubspot', 'contact'],
] as const

const DAY_MS = 24 * 60 * 60 * 1000

/** Where a cursor stands: the Salesforce watermark `from` or HubSpot's `modifiedAt`, both epoch ms. */
function cursorPosition(value: string): string {
  try {
    const parsed = JSON.parse(value) as { from?: unknown; modifiedAt?: unknown }
    const at = typeof parsed.from === 'number' ? parsed.from : parsed.modifiedAt
    return typeof at === 'number' ? isoOrDash(at) : value.slice(0, 40)
  } catch {
    return value.slice(0, 40)
  }
}

async function statusLines(connection: Connection, store: StateStore, now: number): Promise<string[]> {
  const id = connection.id
  const identity = await store.getIdentity(id)
  const lines = [
    `connection ${id}: ` +
      (identity === undefined
        ? 'not synced yet (no org or portal recorded)'
        : `Salesforce org ${identity.salesforceOrgId} <-> HubSpot portal ${identity.hubspotPortalId}`),
    `  inbox: ${await store.countInbox(id)} record(s) waiting`,
  ]
  const window = (side: 'salesforce' | 'hubspot') => ({
    connectionId: id,
    side,
    from: now - DAY_MS,
    to: now + 60_000,
  })
  const [sf, hs] = await Promise.all([
    store.sumApiCalls(window('salesforce')),
    store.sumApiCalls(window('hubspot')),
  ])
  lines.push(`  API calls in the last 24 h: salesforce ${sf}, hubspot ${hs}`)
  const errors = await store.countOpenErrors(id)
  const open = errors.reduce((sum, e) => sum + e.errors, 0)
  lines.push(`  open errors: ${open}${open === 0 ? '' : ' (crmsync errors --type CODE lists them)'}`)
  lines.push(
    ...formatTable(
      ['code', 'errors', 'records'],
      errors.map((e) => [e.code, String(e.errors), String(e.records)]),
      '    ',
    ).slice(errors.length === 0 ? 1 : 0),
  )
  const cursors = []
  for (const [side, stream] of STREAMS) {
    const cursor = await store.getCursor(id, side, stream)
    cursors.push([
      `${side} ${stream}`,
      cursor === undefined ? '-' : cursorPosition(cursor.value),
      isoOrDash(cursor?.updatedAt),
    ])
  }
  lines.push(
    '  capture cursors:',
    ...formatTable(['stream', 'captured up to', 'last advanced'], cursors, '    '),
  )
  return lines
}

/** `crmsync status --config FILE [--connection ID]`: inbox depth, open errors by code, cursors, API calls in 24 h. */
export function registerStatusCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: ExitCode) => void,
): void {
  program
    .command('status')
    .description(
      'inbox depth, open errors by type, capture cursors and API calls in the last 24 h (from the store)',
    )
    .requiredOption('--config <file>', 'the YAML configuration file')
    .option('--connection <id>', 'the connection (when the file has several)')
    .action(async (flags: { config: string; connection?: string }) => {
      const connection = await loadConnection({
        file: flags.config,
        env: io.env,
        connection: flags.connection,
      })
      const lines = await withStore(connection, (store) => statusLines(connection, store, Date.now()))
      // Org and portal ids and cursor values come from the CRMs: printed escaped like every CRM text.
      io.stdout.write(safeLines(lines))
      setExitCode(EXIT_CODES.ok)
    })
}
