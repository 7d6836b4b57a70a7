import { rawToString, type TransformContext } from '../canonical/index.js'
import type { Link } from '../model/index.js'
import type { ContactAction } from './contact-actions.js'
import { indexLinks, planTransform } from './pair-planning.js'
import type { HubSpotContactRecord, PlanContactsInput } from './plan-types.js'

/** What one planning run shares between the per-change planners. */
export interface PlanContext {
  readonly input: PlanContactsInput
  readonly transform: TransformContext
  readonly linkByHubSpot: ReadonlyMap<string, Link>
  readonly linkBySalesforce: ReadonlyMap<string, Link>
  /** Ids already paired or planned in this run, so one batch never pairs a record twice. */
  readonly handledHubSpot: Set<string>
  readonly handledSalesforce: Set<string>
  /** Salesforce ids whose link this plan tombstones: free for a new contact with the email (B-CON-7). */
  readonly releasedSalesforce: Set<string>
  /** HubSpot contacts this plan deletes; the dedup look-ups still list them. */
  readonly deletingHubSpot: Set<string>
  /** Emails of HubSpot contacts this plan creates: the dedup look-ups ran before the plan and miss them. */
  readonly creatingInHubSpot: Set<string>
  readonly actions: ContactAction[]
  /** HubSpot contacts whose plan compared field change times without their property history. */
  readonly historyWanted: Set<string>
}

export function createPlanContext(input: PlanContactsInput): PlanContext {
  const contactLinks = input.links.filter((l) => l.objectKind === 'contact')
  return {
    input,
    transform: planTransform(input.timeZone, input.owners, input.settings.requiredFieldPlaceholder),
    linkByHubSpot: indexLinks(contactLinks, (l) => l.hubspotId),
    linkBySalesforce: indexLinks(contactLinks, (l) => l.salesforceId),
    handledHubSpot: new Set(),
    handledSalesforce: new Set(),
    creatingInHubSpot: new Set(),
    releasedSalesforce: new Set(),
    deletingHubSpot: new Set(),
    actions: [],
    historyWanted: new Set(),
  }
}

/**
 * HubSpot-side eligibility: members of the inclusion list (B-CON-15); with none, everyone, unless the legacy
 * default list applies, which left out lifecycle stage subscriber (B-CON-21).
 */
export function isIncluded(ctx: PlanContext, hs: HubSpotContactRecord): boolean {
  const { inclusionList, legacyDefaultInclusion } = ctx.input.settings
  if (inclusionList !== null) return ctx.input.inclusionListMembers.has(hs.id)
  if (legacyDefaultInclusion !== true) return true
  return rawToString(hs.properties['lifecyclestage'])?.trim().toLowerCase() !== 'subscriber'
}
