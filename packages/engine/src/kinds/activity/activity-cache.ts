import type { SalesforceActivityRecord, TimelineActivity } from '@crmsync/core'

/** What one cycle's activity capture read, and what its own claims are (kinds/activity/activity-kind.ts). */
export interface ActivityCache {
  /** Activities captured this cycle, by key: capture doubles as the batch read. */
  readonly activities: Map<string, TimelineActivity>
  /**
   * Sync keys this cycle claimed and has not tried to insert yet. Only this cycle can know that a claim was
   * not followed by an insert; a claim it does not hold came from a cycle that may have crashed after one.
   */
  readonly claimedNow: Set<string>
  /** Salesforce Tasks and Events captured this cycle, by id (B-ACT-5). */
  readonly salesforce: Map<string, SalesforceActivityRecord>
}

export const createActivityCache = (): ActivityCache => ({
  activities: new Map(),
  claimedNow: new Set(),
  salesforce: new Map(),
})
