// The seeds' write path: rows go straight into the store, without validation, stamped with a given time.
import type { Org } from '../store/org.js'

/** Inserts rows straight into the store (no validation), with server fields stamped at `stamp`. */
export function insert(org: Org, type: string, values: Record<string, unknown>, stamp: number): string {
  const table = org.table(type)!
  const id = org.ids.next(table.def.keyPrefix)
  const by = org.integrationUserId
  const record: Record<string, unknown> = {
    Id: id,
    IsDeleted: false,
    CreatedDate: stamp,
    CreatedById: by,
    LastModifiedDate: stamp,
    LastModifiedById: by,
    SystemModstamp: stamp,
  }
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null) record[k] = v
  if (record['FirstName'] !== undefined || record['LastName'] !== undefined) {
    record['Name'] = [record['FirstName'], record['LastName']].filter(Boolean).join(' ')
  }
  table.put(record)
  return id
}
