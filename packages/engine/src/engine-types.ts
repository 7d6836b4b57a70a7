import type {
  Connection,
  ConnectionNotifier,
  ConnectionState,
  HubSpotConnector,
  ObjectKind,
  SalesforceConnector,
  Side,
  StateStore,
  SyncErrorCode,
} from '@crmsync/core'

import type { DisconnectReport } from './run/connection-control.js'

/** The engine's only source of time (style guide item 2): tests pass a fixed or stepping clock. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number
}

/** Structured logging, pino-compatible (`logger.info({ ... }, 'message')`). */
export interface EngineLogger {
  debug(fields: Record<string, unknown>, message: string): void
  info(fields: Record<string, unknown>, message: string): void
  warn(fields: Record<string, unknown>, message: string): void
  error(fields: Record<string, unknown>, message: string): void
}

/** Tuning knobs; every one has the design's default. */
export interface EngineOptions {
  /** Inbox rows planned per batch; writes are cut to each API's batch size. (Default: 2000, see ENGINE_DEFAULTS) */
  readonly batchSize?: number | undefined
  /** Stored per-record errors are retried every this many ms. (Default: the core retry table's, by code) */
  readonly retryEveryMs?: number | undefined
  /** ... this many times. (Default: the core retry table's, by code) */
  readonly maxRetries?: number | undefined
  /**
   * Salesforce calls allowed per rolling 24 h when the config sets no apiCallAllocation: above 75 % of it
   * automatic retries stop (B-API-2). (Default: 5000)
   */
  readonly defaultSalesforceAllocation?: number | undefined
  /** While the connection is suspended, its cause is probed at most this often, in ms (B-API-4). (Default: 5 min) */
  readonly suspensionProbeMs?: number | undefined
}

/** Everything the engine touches, injected (style guide item 4). */
export interface EngineDeps {
  readonly store: StateStore
  readonly salesforce: SalesforceConnector
  readonly hubspot: HubSpotConnector
  readonly clock: Clock
  readonly logger: EngineLogger
  /** One connection of the validated, frozen configuration. */
  readonly connection: Connection
  /** (Default: see EngineOptions) */
  readonly options?: EngineOptions | undefined
  /**
   * How the engine waits, the only wait it makes: for HubSpot's search index at the end of a `sync --once`
   * that asked for `settleThrough`. (Default: setTimeout)
   */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined
  /**
   * Told when a suspension is entered or cleared and when a new class of error opens (B-ERR-11); every event is
   * logged as well. (Default: only logged)
   */
  readonly notifier?: ConnectionNotifier | undefined
}

/** Counts per object and side. */
export interface SideCounts {
  created: number
  updated: number
  linked: number
  deleted: number
  skipped: number
  errored: number
}

/** A write the dry run would make, with its share of API calls. */
export interface PlannedAction {
  readonly kind: string
  /** The side written (`store` for link-only changes). */
  readonly side: Side | 'store'
  readonly hubspotId: string | null
  readonly salesforceId: string | null
  readonly detail: string
}

/** A per-record error seen in this run. */
export interface RecordErrorSummary {
  readonly side: Side
  readonly recordId: string
  readonly code: SyncErrorCode
  readonly message: string
}

/** What one sync (or one cycle) did; `crmsync sync --once --json` prints it. */
export interface SyncSummary {
  readonly connectionId: string
  readonly dryRun: boolean
  /** Epoch ms. */
  readonly startedAt: number
  readonly finishedAt: number
  readonly cycles: number
  /** Per object kind, per side written. */
  readonly objects: Partial<Record<ObjectKind, Record<Side, SideCounts>>>
  /** API calls made by this run, per side. */
  readonly apiCalls: Record<Side, number>
  /** Field conflicts (both sides changed to different values) decided by the rules. */
  readonly conflicts: number
  /** New per-record errors of this run. */
  readonly errors: readonly RecordErrorSummary[]
  /**
   * Why the run stopped early: the API budget is spent or a side is suspended (exit code 4).
   * (Default: undefined, it ran to the end)
   */
  readonly incomplete?: string | undefined
  /**
   * Change-to-sync latency of the records this run wrote to the other side for a change of their own (not a
   * resync or an import): for each, milliseconds from the source record's change (SystemModstamp, HubSpot
   * lastmodifieddate) to the commit, by the engine's clock; the first MAX_LATENCY_SAMPLES (10,000) of a run.
   * (Default: none measured)
   */
  readonly changeToSyncMs?: readonly number[] | undefined
  /** Dry runs only: what would have been written, and the API calls it would cost per side. */
  readonly plan?: { readonly actions: readonly PlannedAction[]; readonly apiCost: Record<Side, number> }
}

/** The sync engine of one connection (design.md 3.4). */
export interface Engine {
  /**
   * Checks the org and portal identity against the store (recording it on the first run) and throws a
   * SyncError ENGINE_IDENTITY_CHANGED when either changed. Called by syncOnce and runCycle when needed. Skipped
   * while the connection is paused, suspended or disconnected; a refusal that suspends suspends it
   * (beforeFirstCycle).
   */
  checkIdentity(): Promise<void>
  /**
   * Captures everything changed up to now (the high-water mark at start), plans and applies it until the
   * inbox is drained. `dryRun` writes nothing, to either CRM or the store, and reports the plan.
   */
  syncOnce(options?: {
    readonly dryRun?: boolean | undefined
    /**
     * The run syncs `crmsync import salesforce` arrivals (B-BULK-3/6): linked pairs take Salesforce's values as
     * fresh changes, so a mapping switched on later is filled into HubSpot; with an inclusion list a created
     * contact gets only its email, and a second cycle fills the created contacts that are members.
     * (Default: false)
     */
    readonly salesforceImport?: boolean | undefined
    /**
     * Every change made at or before this instant (epoch ms, e.g. when `sync --once` started) is synced by
     * this run: where HubSpot's search index has not caught up yet, the run waits for it before its last
     * capture and logs that it does. (Default: what capture sees when it runs)
     */
    readonly settleThrough?: number | undefined
    /** Told how long the run waits for HubSpot's search index, before it waits. (Default: only logged) */
    readonly onIndexWait?: ((ms: number) => void) | undefined
  }): Promise<SyncSummary>
  /** One cycle of the long-running loop: capture once, drain the inbox, schedule retries. */
  runCycle(): Promise<SyncSummary>
  /**
   * Runs a check made before the first cycle (the setup pre-flight) unless the connection is paused,
   * suspended or disconnected; an error of it that suspends (retry table) suspends the connection instead of
   * being thrown. checkIdentity goes through it too.
   */
  beforeFirstCycle(check: () => Promise<void>): Promise<void>
  /** `crmsync pause` (B-INST-7): the switch in the store; nothing is read or written until resume. */
  pause(): Promise<ConnectionState>
  /**
   * `crmsync resume` (B-INST-7, B-ERR-9/10): checks the credentials of both sides (throws when either fails),
   * then clears the pause and any suspension; `reconnect` connects a disconnected connection again (B-INST-14).
   */
  resume(options?: { readonly reconnect?: boolean | undefined }): Promise<ConnectionState>
  /** `crmsync disconnect` (B-INST-12/13): removes links, inbox and snapshots, and reports owners to reassign. */
  disconnect(): Promise<DisconnectReport>
  /**
   * A cycle in which these HubSpot contacts are planned as a manual resync (B-TRIG-8): a broken link is
   * re-linked to the record that now holds the email (B-CON-25), a merge survivor takes over the merged
   * contact's link (B-CON-27), and fields are merged as for a new link, so mappings the sides never agreed
   * on are filled (B-MAP-8). Imports use it for records that existed before connecting. (Default dryRun: false)
   */
  resync(
    hubspotIds: readonly string[],
    options?: {
      readonly dryRun?: boolean | undefined
      /**
       * What the ids are: HubSpot contacts, HubSpot companies (whose resync creates the account of a company
       * that does not qualify by itself, B-CMP-9), or HubSpot deals. (Default: contact)
       */
      readonly objectKind?: 'contact' | 'company' | 'deal' | undefined
    },
  ): Promise<SyncSummary>
}
