// Multiple currencies (B-DEAL-12): an org setting, off by default. On, CurrencyType lists the org's currencies
// and every record of the currency objects has a restricted CurrencyIsoCode; amounts are stored as given.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { failure, type Harness, startHarness } from './testing/harness.js'

type Row = Record<string, unknown>
type Field = {
  name: string
  type: string
  restrictedPicklist: boolean
  defaultedOnCreate: boolean
  precision: number
  scale: number
  picklistValues: { value: string; active: boolean; defaultValue: boolean }[]
}

const CURRENCY_OBJECTS = [
  'Account',
  'Contact',
  'Lead',
  'Opportunity',
  'OpportunityContactRole',
  'Task',
  'User',
]

async function fieldsOf(h: Harness, object: string): Promise<Field[]> {
  return (await h.conn.sobject(object).describe()).fields as unknown as Field[]
}

describe('multiple currencies off (the default)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  it('B-DEAL-12: no CurrencyIsoCode and no CurrencyType: describe lacks them, SOQL answers INVALID_FIELD / INVALID_TYPE', async () => {
    expect(await h.admin('GET', '/multi-currency')).toEqual({ enabled: false })
    for (const object of CURRENCY_OBJECTS)
      expect((await fieldsOf(h, object)).map((f) => f.name)).not.toContain('CurrencyIsoCode')
    expect((await failure(h.conn.query('SELECT Id, CurrencyIsoCode FROM Opportunity'))).errorCode).toBe(
      'INVALID_FIELD',
    )
    expect((await failure(h.conn.query('SELECT IsoCode FROM CurrencyType'))).errorCode).toBe('INVALID_TYPE')
    const global = await h.conn.describeGlobal()
    expect(global.sobjects.map((s) => s.name)).not.toContain('CurrencyType')
    const write = await failure(
      h.conn.sobject('Account').create({ Name: 'No currencies', CurrencyIsoCode: 'EUR' }),
    )
    expect(write.errorCode).toBe('INVALID_FIELD')
  })
})

describe('multiple currencies on', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ multiCurrency: true })
  })
  afterAll(() => h.close())

  it('B-DEAL-12: CurrencyType is queryable: USD corporate, EUR and GBP active, JPY inactive', async () => {
    const currencies = await h.conn.query<Row>(
      'SELECT IsoCode, ConversionRate, IsCorporate, IsActive, DecimalPlaces FROM CurrencyType ORDER BY IsoCode',
    )
    expect(currencies.records.map(({ attributes: _, ...r }) => r)).toEqual([
      { IsoCode: 'EUR', ConversionRate: 0.92, IsCorporate: false, IsActive: true, DecimalPlaces: 2 },
      { IsoCode: 'GBP', ConversionRate: 0.79, IsCorporate: false, IsActive: true, DecimalPlaces: 2 },
      { IsoCode: 'JPY', ConversionRate: 151.5, IsCorporate: false, IsActive: false, DecimalPlaces: 0 },
      { IsoCode: 'USD', ConversionRate: 1, IsCorporate: true, IsActive: true, DecimalPlaces: 2 },
    ])
    const active = await h.conn.query('SELECT Id FROM CurrencyType WHERE IsActive = true')
    expect(active.totalSize).toBe(3)
  })

  it('B-DEAL-12: every currency object has a restricted CurrencyIsoCode picklist over the org currencies', async () => {
    for (const object of CURRENCY_OBJECTS) {
      const f = (await fieldsOf(h, object)).find((x) => x.name === 'CurrencyIsoCode')
      expect(f, object).toMatchObject({ type: 'picklist', restrictedPicklist: true, defaultedOnCreate: true })
      expect(f!.picklistValues.map((v) => [v.value, v.active, v.defaultValue])).toEqual([
        ['EUR', true, false],
        ['GBP', true, false],
        ['JPY', false, false],
        ['USD', true, true],
      ])
    }
    for (const object of ['RecordType', 'Group', 'OpportunityStage'])
      expect((await fieldsOf(h, object)).map((f) => f.name)).not.toContain('CurrencyIsoCode')
    const amount = (await fieldsOf(h, 'Opportunity')).find((f) => f.name === 'Amount')
    expect(amount).toMatchObject({ type: 'currency', precision: 18, scale: 2 })
  })

  it('B-DEAL-12: a new record takes the corporate currency; a given currency is kept and the amount is never converted', async () => {
    const account = await h.conn.sobject('Account').create({ Name: 'Euro Corp' })
    const usd = await h.conn.sobject('Opportunity').create({
      Name: 'Dollars',
      StageName: 'Prospecting',
      CloseDate: '2030-01-31',
      Amount: 100,
      AccountId: account.id!,
    })
    const eur = await h.conn.sobject('Opportunity').create({
      Name: 'Euros',
      StageName: 'Prospecting',
      CloseDate: '2030-01-31',
      Amount: 100,
      CurrencyIsoCode: 'EUR',
    })
    const rows = await h.conn.query<Row>(
      `SELECT Name, Amount, CurrencyIsoCode FROM Opportunity WHERE Id IN ('${usd.id!}', '${eur.id!}') ORDER BY Name`,
    )
    expect(rows.records.map(({ attributes: _, ...r }) => r)).toEqual([
      { Name: 'Dollars', Amount: 100, CurrencyIsoCode: 'USD' },
      { Name: 'Euros', Amount: 100, CurrencyIsoCode: 'EUR' },
    ])
    expect(((await h.conn.sobject('Account').retrieve(account.id!)) as Row)['CurrencyIsoCode']).toBe('USD')
    await h.conn.sobject('Opportunity').update({ Id: eur.id!, CurrencyIsoCode: 'GBP' })
    const moved = (await h.conn.sobject('Opportunity').retrieve(eur.id!)) as Row
    expect(moved).toMatchObject({ CurrencyIsoCode: 'GBP', Amount: 100 })
    const filtered = await h.conn.query(`SELECT Id FROM Opportunity WHERE CurrencyIsoCode = 'GBP'`)
    expect(filtered.totalSize).toBe(1)
  })

  it('B-DEAL-12: an unknown or inactive currency fails with INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, as does emptying it', async () => {
    for (const code of ['XYZ', 'JPY']) {
      const err = await failure(h.conn.sobject('Contact').create({ LastName: 'Yen', CurrencyIsoCode: code }))
      expect(err.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST')
      expect(err.data).toMatchObject({ fields: ['CurrencyIsoCode'] })
    }
    const contact = await h.conn.sobject('Contact').create({ LastName: 'Plain' })
    const emptied = await failure(
      h.conn.sobject('Contact').update({ Id: contact.id!, CurrencyIsoCode: null }),
    )
    expect(emptied.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST')
  })

  it('B-DEAL-12: activating a currency through CurrencyType makes it a valid value at once', async () => {
    const yen = await h.conn.query<Row>("SELECT Id FROM CurrencyType WHERE IsoCode = 'JPY'")
    await h.conn.sobject('CurrencyType').update({ Id: yen.records[0]!['Id'] as string, IsActive: true })
    const lead = await h.conn
      .sobject('Lead')
      .create({ LastName: 'Yen', Company: 'Tokyo', CurrencyIsoCode: 'JPY' })
    expect(((await h.conn.sobject('Lead').retrieve(lead.id!)) as Row)['CurrencyIsoCode']).toBe('JPY')
    const corporate = await failure(
      h.conn.sobject('CurrencyType').update({ Id: yen.records[0]!['Id'] as string, IsCorporate: true }),
    )
    expect(corporate.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE')
  })

  it("B-DEAL-12: a converted lead's currency goes to the new account, contact and opportunity", async () => {
    const lead = await h.conn
      .sobject('Lead')
      .create({ LastName: 'Euro', Company: 'Euro Lead GmbH', CurrencyIsoCode: 'EUR' })
    const result = (await h.conn.soap.convertLead({
      leadId: lead.id!,
      convertedStatus: 'Closed - Converted',
      doNotCreateOpportunity: false,
    })) as unknown as { accountId: string; contactId: string; opportunityId: string }
    for (const [object, id] of [
      ['Account', result.accountId],
      ['Contact', result.contactId],
      ['Opportunity', result.opportunityId],
    ] as const)
      expect(((await h.conn.sobject(object).retrieve(id)) as Row)['CurrencyIsoCode'], object).toBe('EUR')
  })

  it('B-DEAL-12: users have a currency and a default currency, the corporate one', async () => {
    const users = await h.conn.query<Row>('SELECT DefaultCurrencyIsoCode, CurrencyIsoCode FROM User')
    for (const u of users.records)
      expect(u).toMatchObject({ DefaultCurrencyIsoCode: 'USD', CurrencyIsoCode: 'USD' })
  })
})

describe('multiple currencies with person accounts', () => {
  it('B-DEAL-12: a person contact takes its account currency', async () => {
    const h = await startHarness({ multiCurrency: true, personAccounts: true })
    try {
      const types = await h.conn.query<Row>(
        "SELECT Id FROM RecordType WHERE SobjectType = 'Account' AND IsPersonType = true",
      )
      const account = await h.conn.sobject('Account').create({
        LastName: 'Pound',
        RecordTypeId: types.records[0]!['Id'],
        CurrencyIsoCode: 'GBP',
      })
      const person = await h.conn.query<Row>(
        `SELECT CurrencyIsoCode, PersonContact.CurrencyIsoCode FROM Account WHERE Id = '${account.id!}'`,
      )
      expect(person.records[0]).toMatchObject({
        CurrencyIsoCode: 'GBP',
        PersonContact: { CurrencyIsoCode: 'GBP' },
      })
    } finally {
      await h.close()
    }
  })
})

describe('multiple currencies through the admin API and the seed', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ seed: 'small' })
  })
  afterAll(() => h.close())

  it('B-DEAL-12: PUT /multi-currency turns the setting on (existing records get the corporate currency) and off', async () => {
    expect(await h.admin('PUT', '/multi-currency', { enabled: true })).toEqual({ enabled: true })
    const notUsd = await h.conn.query(
      "SELECT COUNT() FROM Opportunity WHERE CurrencyIsoCode != 'USD' OR CurrencyIsoCode = null",
    )
    expect(notUsd.totalSize).toBe(0)
    expect((await h.conn.query('SELECT COUNT() FROM Opportunity')).totalSize).toBe(80)
    expect(await h.admin('PUT', '/multi-currency', { enabled: false })).toEqual({ enabled: false })
    expect((await failure(h.conn.query('SELECT CurrencyIsoCode FROM Account'))).errorCode).toBe(
      'INVALID_FIELD',
    )
    await expect(h.admin('PUT', '/multi-currency', { enabled: 'yes' })).rejects.toThrow(/enabled/)
  })

  it('B-DEAL-12: with the setting on, the small seed has deals in USD, EUR and GBP, the same amounts as without it', async () => {
    const soql = 'SELECT Name, Amount FROM Opportunity ORDER BY Name'
    const plain = (await h.conn.query<Row>(soql)).records
    const multi = await startHarness({ seed: 'small', multiCurrency: true })
    try {
      expect((await multi.conn.query<Row>(soql)).records).toEqual(plain)
      const counts: Record<string, number> = {}
      for (const code of ['USD', 'EUR', 'GBP']) {
        const n = await multi.conn.query(`SELECT COUNT() FROM Opportunity WHERE CurrencyIsoCode = '${code}'`)
        counts[code] = n.totalSize
      }
      expect(counts).toEqual({ USD: 48, EUR: 16, GBP: 16 })
      const missing = await multi.conn.query('SELECT COUNT() FROM Contact WHERE CurrencyIsoCode = null')
      expect(missing.totalSize).toBe(0)
    } finally {
      await multi.close()
    }
  })
})
