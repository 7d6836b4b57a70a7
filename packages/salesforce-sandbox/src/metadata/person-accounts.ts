// Person Accounts, an org setting: Account gets the person fields (the person contact's fields under their
// Account names), Contact and RecordType get their flags, and Account gets the `PersonAccount` record type.
// Salesforce: "Person Account Record Types" (SOAP API Developer Guide) and the Account object reference.
// Only the standard person fields the sync needs are modelled; `__pc` custom fields are not.
import { toSecond } from '../clock.js'
import { SfError } from '../errors.js'
import type { Org } from '../store/org.js'
import { field, type FieldDef, reference, system } from './fields.js'
import { LEAD_SOURCES, SALUTATIONS, STANDARD_PICKLIST_LENGTH } from './standard-picklists.js'

export const PERSON_RECORD_TYPE = 'PersonAccount'

/**
 * Account field -> person contact field. Both sides always hold the same value: a write to either record
 * is copied to the other. `Phone` and `OwnerId` are account fields that a person account shares with its
 * contact (Salesforce has no `PersonPhone`; owners must be identical).
 */
export const PERSON_FIELD_MAP: readonly (readonly [string, string])[] = [
  ['FirstName', 'FirstName'],
  ['LastName', 'LastName'],
  ['Salutation', 'Salutation'],
  ['PersonEmail', 'Email'],
  ['PersonTitle', 'Title'],
  ['Phone', 'Phone'],
  ['PersonMobilePhone', 'MobilePhone'],
  ['PersonHasOptedOutOfEmail', 'HasOptedOutOfEmail'],
  ['PersonLeadSource', 'LeadSource'],
  ['PersonMailingStreet', 'MailingStreet'],
  ['PersonMailingCity', 'MailingCity'],
  ['PersonMailingState', 'MailingState'],
  ['PersonMailingPostalCode', 'MailingPostalCode'],
  ['PersonMailingCountry', 'MailingCountry'],
  ['OwnerId', 'OwnerId'],
]

/** The Account fields that only a person account may hold (a business account naming one is refused). */
export const PERSON_ONLY_FIELDS: readonly string[] = PERSON_FIELD_MAP.map(([account]) => account).filter(
  (name) => name !== 'Phone' && name !== 'OwnerId',
)

function accountFields(): FieldDef[] {
  const address = (part: string, length: number): FieldDef =>
    field(`PersonMailing${part}`, part === 'Street' ? 'textarea' : 'string', {
      length,
      label: `Mailing ${part === 'State' ? 'State/Province' : part}`,
    })
  return [
    system('IsPersonAccount', 'boolean', { label: 'Is Person Account' }),
    field('FirstName', 'string', { length: 40, label: 'First Name' }),
    // Nillable in describe: business accounts have no last name; person accounts require it at save.
    field('LastName', 'string', { length: 80, label: 'Last Name' }),
    field('Salutation', 'picklist', { length: STANDARD_PICKLIST_LENGTH, picklistValues: SALUTATIONS }),
    field('PersonEmail', 'email', { length: 80, label: 'Email' }),
    field('PersonTitle', 'string', { length: 128, label: 'Title' }),
    field('PersonMobilePhone', 'phone', { length: 40, label: 'Mobile' }),
    field('PersonHasOptedOutOfEmail', 'boolean', { label: 'Email Opt Out' }),
    field('PersonLeadSource', 'picklist', {
      length: STANDARD_PICKLIST_LENGTH,
      picklistValues: LEAD_SOURCES,
      label: 'Lead Source',
    }),
    address('Street', 255),
    address('City', 40),
    address('State', 80),
    address('PostalCode', 20),
    address('Country', 80),
    reference('PersonContactId', ['Contact'], {
      createable: false,
      updateable: false,
      relationshipName: 'PersonContact',
      indexed: true,
      label: 'Person Contact ID',
    }),
  ]
}

const FLAG = (): FieldDef => system('IsPersonAccount', 'boolean', { label: 'Is Person Account' })

/** The added fields by object, so that turning the setting off removes exactly these. */
function addedFields(): Record<string, FieldDef[]> {
  return {
    Account: accountFields(),
    Contact: [FLAG()],
    RecordType: [system('IsPersonType', 'boolean', { label: 'Is Person Type' })],
  }
}

/** The id of the active person-account record type, or undefined when the setting is off. */
export function personRecordTypeId(org: Org): string | undefined {
  if (!org.personAccounts) return undefined
  for (const row of org.table('RecordType')?.rows() ?? []) {
    if (row['SobjectType'] === 'Account' && row['IsPersonType'] === true && row['IsDeleted'] !== true)
      return row['Id'] as string
  }
  return undefined
}

/** Whether a RecordTypeId names a person-account record type. */
export function isPersonRecordType(org: Org, recordTypeId: unknown): boolean {
  if (!org.personAccounts || typeof recordTypeId !== 'string') return false
  return org.table('RecordType')?.get(recordTypeId)?.['IsPersonType'] === true
}

function hasLivePersonAccounts(org: Org): boolean {
  for (const row of org.table('Account')!.rows())
    if (row['IsPersonAccount'] === true && row['IsDeleted'] !== true) return true
  return false
}

function addRecordType(org: Org, values: Record<string, unknown>): void {
  const table = org.table('RecordType')!
  const now = toSecond(org.clock.now())
  const by = org.integrationUserId
  table.put({
    Id: org.ids.next(table.def.keyPrefix),
    IsDeleted: false,
    CreatedDate: now,
    CreatedById: by,
    LastModifiedDate: now,
    LastModifiedById: by,
    SystemModstamp: now,
    SobjectType: 'Account',
    IsActive: true,
    ...values,
  })
}

/** Gives existing rows the flags' values (all business, no persons), keeping values already stored. */
function flagRows(org: Org, object: string, values: Record<string, unknown>): void {
  const table = org.table(object)!
  for (const row of [...table.rows()]) table.put({ ...values, ...row })
}

/**
 * Turns Person Accounts on or off. Salesforce can never turn the feature off once on; the sandbox allows
 * it for tests as long as no live person account exists (their records would lose their meaning).
 */
export function setPersonAccounts(org: Org, enabled: boolean): void {
  if (enabled === org.personAccounts) return
  const company = org.table('Lead')!.field('Company')!
  if (!enabled) {
    if (hasLivePersonAccounts(org))
      throw new SfError(400, 'INVALID_INPUT', 'person accounts exist: the setting cannot be turned off')
    const recordTypes = org.table('RecordType')!
    for (const row of [...recordTypes.rows()])
      if (row['IsPersonType'] === true) recordTypes.remove(row['Id'] as string)
    for (const [object, fields] of Object.entries(addedFields()))
      for (const def of fields) org.table(object)!.removeField(def.name)
    Object.assign(company, { nillable: false, required: true })
    org.personAccounts = false
    return
  }
  for (const [object, fields] of Object.entries(addedFields()))
    for (const def of fields) org.table(object)!.addField(def)
  flagRows(org, 'Account', { IsPersonAccount: false, PersonHasOptedOutOfEmail: false })
  flagRows(org, 'Contact', { IsPersonAccount: false })
  flagRows(org, 'RecordType', { IsPersonType: false })
  // A lead without a company converts into a person account, so Company is no longer required.
  Object.assign(company, { nillable: true, required: false })
  org.personAccounts = true
  const accountTypes = [...org.table('RecordType')!.rows()].filter(
    (r) => r['SobjectType'] === 'Account' && r['IsDeleted'] !== true,
  )
  if (accountTypes.length === 0)
    addRecordType(org, { Name: 'Business Account', DeveloperName: 'Business_Account', IsPersonType: false })
  addRecordType(org, { Name: 'Person Account', DeveloperName: PERSON_RECORD_TYPE, IsPersonType: true })
}
