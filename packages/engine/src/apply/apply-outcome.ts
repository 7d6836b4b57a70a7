import type {
  ErrorOccurrence,
  FieldDecision,
  FieldState,
  HubSpotValue,
  InboxArrival,
  SalesforceRef,
} from '@crmsync/core'

/** A created Salesforce record as read back right after the create (read-back-creates.ts). */
export interface ReadBack {
  /** Server-set values the rules send to HubSpot: written with the link property, in the same update. */
  readonly hubspot: Readonly<Record<string, HubSpotValue>>
  /** Field states from the values both sides hold after the writes: they replace the create's. */
  readonly fields: Readonly<Record<string, FieldState>>
  /** Decisions about server-set values (moved to HubSpot or dropped), audited after the create's. */
  readonly decisions: readonly FieldDecision[]
}

/** What applying one batch produced, for the commit. */
export interface ApplyOutcome {
  /** HubSpot id -> the Salesforce record created for it. */
  readonly createdSalesforce: Map<string, SalesforceRef>
  /** HubSpot id -> its created Salesforce record as read back (absent: not read, the echo settles it). */
  readonly readBack: Map<string, ReadBack>
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
    readBack: new Map(),
    createdHubSpot: new Map(),
    failed: new Set(),
    errors: [],
    extraLinks: [],
    replan: [],
  }
}

export const hsKey = (id: string): string => `hs:${id}`
export const sfKey = (id: string): string => `sf:${id}`
