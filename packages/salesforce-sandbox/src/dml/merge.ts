// Record merge as the SOAP merge call does it: losers go to the recycle bin with MasterRecordId set,
// their children are re-parented to the master. Person accounts merge only with person accounts, and their
// person contacts merge along (the losers' contacts get IsDeleted and MasterRecordId = the master's contact).
import { entityIsDeleted, RecordError } from '../errors.js'
import { normalizeId } from '../ids.js'
import type { Table } from '../store/table.js'
import { isPerson, personContactOf } from './person-accounts.js'
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

/** Points every lookup at a loser to the master; returns the ids of the re-parented records. */
function reparent(writer: Writer, table: Table, losers: Set<string>, masterId: string): string[] {
  const updated: string[] = []
  for (const child of writer.org.tables.values()) {
    const refs = child.def.fields.filter(
      (f) =>
        f.type === 'reference' &&
        f.referenceTo.includes(table.def.name) &&
        f.name !== 'MasterRecordId' &&
        f.name !== 'PersonContactId' &&
        !f.name.startsWith('Converted'),
    )
    if (refs.length === 0) continue
    for (const row of [...child.rows()]) {
      // A loser's person contact is merged into the master's, not moved under the master account.
      if (child.def.name === 'Contact' && isPerson(row)) continue
      const changes: Record<string, unknown> = {}
      for (const f of refs) if (losers.has(row[f.name] as string)) changes[f.name] = masterId
      if (Object.keys(changes).length === 0) continue
      writer.systemUpdate(child, row, changes)
      updated.push(row['Id'] as string)
    }
  }
  return updated
}

/** Refuses merges that mix person and business accounts, or that name person contacts directly. */
function checkPersonMerge(table: Table, ids: string[]): void {
  const persons = ids.map((id) => isPerson(table.get(id)))
  if (table.def.name === 'Contact' && persons.some(Boolean)) {
    throw new RecordError('INVALID_PERSON_ACCOUNT_OPERATION', 'cannot reference person contact', [])
  }
  if (table.def.name === 'Account' && persons.some((p) => p !== persons[0])) {
    throw new RecordError(
      'INVALID_OPERATION',
      'The accounts cannot be merged. Selected records do not have compatible record types and cannot be merged together.',
      [],
    )
  }
}

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
  checkPersonMerge(table, [masterId, ...losers])
  if (Object.keys(input.masterFields).length > 0) writer.update(table.def.name, masterId, input.masterFields)
  else writer.systemUpdate(table, table.get(masterId)!, {})
  const updatedRelatedIds = reparent(writer, table, new Set(losers), masterId)
  const loserContacts = losers
    .map((id) => personContactOf(org, table.get(id)!))
    .filter((c) => c !== undefined)
  for (const id of losers) writer.markDeleted(table, table.get(id)!, masterId)
  const masterContact = personContactOf(org, table.get(masterId)!)
  if (masterContact && loserContacts.length > 0) {
    const contacts = org.table('Contact')!
    const contactIds = loserContacts.map((c) => c['Id'] as string)
    const masterContactId = masterContact['Id'] as string
    updatedRelatedIds.push(...reparent(writer, contacts, new Set(contactIds), masterContactId))
    for (const id of contactIds) writer.markDeleted(contacts, contacts.get(id)!, masterContactId)
  }
  return { id: masterId, mergedRecordIds: losers, updatedRelatedIds }
}
