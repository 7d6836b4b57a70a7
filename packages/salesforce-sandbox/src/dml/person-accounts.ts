// Save-time rules of person accounts. A person account is one Account row plus its hidden "person contact"
// (Contact with IsPersonAccount = true, AccountId = the account); Salesforce keeps the two in step:
// - an Account with a person record type requires LastName, derives Name ("First Last") and refuses a
//   written Name; a business account refuses the person fields ("bad field names");
// - every save of either record copies the shared fields to the other one and gives both the same
//   LastModifiedDate and SystemModstamp (Change Data Capture guide, "Updating a Person Account");
// - the person contact can be modified, but not re-parented, given another record type, or deleted
//   ("Person Account Record Types": "You can modify a person contact but you can't create or delete a
//   person contact"); deleting the account deletes it; no other contact may reference a person account.
import { notWritable, RecordError } from '../errors.js'
import { isPersonRecordType, PERSON_FIELD_MAP, PERSON_ONLY_FIELDS } from '../metadata/person-accounts.js'
import type { Org } from '../store/org.js'
import type { SfRecord, Table } from '../store/table.js'
import { text } from '../text.js'
import type { Writer } from './writer.js'

type Row = Record<string, unknown>

function fullName(record: Row): string | null {
  return [record['FirstName'], record['LastName']].map(text).filter(Boolean).join(' ') || null
}

/** Whether an Account or Contact row is (part of) a person account. */
export function isPerson(record: SfRecord | undefined): boolean {
  return record?.['IsPersonAccount'] === true
}

/**
 * Checks a write to an Account or Contact and derives IsPersonAccount, Name and PersonContactId on
 * `record`. Runs before the required-field check; throws RecordError. `changes` are the fields written.
 */
export function applyPersonAccount(
  org: Org,
  table: Table,
  record: Row,
  previous: SfRecord | undefined,
  changes: Row,
): void {
  if (!org.personAccounts) return
  if (table.def.name === 'Account') applyAccount(org, record, previous, changes)
  else if (table.def.name === 'Contact') checkContact(org, previous, changes)
}

function applyAccount(org: Org, record: Row, previous: SfRecord | undefined, changes: Row): void {
  const person = isPersonRecordType(org, record['RecordTypeId'])
  if (previous && person !== isPerson(previous)) return changeFamily(record, changes, person)
  if (!person) {
    const bad = PERSON_ONLY_FIELDS.filter((name) => name in changes)
    if (bad.length > 0) {
      throw new RecordError(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Account: bad field names on insert/update call: ${bad.join(', ')}`,
        bad,
      )
    }
    record['IsPersonAccount'] = false
    return
  }
  // Name is computed from the person's name; writing it is refused as for any read-only field.
  if ('Name' in changes) throw notWritable(['Name'])
  if (record['LastName'] === null || record['LastName'] === undefined) {
    throw new RecordError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [LastName]', ['LastName'])
  }
  record['IsPersonAccount'] = true
  record['Name'] = fullName(record)
  // The contact id is taken now so that the account row names its contact from its first write.
  if (!record['PersonContactId'])
    record['PersonContactId'] = org.ids.next(org.table('Contact')!.def.keyPrefix)
}

/**
 * A record type change across the business/person families. Salesforce allows it alone in its call
 * (otherwise "Cannot specify any additional fields when marrying or separating a Person-Account"); a person
 * account turned business loses its person fields and its contact becomes a regular contact of the account.
 */
function changeFamily(record: Row, changes: Row, toPerson: boolean): void {
  if (Object.keys(changes).some((name) => name !== 'RecordTypeId')) {
    throw new RecordError(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      'Cannot specify any additional fields when marrying or separating a Person-Account',
      [],
    )
  }
  if (toPerson) {
    // Needs the account's single contact (same owner) to become the person contact: not emulated.
    throw new RecordError(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      'The sandbox does not emulate changing a business account into a person account',
      ['RecordTypeId'],
    )
  }
  for (const name of PERSON_ONLY_FIELDS) record[name] = null
  Object.assign(record, { PersonHasOptedOutOfEmail: false, IsPersonAccount: false, PersonContactId: null })
}

function checkContact(org: Org, previous: SfRecord | undefined, changes: Row): void {
  if (isPerson(previous)) {
    // What Salesforce answers to a person contact re-parented or given a record type of its own.
    if ('AccountId' in changes) {
      throw new RecordError(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        'Account: bad field names on insert/update call: AccountId',
        ['AccountId'],
      )
    }
    if ('RecordTypeId' in changes)
      throw new RecordError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id', [])
    return
  }
  const accountId = changes['AccountId']
  if (typeof accountId === 'string' && isPerson(org.table('Account')!.get(accountId))) {
    throw new RecordError(
      'FIELD_INTEGRITY_EXCEPTION',
      'Cannot associate a contact with a person account: Account ID',
      ['AccountId'],
    )
  }
}

function stampsOf(record: SfRecord): Row {
  return {
    LastModifiedDate: record['LastModifiedDate'],
    LastModifiedById: record['LastModifiedById'],
    SystemModstamp: record['SystemModstamp'],
  }
}

/** Writes the person contact of a saved person account: created on the first save, then kept in step. */
function putPersonContact(writer: Writer, account: SfRecord): void {
  const contacts = writer.org.table('Contact')!
  const id = account['PersonContactId'] as string
  const existing = contacts.get(id)
  const next: Row = existing ? { ...existing } : { Id: id, IsDeleted: false }
  if (!existing) {
    for (const def of contacts.def.fields)
      if (def.defaultValue !== undefined) next[def.name] = def.defaultValue
    Object.assign(next, { CreatedDate: account['CreatedDate'], CreatedById: account['CreatedById'] })
  }
  for (const [from, to] of PERSON_FIELD_MAP) next[to] = account[from] ?? null
  Object.assign(next, { AccountId: account['Id'], IsPersonAccount: true, Name: fullName(next) })
  // In a multi-currency org the person contact takes its account's currency (assumed, not checked live).
  if (writer.org.multiCurrency) next['CurrencyIsoCode'] = account['CurrencyIsoCode'] ?? null
  writer.tx.put(contacts, { ...next, ...stampsOf(account) })
}

/**
 * After a save of an Account or Contact: copies a person account's shared fields to its other record and
 * gives both the same timestamps; a person account turned business frees its contact.
 */
export function syncPersonRecords(
  writer: Writer,
  table: Table,
  record: SfRecord,
  previous: SfRecord | undefined,
): void {
  const org = writer.org
  if (!org.personAccounts || record['IsDeleted'] === true) return
  if (table.def.name === 'Account') {
    if (isPerson(record)) return putPersonContact(writer, record)
    const contacts = org.table('Contact')!
    const freed = isPerson(previous) ? contacts.get(previous!['PersonContactId'] as string) : undefined
    if (freed) writer.tx.put(contacts, { ...freed, IsPersonAccount: false, ...stampsOf(record) })
    return
  }
  if (table.def.name !== 'Contact' || !isPerson(record)) return
  const accounts = org.table('Account')!
  const account = accounts.get(record['AccountId'] as string)
  if (!account || account['IsDeleted'] === true) return
  const next: Row = { ...account }
  for (const [to, from] of PERSON_FIELD_MAP) next[to] = record[from] ?? null
  next['Name'] = fullName(next)
  writer.tx.put(accounts, { ...next, ...stampsOf(record) })
}

/** Refuses deleting a person contact directly (its account must be deleted). */
export function checkPersonDelete(table: Table, record: SfRecord): void {
  if (table.def.name === 'Contact' && isPerson(record)) {
    throw new RecordError(
      'INVALID_PERSON_ACCOUNT_OPERATION',
      'You cannot delete a person contact: delete its person account instead',
      [],
    )
  }
}

/** The person contact of a person account, when it has a live one. */
export function personContactOf(org: Org, account: SfRecord): SfRecord | undefined {
  if (!isPerson(account)) return undefined
  const contact = org.table('Contact')?.get(account['PersonContactId'] as string)
  return contact && contact['IsDeleted'] !== true ? contact : undefined
}
