// How the console shows numbers, times and CRM values: the browser's locale and time zone, ISO on hover.

const numberFormat = new Intl.NumberFormat()

/** A count with the browser's digit grouping (12,345). */
export function formatNumber(value: number): string {
  return numberFormat.format(value)
}

/** A duration in ms as people read it: 850 ms, 2.3 s, 4 min 5 s, 2 h 10 min. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const totalSeconds = Math.round(ms / 1000)
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)} min ${totalSeconds % 60} s`
  const totalMinutes = Math.round(totalSeconds / 60)
  return `${Math.floor(totalMinutes / 60)} h ${totalMinutes % 60} min`
}

/** A share as a whole percentage, or '—' when there is nothing to compare against. */
export function formatPercent(part: number, whole: number | null): string {
  if (whole == null || whole <= 0) return '—'
  return `${Math.round((part / whole) * 100)}%`
}

/** Epoch ms as the browser's local date and time. */
export function formatLocalTime(ms: number): string {
  return new Date(ms).toLocaleString()
}

/** Epoch ms as ISO 8601 UTC, for the hover title and machine-readable `dateTime`. */
export function formatIso(ms: number): string {
  return new Date(ms).toISOString()
}

/**
 * A field value from a CRM as plain text. Empty values show as an em dash so "empty" and "not loaded" look
 * different from a blank cell; objects (multi-selects, compound fields) as JSON.
 */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  return JSON.stringify(value)
}

/** A Salesforce field written as one name for every record type, or per type ("Lead: Email, Contact: Email"). */
export function formatSalesforceField(field: string | Readonly<Record<string, string>>): string {
  if (typeof field === 'string') return field
  return Object.entries(field)
    .map(([type, name]) => `${type}: ${name}`)
    .join(', ')
}
