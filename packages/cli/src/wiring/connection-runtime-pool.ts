import type { Connection } from '@crmsync/core'
import type { Clock, EngineLogger, EngineOptions } from '@crmsync/engine'
import { SalesforceCaptureShare } from '@crmsync/salesforce'
import { createStateStore, type KyselyStateStore } from '@crmsync/store'

import { type ConnectionRuntime, createConnectionRuntime } from './create-connection-runtime.js'

export interface ConnectionRuntimePoolOptions {
  /** (Default: the system clock) */
  readonly clock?: Clock | undefined
  /** (Default: a logger that writes nothing) */
  readonly logger?: EngineLogger | undefined
  /** One store URL for every connection instead of each one's, e.g. `sqlite::memory:` in tests. */
  readonly storeUrl?: string | undefined
  /** (Default: the engine's defaults) */
  readonly engineOptions?: EngineOptions | undefined
  /**
   * How old a Salesforce capture page may be and still serve another connection of its org, given the
   * org's connections (`run`: one poll interval). (Default: unbounded, for one `sync --once` command)
   */
  readonly captureShareMaxAgeMs?: ((orgConnections: readonly Connection[]) => number) | undefined
  /** Every connection of the file: which ones share an org is known before the first one opens. */
  readonly connections: readonly Connection[]
}

/**
 * The org a connection's Salesforce side is: its instance URL, as written (lower-cased, no trailing slash).
 * Two connections naming the same URL are on the same org; the store's identity check (ENGINE_IDENTITY_CHANGED)
 * still guards each connection's own org.
 */
export function orgKey(connection: Connection): string {
  return connection.salesforce.instanceUrl.toLowerCase().replace(/\/+$/, '')
}

/**
 * The runtimes of several connections in one process: connections naming the same store URL share one store
 * (one SQLite handle, opened and migrated once), and connections on the same org share one Salesforce capture
 * (capture-share.ts in @crmsync/salesforce), so N portals on one org read each capture page about once.
 * Links, cursors, errors and API usage stay keyed by connection id in the store.
 */
export class ConnectionRuntimePool {
  readonly #options: ConnectionRuntimePoolOptions
  readonly #stores = new Map<string, Promise<KyselyStateStore>>()
  readonly #shares = new Map<string, SalesforceCaptureShare>()
  readonly #runtimes: ConnectionRuntime[] = []

  constructor(options: ConnectionRuntimePoolOptions) {
    this.#options = options
  }

  /** The capture share of a connection's org. */
  shareFor(connection: Connection): SalesforceCaptureShare {
    const key = orgKey(connection)
    const existing = this.#shares.get(key)
    if (existing !== undefined) return existing
    const org = this.#options.connections.filter((c) => orgKey(c) === key)
    const maxAgeMs = this.#options.captureShareMaxAgeMs?.(org.length === 0 ? [connection] : org)
    const clock = this.#options.clock
    const share = new SalesforceCaptureShare({
      maxAgeMs,
      ...(clock === undefined ? {} : { now: () => clock.now() }),
    })
    this.#shares.set(key, share)
    return share
  }

  /** Opens one connection's runtime over the shared store and its org's capture share. */
  async open(connection: Connection): Promise<ConnectionRuntime> {
    const store = await this.#store(this.#options.storeUrl ?? connection.store.url)
    const runtime = await createConnectionRuntime({
      connection,
      clock: this.#options.clock,
      logger: this.#options.logger,
      engineOptions: this.#options.engineOptions,
      store,
      captureShare: this.shareFor(connection),
    })
    this.#runtimes.push(runtime)
    return runtime
  }

  /** Closes every runtime it opened (their notifications are sent), then every store (once each). */
  async close(): Promise<void> {
    for (const runtime of this.#runtimes.splice(0)) await runtime.close()
    const stores = [...this.#stores.values()]
    this.#stores.clear()
    for (const opening of stores) {
      const store = await opening.catch(() => undefined)
      await store?.close()
    }
  }

  #store(url: string): Promise<KyselyStateStore> {
    const existing = this.#stores.get(url)
    if (existing !== undefined) return existing
    const opening = (async () => {
      const store = createStateStore(url)
      try {
        await store.migrate()
        return store
      } catch (err) {
        await store.close()
        throw err
      }
    })()
    this.#stores.set(url, opening)
    return opening
  }
}
