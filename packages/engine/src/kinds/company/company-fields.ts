import type { CompanyMapping } from '@crmsync/core'
import { AUTO_CREATED_COMPANY_SOURCE, HUBSPOT_LINK_PROPERTY } from '@crmsync/core'

const unique = (values: readonly string[]): string[] => [...new Set(values)].sort()

/** Account fields to select: every mapped field. */
export function accountFieldsFor(mappings: readonly CompanyMapping[]): string[] {
  return unique(mappings.flatMap((m) => (m.salesforce.Account === undefined ? [] : [m.salesforce.Account])))
}

/**
 * Company properties to read: every mapped property, the link property, the lifecycle stage (B-CMP-14) and
 * the source that tells a company "create and associate companies with contacts" made (B-CMP-13).
 */
export function companyPropertiesFor(mappings: readonly CompanyMapping[]): string[] {
  return unique([
    ...mappings.map((m) => m.hubspot),
    HUBSPOT_LINK_PROPERTY.Account,
    'lifecyclestage',
    'hs_object_source',
  ])
}

/** Properties read with history: where the planner compares change times (two-way and the owner). */
export function companyHistoryFor(mappings: readonly CompanyMapping[]): string[] {
  return unique(mappings.filter((m) => m.rule === 'two-way' || m.rule === 'owner').map((m) => m.hubspot))
}

/** Account ids carry the key prefix 001. */
export function isAccountId(id: string): boolean {
  return id.startsWith('001')
}

export { AUTO_CREATED_COMPANY_SOURCE }
