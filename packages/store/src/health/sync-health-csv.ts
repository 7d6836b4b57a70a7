import { stringify } from 'csv-stringify/sync'

import type { SyncHealthRow } from './sync-health-queries.js'

const COLUMNS = [
  'type',
  'code',
  'object',
  'side',
  'record',
  'linked record',
  'message',
  'what to do',
  'attempts',
  'first seen',
  'last seen',
  'next retry',
] as const

const iso = (at: number | null) => (at === null ? '' : new Date(at).toISOString())

/**
 * The export of the Sync Health list (B-ERR-1): one row per error under a header, quoted as RFC 4180 by
 * csv-stringify. Messages come from the CRMs; a cell starting with = + - @ is prefixed with a quote so a
 * spreadsheet shows it as text rather than running it as a formula.
 */
export function syncHealthCsv(rows: readonly SyncHealthRow[]): string {
  const cells = rows.map((r) => [
    r.label,
    r.code,
    r.objectKind,
    r.side,
    r.recordId,
    r.linkedId ?? '',
    r.message,
    r.action,
    String(r.attempts),
    iso(r.firstSeenAt),
    iso(r.lastSeenAt),
    iso(r.nextRetryAt),
  ])
  return stringify(
    cells.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell))),
    { header: true, columns: [...COLUMNS], eof: true },
  )
}
