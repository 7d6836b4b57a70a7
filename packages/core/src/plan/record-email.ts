import { canonicalText } from '../canonical/index.js'
import type { PlanContext } from './plan-context.js'
import type { HubSpotContactRecord, SalesforceContactRecord } from './plan-types.js'

/** The email mapping's property, `email` unless the mappings say otherwise. */
function emailMapping(ctx: PlanContext): { hubspot: string; Lead: string; Contact: string } {
  const m = ctx.input.mappings.find((x) => x.hubspot === 'email')
  return { hubspot: 'email', Lead: m?.salesforce.Lead ?? 'Email', Contact: m?.salesforce.Contact ?? 'Email' }
}

/** Lower-cased email used for matching (design.md 3.3), or null when blank (B-CON-4). */
export function hubspotEmail(ctx: PlanContext, record: HubSpotContactRecord): string | null {
  return canonicalText(record.properties[emailMapping(ctx).hubspot], true)
}

/** Lower-cased email of a Lead or Contact, or null when blank (B-CON-5). */
export function salesforceEmail(ctx: PlanContext, record: SalesforceContactRecord): string | null {
  return canonicalText(record.fields[emailMapping(ctx)[record.type]], true)
}
