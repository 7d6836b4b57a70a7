import type { HubSpotContactRecord, SalesforceContactRecord, SalesforceDeletion } from '@crmsync/core'

/** What one cycle's contact capture read, so it doubles as the batch read (design.md 3.4). */
export interface ContactCache {
  readonly salesforce: Map<string, SalesforceContactRecord>
  readonly deletions: Map<string, SalesforceDeletion>
  /**
   * HubSpot contacts captured this cycle, with the mapped properties. Each serves one batch: once planned it
   * may be written, so anything planned again later in the cycle is read fresh.
   */
  readonly hubspot: Map<string, HubSpotContactRecord>
  /** `side:id` of captured records whose pair a batch of this cycle already planned (planned-pairs.ts). */
  readonly consumed: Set<string>
  /** Records modified by this cycle's writes: never served from the capture cache again. */
  readonly written: Set<string>
}

export function createContactCache(): ContactCache {
  return {
    salesforce: new Map(),
    deletions: new Map(),
    hubspot: new Map(),
    consumed: new Set(),
    written: new Set(),
  }
}
