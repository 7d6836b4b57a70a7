import { type Connection, USER_RULES } from '@crmsync/core'

import type { MappingsView, MappingView, SyncedKind } from '../api-types.js'
import { syncedKindsOf } from '../queries/connection-list.js'
import { MAPPED_KINDS } from './mapped-objects.js'
import { compactFields } from './mapping-entries.js'

/**
 * One kind's mapping table: its defaults (B-MAP-9) with the rule the file gives each (a locked default keeps
 * its own, as the engine does), then the file's extra mappings in file order.
 */
export function mappingRows(connection: Connection, kind: SyncedKind): MappingView[] {
  const { defaults } = MAPPED_KINDS[kind]
  const configured = connection.mappings[kind]
  const rows = defaults.map((m): MappingView => {
    const locked = m.locked === true
    const override = locked ? undefined : configured.find((c) => c.hubspot === m.hubspot)
    return {
      hubspot: m.hubspot,
      salesforce: compactFields(kind, m.salesforce as Readonly<Record<string, string>>),
      rule: override?.rule ?? m.rule,
      default: true,
      locked,
    }
  })
  const extra = configured
    .filter((c) => !defaults.some((m) => m.hubspot === c.hubspot))
    .map((c): MappingView => ({
      hubspot: c.hubspot,
      salesforce: compactFields(kind, c.salesforce as Readonly<Record<string, string>>),
      rule: c.rule,
      default: false,
      locked: false,
    }))
  return [...rows, ...extra]
}

/** `GET /api/connections/:id/mappings`: every synced kind's table, from the configuration the engine runs. */
export function mappingsView(connection: Connection, writable: boolean): MappingsView {
  const objects: Partial<Record<SyncedKind, MappingView[]>> = {}
  for (const kind of syncedKindsOf(connection)) objects[kind] = mappingRows(connection, kind)
  return { objects, rules: [...USER_RULES], writable }
}
