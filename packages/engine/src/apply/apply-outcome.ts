import type { ErrorOccurrence, InboxArrival, SalesforceRef } from '@crmsync/core'

/** What applying one batch produced, for the commit. */
export interface ApplyOutcome {
  /** HubSpot id -> the Salesforce record created for it. */
  readonly createdSalesforce: Map<string, SalesforceRef>
  /** Salesforce id -> the HubSpot contact created for it. */
  readonly createdHubSpot: Map<string, string>
  /** `hs:ID` / `sf:ID` of records whose write failed: their pair commits nothing (plan-types). */
  readonly failed: Set<string>
  readonly errors: ErrorOccurrence[]
  /** HubSpot answered "this email exists" to a create: link to that contact instead (design.md 3.4). */
  readonly extraLinks: { readonly hubspotId: string; readonly salesforce: SalesforceRef }[]
  /** Records to plan again (converted lead, 409 dedup): enqueued with a new seq, so they stay. */
  readonly replan: InboxArrival[]
}

export function emptyOutcome(): ApplyOutcome {
  return {
    createdSalesforce: new Map(),
    createdHubSpot: new Map(),
    failed: new Set(),
    errors: [],
    extraLinks: [],
    replan: [],
  }
}

export const hsKey = (id: string): string => `hs:${id}`
export const sfKey = (id: string): string => `sf:${id}`
