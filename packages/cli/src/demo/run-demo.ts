import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { Link } from '@crmsync/core'
import { startInProcessRuntime } from '@crmsync/engine'
import { connectSalesforce } from '@crmsync/salesforce'
import { Client } from '@hubspot/api-client'

import type { CliIo } from '../cli-io.js'
import {
  hubspotCompanyPages,
  hubspotDealPages,
  hubspotRecordPages,
  salesforceAccountPages,
  salesforceOpportunityPages,
  salesforceRecordPages,
} from '../commands/import-list-records.js'
import { runImport } from '../commands/import-run.js'
import { loadConnection } from '../config/load-config.js'
import { createProgress } from '../format/progress.js'
import { safeLines, safeText } from '../format/safe-text.js'
import { createConnectionRuntime } from '../wiring/create-connection-runtime.js'
import { createStderrLogger } from '../wiring/stderr-logger.js'
import { LatencyTracker } from './demo-latency.js'
import { makeTraffic } from './demo-traffic.js'
import { formatLiveView, LiveTotals } from './live-summary.js'
import { sandboxConfigYaml, sandboxTokenEnv, startLocalSandboxes } from './local-sandboxes.js'

export interface DemoOptions {
  /** Stop by itself after this many seconds. (Default: until io.shutdown is aborted) */
  readonly durationSeconds?: number | undefined
  /** Seconds between engine cycles. (Default: 3) */
  readonly pollSeconds: number
  /** Seconds between summaries and traffic rounds. (Default: 4) */
  readonly refreshSeconds: number
}

/** Result of the demo: how many contacts ended up linked, for the caller's exit code. */
export interface DemoResult {
  readonly links: number
  readonly newErrors: number
}

function waitFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}

/**
 * `crmsync demo`: both sandboxes seeded `small`, a config pointing at them and a SQLite store in a temp
 * directory, an import from both sides, then the engine syncing every few seconds while a little traffic
 * of new and edited records arrives on both sides through the official clients; a live summary on stdout.
 */
export async function runDemo(io: CliIo, options: DemoOptions): Promise<DemoResult> {
  const stop = new AbortController()
  const onShutdown = () => stop.abort()
  io.shutdown?.addEventListener('abort', onShutdown, { once: true })
  if (io.shutdown?.aborted === true) stop.abort()
  const timer =
    options.durationSeconds === undefined
      ? undefined
      : setTimeout(() => stop.abort(), options.durationSeconds * 1000)
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-demo-'))
  io.stdout.write('Starting the Salesforce and HubSpot sandboxes (seed: small)...\n')
  const sandboxes = await startLocalSandboxes('small')
  try {
    const file = join(dir, 'crmsync.yaml')
    const storeUrl = `sqlite:${join(dir, 'state.db')}`
    writeFileSync(file, sandboxConfigYaml(sandboxes, storeUrl, 'demo', { companies: true, deals: true }))
    const env = { ...io.env, ...sandboxTokenEnv(sandboxes) }
    const connection = await loadConnection({ file, env })
    io.stdout.write(
      `Salesforce sandbox ${sandboxes.salesforce.instanceUrl}, HubSpot sandbox ${sandboxes.hubspot.basePath}, ` +
        `store ${connection.store.url}\n`,
    )
    const runtime = await createConnectionRuntime({
      connection,
      logger: createStderrLogger(io.stderr, 'error'),
    })
    try {
      return await runWith(io, options, stop.signal, runtime, sandboxes)
    } finally {
      await runtime.close()
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer)
    io.shutdown?.removeEventListener('abort', onShutdown)
    await sandboxes.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** What each side calls the records of an import. */
const IMPORTED = {
  company: { salesforce: 'accounts', hubspot: 'companies' },
  contact: { salesforce: 'contacts', hubspot: 'contacts' },
  deal: { salesforce: 'opportunities', hubspot: 'deals' },
} as const

/** The ids an import of one kind and side walks through. */
function importPages(
  objectKind: 'company' | 'contact' | 'deal',
  side: 'salesforce' | 'hubspot',
  runtime: Awaited<ReturnType<typeof createConnectionRuntime>>,
  connection: Awaited<ReturnType<typeof createConnectionRuntime>>['connection'],
) {
  if (objectKind === 'company')
    return side === 'salesforce'
      ? salesforceAccountPages(runtime.salesforce)
      : hubspotCompanyPages(runtime.hubspot)
  if (objectKind === 'deal')
    return side === 'salesforce'
      ? salesforceOpportunityPages(runtime.salesforce)
      : hubspotDealPages(runtime.hubspot)
  return side === 'salesforce'
    ? salesforceRecordPages(runtime.salesforce)
    : hubspotRecordPages(connection.hubspot.accessToken, connection.hubspot.basePath)
}

async function runWith(
  io: CliIo,
  options: DemoOptions,
  signal: AbortSignal,
  runtime: Awaited<ReturnType<typeof createConnectionRuntime>>,
  sandboxes: Awaited<ReturnType<typeof startLocalSandboxes>>,
): Promise<DemoResult> {
  const { connection, engine, store } = runtime
  const apiCalls = () => ({
    salesforce: runtime.salesforce.apiUsage().calls,
    hubspot: runtime.hubspot.apiUsage().calls,
  })
  const totals = new LiveTotals()
  // The first cycle records the org and portal and starts the cursors: connecting copies nothing (B-INST-6).
  totals.add(await engine.syncOnce())
  // Accounts and companies first, then contacts (B-CMP-1): a contact's account then has its company; deals
  // last, so their companies and contact roles find their counterparts (B-DEAL-1, B-DEAL-13).
  for (const objectKind of ['company', 'contact', 'deal'] as const) {
    for (const side of ['salesforce', 'hubspot'] as const) {
      if (signal.aborted) break
      const records = importPages(objectKind, side, runtime, connection)
      const imported = await runImport({
        connectionId: connection.id,
        side,
        objectKind,
        store,
        engine,
        records,
        apiCalls,
        dryRun: false,
        progress: createProgress(io.stderr),
      })
      io.stdout.write(safeLines(imported.lines(`Imported ${side} ${IMPORTED[objectKind][side]}`)))
    }
  }
  const sf = await connectSalesforce({
    kind: 'access-token',
    instanceUrl: sandboxes.salesforce.instanceUrl,
    accessToken: sandboxes.salesforce.accessToken,
  })
  const hs = new Client({ accessToken: sandboxes.hubspot.accessToken, basePath: sandboxes.hubspot.basePath })
  const latency = new LatencyTracker()
  const loop = startInProcessRuntime({
    engine,
    pollSeconds: options.pollSeconds,
    signal,
    onCycle: (s) => totals.add(s),
  })
  const running = loop.run()
  const started = Date.now()
  let round = 0
  try {
    while (!signal.aborted) {
      const links = await store.listLinks({ connectionId: connection.id, objectKind: 'contact', limit: 1000 })
      const active = links.filter((l) => l.state === 'active')
      const pick = (offset: number): Link | undefined =>
        active[(round * 2 + offset) % Math.max(1, active.length)]
      const hsLink = pick(0)
      const sfLink = pick(1)
      latency.add(
        await makeTraffic(
          { hubspot: hs, salesforce: sf, now: () => Date.now() },
          {
            hubspotId: hsLink?.hubspotId,
            salesforce:
              sfLink === undefined || sfLink === hsLink
                ? undefined
                : { type: sfLink.salesforceType, id: sfLink.salesforceId },
          },
        ),
      )
      round++
      await waitFor(options.refreshSeconds * 1000, signal)
      await latency.check(store, connection.id, Date.now())
      const errors = await store.countOpenErrors(connection.id)
      const view = formatLiveView({
        elapsedSeconds: (Date.now() - started) / 1000,
        totals,
        links: links.length,
        openErrors: errors.reduce((sum, e) => sum + e.errors, 0),
        apiCalls: apiCalls(),
        latency: {
          synced: latency.synced,
          pending: latency.pending,
          p50: latency.percentile(50),
          p95: latency.percentile(95),
        },
      })
      io.stdout.write(safeLines(view))
    }
  } finally {
    await loop.stop()
    await running.catch((err: unknown) => {
      // A connector's error quotes CRM text: printed escaped.
      const message = err instanceof Error ? err.message : String(err)
      io.stderr.write(`crmsync demo: the engine stopped: ${safeText(message)}\n`)
    })
  }
  const links = await store.listLinks({ connectionId: connection.id, objectKind: 'contact', limit: 100_000 })
  const companies = await store.listLinks({
    connectionId: connection.id,
    objectKind: 'company',
    limit: 100_000,
  })
  const deals = await store.listLinks({ connectionId: connection.id, objectKind: 'deal', limit: 100_000 })
  io.stdout.write(
    `Stopped: ${links.length} linked contact(s), ${companies.length} linked company(ies), ` +
      `${deals.length} linked deal(s), ${latency.synced} traffic change(s) synced.\n`,
  )
  return { links: links.length, newErrors: totals.newErrors }
}
