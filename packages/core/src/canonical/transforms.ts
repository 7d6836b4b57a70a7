import type { AnyMapping } from '../mapping/index.js'
import type { CanonicalValue } from '../model/index.js'
import type { OwnerIndex } from '../owners/index.js'
import { canonicalOwnerFromHubSpot, isUnmatchedOwner } from '../owners/index.js'
import { assertNever } from './assert-never.js'
import { canonicalKindOf } from './canonical-kind.js'
import {
  canonicalDate,
  canonicalDateTime,
  checkDay,
  dayInZone,
  midnightInZone,
  midnightUtc,
  parseInstant,
} from './date-time.js'
import { canonicalDecimal, checkPrecision } from './decimal.js'
import { canonicalRangeLabel, canonicalRangeOfNumber, lowerBoundOf } from './number-range.js'
import type { RawValue } from './raw-value.js'
import { rawToString } from './raw-value.js'
import { isRequiredPlaceholder, requiredPlaceholderOf } from './required-placeholder.js'
import type { Result } from './result.js'
import { err, ok } from './result.js'
import { canonicalDomain, canonicalText, fitText, HUBSPOT_MAX_TEXT_LENGTH } from './text.js'

/** What transforms need besides the value. */
export interface TransformContext {
  /** IANA zone of the HubSpot portal, for date <-> datetime pairs. */
  readonly timeZone: string
  readonly owners: OwnerIndex
  /**
   * What a required Salesforce field (Lead LastName and Company, Contact LastName) holds for blank
   * (settings.contacts.requiredFieldPlaceholder, design.md 3.3). (Default: `[not provided]`)
   */
  readonly requiredFieldPlaceholder?: string | undefined
}

/** What a HubSpot write sends: HubSpot takes every property value as a string. */
export type HubSpotValue = string | null
/** What a Salesforce write sends. */
export type SalesforceValue = string | number | boolean | null

type Side = 'hubspot' | 'salesforce'

/** The canonical value of what HubSpot holds for a mapping. */
export function fromHubSpot(m: AnyMapping, raw: RawValue, ctx: TransformContext): Result<CanonicalValue> {
  return toCanonical(m, raw, ctx, 'hubspot')
}

/**
 * The canonical value of what Salesforce holds for a mapping. The placeholder of a required field reads
 * as blank, whoever wrote it, so it never flows to HubSpot (design.md 3.3).
 */
export function fromSalesforce(m: AnyMapping, raw: RawValue, ctx: TransformContext): Result<CanonicalValue> {
  const blank = isRequiredPlaceholder(m, raw, ctx.requiredFieldPlaceholder)
  return toCanonical(m, blank ? null : raw, ctx, 'salesforce')
}

function toCanonical(
  m: AnyMapping,
  raw: RawValue,
  ctx: TransformContext,
  side: Side,
): Result<CanonicalValue> {
  const kind = canonicalKindOf(m)
  switch (kind) {
    case 'text':
      return ok(canonicalText(raw, m.caseInsensitive === true))
    case 'number': {
      const text = rawToString(raw)
      return text === undefined
        ? ok(null)
        : canonicalDecimal(typeof raw === 'number' ? raw : text, scaleOf(m))
    }
    case 'date':
      return canonicalDate(raw)
    case 'datetime':
      return canonicalDateTime(raw)
    case 'day-from-hubspot-instant':
    case 'day-from-salesforce-instant': {
      const instantSide = kind === 'day-from-hubspot-instant' ? 'hubspot' : 'salesforce'
      if (side !== instantSide) return canonicalDate(raw)
      const instant = parseInstant(raw)
      if (!instant.ok) return instant
      if (instant.value === null) return ok(null)
      return dayInZone(instant.value, ctx.timeZone)
    }
    case 'boolean':
      return canonicalBoolean(raw)
    case 'picklist': {
      const value = canonicalText(raw, false)
      if (value === null) return ok(null)
      if (side === 'salesforce') return ok(m.salesforceOnlyValues?.includes(value) === true ? null : value)
      return ok(m.values?.[value] ?? value)
    }
    case 'multi-select':
      return ok(canonicalSet(raw, side === 'hubspot' ? m.values : undefined))
    case 'number-range':
      return side === 'hubspot' ? canonicalRangeLabel(raw) : canonicalRangeOfNumber(raw, m.ranges)
    case 'owner': {
      const id = rawToString(raw)?.trim()
      return ok(side === 'hubspot' ? canonicalOwnerFromHubSpot(id, ctx.owners) : (id ?? null))
    }
    case 'domain':
      return ok(canonicalDomain(raw))
    default:
      return assertNever(kind)
  }
}

function scaleOf(m: AnyMapping): number | undefined {
  return m.scale ?? (m.salesforceType === 'int' ? 0 : undefined)
}

/** Salesforce booleans are never null, so a blank HubSpot checkbox means false (the coarser side). */
function canonicalBoolean(raw: RawValue): Result<CanonicalValue> {
  if (raw == null || raw === '' || raw === false) return ok('false')
  if (raw === true) return ok('true')
  const text = String(raw).trim().toLowerCase()
  if (text === 'true' || text === 'false') return ok(text)
  return err('VALUE_INVALID_BOOLEAN', `"${String(raw)}" is not true or false`)
}

/** Multi-selects as a sorted, de-duplicated `;`-joined set (design.md 3.3). */
function canonicalSet(raw: RawValue, values: Readonly<Record<string, string>> | undefined): CanonicalValue {
  const text = rawToString(raw)
  if (text === undefined) return null
  const items = text
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => values?.[item] ?? item)
  const set = [...new Set(items)].sort()
  return set.length === 0 ? null : set.join(';')
}

/** The value to write to HubSpot for a canonical value. */
export function toHubSpot(m: AnyMapping, value: CanonicalValue, ctx: TransformContext): Result<HubSpotValue> {
  if (value === null) return ok(canonicalKindOf(m) === 'boolean' ? 'false' : null)
  const kind = canonicalKindOf(m)
  switch (kind) {
    case 'text':
      return fitText(value, HUBSPOT_MAX_TEXT_LENGTH, m.truncate === true)
    case 'number':
    case 'datetime':
    case 'boolean':
      return ok(value)
    case 'date':
    case 'day-from-salesforce-instant': {
      const day = checkDay(value)
      return day.ok ? ok(String(midnightUtc(day.value))) : day
    }
    case 'day-from-hubspot-instant': {
      const day = checkDay(value)
      if (!day.ok) return day
      const instant = midnightInZone(value, ctx.timeZone)
      return instant.ok ? ok(String(instant.value)) : instant
    }
    case 'picklist':
      return ok(hubspotValueOf(m, value))
    case 'number-range':
    case 'domain':
      return ok(value)
    case 'multi-select':
      return ok(
        value
          .split(';')
          .map((item) => hubspotValueOf(m, item))
          .join(';'),
      )
    case 'owner': {
      const owner = isUnmatchedOwner(value) ? undefined : ctx.owners.hubspotFor(value)
      return owner === undefined ? err('OWNER_NOT_IN_HUBSPOT', `no HubSpot owner for ${value}`) : ok(owner)
    }
    default:
      return assertNever(kind)
  }
}

/** Picklists map value to identical value unless the mapping has an explicit `values:` map. */
function hubspotValueOf(m: AnyMapping, value: string): string {
  const entry = Object.entries(m.values ?? {}).find(([, sf]) => sf === value)
  return entry?.[0] ?? value
}

/**
 * The value to write to Salesforce for a canonical value. Blank on a required field is the placeholder,
 * since Salesforce refuses a blank there (REQUIRED_FIELD_MISSING); it reads back as blank. Where the org
 * allows the field blank (`blankAllowed`), blank is blank.
 */
export function toSalesforce(
  m: AnyMapping,
  value: CanonicalValue,
  ctx: TransformContext,
): Result<SalesforceValue> {
  const kind = canonicalKindOf(m)
  if (value === null) {
    const placeholder =
      m.blankAllowed === true ? undefined : requiredPlaceholderOf(m, ctx.requiredFieldPlaceholder)
    return ok(placeholder ?? (kind === 'boolean' ? false : null))
  }
  switch (kind) {
    case 'text':
    case 'picklist':
    case 'multi-select':
    case 'domain':
      return fitText(value, m.maxLength, m.truncate === true)
    case 'number': {
      const checked = checkPrecision(value, m.precision, scaleOf(m) ?? 0)
      if (!checked.ok) return checked
      // JSON numbers are doubles; send a string when a double would change the digits.
      const asNumber = Number(value)
      const exact = canonicalDecimal(asNumber, scaleOf(m))
      return ok(exact.ok && exact.value === value ? asNumber : value)
    }
    case 'date':
    case 'day-from-hubspot-instant':
      return checkDay(value)
    case 'datetime':
      return ok(value)
    case 'day-from-salesforce-instant': {
      const day = checkDay(value)
      if (!day.ok) return day
      const instant = midnightInZone(value, ctx.timeZone)
      return instant.ok ? ok(`${new Date(instant.value).toISOString().slice(0, 19)}Z`) : instant
    }
    case 'boolean':
      return ok(value === 'true')
    case 'number-range':
      return lowerBoundOf(value)
    case 'owner':
      return isUnmatchedOwner(value)
        ? err('OWNER_NOT_MATCHED', `${value} matches no active Salesforce user`)
        : ok(value)
    default:
      return assertNever(kind)
  }
}
