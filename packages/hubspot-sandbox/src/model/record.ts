import type { ObjectTypeInfo } from './object-types.js'

/** Who made a write (api-surface.md 8.6): INTEGRATION with the app id for token writes, CRM_UI, IMPORT... */
export interface WriteSource {
  readonly sourceType: string
  readonly sourceId?: string
}

export interface HistoryEntry {
  readonly value: string
  readonly timestamp: number
  readonly sourceType: string
  readonly sourceId?: string
}

/** One CRM record. Computed properties (id, created, last-modified, source) are not stored in `props`. */
export interface HsRecord {
  readonly id: number
  /** Stored property values; a missing key means "no value". */
  props: Record<string, string>
  readonly createdAt: number
  updatedAt: number
  archived: boolean
  archivedAt: number | undefined
  /** Set on a record absorbed by a merge: the id of the record that now answers for it. */
  mergedInto: number | undefined
  readonly source: WriteSource
  /** Per-property changes after creation, oldest first; created lazily (creation values are implied). */
  history: Map<string, HistoryEntry[]> | undefined
  /** While the search index lags: what search sees until `until` (undefined props: not yet indexed). */
  searchView: { until: number; props: Record<string, string> | undefined; updatedAt: number } | undefined
}

export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString()
}

/** A property's value, including the computed ones; undefined when it has none. */
export function readProperty(info: ObjectTypeInfo, record: HsRecord, name: string): string | undefined {
  switch (name) {
    case 'hs_object_id':
      return String(record.id)
    case info.createdProperty:
      return iso(record.createdAt)
    case info.lastModifiedProperty:
      return iso(record.updatedAt)
    // Observed responses carry the same code in both (INTEGRATION, CRM_UI); the label property is the
    // "Record source" enumeration, whose labels ("Integration", "CRM Setting") only the UI shows.
    case 'hs_object_source':
    case 'hs_object_source_label':
      return record.source.sourceType
    case 'hs_object_source_id':
      return record.source.sourceId
    default:
      return record.props[name]
  }
}

/** The history of one property, newest first, as HubSpot returns it. */
export function historyOf(info: ObjectTypeInfo, record: HsRecord, name: string): HistoryEntry[] {
  const recorded = record.history?.get(name)
  if (recorded !== undefined) return [...recorded].reverse()
  const value = readProperty(info, record, name)
  if (value === undefined) return []
  if (name === info.lastModifiedProperty)
    return [{ value, timestamp: record.updatedAt, sourceType: 'CALCULATED' }]
  return [{ value, timestamp: record.createdAt, ...record.source }]
}
