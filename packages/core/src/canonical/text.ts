import type { CanonicalValue } from '../model/index.js'
import type { RawValue } from './raw-value.js'
import { rawToString } from './raw-value.js'
import type { Result } from './result.js'
import { err, ok } from './result.js'

/** HubSpot refuses longer property values (api-surface: string properties hold 65,536 characters). */
export const HUBSPOT_MAX_TEXT_LENGTH = 65_536

/** Trimmed, line endings normalised to \n, blank as null; lower-cased when compared case-insensitively. */
export function canonicalText(raw: RawValue, caseInsensitive: boolean): CanonicalValue {
  const text = rawToString(raw)
  if (text === undefined) return null
  const normalised = text.replace(/\r\n?/g, '\n').trim()
  if (normalised === '') return null
  return caseInsensitive ? normalised.toLowerCase() : normalised
}

/** Fits text into a target field: an error when too long unless the mapping truncates (design.md 3.3). */
export function fitText(value: string, maxLength: number | undefined, truncate: boolean): Result<string> {
  if (maxLength === undefined || value.length <= maxLength) return ok(value)
  // Trim after cutting so that the value read back is already canonical.
  if (truncate) return ok(value.slice(0, maxLength).trimEnd())
  return err('VALUE_TOO_LONG', `${value.length} characters, the field holds ${maxLength}`)
}

/**
 * A web address as its host name: lower-cased, without scheme, `www.`, port, path, query or fragment
 * (`https://www.Acme.com/about` -> `acme.com`). HubSpot keeps a company's domain, Salesforce an Account's
 * website; this is the form both compare in.
 */
export function canonicalDomain(raw: RawValue): CanonicalValue {
  const text = canonicalText(raw, true)
  if (text === null) return null
  const host = text
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^[^@/]*@/, '')
    .split(/[/?#]/)[0]
    ?.replace(/:\d+$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '')
  return host === undefined || host === '' ? null : host
}
