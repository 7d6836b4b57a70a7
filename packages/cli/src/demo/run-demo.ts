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
import { type ConnectionRuntime, createConnectionRuntime } from '../wiring/create-connection-runtime.js'
import { EngineSlot } from '../wiring/engine-slot.js'
import { createLogger } from '../wiring/stderr-logger.js'
import { demoPassword } from './console-password.js'
import { type DemoConsole, isPortTaken, startDemoConsole } from './demo-console.js'
import { createDemoHooks, type DemoClients } from './demo-hooks.js'
import { LatencyTracker } from './demo-latency.js'
import { makeTraffic } from './demo-traffic.js'
import { formatLiveView, LiveTotals } from './live-summary.js'
import { sandboxConfigYaml, sandboxTokenEnv, startLocalSandboxes } from './local-sandboxes.js'
import { createSummaryScreen } from './summary-screen.js'

export interface DemoOptions {
  /** Stop by itself after this many seconds of live syncing, after the imports. (Default: until io.shutdown) */
  readonly durationSeconds?: number | undefined
  /** Seconds between engine cycles. (Default: 3) */
  readonly pollSeconds: number
  /** Seconds between summaries and traffic rounds. (Default: 4) */
  readonly refreshSeconds: number
  /** Where the console listens (port 0: any free port); undefined: no console (`--no-console`). */
  readonly console: { readonly host: string; readonly port: number } | undefined
}

/** Result of the demo: how many contacts ended up linked, or that the console's port was taken. */
export type DemoResult =
  | { readonly outcome: 'ran'; readonly links: number; readonly newErrors: number }
  | { readonly outcome: 'port-taken' }

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

/** Everything the demo runs on, started in order and closed in reverse. */
interface DemoParts {
  readonly runtime: ConnectionRuntime
  readonly slot: EngineSlot
  readonly clients: DemoClients
  readonly console: DemoConsole | undefined
  readonly sandboxes: Awaited<ReturnType<typeof startLocalSandboxes>>
}

/**
 * `crmsync demo`: both sandboxes seeded `small`, a config pointing at them and a SQLite store in a temp
 * directory, the console (its URL and password printed first), an import from both sides, then the engine
 * syncing every few seconds while a little traffic of new and edited records arrives on both sides through
 * the official clients; a live summary on stdout. Stops on io.shutdown (SIGINT/SIGTERM) or after the duration,
 * closing the loop, the console, the sandboxes and the temp directory.
 */
export async function runDemo(io: CliIo, options: DemoOptions): Promise<DemoResult> {
  const stop = new AbortController()
  const onShutdown = () => stop.abort()
  io.shutdown?.addEventListener('abort', onShutdown, { once: true })
  if (io.shutdown?.aborted === true) stop.abort()
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-demo-'))
  // A second Ctrl-C exits at once (main.ts) without running the finally below: the directory goes anyway.
  const removeDir = () => rmSync(dir, { recursive: true, force: true })
  process.once('exit', removeDir)
  io.stdout.write('Starting the Salesforce and HubSpot sandboxes (seed: small)...\n')
  try {
    const sandboxes = await startLocalSandboxes('small')
    try {
      const file = join(dir, 'crmsync.yaml')
      const storeUrl = `sqlite:${join(dir, 'state.db')}`
      writeFileSync(
        file,
        sandboxConfigYaml(sandboxes, storeUrl, 'demo', { companies: true, deals: true, tryIt: true }),
      )
      const env = { ...io.env, ...sandboxTokenEnv(sandboxes) }
      const connection = await loadConnection({ file, env })
      io.stdout.write(
        `Salesforce sandbox ${sandboxes.salesforce.instanceUrl}, HubSpot sandbox ${sandboxes.hubspot.basePath}, ` +
          `store ${connection.store.url}\n`,
      )
      const logger = createLogger(io.stderr, 'error')
      const runtime = await createConnectionRuntime({ connection, logger })
      try {
        const clients: DemoClients = {
          salesforce: await connectSalesforce({
            kind: 'access-token',
            instanceUrl: sandboxes.salesforce.instanceUrl,
            accessToken: sandboxes.salesforce.accessToken,
          }),
          hubspot: new Client({
            accessToken: sandboxes.hubspot.accessToken,
            basePath: sandboxes.hubspot.basePath,
          }),
          now: () => Date.now(),
        }
        // The loop, the imports and the console's resyncs all take turns on one engine.
        const slot = new EngineSlot(runtime.engine)
        let started = false
        let demoConsole: DemoConsole | undefined
        if (options.console !== undefined) {
          const password = demoPassword(io.env)
          try {
            demoConsole = await startDemoConsole({
              runtime,
              slot,
              file,
              env,
              password: password.password,
              host: options.console.host,
              port: options.console.port,
              demo: createDemoHooks(clients),
              logger,
              ready: () => started,
            })
          } catch (err) {
            if (!isPortTaken(err)) throw err
            io.stderr.write(
              `crmsync demo: port ${options.console.port} on ${options.console.host} is taken; ` +
                'choose another with --console-port N (0 picks a free one), or --no-console\n',
            )
            return { outcome: 'port-taken' }
          }
          // First, before the imports: the console is usable while they run. The password is only ever here.
          io.stdout.write(`Console: ${demoConsole.url}  password: ${password.shown}\n`)
        }
        try {
          return await runWith(
            io,
            options,
            stop,
            {
              runtime,
              slot,
              clients,
              console: demoConsole,
              sandboxes,
            },
            () => (started = true),
          )
        } finally {
          await demoConsole?.close()
        }
      } finally {
        await runtime.close()
      }
    } finally {
      await sandboxes.close()
    }
  } finally {
    io.shutdown?.removeEventListener('abort', onShutdown)
    process.removeListener('exit', removeDir)
    removeDir()
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
  runtime: ConnectionRuntime,
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
    : hubspotRecordPages(runtime.connection.hubspot.accessToken, runtime.connection.hubspot.basePath)
}

async function countLinks(runtime: ConnectionRuntime) {
  const count = async (objectKind: 'contact' | 'company' | 'deal') =>
    (await runtime.store.listLinks({ connectionId: runtime.connection.id, objectKind, limit: 100_000 }))
      .length
  return { contact: await count('contact'), company: await count('company'), deal: await count('deal') }
}

async function runWith(
  io: CliIo,
  options: DemoOptions,
  stop: AbortController,
  parts: DemoParts,
  onStarted: () => void,
): Promise<DemoResult> {
  const { runtime, slot, clients } = parts
  const { signal } = stop
  const { connection, store } = runtime
  const engine = slot.asEngine()
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
      const imported = await runImport({
        connectionId: connection.id,
        side,
        objectKind,
        store,
        engine,
        records: importPages(objectKind, side, runtime),
        apiCalls,
        dryRun: false,
        progress: createProgress(io.stderr),
      })
      io.stdout.write(safeLines(imported.lines(`Imported ${side} ${IMPORTED[objectKind][side]}`)))
    }
  }
  const latency = new LatencyTracker()
  const loop = startInProcessRuntime({
    engine,
    pollSeconds: options.pollSeconds,
    signal,
    onCycle: (s) => {
      totals.add(s)
      parts.console?.observer.observeCycle(connection.id, s)
    },
  })
  const running = loop.run()
  onStarted()
  // Counted from here, so a run always has its imports and then this much live syncing, however slow they were.
  const timer =
    options.durationSeconds === undefined
      ? undefined
      : setTimeout(() => stop.abort(), options.durationSeconds * 1000)
  const screen = createSummaryScreen(io.stdout)
  const started = Date.now()
  let round = 0
  try {
    while (!signal.aborted) {
      const links = await store.listLinks({ connectionId: connection.id, objectKind: 'contact', limit: 1000 })
      const active = links.filter((l) => l.state === 'active')
      // From the end of the list: the Try-it page offers the first contacts, whose edits the traffic should
      // not overwrite while someone watches them cross.
      const pick = (offset: number): Link | undefined =>
        active[active.length - 1 - ((round * 2 + offset) % Math.max(1, active.length))]
      const hsLink = pick(0)
      const sfLink = pick(1)
      latency.add(
        await makeTraffic(clients, {
          hubspotId: hsLink?.hubspotId,
          salesforce:
            sfLink === undefined || sfLink === hsLink
              ? undefined
              : { type: sfLink.salesforceType, id: sfLink.salesforceId },
        }),
      )
      round++
      await waitFor(options.refreshSeconds * 1000, signal)
      await latency.check(store, connection.id, Date.now())
      const errors = await store.countOpenErrors(connection.id)
      screen.show(
        formatLiveView({
          elapsedSeconds: (Date.now() - started) / 1000,
          totals,
          links: await countLinks(runtime),
          openErrors: errors.reduce((sum, e) => sum + e.errors, 0),
          apiCalls: apiCalls(),
          latency: {
            synced: latency.synced,
            pending: latency.pending,
            p50: latency.percentile(50),
            p95: latency.percentile(95),
          },
          consoleUrl: parts.console?.url,
        }),
      )
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer)
    // The last summary stays on screen; what follows prints below it.
    screen.done()
    await loop.stop()
    await running.catch((err: unknown) => {
      // A connector's error quotes CRM text: printed escaped.
      const message = err instanceof Error ? err.message : String(err)
      io.stderr.write(`crmsync demo: the engine stopped: ${safeText(message)}\n`)
    })
  }
  const links = await countLinks(runtime)
  io.stdout.write(
    `Stopped: ${links.contact} linked contact(s), ${links.company} linked company(ies), ` +
      `${links.deal} linked deal(s), ${latency.synced} traffic change(s) synced.\n`,
  )
  return { outcome: 'ran', links: links.contact, newErrors: totals.newErrors }
}
