// State and Country/Territory Picklists (B-MAP-12): off by default; when on, Lead/Contact/Account addresses
// are validated on every write path (REST, Collections, upsert) and names and codes are kept in step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { validFor } from './metadata/state-country.js'
import { failure, type Harness, startHarness } from './testing/harness.js'

type Row = Record<string, unknown>
const NO_COUNTRY = 'A country must be specified before specifying a state value for field: State/Province'
const BAD_STATE =
  "There's a problem with this state, even though it may appear correct. Please select a state from the list of valid states."

describe('state/country picklists off (the default)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  it('B-MAP-12: State and Country stay free text and there are no code fields', async () => {
    const created = await h.conn.sobject('Lead').create({ LastName: 'Free', Company: 'A', State: 'Calif.' })
    expect(created).toMatchObject({ success: true })
    const describe = await h.conn.sobject('Lead').describe()
    expect(describe.fields.map((f) => f.name)).not.toContain('StateCode')
    expect(describe.fields.find((f) => f.name === 'State')).toMatchObject({ label: 'State/Province' })
  })
})

describe('state/country picklists on', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ stateCountryPicklists: true })
  })
  afterAll(() => h.close())

  async function lead(id: string): Promise<Row> {
    return await h.conn.sobject('Lead').retrieve(id)
  }

  it('B-MAP-12: describe shows the code picklists, the state code depending on the country code', async () => {
    type Field = { name: string; picklistValues: { value: string; label: string; validFor: string | null }[] }
    const fields = (await h.conn.sobject('Contact').describe()).fields as unknown as Field[]
    const country = fields.find((f) => f.name === 'MailingCountryCode')!
    const state = fields.find((f) => f.name === 'MailingStateCode')!
    expect(country).toMatchObject({ type: 'picklist', restrictedPicklist: true, dependentPicklist: false })
    expect(state).toMatchObject({
      type: 'picklist',
      dependentPicklist: true,
      controllerName: 'MailingCountryCode',
      label: 'Mailing State/Province Code',
    })
    const usIndex = country.picklistValues.findIndex((p) => p.value === 'US')
    expect(country.picklistValues[usIndex]).toMatchObject({ label: 'United States' })
    expect(state.picklistValues.find((p) => p.value === 'CA')).toMatchObject({
      label: 'California',
      validFor: validFor(usIndex),
    })
  })

  it('B-MAP-12: a state with no country fails with FIELD_INTEGRITY_EXCEPTION and nothing is saved', async () => {
    const err = await failure(
      h.conn.sobject('Lead').create({ LastName: 'NoCountry', Company: 'A', State: 'California' }),
    )
    expect(err.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION')
    expect(err.data).toMatchObject({ message: NO_COUNTRY, fields: ['State'] })
    const rows = await h.conn.query<Row>("SELECT Id FROM Lead WHERE LastName = 'NoCountry'")
    expect(rows.totalSize).toBe(0)
  })

  it('B-MAP-12: a state that is not a state of the country fails; a country with no states takes none', async () => {
    const calif = await failure(
      h.conn
        .sobject('Lead')
        .create({ LastName: 'X', Company: 'A', Country: 'United States', State: 'Calif.' }),
    )
    expect(calif.data).toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION', message: BAD_STATE })
    const norway = await failure(
      h.conn.sobject('Lead').create({ LastName: 'X', Company: 'A', Country: 'Norway', State: 'Oslo' }),
    )
    expect(norway.data).toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['State'] })
    const country = await failure(
      h.conn.sobject('Lead').create({ LastName: 'X', Company: 'A', Country: 'USA' }),
    )
    expect(country.data).toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['Country'] })
    const code = await failure(
      h.conn.sobject('Lead').create({ LastName: 'X', Company: 'A', CountryCode: 'ZZ' }),
    )
    expect(code.data).toMatchObject({
      errorCode: 'FIELD_INTEGRITY_EXCEPTION',
      message:
        "The CountryCode field contains ZZ, which isn't an available country/territory. Your administrator can add it for you.",
      fields: ['CountryCode'],
    })
  })

  it('B-MAP-12: a valid name sets its code and a valid code sets its name', async () => {
    const byName = await h.conn
      .sobject('Lead')
      .create({ LastName: 'Names', Company: 'A', Country: 'united states', State: 'california' })
    expect(await lead(byName.id!)).toMatchObject({
      Country: 'United States',
      CountryCode: 'US',
      State: 'California',
      StateCode: 'CA',
    })
    const byCode = await h.conn
      .sobject('Lead')
      .create({ LastName: 'Codes', Company: 'A', CountryCode: 'CA', StateCode: 'QC' })
    expect(await lead(byCode.id!)).toMatchObject({ Country: 'Canada', State: 'Quebec' })
  })

  it('B-MAP-12: an update is checked against the stored country; clearing the country clears the state', async () => {
    const { id } = await h.conn
      .sobject('Lead')
      .create({ LastName: 'Upd', Company: 'A', CountryCode: 'US', StateCode: 'NY' })
    const moved = await failure(h.conn.sobject('Lead').update({ Id: id!, Country: 'Canada' }))
    expect(moved.data).toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION', message: BAD_STATE })
    const mismatch = await failure(h.conn.sobject('Lead').update({ Id: id!, StateCode: 'TX', State: 'Ohio' }))
    expect(mismatch.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION')
    expect(await lead(id!)).toMatchObject({ StateCode: 'NY', State: 'New York' })
    await h.conn.sobject('Lead').update({ Id: id!, State: 'Texas', Title: 'CEO' })
    expect(await lead(id!)).toMatchObject({ StateCode: 'TX', Country: 'United States', Title: 'CEO' })
    await h.conn.sobject('Lead').update({ Id: id!, CountryCode: null })
    expect(await lead(id!)).toMatchObject({ Country: null, CountryCode: null, State: null, StateCode: null })
  })

  it('B-MAP-12: Collections and upsert enforce it per record; the other fields of a failed record are not written', async () => {
    const { id } = await h.conn.sobject('Contact').create({ LastName: 'Coll', Title: 'Old' })
    const results = await h.conn.sobject('Contact').update(
      [
        { Id: id!, MailingState: 'Calif.', Title: 'New' },
        { Id: (await h.conn.sobject('Contact').create({ LastName: 'Ok' })).id!, MailingCountry: 'Sweden' },
      ],
      { allOrNone: false },
    )
    expect(results[0]).toMatchObject({
      success: false,
      errors: [
        {
          statusCode: 'FIELD_INTEGRITY_EXCEPTION',
          message:
            'A country must be specified before specifying a state value for field: Mailing State/Province',
          fields: ['MailingState'],
        },
      ],
    })
    expect(results[1]).toMatchObject({ success: true })
    const contact = (await h.conn.sobject('Contact').retrieve(id!)) as unknown as Row
    expect(contact).toMatchObject({ Title: 'Old', MailingState: null })
    const upsert = await failure(
      h.conn
        .sobject('Lead')
        .upsert({ HubSpot_Id__c: 'hs-1', LastName: 'Up', Company: 'A', State: 'Calif.' }, 'HubSpot_Id__c'),
    )
    expect(upsert.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION')
  })

  it('B-MAP-12: the admin API turns the setting off and on', async () => {
    expect(await h.admin('PUT', '/state-country-picklists', { enabled: false })).toEqual({ enabled: false })
    const free = await h.conn.sobject('Lead').create({ LastName: 'Off', Company: 'A', State: 'Calif.' })
    expect(free).toMatchObject({ success: true })
    expect((await h.conn.sobject('Lead').describe()).fields.map((f) => f.name)).not.toContain('CountryCode')
    expect(await h.admin('PUT', '/state-country-picklists', { enabled: true })).toEqual({ enabled: true })
    expect(await h.admin('GET', '/state-country-picklists')).toEqual({ enabled: true })
    const err = await failure(h.conn.sobject('Lead').update({ Id: free.id!, State: 'Calif.' }))
    expect(err.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION')
  })
})
