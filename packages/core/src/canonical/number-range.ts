import type { CanonicalValue } from '../model/index.js'
import type { RawValue } from './raw-value.js'
import { rawToString } from './raw-value.js'
import type { Result } from './result.js'
import { err, ok } from './result.js'

/** One dropdown option read as numbers: `lower` included, `upper` excluded, no `upper` for "1000+". */
export interface NumberRange {
  readonly label: string
  readonly lower: number
  readonly upper?: number | undefined
}

const BOUNDED = /^(\d+)\s*-\s*(\d+)$/
const OPEN = /^(\d+)\s*\+$/

/**
 * Reads "25-50" or "1000+". HubSpot's neighbouring options share their boundary ("1-5", "5-25"), so a
 * boundary number belongs to the range it starts: only then does the lower bound, which is what a
 * HubSpot -> Salesforce write sends, read back as the same range.
 */
export function parseNumberRange(label: string): NumberRange | undefined {
  const text = label.trim()
  const bounded = BOUNDED.exec(text)
  if (bounded !== null) {
    const lower = Number(bounded[1])
    const upper = Number(bounded[2])
    return upper > lower ? { label: text, lower, upper } : undefined
  }
  const open = OPEN.exec(text)
  return open === null ? undefined : { label: text, lower: Number(open[1]) }
}

/** The option holding a number; none below the lowest option (0 employees has no range). */
export function rangeContaining(ranges: readonly NumberRange[], n: number): NumberRange | undefined {
  return ranges.find((r) => n >= r.lower && (r.upper === undefined || n < r.upper))
}

function rangesOf(labels: readonly string[] | undefined): NumberRange[] {
  return (labels ?? []).map(parseNumberRange).filter((r): r is NumberRange => r !== undefined)
}

/** HubSpot's side: the option label itself is the canonical value (the coarser side, design.md 3.3). */
export function canonicalRangeLabel(raw: RawValue): Result<CanonicalValue> {
  const text = rawToString(raw)?.trim()
  if (text === undefined || text === '') return ok(null)
  const range = parseNumberRange(text)
  return range === undefined
    ? err('VALUE_INVALID_NUMBER', `"${text}" is not a number range`)
    : ok(range.label)
}

/** Salesforce's side: the label of the option that holds the number. */
export function canonicalRangeOfNumber(
  raw: RawValue,
  labels: readonly string[] | undefined,
): Result<CanonicalValue> {
  const text = rawToString(raw)?.trim()
  if (text === undefined || text === '') return ok(null)
  const n = typeof raw === 'number' ? raw : Number(text)
  if (!Number.isFinite(n)) return err('VALUE_INVALID_NUMBER', `"${text}" is not a number`)
  const ranges = rangesOf(labels)
  if (ranges.length === 0) return err('VALUE_OUT_OF_RANGE', 'the mapping names no number ranges')
  return ok(rangeContaining(ranges, n)?.label ?? null)
}

/**
 * What Salesforce gets for a range: its lower bound. A Salesforce number already inside the range compares
 * equal to it, so it is never written over (the merge writes only differing canonical values).
 */
export function lowerBoundOf(label: string): Result<number> {
  const range = parseNumberRange(label)
  return range === undefined
    ? err('VALUE_INVALID_NUMBER', `"${label}" is not a number range`)
    : ok(range.lower)
}
