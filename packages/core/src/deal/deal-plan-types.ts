import type { Link } from '../model/index.js'
import type { OwnersTable } from '../owners/index.js'
import type { PairAction } from '../plan/index.js'
import type { DealMapping } from './deal-mappings.js'
import type { HubSpotDealRecord, SalesforceOpportunityRecord } from './deal-records.js'
import type { StageMap } from './stages.js'

/**
 * What the deal planner asks the engine to do: the pair actions over Opportunities, and the deal's primary
 * company when the opportunity's account moved it (B-DEAL-15). AccountId itself travels in the
 * create-salesforce and update-salesforce values.
 */
export type DealAction =
  | PairAction<'Opportunity'>
  | {
      /**
       * Make `companyId` the deal's primary company (v4 deal -> company, type 5). `dealId` null: the deal the
       * create-hubspot of `opportunityId` in this plan makes.
       */
      readonly kind: 'set-deal-company'
      readonly dealId: string | null
      readonly opportunityId: string
      readonly companyId: string
      readonly reason: string
    }

/** One inbox row for the deal planner. Opportunities are never merged in Salesforce. */
export type DealChange =
  | { readonly side: 'hubspot'; readonly id: string; readonly event: 'changed' | 'deleted' | 'resync' }
  | { readonly side: 'salesforce'; readonly id: string; readonly event: 'changed' | 'deleted' }

/**
 * A synced pipeline and the record type it stands for (pipelines.ts: an entry whose pipeline exists, with
 * stageMapOf of it).
 */
export interface SyncedPipeline {
  readonly pipelineId: string
  /** null: the org has no record type; opportunities carry none. */
  readonly recordTypeId: string | null
  /** Opportunities with no or an unsynced-but-unknown record type land here (B-DEAL-2). */
  readonly isDefault: boolean
  readonly stages: StageMap
}

export interface PlanDealsInput {
  /** settings.deals.sync: off plans nothing (B-DEAL-1). */
  readonly sync: boolean
  /** settings.companies.sync: the account <-> primary company pair moves only with it (B-DEAL-15). */
  readonly companySync: boolean
  /** Capture time, epoch ms, from the injected clock. */
  readonly now: number
  readonly timeZone: string
  readonly mappings: readonly DealMapping[]
  readonly owners: OwnersTable
  readonly pipelines: readonly SyncedPipeline[]
  /** Record type ids the org has that are not synced (over the cap, B-DEAL-3): they never cross. */
  readonly unsyncedRecordTypes: ReadonlySet<string>
  readonly changes: readonly DealChange[]
  /** Deals read in batch, with `pipeline`, `dealstage` and the primary company (when company sync is on). */
  readonly hubspot: ReadonlyMap<string, HubSpotDealRecord>
  readonly salesforce: ReadonlyMap<string, SalesforceOpportunityRecord>
  /** Deal links touching the changed records. */
  readonly links: readonly Link[]
  /** Company links of the companies and accounts the deals and opportunities name. */
  readonly companyLinks: readonly Link[]
  readonly mergedInto?: ReadonlyMap<string, string> | undefined
  readonly deletedHubSpot?: ReadonlySet<string> | undefined
  /** What a blank Opportunity Name is written as (design.md 3.3). (Default: the reference's) */
  readonly requiredFieldPlaceholder?: string | undefined
  /** The global switch is off (B-INST-7). (Default: false) */
  readonly paused?: boolean | undefined
  /** `crmsync import salesforce --object deals`: linked pairs take Salesforce's values. (Default: false) */
  readonly salesforceImport?: boolean | undefined
}
