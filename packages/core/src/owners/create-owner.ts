import type { OwnerIndex } from './owner-index.js'

/** Salesforce objects crmsync creates from HubSpot records. */
export type CreatedSalesforceObject = 'Lead' | 'Contact' | 'Account' | 'Opportunity'

/** Who owns a record created in Salesforce, and whether lead assignment rules run. */
export interface CreateOwner {
  /** OwnerId to send; undefined leaves it to assignment rules (Leads only). */
  readonly ownerId: string | undefined
  /** Send `Sforce-Auto-Assign: TRUE` (design.md 3.4 apply). (Default: false) */
  readonly useAssignmentRules: boolean
  /** Behaviour id that decided, for the audit. */
  readonly reason: string
}

/**
 * Create-time owner rules. A matched HS owner (active SF user by name and email) owns the new record
 * (B-OWN-5/8/10); the owner of a queue (B-OWN-1) owns only a new Lead, since queues own nothing else.
 * Otherwise a Lead goes through lead assignment rules (B-OWN-5), and every other object is owned by the
 * integration user because Salesforce requires an owner (B-OWN-8/10/11). A Contact is not named by B-OWN-5;
 * we treat it like the other non-lead objects (B-OWN-11: "any record created in SF").
 */
export function ownerForCreate(
  object: CreatedSalesforceObject,
  hubspotOwnerId: string | undefined,
  index: OwnerIndex,
): CreateOwner {
  const found = hubspotOwnerId === undefined ? undefined : index.salesforceFor(hubspotOwnerId)
  const matched = found !== undefined && object !== 'Lead' && index.isQueue(found) ? undefined : found
  if (matched !== undefined)
    return { ownerId: matched, useAssignmentRules: false, reason: 'B-OWN-5: matched HubSpot owner' }
  if (object === 'Lead') {
    return {
      ownerId: undefined,
      useAssignmentRules: true,
      reason: 'B-OWN-5: no matched owner, lead assignment rules decide',
    }
  }
  return {
    ownerId: index.integrationUserId,
    useAssignmentRules: false,
    reason: 'B-OWN-11: integration user owns it',
  }
}
