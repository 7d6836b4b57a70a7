// Person Accounts (B-PA-1..3): an org setting, off by default. When on, an Account with the PersonAccount
// record type is a person: it has a hidden person contact that follows it, and no other contact may use it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { failure, type Harness, startHarness } from './testing/harness.js'

type Row = Record<string, unknown>
type Field = { name: string; type: string; createable: boolean; updateable: boolean; referenceTo: string[] }

const PERSON_FIELDS = [
  'IsPersonAccount',
  'FirstName',
  'LastName',
  'Salutation',
  'PersonEmail',
  'PersonTitle',
  'PersonMobilePhone',
  'PersonMailingStreet',
  'PersonMailingCity',
  'PersonMailingState',
  'PersonMailingPostalCode',
  'PersonMailingCountry',
  'PersonHasOptedOutOfEmail',
  'PersonLeadSource',
  'PersonContactId',
]

describe('person accounts off (the default)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  it('B-PA-1: no person fields exist: describe lacks them and SOQL answers INVALID_FIELD', async () => {
    const account = (await h.conn.sobject('Account').describe()).fields.map((f) => f.name)
    for (const name of PERSON_FIELDS) expect(account).not.toContain(name)
    expect((await h.conn.sobject('Contact').describe()).fields.map((f) => f.name)).not.toContain(
      'IsPersonAccount',
    )
    expect(await h.admin('GET', '/person-accounts')).toEqual({ enabled: false })
    for (const soql of [
      'SELECT Id, IsPersonAccount FROM Account',
      'SELECT Id, PersonEmail FROM Account',
      'SELECT Id, IsPersonAccount FROM Contact',
      "SELECT Id, IsPersonType FROM RecordType WHERE SobjectType = 'Account'",
    ]) {
      expect((await failure(h.conn.query(soql))).errorCode).toBe('INVALID_FIELD')
    }
    const lead = await failure(h.conn.sobject('Lead').create({ LastName: 'NoCompany' }))
    expect(lead.errorCode).toBe('REQUIRED_FIELD_MISSING')
  })
})

describe('person accounts on', () => {
  let h: Harness
  let personType: string
  beforeAll(async () => {
    h = await startHarness({ personAccounts: true })
    const types = await h.conn.query<Row>(
      "SELECT Id, DeveloperName, IsPersonType FROM RecordType WHERE SobjectType = 'Account' ORDER BY DeveloperName",
    )
    personType = types.records.find((r) => r['IsPersonType'] === true)!['Id'] as string
  })
  afterAll(() => h.close())

  const account = (id: string): Promise<Row> => h.conn.sobject('Account').retrieve(id)
  const contact = (id: string): Promise<Row> => h.conn.sobject('Contact').retrieve(id)
  const createPerson = (values: Row): Promise<string> =>
    h.conn
      .sobject('Account')
      .create({ RecordTypeId: personType, ...values })
      .then((r) => r.id!)

  it('B-PA-3: the PersonAccount record type (IsPersonType) sits beside the business record type', async () => {
    const types = await h.conn.query<Row>(
      "SELECT Id, DeveloperName, IsPersonType FROM RecordType WHERE SobjectType = 'Account' ORDER BY DeveloperName",
    )
    expect(types.records.map((r) => [r['DeveloperName'], r['IsPersonType']])).toEqual([
      ['Partner_Account', false],
      ['PersonAccount', true],
    ])
    const { recordTypeInfos } = await h.conn.sobject('Account').describe()
    const infos = recordTypeInfos as unknown as { developerName: string }[]
    expect(infos.map((r) => r.developerName)).toContain('PersonAccount')
  })

  it('B-PA-1: describe shows the person fields on Account and IsPersonAccount on Contact', async () => {
    const fields = (await h.conn.sobject('Account').describe()).fields as unknown as Field[]
    for (const name of PERSON_FIELDS) expect(fields.map((f) => f.name)).toContain(name)
    const byName = (name: string): Field => fields.find((f) => f.name === name)!
    expect(byName('IsPersonAccount')).toMatchObject({ type: 'boolean', createable: false, updateable: false })
    expect(byName('PersonContactId')).toMatchObject({
      type: 'reference',
      referenceTo: ['Contact'],
      createable: false,
      updateable: false,
    })
    expect(byName('PersonEmail')).toMatchObject({ type: 'email', createable: true, updateable: true })
    const contactFields = (await h.conn.sobject('Contact').describe()).fields as unknown as Field[]
    expect(contactFields.find((f) => f.name === 'IsPersonAccount')).toMatchObject({
      type: 'boolean',
      createable: false,
    })
  })

  it('B-PA-1/B-PA-2: a person account gets its Name from the person and a hidden person contact', async () => {
    const id = await createPerson({
      FirstName: 'Jo',
      LastName: 'Doe',
      PersonEmail: 'jo.doe@example.com',
      PersonTitle: 'Baker',
      PersonMailingCity: 'Oslo',
      Phone: '+47 1234',
      PersonHasOptedOutOfEmail: true,
    })
    const row = await account(id)
    expect(row).toMatchObject({ Name: 'Jo Doe', IsPersonAccount: true, RecordTypeId: personType })
    expect(row['PersonContactId']).toMatch(/^003/)
    const person = await contact(row['PersonContactId'] as string)
    expect(person).toMatchObject({
      AccountId: id,
      IsPersonAccount: true,
      Name: 'Jo Doe',
      FirstName: 'Jo',
      LastName: 'Doe',
      Email: 'jo.doe@example.com',
      Title: 'Baker',
      MailingCity: 'Oslo',
      Phone: '+47 1234',
      HasOptedOutOfEmail: true,
      OwnerId: row['OwnerId'],
    })
    const soql = await h.conn.query<Row>(
      `SELECT Name, PersonEmail, PersonContact.Email FROM Account WHERE IsPersonAccount = true AND Id = '${id}'`,
    )
    expect(soql.records[0]).toMatchObject({
      Name: 'Jo Doe',
      PersonContact: { Email: 'jo.doe@example.com' },
    })
    const contacts = await h.conn.query<Row>(
      `SELECT Id, IsPersonAccount FROM Contact WHERE AccountId = '${id}'`,
    )
    expect(contacts.records).toEqual([expect.objectContaining({ IsPersonAccount: true })])
  })

  it('B-PA-1: updates of either record keep the other in step and bump both SystemModstamps', async () => {
    const id = await createPerson({ FirstName: 'Kai', LastName: 'Berg', PersonEmail: 'kai@example.com' })
    const before = await account(id)
    const contactId = before['PersonContactId'] as string
    await h.admin('POST', '/clock', { advanceSeconds: 30 })
    await h.conn.sobject('Account').update({ Id: id, LastName: 'Bergström', PersonEmail: 'kai@berg.se' })
    const after = await account(id)
    const person = await contact(contactId)
    expect(after['Name']).toBe('Kai Bergström')
    expect(person).toMatchObject({ LastName: 'Bergström', Name: 'Kai Bergström', Email: 'kai@berg.se' })
    expect(Date.parse(String(after['SystemModstamp']))).toBeGreaterThan(
      Date.parse(String(before['SystemModstamp'])),
    )
    expect(person['SystemModstamp']).toBe(after['SystemModstamp'])

    // An account-only field still touches the contact's timestamps (one record to the user).
    await h.admin('POST', '/clock', { advanceSeconds: 30 })
    await h.conn.sobject('Account').update({ Id: id, Industry: 'Retail' })
    const touched = await contact(contactId)
    expect(touched['SystemModstamp']).toBe((await account(id))['SystemModstamp'])
    expect(touched['SystemModstamp']).not.toBe(person['SystemModstamp'])

    // Salesforce lets the person contact be modified: the account follows.
    await h.admin('POST', '/clock', { advanceSeconds: 30 })
    await h.conn.sobject('Contact').update({ Id: contactId, Title: 'Chef', FirstName: 'Kaj' })
    const synced = await account(id)
    expect(synced).toMatchObject({ PersonTitle: 'Chef', FirstName: 'Kaj', Name: 'Kaj Bergström' })
    expect(synced['SystemModstamp']).toBe((await contact(contactId))['SystemModstamp'])
  })

  it('B-PA-1: a person account without LastName, or with a Name, is refused', async () => {
    const missing = await failure(
      h.conn.sobject('Account').create({ RecordTypeId: personType, FirstName: 'Only' }),
    )
    expect(missing.errorCode).toBe('REQUIRED_FIELD_MISSING')
    expect(missing.data).toMatchObject({ fields: ['LastName'] })
    const named = await failure(
      h.conn.sobject('Account').create({ RecordTypeId: personType, LastName: 'X', Name: 'X' }),
    )
    expect(named.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE')
    expect(named.data).toMatchObject({ fields: ['Name'] })
    const id = await createPerson({ LastName: 'Renamed' })
    const rename = await failure(h.conn.sobject('Account').update({ Id: id, Name: 'Other' }))
    expect(rename.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE')
  })

  it('B-PA-3: a business account cannot take person fields or IsPersonAccount', async () => {
    const person = await failure(
      h.conn.sobject('Account').create({ Name: 'Biz', PersonEmail: 'x@biz.io', FirstName: 'X' }),
    )
    expect(person.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE')
    expect(person.data).toMatchObject({
      message: 'Account: bad field names on insert/update call: FirstName, PersonEmail',
    })
    const flag = await failure(h.conn.sobject('Account').create({ Name: 'Biz', IsPersonAccount: true }))
    expect(flag.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE')
    const { id } = await h.conn.sobject('Account').create({ Name: 'Biz Ltd' })
    expect(await account(id!)).toMatchObject({ IsPersonAccount: false, PersonContactId: null })
    const later = await failure(h.conn.sobject('Account').update({ Id: id!, IsPersonAccount: true }))
    expect(later.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE')
  })

  it('B-PA-3: no other contact may reference a person account; its person contact stays put', async () => {
    const id = await createPerson({ LastName: 'Solo' })
    const created = await failure(h.conn.sobject('Contact').create({ LastName: 'Other', AccountId: id }))
    expect(created.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION')
    expect(created.data).toMatchObject({ fields: ['AccountId'] })
    const { id: other } = await h.conn.sobject('Contact').create({ LastName: 'Other' })
    const moved = await failure(h.conn.sobject('Contact').update({ Id: other!, AccountId: id }))
    expect(moved.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION')
    const contactId = (await account(id))['PersonContactId'] as string
    const { id: biz } = await h.conn.sobject('Account').create({ Name: 'Elsewhere' })
    const reparent = await failure(h.conn.sobject('Contact').update({ Id: contactId, AccountId: biz! }))
    expect(reparent.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE')
    const results = await h.conn
      .sobject('Contact')
      .create([{ LastName: 'Batch', AccountId: id }], { allOrNone: false })
    expect(results[0]).toMatchObject({
      success: false,
      errors: [expect.objectContaining({ statusCode: 'FIELD_INTEGRITY_EXCEPTION' })],
    })
  })

  it('B-PA-1: deleting the person contact is refused; deleting the account deletes both', async () => {
    const id = await createPerson({ LastName: 'Gone', PersonEmail: 'gone@example.com' })
    const contactId = (await account(id))['PersonContactId'] as string
    const direct = await failure(h.conn.sobject('Contact').destroy(contactId))
    expect(direct.errorCode).toBe('INVALID_PERSON_ACCOUNT_OPERATION')
    await h.conn.sobject('Account').destroy(id)
    expect((await h.conn.query(`SELECT Id FROM Contact WHERE Id = '${contactId}'`)).totalSize).toBe(0)
    const all = await h.conn.query<Row>(`SELECT Id, IsDeleted FROM Contact WHERE Id = '${contactId}'`, {
      scanAll: true,
    })
    expect(all.records[0]).toMatchObject({ IsDeleted: true })
    const accounts = await h.conn.query<Row>(`SELECT IsDeleted FROM Account WHERE Id = '${id}'`, {
      scanAll: true,
    })
    expect(accounts.records[0]).toMatchObject({ IsDeleted: true })
  })

  it('B-PA-3: a record type change across families stands alone; person to business frees the contact', async () => {
    const id = await createPerson({ FirstName: 'Ex', LastName: 'Person', PersonEmail: 'ex@example.com' })
    const contactId = (await account(id))['PersonContactId'] as string
    const [business] = (
      await h.conn.query<Row>(
        "SELECT Id FROM RecordType WHERE SobjectType = 'Account' AND IsPersonType = false",
      )
    ).records
    const mixed = await failure(
      h.conn.sobject('Account').update({ Id: id, RecordTypeId: business!['Id'], Industry: 'Retail' }),
    )
    expect(mixed.data).toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      message: 'Cannot specify any additional fields when marrying or separating a Person-Account',
    })
    await h.conn.sobject('Account').update({ Id: id, RecordTypeId: business!['Id'] })
    expect(await account(id)).toMatchObject({
      IsPersonAccount: false,
      Name: 'Ex Person',
      PersonEmail: null,
      PersonContactId: null,
    })
    expect(await contact(contactId)).toMatchObject({
      IsPersonAccount: false,
      AccountId: id,
      Email: 'ex@example.com',
    })
  })

  it('B-PA-4: a lead needs no Company when person accounts are on', async () => {
    const { id } = await h.conn.sobject('Lead').create({ LastName: 'Individual' })
    expect(await h.conn.sobject('Lead').retrieve(id!)).toMatchObject({ Company: null, IsConverted: false })
    const company = (await h.conn.sobject('Lead').describe()).fields.find((f) => f.name === 'Company')
    expect(company).toMatchObject({ nillable: true })
  })

  it('B-PA-1: the admin API reads the setting and keeps it on while person accounts exist', async () => {
    expect(await h.admin('GET', '/person-accounts')).toEqual({ enabled: true })
    await expect(h.admin('PUT', '/person-accounts', { enabled: false })).rejects.toThrow(
      /person accounts exist/,
    )
    await expect(h.admin('PUT', '/person-accounts', { enabled: 'yes' })).rejects.toThrow(/enabled/)
  })
})

describe('person accounts through the admin API', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  it('B-PA-1: PUT /person-accounts turns the setting on and off', async () => {
    expect(await h.admin('PUT', '/person-accounts', { enabled: true })).toEqual({ enabled: true })
    const rows = await h.conn.query<Row>(
      "SELECT DeveloperName FROM RecordType WHERE SobjectType = 'Account' AND IsPersonType = true",
    )
    expect(rows.records.map((r) => r['DeveloperName'])).toEqual(['PersonAccount'])
    const { id } = await h.conn.sobject('Account').create({ Name: 'Before' })
    expect(await h.conn.sobject('Account').retrieve(id!)).toMatchObject({ IsPersonAccount: false })
    expect(await h.admin('PUT', '/person-accounts', { enabled: false })).toEqual({ enabled: false })
    expect((await failure(h.conn.query('SELECT IsPersonAccount FROM Account'))).errorCode).toBe(
      'INVALID_FIELD',
    )
  })
})
