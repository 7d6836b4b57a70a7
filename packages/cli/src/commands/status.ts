import { type Connection, LINK_STATES, type LinkState, OBJECT_KINDS, type StateStore } from '@crmsync/core'
import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { loadConnections } from '../config/load-config.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'
import { safeJson } from '../format/safe-json.js'
import { safeLines } from '../format/safe-text.js'
import { formatTable } from '../format/table.js'
import { connectionStateLines } from './status-connection-state.js'
import { isoOrDash, withStore } from './status-store.js'

/** The capture streams the engine keeps a cursor for (design.md 3.4). */
const STREAMS = [
  ['salesforce', 'Contact'],
  ['salesforce', 'Lead'],
  ['salesforce', 'Contact:deleted'],
  ['salesforce', 'Lead:deleted'],
  ['hubspot', 'contact'],
] as const

/** Company capture's streams (Accounts with their deletes, HubSpot companies), while company sync is on. */
const COMPANY_STREAMS = [
  ['salesforce', 'Account'],
  ['hubspot', 'company'],
] as const

/**
 * Deal capture's streams (Opportunities with their deletes, HubSpot deals, Opportunity contact roles), while
 * deal sync is on.
 */
const DEAL_STREAMS = [
  ['salesforce', 'Opportunity'],
  ['hubspot', 'deal'],
  ['salesforce', 'OpportunityContactRole'],
] as const

/**
 * Activity capture's streams (HubSpot engagements and marketing email events, Salesforce Tasks and Events),
 * while activity sync is on.
 */
const ACTIVITY_STREAMS = [
  ['hubspot', 'activity:calls'],
  ['hubspot', 'activity:notes'],
  ['hubspot', 'activity:meetings'],
  ['hubspot', 'activity:tasks'],
  ['hubspot', 'activity:emails'],
  ['hubspot', 'activity:email-events'],
  ['salesforce', 'activity:Task'],
  ['salesforce', 'activity:Event'],
] as const

/** `status` runs no engine: no cycle ran in this process. */
const NO_CYCLES = {
  lastCycle: () => null,
  latency: () => ({ samples: 0, p50Ms: null, p95Ms: null }),
}

/** Where a cursor stands: the Salesforce watermark `from` or HubSpot's `modifiedAt`, both epoch ms. */
function cursorPosition(value: string): string {
  try {
    const parsed = JSON.parse(value) as { from?: unknown; modifiedAt?: unknown; at?: unknown }
    // `at`: the marketing email event stream's instant.
    const at = typeof parsed.from === 'number' ? parsed.from : (parsed.modifiedAt ?? parsed.at)
    return typeof at === 'number' ? isoOrDash(at) : value.slice(0, 40)
  } catch {
    return value.slice(0, 40)
  }
}

/** The inbox depth, and per kind when anything waits: `5 record(s) waiting (contact 3, company 2)`. */
export async function inboxLine(store: StateStore, connectionId: string): Promise<string> {
  const total = await store.countInbox(connectionId)
  if (total === 0) return '  inbox: 0 record(s) waiting'
  const kinds = [...(await store.countInboxByKind(connectionId))]
    .sort((a, b) => OBJECT_KINDS.indexOf(a.objectKind) - OBJECT_KINDS.indexOf(b.objectKind))
    .map((c) => `${c.objectKind} ${c.rows}`)
    .join(', ')
  return `  inbox: ${total} record(s) waiting (${kinds})`
}

/**
 * Links per object kind and state; companies while company sync is on or once any company is linked, deals
 * likewise with deal sync.
 */
export async function linkLines(connection: Connection, store: StateStore): Promise<string[]> {
  const rows: string[][] = []
  const on = {
    contact: true,
    company: connection.settings.companies.sync,
    deal: connection.settings.deals.sync,
  }
  // Counted by the store (GROUP BY), not by reading every link.
  const linkCounts = await store.countLinks(connection.id)
  for (const kind of ['contact', 'company', 'deal'] as const) {
    const counts = Object.fromEntries(
      LINK_STATES.map((state) => [
        state,
        linkCounts.find((c) => c.objectKind === kind && c.state === state)?.links ?? 0,
      ]),
    ) as Record<LinkState, number>
    const total = LINK_STATES.reduce((n, state) => n + counts[state], 0)
    if (!on[kind] && total === 0) continue
    rows.push([kind, ...LINK_STATES.map((state) => String(counts[state])), String(total)])
  }
  const sync = (enabled: boolean) => (enabled ? 'on' : 'off')
  const deals = on.deal || rows.some((row) => row[0] === 'deal') ? `, deal sync ${sync(on.deal)}` : ''
  return [
    `  links (company sync ${sync(on.company)}${deals}):`,
    ...formatTable(['kind', ...LINK_STATES, 'total'], rows, '    '),
  ]
}

async function statusLines(
  connection: Connection,
  store: StateStore,
  now: number,
  several: boolean,
): Promise<string[]> {
  const id = connection.id
  const identity = await store.getIdentity(id)
  const lines = [
    `connection ${id}: ` +
      (identity === undefined
        ? 'not synced yet (no org or portal recorded)'
        : `Salesforce org ${identity.salesforceOrgId} <-> HubSpot portal ${identity.hubspotPortalId}`),
    ...(await connectionStateLines(connection, store, several)),
    await inboxLine(store, id),
    ...(await linkLines(connection, store)),
  ]
  // Loaded here, not at the top: it reads the engine's defaults, which `--help` and `validate` do not need.
  const { apiUsageLines, readApiUsageStatus } = await import('./status-api-usage.js')
  lines.push(...apiUsageLines(await readApiUsageStatus(connection, store, now)))
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
  const streams: Array<readonly ['salesforce' | 'hubspot', string]> = [...STREAMS]
  for (const [side, stream] of COMPANY_STREAMS) {
    if (connection.settings.companies.sync || (await store.getCursor(id, side, stream)) !== undefined)
      streams.push([side, stream])
  }
  for (const [side, stream] of DEAL_STREAMS) {
    if (connection.settings.deals.sync || (await store.getCursor(id, side, stream)) !== undefined)
      streams.push([side, stream])
  }
  const { toSalesforce, fromSalesforce } = connection.settings.activities
  const activities = toSalesforce.length > 0 || fromSalesforce.length > 0
  for (const [side, stream] of ACTIVITY_STREAMS) {
    if (activities || (await store.getCursor(id, side, stream)) !== undefined) streams.push([side, stream])
  }
  if (activities) {
    const items = await store.countTimelineItems(id)
    lines.push(
      `  activity tasks: ${items.written} written, ${items.pending} waiting for their contact's link, ` +
        `${items.claimed} being written`,
    )
  }
  for (const [side, stream] of streams) {
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

/**
 * `crmsync status --config FILE [--connection ID]`: inbox depth per kind, links per kind and state (contacts,
 * companies, deals), open errors by code, cursors (with company and deal capture's while they sync), API calls
 * in 24 h.
 */
export function registerStatusCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: ExitCode) => void,
): void {
  program
    .command('status')
    .description(
      'inbox depth and links per kind, open errors by type, capture cursors and API calls in the last 24 h (from the store)',
    )
    .requiredOption('--config <file>', 'the YAML configuration file')
    .option('--connection <id>', 'only this connection (default: every connection in the file, in turn)')
    .option(
      '--json',
      'print identity, inbox depth, open errors, API usage and the state (active, paused, suspended) as one JSON object (several connections: one object keyed by id)',
    )
    .action(async (flags: { config: string; connection?: string; json?: boolean }) => {
      const { connections, every } = await loadConnections({
        file: flags.config,
        env: io.env,
        connection: flags.connection,
        // Store only: no CRM call, so no CRM token is needed (as `errors`).
        crmVariablesOptional: true,
      })
      if (flags.json === true) {
        const { statusJson } = await import('./status-api-usage.js')
        // The state and the per-kind counts are the console's Overview read models (one implementation).
        const { connectionStateReport, overviewOf } = await import('@crmsync/server/queries')
        const reports: Record<string, unknown> = {}
        for (const connection of connections)
          reports[connection.id] = await withStore(connection, async (store) => {
            const now = Date.now()
            const overview = await overviewOf({ connection, store, cycles: NO_CYCLES, now })
            return {
              ...(await statusJson(connection, store, now)),
              objects: overview.objects,
              state: await connectionStateReport(connection, store),
            }
          })
        io.stdout.write(`${safeJson(every ? reports : reports[connections[0]!.id])}\n`)
        setExitCode(EXIT_CODES.ok)
        return
      }
      // With several connections, the commands a line suggests name the connection too.
      const several = every || flags.connection !== undefined
      const lines: string[] = []
      for (const connection of connections) {
        if (lines.length > 0) lines.push('')
        lines.push(
          ...(await withStore(connection, (store) => statusLines(connection, store, Date.now(), several))),
        )
      }
      // Org and portal ids and cursor values come from the CRMs: printed escaped like every CRM text.
      io.stdout.write(safeLines(lines))
      setExitCode(EXIT_CODES.ok)
    })
}
