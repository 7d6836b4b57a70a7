// Opportunity contact roles as Salesforce keeps them (OpportunityContactRole object reference):
// - "Each Opportunity has only one primary contact": saving a primary role makes the others non-primary;
// - roles go with their opportunity or contact: deleting either sends its roles to the recycle bin too, where
//   queryAll and getDeleted show them;
// - the same contact may hold several roles on one opportunity; Salesforce does not refuse that either.
// The reference adds that "the IsDeleted flag is usable only when the parent record is deleted to the recycle
// bin, and not when the OpportunityContactRole record is deleted directly". The sandbox does not emulate
// that: a role deleted on its own also stays visible to queryAll with IsDeleted = true.
import type { SfRecord, Table } from '../store/table.js'
import type { Writer } from './writer.js'

const CONTACT_ROLE = 'OpportunityContactRole'

function liveRoles(writer: Writer, field: 'OpportunityId' | 'ContactId', parentId: unknown): SfRecord[] {
  const roles = writer.org.table(CONTACT_ROLE)!
  const out: SfRecord[] = []
  for (const id of roles.lookup(field, parentId)) {
    const row = roles.get(id)
    if (row && row['IsDeleted'] !== true) out.push(row)
  }
  return out
}

/** After a role is saved as primary, the opportunity's other primary roles stop being primary. */
export function keepOnePrimary(writer: Writer, table: Table, record: SfRecord): void {
  if (table.def.name !== CONTACT_ROLE || record['IsPrimary'] !== true) return
  for (const other of liveRoles(writer, 'OpportunityId', record['OpportunityId'])) {
    if (other['Id'] !== record['Id'] && other['IsPrimary'] === true)
      writer.systemUpdate(table, other, { IsPrimary: false })
  }
}

/** After an opportunity or a contact is deleted, its roles follow it into the recycle bin. */
export function deleteRolesOf(writer: Writer, table: Table, record: SfRecord): void {
  const field =
    table.def.name === 'Opportunity'
      ? 'OpportunityId'
      : table.def.name === 'Contact'
        ? 'ContactId'
        : undefined
  if (!field) return
  const roles = writer.org.table(CONTACT_ROLE)!
  for (const role of liveRoles(writer, field, record['Id'])) writer.markDeleted(roles, role, undefined)
}
