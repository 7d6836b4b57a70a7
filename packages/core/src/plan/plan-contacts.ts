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
  for (const change of input.changes) {
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
