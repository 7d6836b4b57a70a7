import {
  ERROR_CODES,
  groupByHealthType,
  OBJECT_KINDS,
  type ObjectKind,
  parseHealthType,
  type StateReader,
  SYNC_HEALTH_TYPE_NAMES,
  type SyncErrorCode,
  type SyncHealthType,
} from '@crmsync/core'
import { syncHealthCsv, syncHealthReport, type SyncHealthRow } from '@crmsync/store'

import type { HealthReport, HealthRowView } from '../api-types.js'

/**
 * Which open errors the Sync Health page and `crmsync errors` show: a Sync Health type (permission), or as
 * `crmsync errors --type` always took, an error code (SF_VALIDATION) or a family prefix (SF_); an object kind
 * (singular or plural); a record id on either side.
 */
export interface HealthSelection {
  readonly type?: SyncHealthType | undefined
  readonly codes?: readonly SyncErrorCode[] | undefined
  readonly objectKind?: ObjectKind | undefined
  readonly recordId?: string | undefined
}

/** `--type` / `?type=`: a Sync Health type, an error code or a prefix ending in `_`; undefined when none matches. */
export function healthTypeFilterOf(text: string): Pick<HealthSelection, 'type' | 'codes'> | undefined {
  const type = parseHealthType(text)
  if (type !== undefined) return { type }
  const all = Object.keys(ERROR_CODES) as SyncErrorCode[]
  const upper = text.toUpperCase()
  const codes = upper.endsWith('_') ? all.filter((c) => c.startsWith(upper)) : all.filter((c) => c === upper)
  return codes.length === 0 ? undefined : { codes }
}

/** `--object` / `?object=`: an object kind errors are recorded against, singular or plural (contacts, companies). */
export function healthObjectKindOf(text: string): ObjectKind | undefined {
  const wanted = text.toLowerCase()
  return OBJECT_KINDS.find(
    (kind) => kind === wanted || `${kind}s` === wanted || (kind === 'company' && wanted === 'companies'),
  )
}

/** The type and object filters from their text, or the message saying which one is wrong. */
export function healthSelectionOf(input: {
  readonly type?: string | undefined
  readonly object?: string | undefined
  readonly recordId?: string | undefined
}): HealthSelection | { readonly problem: string } {
  const typeFilter = input.type === undefined ? {} : healthTypeFilterOf(input.type)
  if (typeFilter === undefined)
    return {
      problem:
        `no error type or code ${input.type ?? ''} (types: ${SYNC_HEALTH_TYPE_NAMES.join(', ')}; ` +
        'docs/errors.md lists the codes)',
    }
  const objectKind = input.object === undefined ? undefined : healthObjectKindOf(input.object)
  if (input.object !== undefined && objectKind === undefined)
    return { problem: `object ${input.object}: one of ${OBJECT_KINDS.join(', ')}` }
  return { ...typeFilter, objectKind, recordId: input.recordId }
}

/** The selected open errors: the report the page and `errors --json` show, and the same rows as CSV (B-ERR-1). */
export async function healthReportOf(
  store: Pick<StateReader, 'listErrors' | 'getLinks'>,
  connectionId: string,
  selection: HealthSelection = {},
): Promise<{ readonly report: HealthReport; readonly csv: () => string }> {
  const report = await syncHealthReport(store, connectionId, {
    type: selection.type,
    objectKind: selection.objectKind,
    recordId: selection.recordId,
  })
  const { codes } = selection
  const rows =
    codes === undefined ? report.rows : report.rows.filter((r) => codes.includes(r.code as SyncErrorCode))
  const groups = codes === undefined ? report.groups : groupByHealthType(rows)
  const records = new Set(rows.map((r) => `${r.objectKind}:${r.side}:${r.recordId}`)).size
  return {
    report: { connection: connectionId, errors: rows.length, records, groups, rows: rows.map(healthRowView) },
    csv: () => syncHealthCsv(rows),
  }
}

/** A store row as the API shows it (null rather than a missing counterpart). */
export function healthRowView(row: SyncHealthRow): HealthRowView {
  return {
    id: row.id,
    type: row.type,
    label: row.label,
    code: row.code,
    objectKind: row.objectKind,
    side: row.side,
    recordId: row.recordId,
    linkedId: row.linkedId ?? null,
    message: row.message,
    action: row.action,
    attempts: row.attempts,
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    nextRetryAt: row.nextRetryAt,
  }
}
