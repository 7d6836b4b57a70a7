import type { HubSpotCompanyRecord, SalesforceAccountDeletion, SalesforceAccountRecord } from '@crmsync/core'

/** What one cycle's company capture read, so it doubles as the batch read (design.md 3.4). */
export interface CompanyCache {
  readonly salesforce: Map<string, SalesforceAccountRecord>
  readonly deletions: Map<string, SalesforceAccountDeletion>
  /** Captured companies; each serves one batch (a planned one may be written). */
  readonly hubspot: Map<string, HubSpotCompanyRecord>
  /** `side:id` of captured records whose pair a batch of this cycle already planned. */
  readonly consumed: Set<string>
  /** Records modified by this cycle's writes: never served from the capture cache again. */
  readonly written: Set<string>
}

export function createCompanyCache(): CompanyCache {
  return {
    salesforce: new Map(),
    deletions: new Map(),
    hubspot: new Map(),
    consumed: new Set(),
    written: new Set(),
  }
}
