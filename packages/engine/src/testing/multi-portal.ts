// Test harness for several HubSpot portals on one Salesforce org (B-MULTI): one Salesforce sandbox, one
// HubSpot sandbox per portal (each its own portal id and token), one SQLite store and one capture share for
// all connections, an engine per connection. Only *.emu.test.ts files import this.
import type { Connection as ConnectionConfig } from '@crmsync/core'
import { parseConfig } from '@crmsync/core'
import { createHubSpotConnector } from '@crmsync/hubspot'
import { connectSalesforce, createSalesforceConnector, SalesforceCaptureShare } from '@crmsync/salesforce'
import { createStateStore, type KyselyStateStore } from '@crmsync/store'
import { Client } from '@hubspot/api-client'
import { type RunningHubSpotSandbox, startHubSpotSandbox } from 'hubspot-sandbox'
import type { Connection } from 'jsforce'
import { type RunningSandbox, startSalesforceSandbox } from 'salesforce-sandbox'

import { createEngine } from '../create-engine.js'
import type { Engine, EngineDeps, SyncSummary } from '../engine-types.js'
import { nextSecond, sandboxAdmin, SCENARIO_MAPPINGS, SILENT_LOGGER } from './sandbox-pair.js'

export interface PortalSpec {
  /** The connection id. */
  readonly id: string
  /** The HubSpot sandbox's portal id (and hubspot.portalId in the configuration). */
  readonly portalId: number
  /** settings.contacts. (Default: the schema's defaults) */
  readonly contacts?: Record<string, unknown>
  readonly mappings?: Record<string, unknown>
  readonly apiCallAllocation?: number
}

export interface Portal {
  readonly id: string
  readonly hubspot: RunningHubSpotSandbox
  /** @hubspot/api-client on this portal. */
  readonly hs: Client
  readonly config: ConnectionConfig
  readonly engine: Engine
  readonly deps: EngineDeps
  /** One `sync --once` of this connection; throws when it reports errors. */
  sync(): Promise<SyncSummary>
  /** A new engine over the same store with `mappings` in place of the connection's, as an edited file gives. */
  reconfigure(mappings: Record<string, unknown>): void
}

export interface MultiPortal {
  readonly salesforce: RunningSandbox
  readonly sf: Connection
  readonly store: KyselyStateStore
  /** The org's capture share (undefined when the harness was started without one). */
  readonly share: SalesforceCaptureShare | undefined
  readonly portals: readonly Portal[]
  portal(id: string): Portal
  /** Calls the Salesforce sandbox counted per endpoint since the last reset. */
  salesforceCalls(): Promise<Record<string, number>>
  resetSalesforceCalls(): Promise<void>
  close(): Promise<void>
}

export interface MultiPortalOptions {
  readonly portals: readonly PortalSpec[]
  /** Share Salesforce capture between the connections. (Default: true) */
  readonly shareCapture?: boolean
}

export async function startMultiPortal(options: MultiPortalOptions): Promise<MultiPortal> {
  const salesforce = await startSalesforceSandbox({})
  const hubspots = await Promise.all(
    options.portals.map((spec) =>
      startHubSpotSandbox({
        rateLimits: { tier: 'unlimited' },
        portalId: spec.portalId,
        accessToken: `pat-na1-portal-${spec.portalId}`,
      }),
    ),
  )
  const sf = await connectSalesforce({
    kind: 'access-token',
    instanceUrl: salesforce.instanceUrl,
    accessToken: salesforce.accessToken,
  })
  const store = createStateStore('sqlite::memory:')
  await store.migrate()
  const share = options.shareCapture === false ? undefined : new SalesforceCaptureShare()
  // One file with several connections, validated as the CLI does (B-INST-3: a portal only once).
  const configFor = (mappingsById: ReadonlyMap<string, Record<string, unknown>>) => {
    const parsed = parseConfig({
      connections: options.portals.map((spec, index) => ({
        id: spec.id,
        salesforce: {
          instanceUrl: salesforce.instanceUrl,
          accessToken: salesforce.accessToken,
          ...(spec.apiCallAllocation === undefined ? {} : { apiCallAllocation: spec.apiCallAllocation }),
        },
        hubspot: {
          accessToken: hubspots[index]!.accessToken,
          basePath: hubspots[index]!.basePath,
          portalId: spec.portalId,
        },
        store: 'sqlite::memory:',
        settings: { contacts: spec.contacts ?? {} },
        mappings: mappingsById.get(spec.id) ?? spec.mappings ?? SCENARIO_MAPPINGS,
      })),
    })
    if (!parsed.ok) throw new Error(`bad multi-portal config: ${JSON.stringify(parsed.issues)}`)
    return parsed.config.connections
  }
  const mappings = new Map<string, Record<string, unknown>>()
  const portals = options.portals.map((spec, index): Portal => {
    const hubspot = hubspots[index]!
    const build = (): EngineDeps => ({
      store,
      salesforce: createSalesforceConnector({
        connection: sf,
        sleep: () => Promise.resolve(),
        captureShare: share,
      }),
      hubspot: createHubSpotConnector({
        accessToken: hubspot.accessToken,
        basePath: hubspot.basePath,
        searchLagMs: 0,
        sleep: () => Promise.resolve(),
      }),
      clock: { now: () => Date.now() },
      logger: SILENT_LOGGER,
      connection: configFor(mappings).find((c) => c.id === spec.id)!,
    })
    let deps = build()
    let engine = createEngine(deps)
    return {
      id: spec.id,
      hubspot,
      hs: new Client({
        accessToken: hubspot.accessToken,
        basePath: hubspot.basePath,
        numberOfApiCallRetries: 0,
      }),
      get config() {
        return deps.connection
      },
      get engine() {
        return engine
      },
      get deps() {
        return deps
      },
      async sync() {
        await nextSecond()
        const summary = await engine.syncOnce({})
        if (summary.errors.length > 0)
          throw new Error(`${spec.id}: sync errors: ${JSON.stringify(summary.errors)}`)
        return summary
      },
      reconfigure(next) {
        mappings.set(spec.id, next)
        deps = build()
        engine = createEngine(deps)
      },
    }
  })
  return {
    salesforce,
    sf,
    store,
    share,
    portals,
    portal(id) {
      const found = portals.find((p) => p.id === id)
      if (found === undefined) throw new Error(`no portal ${id}`)
      return found
    },
    async salesforceCalls() {
      const counters = (await sandboxAdmin(salesforce.instanceUrl, 'GET', '/counters')) as {
        endpoints: Record<string, number>
      }
      return counters.endpoints
    },
    resetSalesforceCalls: async () => {
      await sandboxAdmin(salesforce.instanceUrl, 'DELETE', '/counters')
    },
    async close() {
      await store.close()
      await Promise.all([salesforce.close(), ...hubspots.map((h) => h.close())])
    },
  }
}
