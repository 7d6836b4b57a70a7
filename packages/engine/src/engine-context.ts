import type {
  ContactMapping,
  ContactSyncSettings,
  HubSpotContactRecord,
  OwnersTable,
  SalesforceContactRecord,
  SalesforceDeletion,
  StateStore,
} from '@crmsync/core'

import type { EngineDeps } from './engine-types.js'
import type { SummaryBuilder } from './summary.js'

/** Resolved once when the engine is built. */
export interface EngineSetup {
  readonly connectionId: string
  readonly mappings: readonly ContactMapping[]
  readonly settings: ContactSyncSettings
  readonly batchSize: number
  readonly retryEveryMs: number
  readonly maxRetries: number
  /** The hard Salesforce cap per 24 h (configured allocation), or undefined for none. */
  readonly salesforceAllocation: number | undefined
  /** Above this many Salesforce calls in 24 h automatic retries stop (75 % of the allocation, B-API-2). */
  readonly retryStopAt: number
  /** Paused by the global switch (B-INST-7). */
  readonly paused: boolean
}

/** What one cycle remembers between its capture and its batches. */
export interface CycleState {
  /** Records captured this cycle: capture doubles as the Salesforce batch read (design.md 3.4). */
  readonly salesforce: Map<string, SalesforceContactRecord>
  readonly deletions: Map<string, SalesforceDeletion>
  /**
   * HubSpot contacts captured this cycle, with the mapped properties: planned from these instead of a batch
   * read. Each is taken out when first used, so anything planned again later in the cycle is read fresh.
   */
  readonly hubspot: Map<string, HubSpotContactRecord>
  /** `side:id` of captured records whose pair a batch of this cycle already planned (batch/planned-pairs.ts). */
  readonly consumed: Set<string>
  /** Records modified by this cycle's writes: never served from the capture cache again. */
  readonly written: Set<string>
  owners: OwnersTable | undefined
  listMembers: ReadonlySet<string> | undefined
  /** Records re-enqueued for a replan this cycle; each gets one, so a cycle always ends. */
  readonly replanned: Set<string>
  readonly summary: SummaryBuilder
  readonly dryRun: boolean
  /** HubSpot ids planned as a manual resync this cycle (B-TRIG-8): re-link broken links, fill new mappings. */
  readonly resync: ReadonlySet<string>
}

/** Everything a step of the loop needs; `store` is the transaction-bound store during a dry run. */
export interface StepContext {
  readonly deps: EngineDeps
  readonly store: StateStore
  readonly setup: EngineSetup
  readonly cycle: CycleState
  /** The portal id, for external ids `portalId:objectId`. */
  readonly portalId: string
}
