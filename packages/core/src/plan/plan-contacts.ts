import { assertNever } from '../canonical/index.js'
import type { ContactAction } from './contact-actions.js'
import { createPlanContext } from './plan-context.js'
import { planHubSpotChange } from './plan-hubspot-change.js'
import { planSalesforceChange } from './plan-salesforce-change.js'
import type { PlanContactsInput } from './plan-types.js'

/**
 * The pure contact planner (design.md 3.4 step 2): changed records from both sides, their counterparts,
 * links, settings, owners and dedup results in; actions out. A pair changed on both sides is planned once.
 * Nothing here reads a clock or does I/O, so a plan replays from its recorded input.
 */
export function planContacts(input: PlanContactsInput): readonly ContactAction[] {
  if (input.paused === true) {
    return input.changes.map((c): ContactAction => ({
      kind: 'skip',
      side: c.side,
      id: c.id,
      reason: 'paused',
    }))
  }
  const ctx = createPlanContext(input)
  // Deletes first, so a record freed by a delete in this batch can be matched by a change in it.
  const ordered = [
    ...input.changes.filter((c) => c.event === 'deleted'),
    ...input.changes.filter((c) => c.event !== 'deleted'),
  ]
  for (const change of ordered) {
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
  return ctx.actions
}
