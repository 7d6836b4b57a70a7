import type { DealMapping } from '@crmsync/core'
import { DEAL_LINK_PROPERTY } from '@crmsync/core'

const unique = (values: readonly string[]): string[] => [...new Set(values)].sort()

/** Opportunity fields to select: every mapped field (the connector adds the stage, account and record type). */
export function opportunityFieldsFor(mappings: readonly DealMapping[]): string[] {
  return unique(
    mappings.flatMap((m) => (m.salesforce.Opportunity === undefined ? [] : [m.salesforce.Opportunity])),
  )
}

/** Deal properties to read: every mapped property and the link property (the connector adds pipeline). */
export function dealPropertiesFor(mappings: readonly DealMapping[]): string[] {
  return unique([...mappings.map((m) => m.hubspot), DEAL_LINK_PROPERTY])
}

/** Properties read with history: where the planner compares change times (two-way and the owner). */
export function dealHistoryFor(mappings: readonly DealMapping[]): string[] {
  return unique(mappings.filter((m) => m.rule === 'two-way' || m.rule === 'owner').map((m) => m.hubspot))
}

/** Opportunity ids carry the key prefix 006. */
export function isOpportunityId(id: string): boolean {
  return id.startsWith('006')
}
