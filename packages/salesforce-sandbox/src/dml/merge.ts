// Record merge as the SOAP merge call does it: losers go to the recycle bin with MasterRecordId set,
// their children are re-parented to the master.
import { entityIsDeleted, RecordError } from '../errors.js'
import { normalizeId } from '../ids.js'
import type { Writer } from './writer.js'

export interface MergeInput {
  type: string
  masterId: string
  /** Field values to write on the master. */
  masterFields: Record<string, unknown>
  loserIds: string[]
}

export interface MergeResult {
  id: string
  mergedRecordIds: string[]
  updatedRelatedIds: string[]
}

const MERGEABLE = new Set(['Account', 'Contact', 'Lead'])

export function mergeRecords(writer: Writer, input: MergeInput): MergeResult {
  const org = writer.org
  const table = org.table(input.type)
  if (!table || !MERGEABLE.has(table.def.name)) {
    throw new RecordError('INVALID_TYPE', `Cannot merge records of type ${input.type}`, [])
  }
  if (input.loserIds.length < 1 || input.loserIds.length > 2) {
    throw new RecordError('INVALID_OPERATION', 'A merge request must name one or two records to merge', [])
  }
  const load = (raw: string): string => {
    const id = normalizeId(raw)
    const record = id ? table.get(id) : undefined
    if (!record)
      throw new RecordError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id: ${raw}`, [])
    if (record['IsDeleted'] === true) throw entityIsDeleted()
    return id!
  }
  const masterId = load(input.masterId)
  const losers = input.loserIds.map(load)
  if (losers.includes(masterId))
    throw new RecordError('INVALID_OPERATION', 'The master record cannot be merged into itself', [])
  if (Object.keys(input.masterFields).length > 0) writer.update(table.def.name, masterId, input.masterFields)
  else writer.systemUpdate(table, table.get(masterId)!, {})
  const loserSet = new Set(losers)
  const updatedRelatedIds: string[] = []
  for (const child of org.tables.values()) {
    const refs = child.def.fields.filter(
      (f) =>
        f.type === 'reference' &&
        f.referenceTo.includes(table.def.name) &&
        f.name !== 'MasterRecordId' &&
        !f.name.startsWith('Converted'),
    )
    if (refs.length === 0) continue
    for (const row of [...child.rows()]) {
      const changes: Record<string, unknown> = {}
      for (const f of refs) if (loserSet.has(row[f.name] as string)) changes[f.name] = masterId
      if (Object.keys(changes).length === 0) continue
      writer.systemUpdate(child, row, changes)
      updatedRelatedIds.push(row['Id'] as string)
    }
  }
  for (const id of losers) writer.markDeleted(table, table.get(id)!, masterId)
  return { id: masterId, mergedRecordIds: losers, updatedRelatedIds }
}
