import { isLive } from '../model/object-store.js'
import { findObjectType, OBJECT_TYPES, type ObjectTypeName } from '../model/object-types.js'
import type { Portal } from '../model/portal.js'
import { historyOf, type HsRecord, iso, readProperty } from '../model/record.js'
import { v3TypeName } from '../services/v3-association-names.js'

export interface ReadShape {
  readonly properties?: readonly string[] | undefined
  readonly propertiesWithHistory?: readonly string[] | undefined
  readonly associations?: readonly string[] | undefined
}

function associationsJson(portal: Portal, type: ObjectTypeName, record: HsRecord, wanted: readonly string[]) {
  const out: Record<string, { results: Array<{ id: string; type: string }> }> = {}
  for (const name of wanted) {
    const target = findObjectType(name)
    if (target === undefined) continue
    const results: Array<{ id: string; type: string }> = []
    for (const edge of portal.associations.edges(type, record.id, target.name)) {
      const live = portal.stores[target.name].records.get(edge.toId)
      if (live === undefined || !isLive(live)) continue
      for (const typeId of edge.typeIds) {
        const assoc = portal.associations.type(type, target.name, typeId)
        if (assoc !== undefined) results.push({ id: String(edge.toId), type: v3TypeName(portal, assoc) })
      }
    }
    if (results.length > 0) out[target.name] = { results }
  }
  return out
}

/** A SimplePublicObject (with history and associations when asked). */
export function toObjectJson(portal: Portal, type: ObjectTypeName, record: HsRecord, shape: ReadShape = {}) {
  const info = OBJECT_TYPES[type]
  const names =
    shape.properties !== undefined && shape.properties.length > 0 ? shape.properties : info.defaultProperties
  const properties: Record<string, string | null> = {}
  for (const name of names) {
    if (portal.property(type, name) === undefined) continue
    properties[name] = readProperty(info, record, name) ?? null
  }
  const json: Record<string, unknown> = {
    id: String(record.id),
    properties,
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
    archived: record.archived,
  }
  if (record.archivedAt !== undefined) json['archivedAt'] = iso(record.archivedAt)
  if (shape.propertiesWithHistory !== undefined && shape.propertiesWithHistory.length > 0) {
    const history: Record<string, unknown[]> = {}
    for (const name of shape.propertiesWithHistory) {
      if (portal.property(type, name) === undefined) continue
      history[name] = historyOf(info, record, name).map((entry) => ({
        ...entry,
        timestamp: iso(entry.timestamp),
      }))
    }
    json['propertiesWithHistory'] = history
  }
  if (shape.associations !== undefined && shape.associations.length > 0) {
    const associations = associationsJson(portal, type, record, shape.associations)
    if (Object.keys(associations).length > 0) json['associations'] = associations
  }
  return json
}
