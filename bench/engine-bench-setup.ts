/**
 * What the engine benchmarks (engine-*.bench.ts) stand on: both sandboxes in-process, the real connectors
 * over the official clients, SQLite in a temp file, setup clients of their own, and peak RSS sampled
 * throughout. Each benchmark names only its config and how it wraps the connectors.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { parseConfig, type Side } from '@crmsync/core'
import { createEngine, type Engine, type EngineDeps } from '@crmsync/engine'
import { createHubSpotConnector } from '@crmsync/hubspot'
import { connectSalesforce, createSalesforceConnector } from '@crmsync/salesforce'
import { createStateStore } from '@crmsync/store'
import { Client } from '@hubspot/api-client'
import { startHubSpotSandbox } from 'hubspot-sandbox'
import { startSalesforceSandbox } from 'salesforce-sandbox'

export const SEARCH_LAG_MS = 5000 // the HubSpot connector's default

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function inChunks<T>(
  items: readonly T[],
  size: number,
  fn: (chunk: T[]) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size))
}

/**
 * Starts the sandboxes, the store and the connectors. `config` is the part of the config document a
 * benchmark chooses (settings, mappings); the rest points at the sandboxes and the temp store.
 */
export async function startEngineBench(config: Record<string, unknown>) {
  for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy'])
    delete process.env[name]

  let peakRss = process.memoryUsage().rss
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100)

  const salesforce = await startSalesforceSandbox({})
  // Unlimited: the benchmarks measure calls per record, and the setup client below does not retry a 429.
  const hubspot = await startHubSpotSandbox({ rateLimits: { tier: 'unlimited' } })
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-bench-'))
  const parsed = parseConfig({
    id: 'bench',
    salesforce: {
      instanceUrl: salesforce.instanceUrl,
      accessToken: salesforce.accessToken,
      apiCallAllocation: 10_000_000,
    },
    hubspot: { accessToken: hubspot.accessToken, basePath: hubspot.basePath },
    store: `sqlite:${join(dir, 'state.db')}`,
    ...config,
  })
  if (!parsed.ok) throw new Error(`bad bench config: ${JSON.stringify(parsed.issues)}`)
  const connection = parsed.config.connections[0]!
  const jsforce = await connectSalesforce({
    kind: 'access-token',
    instanceUrl: salesforce.instanceUrl,
    accessToken: salesforce.accessToken,
  })
  const store = createStateStore(connection.store.url)
  await store.migrate()
  const sfConnector = createSalesforceConnector({ connection: jsforce })
  const hsConnector = createHubSpotConnector({
    accessToken: hubspot.accessToken,
    basePath: hubspot.basePath,
    searchLagMs: SEARCH_LAG_MS,
  })
  // Setup writes and checks go through their own clients, so the engine's meters count only the engine's calls.
  const hs = new Client({
    accessToken: hubspot.accessToken,
    basePath: hubspot.basePath,
    numberOfApiCallRetries: 0,
  })
  const sf = await connectSalesforce({
    kind: 'access-token',
    instanceUrl: salesforce.instanceUrl,
    accessToken: salesforce.accessToken,
  })

  return {
    salesforce,
    hubspot,
    connection,
    store,
    sfConnector,
    hsConnector,
    hs,
    sf,
    /** The engine's API calls so far, as its connectors' meters count them. */
    calls: (): Record<Side, number> => ({
      salesforce: sfConnector.apiUsage().calls,
      hubspot: hsConnector.apiUsage().calls,
    }),
    /** The highest RSS sampled so far (sampling stops at close). */
    peakRss: () => peakRss,
    close: async (): Promise<void> => {
      clearInterval(sampler)
      await store.close()
      await Promise.all([salesforce.close(), hubspot.close()])
    },
  }
}

export type EngineBench = Awaited<ReturnType<typeof startEngineBench>>

/** The engine as `crmsync sync --once` runs it, over the bench's connectors or wrappers of them. */
export function createBenchEngine(
  bench: EngineBench,
  connectors: Pick<EngineDeps, 'salesforce' | 'hubspot'> = {
    salesforce: bench.sfConnector,
    hubspot: bench.hsConnector,
  },
): Engine {
  return createEngine({
    store: bench.store,
    ...connectors,
    clock: { now: () => Date.now() },
    logger: {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (f, m) => console.error(m, f),
    },
    connection: bench.connection,
  })
}
