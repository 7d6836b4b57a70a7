import type { AnyMapping } from '../mapping/index.js'
import { DEFAULT_REQUIRED_FIELD_PLACEHOLDER, hasRequiredPlaceholder } from '../mapping/required-fields.js'
import type { RawValue } from './raw-value.js'
import { canonicalText } from './text.js'

/**
 * The placeholder Salesforce holds for "blank" on a mapping of a required field (design.md 3.3), or
 * undefined when the mapping has no required field. It is part of the canonical form so that creation,
 * echo detection and the three-way merge all read `[not provided]` as blank: it never reaches HubSpot, and
 * prefer-salesforce's "Salesforce is blank" lets a real HubSpot value replace it.
 */
export function requiredPlaceholderOf(m: AnyMapping, configured: string | undefined): string | undefined {
  return hasRequiredPlaceholder(m) ? (configured ?? DEFAULT_REQUIRED_FIELD_PLACEHOLDER) : undefined
}

/** A Salesforce value that is the placeholder, compared in canonical text form (trimmed, line endings). */
export function isRequiredPlaceholder(m: AnyMapping, raw: RawValue, configured: string | undefined): boolean {
  const placeholder = requiredPlaceholderOf(m, configured)
  if (placeholder === undefined) return false
  const caseInsensitive = m.caseInsensitive === true
  const value = canonicalText(raw, caseInsensitive)
  return value !== null && value === canonicalText(placeholder, caseInsensitive)
}
