import { canonicalText, type RawValue, type SalesforceValue } from '../canonical/index.js'
import { DEFAULT_REQUIRED_FIELD_PLACEHOLDER } from '../mapping/required-fields.js'
import type { SalesforceOpportunityRecord } from './deal-records.js'

/**
 * Opportunity's required fields (REQUIRED_FIELD_MISSING when blank). The generic required-field table
 * (mapping/required-fields.ts) covers Lead, Contact and Account only, so the deal planner does for Name
 * what the canonical transforms do for Account Name: blank is written as the placeholder, and the
 * placeholder reads as blank (design.md 3.3). CloseDate and StageName have no placeholder: a deal without
 * them cannot become an opportunity, a typed error.
 */
export const OPPORTUNITY_NAME_FIELD = 'Name'
export const OPPORTUNITY_REQUIRED_WITHOUT_PLACEHOLDER = ['CloseDate', 'StageName'] as const

export function placeholderOf(configured: string | undefined): string {
  return configured ?? DEFAULT_REQUIRED_FIELD_PLACEHOLDER
}

function isPlaceholder(raw: RawValue, placeholder: string): boolean {
  const value = canonicalText(raw, false)
  return value !== null && value === canonicalText(placeholder, false)
}

/** The opportunity as the merge reads it: a Name that is the placeholder reads as blank. */
export function opportunityView(
  sf: SalesforceOpportunityRecord,
  placeholder: string,
): SalesforceOpportunityRecord {
  if (!isPlaceholder(sf.fields[OPPORTUNITY_NAME_FIELD], placeholder)) return sf
  return { ...sf, fields: { ...sf.fields, [OPPORTUNITY_NAME_FIELD]: null } }
}

/** Values for Salesforce with a blank Name replaced by the placeholder; `create` also fills a missing one. */
export function withRequiredName(
  values: Readonly<Record<string, SalesforceValue>>,
  placeholder: string,
  create: boolean,
): Readonly<Record<string, SalesforceValue>> {
  const present = Object.hasOwn(values, OPPORTUNITY_NAME_FIELD)
  if (present ? values[OPPORTUNITY_NAME_FIELD] !== null : !create) return values
  return { ...values, [OPPORTUNITY_NAME_FIELD]: placeholder }
}
