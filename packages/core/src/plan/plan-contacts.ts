import { assertNever } from '../canonical/index.js'
import { toAssociationPass } from './association-pass.js'
import { planAwaitingOwners } from './awaiting-owners.js'
import type { ContactAction } from './contact-actions.js'
import { deletesFirst, pausedPlan } from './pair-planning.js'
import { createPlanContext } from './plan-context.js'
import { planHubSpotChange } from './plan-hubspot-change.js'
import { planSalesforceChange } from './plan-salesforce-change.js'
import type { PlanContactsInput } from './plan-types.js'
import { prepareLinks } from './prepare-links.js'

/**
 * The pure contact planner (design.md 3.4 step 2): changed records from both sides, their counterparts,
 * links, settings, owners and dedup results in; actions out. A pair changed on both sides is planned once.
 * Nothing here reads a clock or does I/O, so a plan replays from its recorded input.
 */
export function planContacts(input: PlanContactsInput): readonly ContactAction[] {
  return planContactsDetailed(input).actions
}

/** A plan, and what it lacked to be final. */
export interface ContactPlan {
  readonly actions: readonly ContactAction[]
  /**
   * HubSpot contacts read without property history whose plan compared field change times (a two-way or
   * owner field changed on both sides): read them with history and plan again. History is read only then,
   * because it makes a batch read many times larger. (Default: empty)
   */
  readonly hubspotHistoryWanted: readonly string[]
}

/** planContacts, also saying which records need their HubSpot property history for a final plan. */
export function planContactsDetailed(input: PlanContactsInput): ContactPlan {
  if (input.paused === true) return pausedPlan(input.changes)
  // Merges and deletes the read found move or tombstone links first: the changes see the links as they will be.
  const prepared = prepareLinks(input)
  const ctx = createPlanContext({ ...input, links: prepared.links })
  ctx.actions.push(...prepared.actions)
  for (const a of prepared.actions) if (a.kind === 'link-state') ctx.releasedSalesforce.add(a.salesforce.id)
  for (const change of deletesFirst(input.changes)) {
    switch (change.side) {
      case 'hubspot':
        planHubSpotChange(ctx, change.id, change.event)
        break
      case 'salesforce':
        planSalesforceChange(ctx, change)
        break
      default:
        assertNever(change)
    }
  }
  ctx.actions.push(...planAwaitingOwners(input.ownersRefresh))
  if (input.companySync === true) ctx.actions.push(...toAssociationPass(input, ctx.actions))
  return { actions: ctx.actions, hubspotHistoryWanted: [...ctx.historyWanted] }
}
