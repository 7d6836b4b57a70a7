// Field-level security (read-only for the integration user) and restricted picklists, set through the admin
// API or at build, as jsforce sees them in describe and in writes (B-ERR-5, B-ERR-7).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { failure, type Harness, startHarness } from './testing/harness.js'

type Field = { name: string; createable: boolean; updateable: boolean; restrictedPicklist: boolean }

describe('field access settings', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ readOnlyFields: ['Contact.Title'], restrictedPicklists: ['Account.Industry'] })
  })
  afterAll(() => h.close())
  beforeEach(async () => {
    await h.admin('PUT', '/field-access', {
      readOnly: { 'Lead.Title': false },
      restrictedPicklist: { 'Lead.Industry': false },
    })
  })

  async function field(object: string, name: string): Promise<Field | undefined> {
    const fields = (await h.conn.sobject(object).describe()).fields as unknown as Field[]
    return fields.find((f) => f.name === name)
  }

  it("B-ERR-5: a read-only field is described as such and a write naming it fails with Salesforce's security message; edit access restores it", async () => {
    const lead = await h.conn.sobject('Lead').create({ LastName: 'A', Company: 'X' })
    const id = lead.success ? lead.id : ''
    expect(await h.admin('PUT', '/field-access', { readOnly: { 'Lead.Title': true } })).toMatchObject({
      readOnlyFields: expect.arrayContaining(['Lead.Title']) as unknown,
    })
    expect(await field('Lead', 'Title')).toMatchObject({ createable: false, updateable: false })
    const refused = await failure(h.conn.sobject('Lead').update({ Id: id, Title: 'CTO', FirstName: 'Ann' }))
    expect(refused.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE')
    expect(refused.message).toBe(
      'Unable to create/update fields: Title. Please check the security settings of this field and verify that it is read/write for your profile or permission set.',
    )
    // Nothing of the refused write was applied.
    expect(await h.conn.sobject('Lead').retrieve(id)).toMatchObject({ Title: null, FirstName: null })
    await h.admin('PUT', '/field-access', { readOnly: { 'Lead.Title': false } })
    expect(await field('Lead', 'Title')).toMatchObject({ createable: true, updateable: true })
    expect(await h.conn.sobject('Lead').update({ Id: id, Title: 'CTO' })).toMatchObject({ success: true })
  })

  it('B-ERR-5: a field hidden by field-level security is absent from describe, SOQL and writes naming it answer INVALID_FIELD, and its value is kept until it is visible again', async () => {
    const lead = await h.conn.sobject('Lead').create({ LastName: 'H', Company: 'X', Title: 'CEO' })
    const id = lead.success ? lead.id : ''
    const names = async () => (await h.conn.sobject('Lead').describe()).fields.map((f) => f.name)
    const before = await names()
    expect(await h.admin('PUT', '/field-access', { hidden: { 'Lead.Title': true } })).toMatchObject({
      hiddenFields: ['Lead.Title'],
    })
    expect(await field('Lead', 'Title')).toBeUndefined()
    const query = await failure(h.conn.query(`SELECT Id, Title FROM Lead WHERE Id = '${id}'`))
    expect(query.errorCode).toBe('INVALID_FIELD')
    expect(query.message).toContain("No such column 'Title' on entity 'Lead'")
    const write = await failure(h.conn.sobject('Lead').update({ Id: id, Title: 'CTO' }))
    expect(write.errorCode).toBe('INVALID_FIELD')
    expect(write.message).toBe("No such column 'Title' on sobject of type Lead")
    expect(await h.conn.sobject('Lead').update({ Id: id, FirstName: 'Hal' })).toMatchObject({ success: true })
    expect(await h.conn.sobject('Lead').retrieve(id)).not.toHaveProperty('Title')

    await h.admin('PUT', '/field-access', { hidden: { 'Lead.Title': false } })
    expect(await field('Lead', 'Title')).toMatchObject({ createable: true, updateable: true })
    expect(await names()).toEqual(before)
    expect(await h.conn.sobject('Lead').retrieve(id)).toMatchObject({ Title: 'CEO', FirstName: 'Hal' })
    expect(await h.admin('GET', '/field-access')).toMatchObject({ hiddenFields: [] })
  })

  it('B-ERR-7: a restricted standard picklist refuses a value outside its set and takes one inside it', async () => {
    await h.admin('PUT', '/field-access', { restrictedPicklist: { 'Lead.Industry': true } })
    expect(await field('Lead', 'Industry')).toMatchObject({ restrictedPicklist: true })
    const refused = await failure(
      h.conn.sobject('Lead').create({ LastName: 'B', Company: 'X', Industry: 'Robotics' }),
    )
    expect(refused.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST')
    expect(refused.message).toBe('Industry: bad value for restricted picklist field: Robotics')
    expect(
      await h.conn.sobject('Lead').create({ LastName: 'B', Company: 'X', Industry: 'Banking' }),
    ).toMatchObject({
      success: true,
    })
  })

  it('takes both settings at build, and refuses a field that does not exist or is not a picklist', async () => {
    expect(await field('Contact', 'Title')).toMatchObject({ updateable: false })
    expect(await field('Account', 'Industry')).toMatchObject({ restrictedPicklist: true })
    const unknown = await failure(h.admin('PUT', '/field-access', { readOnly: { 'Lead.Nope': true } }))
    expect(unknown.message).toContain('Lead.Nope: no such field')
    const text = await failure(
      h.admin('PUT', '/field-access', { restrictedPicklist: { 'Lead.Title': true } }),
    )
    expect(text.message).toContain('Lead.Title is not a picklist')
    const bad = await failure(h.admin('PUT', '/field-access', { readOnly: { 'Lead.Title': 'yes' } }))
    expect(bad.message).toContain('readOnly must be an object')
  })
})
