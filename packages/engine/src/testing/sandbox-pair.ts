// Test harness: both sandboxes in-process, the real connectors over the official clients, a SQLite store in
// memory, and the engine over them. Only *.emu.test.ts files import this; the engine itself never does.
import type { Connection as ConnectionConfig } from '@crmsync/core'
import { parseConfig } from '@crmsync/core'
import { createHubSpotConnector } from '@crmsync/hubspot'
import { connectSalesforce, createSalesforceConnector } from '@crmsync/salesforce'
import { createStateStore, type KyselyStateStore } from '@crmsync/store'
import { Client } from '@hubspot/api-client'
import { type RunningHubSpotSandbox, startHubSpotSandbox, type StartOptions } from 'hubspot-sandbox'
import type { Connection } from 'jsforce'
import { type BuildOptions, type RunningSandbox, startSalesforceSandbox } from 'salesforce-sandbox'

import { createEngine } from '../create-engine.js'
import type { Clock, Engine, EngineDeps, EngineLogger, SyncSummary } from '../engine-types.js'

/**
 * HubSpot capture stays at or below the server's Date header (whole seconds) minus the search lag (0 here),
 * so a contact written during this second is capturable from the next one: wait for it.
 */
export function nextSecond(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 30))
}

export interface SandboxPair {
  readonly salesforce: RunningSandbox
  readonly hubspot: RunningHubSpotSandbox
  /** jsforce, the official Salesforce client, for setting up and checking records. */
  readonly sf: Connection
  /** @hubspot/api-client, the official HubSpot client. */
  readonly hs: Client
  readonly store: KyselyStateStore
  readonly engine: Engine
  /** What the current engine was built over (its connectors, store, clock), for tests of one stage. */
  readonly deps: EngineDeps
  /**
   * A new engine and connectors over the same store, as a new process (`sync --once`, a restart) has;
   * `settings` replaces keys of the configuration's `settings` (contacts kept), as an edited file would.
   */
  restartEngine(change?: { readonly settings?: Record<string, unknown> }): void
  readonly config: ConnectionConfig
  /** One `sync --once`; throws when the summary reports new errors unless `allowErrors`. */
  sync(options?: { dryRun?: boolean; allowErrors?: boolean }): Promise<SyncSummary>
  /** Write calls each sandbox counted since the last reset (creates, updates, deletes, unsubscribes). */
  writes(): Promise<{ salesforce: number; hubspot: number }>
  resetCounters(): Promise<void>
  /** Moves the engine's clock (not the sandboxes') forward, e.g. past a scheduled retry. */
  advanceEngineClock(ms: number): void
  close(): Promise<void>
}

export interface SandboxPairOptions {
  /**
   * settings.contacts of the configuration, or a function that prepares the portal first (e.g. creates the
   * inclusion list) and returns them. (Default: the schema's defaults)
   */
  readonly contacts?: Record<string, unknown> | ((hs: Client) => Promise<Record<string, unknown>>)
  /** Extra configuration keys under `settings`. */
  readonly settings?: Record<string, unknown>
  readonly mappings?: Record<string, unknown>
  readonly apiCallAllocation?: number
  /** Org settings of the Salesforce sandbox (e.g. `stateCountryPicklists`). (Default: the sandbox's defaults) */
  readonly salesforceSandbox?: BuildOptions
  /** Options of the HubSpot sandbox (e.g. portal `settings`). (Default: the sandbox's defaults, no rate limits) */
  readonly hubspotSandbox?: StartOptions
  /** The engine's logger, for scenarios that check what it warns about. (Default: silent) */
  readonly logger?: EngineLogger
}

/** A logger that drops everything: the scenarios assert on summaries and the store, not on log lines. */
export const SILENT_LOGGER: EngineLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
}

/**
 * Mappings the scenarios add to the defaults: none. Every default mapping is on, `hs_lead_status <-> Status`
 * included: the Lead Status Salesforce sets on create reaches HubSpot in the same sync (read back after
 * create), so convergence holds with it. Suites extend this with rule overrides.
 */
export const SCENARIO_MAPPINGS: { readonly contact: readonly Record<string, unknown>[] } = { contact: [] }

/** A sandbox's admin API (`/__sandbox/...`, Salesforce's or HubSpot's): the parsed JSON, undefined when empty. */
export async function sandboxAdmin(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${base}/__sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${text}`)
  return text === '' ? undefined : JSON.parse(text)
}

/** Non-read endpoints: everything but GET, searches, batch reads and Salesforce's POST retrieve. */
export function isWriteEndpoint(key: string): boolean {
  const [method = '', route = ''] = key.split(' ')
  if (method === 'GET' || route.startsWith('/__sandbox')) return false
  if (/\/search$|\/batch\/read$|\/oauth|\/token/.test(route)) return false
  // POST composite/sobjects/{type} is the Salesforce retrieve; POST composite/sobjects (no type) creates.
  if (method === 'POST' && /\/composite\/sobjects\/:[^/]+$/.test(route)) return false
  return true
}

export async function countWrites(
  salesforceUrl: string,
  hubspotUrl: string,
): Promise<{ salesforce: number; hubspot: number }> {
  const sf = (await sandboxAdmin(salesforceUrl, 'GET', '/counters')) as { endpoints: Record<string, number> }
  const hs = (await sandboxAdmin(hubspotUrl, 'GET', '/counters')) as {
    endpoints: Record<string, { calls: number }>
  }
  const sum = (entries: [string, number][]) =>
    entries.filter(([key]) => isWriteEndpoint(key)).reduce((total, [, calls]) => total + calls, 0)
  return {
    salesforce: sum(Object.entries(sf.endpoints)),
    hubspot: sum(Object.entries(hs.endpoints).map(([key, value]) => [key, value.calls])),
  }
}

export async function startSandboxPair(options: SandboxPairOptions = {}): Promise<SandboxPair> {
  const salesforce = await startSalesforceSandbox({ ...options.salesforceSandbox })
  // The scenarios assert on the portal through a client without retries; HubSpot's burst limits are tested
  // in the connector's own suites, so here they would only make assertions flaky.
  const hubspot = await startHubSpotSandbox({ rateLimits: { tier: 'unlimited' }, ...options.hubspotSandbox })
  const hs = new Client({
    accessToken: hubspot.accessToken,
    basePath: hubspot.basePath,
    numberOfApiCallRetries: 0,
  })
  const contacts =
    typeof options.contacts === 'function' ? await options.contacts(hs) : (options.contacts ?? {})
  const configWith = (settings: Record<string, unknown> | undefined) => {
    const parsed = parseConfig({
      id: 'scenario',
      salesforce: {
        instanceUrl: salesforce.instanceUrl,
        accessToken: salesforce.accessToken,
        ...(options.apiCallAllocation === undefined ? {} : { apiCallAllocation: options.apiCallAllocation }),
      },
      hubspot: { accessToken: hubspot.accessToken, basePath: hubspot.basePath },
      store: 'sqlite::memory:',
      settings: { ...options.settings, ...settings, contacts },
      mappings: options.mappings ?? SCENARIO_MAPPINGS,
    })
    if (!parsed.ok) throw new Error(`bad scenario config: ${JSON.stringify(parsed.issues)}`)
    return parsed.config.connections[0]!
  }
  let config = configWith(undefined)
  const sf = await connectSalesforce({
    kind: 'access-token',
    instanceUrl: salesforce.instanceUrl,
    accessToken: salesforce.accessToken,
  })
  const store = createStateStore('sqlite::memory:')
  await store.migrate()
  let offsetMs = 0
  const clock: Clock = { now: () => Date.now() + offsetMs }
  const buildDeps = (): EngineDeps => ({
    store,
    salesforce: createSalesforceConnector({ connection: sf, sleep: () => Promise.resolve() }),
    hubspot: createHubSpotConnector({
      accessToken: hubspot.accessToken,
      basePath: hubspot.basePath,
      searchLagMs: 0,
      sleep: () => Promise.resolve(),
    }),
    clock,
    logger: options.logger ?? SILENT_LOGGER,
    connection: config,
  })
  let deps = buildDeps()
  let engine = createEngine(deps)
  return {
    salesforce,
    hubspot,
    sf,
    hs,
    store,
    get engine() {
      return engine
    },
    get deps() {
      return deps
    },
    restartEngine(change = {}) {
      if (change.settings !== undefined) config = configWith(change.settings)
      deps = buildDeps()
      engine = createEngine(deps)
    },
    get config() {
      return config
    },
    async sync(opts = {}) {
      await nextSecond()
      const summary = await engine.syncOnce({ dryRun: opts.dryRun })
      if (opts.allowErrors !== true && summary.errors.length > 0)
        throw new Error(`sync reported errors: ${JSON.stringify(summary.errors)}`)
      return summary
    },
    writes: () => countWrites(salesforce.instanceUrl, hubspot.basePath),
    async resetCounters() {
      await sandboxAdmin(salesforce.instanceUrl, 'DELETE', '/counters')
      await sandboxAdmin(hubspot.basePath, 'DELETE', '/counters')
    },
    advanceEngineClock(ms) {
      offsetMs += ms
    },
    async close() {
      await store.close()
      await Promise.all([salesforce.close(), hubspot.close()])
    },
  }
}
