import type { Link } from '../model/index.js'

/**
 * HubSpot's default lifecycle stages in their forward order (B-LCS-9). A portal with its own order passes it
 * instead (the lifecyclestage property's options, in display order).
 */
export const DEFAULT_LIFECYCLE_ORDER: readonly string[] = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
  'evangelist',
  'other',
]

/** The stages the automatic transitions move contacts to (B-LCS-2, 3). */
export const OPPORTUNITY_STAGE = 'opportunity'
export const CUSTOMER_STAGE = 'customer'

/** A HubSpot contact and its contact link. */
export interface LifecycleContact {
  readonly hubspotId: string
  /** `lifecyclestage` as read; null when blank. */
  readonly lifecycleStage: string | null
  readonly link?: Link | undefined
}

/** An opportunity with the SF Contacts of its contact roles. */
export interface RoleOpportunity {
  readonly opportunityId: string
  readonly contactIds: readonly string[]
  readonly isClosed: boolean
  readonly isWon: boolean
}

/** A forward move of a contact's lifecycle stage, with the reason for its audit entry. */
export interface LifecycleAction {
  readonly kind: 'update-hubspot'
  readonly hubspotId: string
  readonly salesforce: { readonly type: 'Contact'; readonly id: string }
  readonly values: { readonly lifecyclestage: string }
  readonly reason: string
}

/**
 * Automatic lifecycle transitions (settings.lifecycle.automaticTransitions): a contact whose SF Contact is a
 * contact role on an open opportunity moves to `opportunity` (B-LCS-2), on a Closed Won one to `customer`
 * (B-LCS-3). Only contact roles count, never the account's contacts (B-LCS-4); only contacts linked to an SF
 * Contact (a Lead is never a role). Forward only by `order` (B-LCS-5, 9): blank counts as earliest, and a
 * stage not in the order is not moved, since it cannot be compared. HubSpot only: record types in Salesforce
 * are never touched (B-LCS-6).
 */
export function planLifecycleTransitions(init: {
  readonly enabled: boolean
  readonly contacts: readonly LifecycleContact[]
  readonly opportunities: readonly RoleOpportunity[]
  readonly order?: readonly string[] | undefined
}): LifecycleAction[] {
  if (!init.enabled) return []
  const order = init.order ?? DEFAULT_LIFECYCLE_ORDER
  const rank = (stage: string | null) => (stage === null ? -1 : order.indexOf(stage.toLowerCase()))
  const target = new Map<string, { stage: string; reason: string }>()
  for (const o of init.opportunities.toSorted((a, b) => a.opportunityId.localeCompare(b.opportunityId))) {
    const won = o.isClosed && o.isWon
    if (o.isClosed && !won) continue
    const stage = won ? CUSTOMER_STAGE : OPPORTUNITY_STAGE
    const reason = won
      ? `B-LCS-3: contact role on Closed Won opportunity ${o.opportunityId}`
      : `B-LCS-2: contact role on open opportunity ${o.opportunityId}`
    for (const id of o.contactIds) {
      const prior = target.get(id)
      if (prior === undefined || rank(stage) > rank(prior.stage)) target.set(id, { stage, reason })
    }
  }
  const actions: LifecycleAction[] = []
  for (const c of init.contacts) {
    const link = c.link
    if (link?.state !== 'active' || link.salesforceType !== 'Contact') continue
    const move = target.get(link.salesforceId)
    if (move === undefined) continue
    const current = rank(c.lifecycleStage)
    if (c.lifecycleStage !== null && current < 0) continue
    if (rank(move.stage) <= current) continue
    actions.push({
      kind: 'update-hubspot',
      hubspotId: c.hubspotId,
      salesforce: { type: 'Contact', id: link.salesforceId },
      values: { lifecyclestage: move.stage },
      reason: `${move.reason} (was ${c.lifecycleStage ?? 'blank'}; forward only, B-LCS-5)`,
    })
  }
  return actions
}
