import type {
  CompanySyncSettings,
  ContactMapping,
  ContactSyncSettings,
  OwnersTable,
  PipelineSettings,
  StateReader,
  StateStore,
} from '@crmsync/core'

import type { EngineState } from './engine-state.js'
import type { EngineDeps } from './engine-types.js'
import type { ApplyMode } from './pipeline/interpret.js'
import type { SalesforceImport } from './salesforce-import.js'
import type { SummaryBuilder } from './summary.js'

/** Resolved once when the engine is built (the mappings on its first cycle). */
export interface EngineSetup {
  readonly connectionId: string
  readonly mappings: readonly ContactMapping[]
  readonly settings: ContactSyncSettings
  /** Company sync, when it is on (settings.companies.sync): passes 2 and 3 of design.md 3.4 run. */
  readonly companies: CompanySyncSettings | undefined
  /** Deal sync, when it is on (settings.deals.sync; it needs company sync, B-DEAL-15): deals join pass 3. */
  readonly deals: PipelineSettings | undefined
  /** settings.lifecycle.automaticTransitions, with deal sync on (B-LCS-2..5). */
  readonly automaticLifecycle: boolean
  readonly batchSize: number
  /** Test overrides of the retry table's schedule for stored per-record errors. (Default: none) */
  readonly retryOverrides: { readonly everyMs?: number; readonly maxRetries?: number }
  /** The hard Salesforce cap per 24 h (configured allocation), or undefined for none. */
  readonly salesforceAllocation: number | undefined
  /** Above this many Salesforce calls in 24 h automatic retries stop (75 % of the allocation, B-API-2). */
  readonly retryStopAt: number
  /** Paused by the global switch (B-INST-7). */
  readonly paused: boolean
}

/** What one cycle keeps between its steps; every kind's capture cache lives in its own descriptor state. */
export interface CycleState {
  readonly summary: SummaryBuilder
  /** HubSpot ids planned as a manual resync this cycle (B-TRIG-8): re-link broken links, fill new mappings. */
  readonly resync: ReadonlySet<string>
  /** Records enqueued again this cycle (requeued or replanned); each gets one replan, so a cycle ends. */
  readonly replanned: Set<string>
  readonly salesforceImport: SalesforceImport | undefined
  /** The owners table of this cycle, read once (pass 1 of design.md 3.4); filled by the first batch needing it. */
  owners: OwnersTable | undefined
  /** The table was read again this cycle for an owner id it did not know: once per cycle is enough. */
  ownersReread: boolean
  /**
   * A table was read from the CRMs and what it changes for waiting owners (B-OWN-1) is not committed yet:
   * the next batch's read looks for them, and its commit clears this.
   */
  ownersFresh: boolean
  /** Inclusion-list members per list id, each list read once per cycle, not per record (design.md 3.4). */
  readonly lists: Map<string, ReadonlySet<string>>
  /**
   * `side:id` of deals and Opportunities this cycle inserted: they have no contacts or contact roles yet, so
   * the contact-role pass does not read them.
   */
  readonly createdDeals: Set<string>
}

/** A new cycle's state. */
export function createCycleState(init: {
  readonly summary: SummaryBuilder
  readonly resync?: readonly string[] | undefined
  readonly salesforceImport?: SalesforceImport | undefined
}): CycleState {
  return {
    summary: init.summary,
    resync: new Set(init.resync ?? []),
    replanned: new Set(),
    salesforceImport: init.salesforceImport,
    owners: undefined,
    ownersReread: false,
    ownersFresh: false,
    lists: new Map(),
    createdDeals: new Set(),
  }
}

/** Everything a step of the loop needs; `store` is the transaction-bound store during a dry run. */
export interface StepContext {
  readonly deps: EngineDeps
  readonly store: StateStore
  readonly setup: EngineSetup
  /** The engine's own caches: never in module scope, so two engines in one process share nothing. */
  readonly state: EngineState
  readonly cycle: CycleState
  /** The portal id, for external ids `portalId:objectId`. */
  readonly portalId: string
  readonly mode: ApplyMode
}

/** What the read stage gets: the store's reads only, so that it cannot write. */
export type ReadContext = Omit<StepContext, 'store'> & { readonly store: StateReader }
