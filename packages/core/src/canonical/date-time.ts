import type { RawValue } from './raw-value.js'
import { rawToString } from './raw-value.js'
import type { Result } from './result.js'
import { err, ok } from './result.js'

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 86_400_000

/** `YYYY-MM-DD` of an epoch-ms instant in UTC. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** Epoch ms of midnight UTC of a `YYYY-MM-DD` day (how HubSpot stores date properties). */
export function midnightUtc(day: string): number {
  const [y, m, d] = day.split('-').map(Number)
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1)
}

/** Dates run to year 9999 here (four-digit years); JavaScript dates end at ±8.64e15 ms. */
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59)
/** 0001-01-01T00:00:00Z (Date.UTC maps years 0..99 to 1900..1999, so it is written out). */
const MIN_MS = -62_135_596_800_000

function inRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_MS && ms <= MAX_MS
}

function isValidDay(day: string): boolean {
  return DAY.test(day) && utcDay(midnightUtc(day)) === day
}

/** A canonical day, checked before it is turned into a write, so a transform never throws. */
export function checkDay(value: string): Result<string> {
  return isValidDay(value) ? ok(value) : err('VALUE_INVALID_DATE', `"${value}" is not a YYYY-MM-DD date`)
}

/**
 * Reads an instant: epoch ms (HubSpot, as digits or a number) or ISO-8601 (Salesforce
 * `2024-01-02T03:04:05.000+0000`, HubSpot `2024-01-02T03:04:05.123Z`).
 */
export function parseInstant(raw: RawValue): Result<number | null> {
  const text = rawToString(raw)
  if (text === undefined) return ok(null)
  const trimmed = text.trim()
  const ms = /^-?\d+$/.test(trimmed) ? Number(trimmed) : Date.parse(trimmed)
  if (!inRange(ms)) return err('VALUE_INVALID_DATE', `"${text}" is not a date and time in years 1 to 9999`)
  return ok(ms)
}

/** Canonical datetime: UTC at whole seconds, `YYYY-MM-DDTHH:MM:SSZ` (design.md 3.3). */
export function canonicalDateTime(raw: RawValue): Result<string | null> {
  const instant = parseInstant(raw)
  if (!instant.ok) return instant
  if (instant.value === null) return ok(null)
  const seconds = Math.floor(instant.value / 1000) * 1000
  return ok(`${new Date(seconds).toISOString().slice(0, 19)}Z`)
}

/** Canonical date `YYYY-MM-DD` from a day string or a midnight-UTC epoch (HubSpot date properties). */
export function canonicalDate(raw: RawValue): Result<string | null> {
  const text = rawToString(raw)?.trim()
  if (text === undefined) return ok(null)
  if (/^-?\d+$/.test(text)) {
    const ms = Number(text)
    if (!inRange(ms)) return err('VALUE_INVALID_DATE', `"${text}" is not a date in years 1 to 9999`)
    return ok(utcDay(Math.floor(ms / DAY_MS) * DAY_MS))
  }
  const day = text.slice(0, 10)
  if (!isValidDay(day)) return err('VALUE_INVALID_DATE', `"${text}" is not a date`)
  return ok(day)
}

// Building an Intl formatter is costly; a zone's formatter never changes, so memoising it stays pure.
const formats = new Map<string, Intl.DateTimeFormat | undefined>()

function zoneFormat(timeZone: string): Intl.DateTimeFormat | undefined {
  if (formats.has(timeZone)) return formats.get(timeZone)
  let format: Intl.DateTimeFormat | undefined
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
  } catch {
    format = undefined
  }
  formats.set(timeZone, format)
  return format
}

/** Wall-clock time in a zone, as if it were UTC, in epoch ms. */
function wallClock(format: Intl.DateTimeFormat, ms: number): number {
  const parts: Record<string, number> = {}
  for (const p of format.formatToParts(ms)) parts[p.type] = Number(p.value)
  const part = (type: string): number => parts[type] ?? 0
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'))
}

/** The calendar day of an instant in a time zone (the portal's), for date <-> datetime pairs. */
export function dayInZone(ms: number, timeZone: string): Result<string> {
  const format = zoneFormat(timeZone)
  if (format === undefined) return err('VALUE_INVALID_DATE', `unknown time zone "${timeZone}"`)
  return ok(utcDay(wallClock(format, ms)))
}

/** The instant of midnight starting a day in a time zone; DST gaps resolve to the first valid instant. */
export function midnightInZone(day: string, timeZone: string): Result<number> {
  const format = zoneFormat(timeZone)
  if (format === undefined) return err('VALUE_INVALID_DATE', `unknown time zone "${timeZone}"`)
  const local = midnightUtc(day)
  let guess = local - (wallClock(format, local) - local)
  // A second pass settles offsets that change between the first guess and the answer (DST).
  guess = local - (wallClock(format, guess) - guess)
  return ok(guess)
}
