import type { FieldState, Link } from '../model/index.js'
import type { ContactAction, LinkRef, SalesforceRef } from './contact-actions.js'
import type { PlanContext } from './plan-context.js'
import type { SkipReason } from './skip-reasons.js'

export function refOf(link: Link): SalesforceRef {
  return { type: link.salesforceType === 'Contact' ? 'Contact' : 'Lead', id: link.salesforceId }
}

export function linkRefOf(link: Link): LinkRef {
  return { hubspotId: link.hubspotId, salesforce: refOf(link) }
}

/** A link that has never committed field state is syncing for the first time. */
export function isFirstSync(link: Link): boolean {
  return Object.keys(link.fields).length === 0
}

/**
 * Field states carried to a new counterpart on one side: the ancestors and the other side's shadows stay,
 * this side's shadows go, so the new record's differing values count as changes on that side.
 */
export function dropShadows(
  fields: Link['fields'],
  side: 'hubspot' | 'salesforce',
): Record<string, FieldState> {
  const out: Record<string, FieldState> = {}
  for (const [key, state] of Object.entries(fields)) {
    out[key] =
      side === 'salesforce'
        ? { ancestor: state.ancestor, hubspotShadow: state.hubspotShadow }
        : { ancestor: state.ancestor, salesforceShadow: state.salesforceShadow }
  }
  return out
}

/**
 * The field states a linked pair is merged with. A Salesforce import forgets the Salesforce shadows, so
 * every Salesforce value that differs from HubSpot counts as a change and the rules move it (B-BULK-6),
 * even where a rule had kept the sides apart or the mapping was switched on after the last sync.
 */
export function pairFields(ctx: PlanContext, link: Link): Link['fields'] {
  return ctx.input.salesforceImport === true ? dropShadows(link.fields, 'salesforce') : link.fields
}

export function skip(ctx: PlanContext, side: 'hubspot' | 'salesforce', id: string, reason: SkipReason): void {
  ctx.actions.push({ kind: 'skip', side, id, reason })
}

export function setLinkState(ctx: PlanContext, link: Link, state: Link['state'], reason: string): void {
  if (state === 'tombstoned') ctx.releasedSalesforce.add(link.salesforceId)
  const action: ContactAction = {
    kind: 'link-state',
    hubspotId: link.hubspotId,
    salesforce: refOf(link),
    state,
    reason,
  }
  ctx.actions.push(action)
}
