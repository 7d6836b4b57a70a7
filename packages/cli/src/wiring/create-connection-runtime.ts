import type { Connection, HubSpotConnector, SalesforceConnector, StateStore } from '@crmsync/core'
import { SyncError } from '@crmsync/core'
import { type Clock, createEngine, type Engine, type EngineLogger, type EngineOptions } from '@crmsync/engine'
import { createHubSpotConnector } from '@crmsync/hubspot'
import {
  connectSalesforce,
  createSalesforceConnector,
  type SalesforceCaptureShare,
} from '@crmsync/salesforce'
import { createStateStore, type KyselyStateStore } from '@crmsync/store'

import { createNotifier } from '../notifications/create-notifier.js'

/** What a command needs to work on one connection: the store, both connectors and the engine over them. */
export interface ConnectionRuntime {
  readonly connection: Connection
  readonly store: StateStore
  readonly salesforce: SalesforceConnector
  readonly hubspot: HubSpotConnector
  readonly engine: Engine
  /**
   * A new engine over this runtime's store, connectors and notifier for `connection`, a newer configuration of
   * the same connection (its settings and mappings changed; its credentials, store and notifications are the
   * same, as the console's save checks): what a saved console edit swaps in between cycles (EngineSlot.replace).
   */
  engineFor(connection: Connection): Engine
  /** Waits for notifications under way, then closes the store. Connectors hold no sockets between calls. */
  close(): Promise<void>
}

export interface ConnectionRuntimeOptions {
  /** One connection of a loaded configuration (loadConnection). */
  readonly connection: Connection
  /** (Default: the system clock) */
  readonly clock?: Clock | undefined
  /** (Default: a logger that writes nothing) */
  readonly logger?: EngineLogger | undefined
  /** Store URL instead of the connection's, e.g. `sqlite::memory:` in tests. (Default: connection.store.url) */
  readonly storeUrl?: string | undefined
  /** (Default: the engine's defaults) */
  readonly engineOptions?: EngineOptions | undefined
  /**
   * A store opened and migrated by the caller and shared with other connections (connection-runtime-pool.ts);
   * close() then leaves it open. (Default: one opened from storeUrl)
   */
  readonly store?: KyselyStateStore | undefined
  /** Salesforce capture shared with the other connections on the same org. (Default: none) */
  readonly captureShare?: SalesforceCaptureShare | undefined
}

export const SYSTEM_CLOCK: Clock = { now: () => Date.now() }

export const SILENT_LOGGER: EngineLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
}

/** Salesforce credentials from the config; the flows jsforce cannot run unattended yet are refused. */
async function connectFromConfig(connection: Connection) {
  const sf = connection.salesforce
  const version = sf.apiVersion
  if (sf.accessToken !== undefined) {
    return connectSalesforce(
      { kind: 'access-token', instanceUrl: sf.instanceUrl, accessToken: sf.accessToken },
      { version },
    )
  }
  if (sf.oauth?.flow === 'client-credentials') {
    return connectSalesforce(
      {
        kind: 'client-credentials',
        loginUrl: sf.instanceUrl,
        clientId: sf.oauth.clientId,
        clientSecret: sf.oauth.clientSecret,
      },
      { version },
    )
  }
  throw new SyncError({
    code: 'CONFIG_INVALID',
    message: `salesforce.oauth.flow ${sf.oauth?.flow ?? '(none)'} is not supported yet: use accessToken or client-credentials`,
    origin: 'config',
    retryable: false,
  })
}

/**
 * The composition root of one connection (style guide item 5): opens and migrates the store, builds both
 * connectors from the configuration, and the engine over them. Used by sync, run, and the operator tools
 * (explain, doctor, import, demo). The caller closes it.
 */
export async function createConnectionRuntime(options: ConnectionRuntimeOptions): Promise<ConnectionRuntime> {
  const { connection } = options
  const clock = options.clock ?? SYSTEM_CLOCK
  const logger = options.logger ?? SILENT_LOGGER
  const shared = options.store
  const store: KyselyStateStore = shared ?? createStateStore(options.storeUrl ?? connection.store.url)
  const closeStore = () => (shared === undefined ? store.close() : Promise.resolve())
  try {
    if (shared === undefined) await store.migrate()
    const jsforce = await connectFromConfig(connection)
    const salesforce = createSalesforceConnector({ connection: jsforce, captureShare: options.captureShare })
    const hubspot = createHubSpotConnector({
      accessToken: connection.hubspot.accessToken,
      basePath: connection.hubspot.basePath,
      searchLagMs: connection.hubspot.searchIndexLagSeconds * 1000,
      now: () => clock.now(),
    })
    // B-ERR-11: suspensions and new classes of error go to the configured webhook and e-mail too.
    const notifier = createNotifier({ config: connection.notifications, logger })
    const engineFor = (current: Connection) =>
      createEngine({
        store,
        salesforce,
        hubspot,
        clock,
        logger,
        connection: current,
        // The probe schedule of a suspension is the file's (settings.capture.suspensionProbeSeconds).
        options: {
          suspensionProbeMs: current.settings.capture.suspensionProbeSeconds * 1000,
          ...options.engineOptions,
        },
        notifier,
      })
    const engine = engineFor(connection)
    const close = async () => {
      await notifier?.flush()
      await closeStore()
    }
    return { connection, store, salesforce, hubspot, engine, engineFor, close }
  } catch (err) {
    await closeStore()
    throw err
  }
}
