import type { PlanContext } from './plan-context.js'
import type { SalesforceCandidate } from './plan-types.js'

export type SalesforceMatch =
  | { readonly kind: 'match'; readonly candidate: SalesforceCandidate }
  | { readonly kind: 'none' }
  | { readonly kind: 'all-linked' }

/**
 * Picks the Salesforce record an unlinked HubSpot contact links to (B-CON-7): Contacts before Leads
 * (B-CON-9), then the first row of the query, which is ordered by CreatedDate, Id so "the first one the
 * query returns" is the oldest, deterministically (B-CON-8). Converted leads never match. A record already
 * linked to another contact, or paired earlier in this batch, is passed over.
 */
export function matchSalesforce(ctx: PlanContext, email: string, hubspotId: string): SalesforceMatch {
  const found = (ctx.input.dedup.salesforceByEmail.get(email) ?? []).filter((c) => c.isConverted !== true)
  if (found.length === 0) return { kind: 'none' }
  const ordered = [...found.filter((c) => c.type === 'Contact'), ...found.filter((c) => c.type === 'Lead')]
  const free = ordered.find((c) => {
    const link = ctx.linkBySalesforce.get(c.id)
    const released = link?.state === 'tombstoned' || ctx.releasedSalesforce.has(c.id)
    const linkedElsewhere = link !== undefined && !released && link.hubspotId !== hubspotId
    return !linkedElsewhere && !ctx.handledSalesforce.has(c.id)
  })
  return free === undefined ? { kind: 'all-linked' } : { kind: 'match', candidate: free }
}
