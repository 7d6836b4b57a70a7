import { describe, expect, it } from 'vitest'

import type { ContactMapping } from '../mapping/index.js'
import { buildOwnerIndex } from '../owners/index.js'
import { OWNERS } from '../testing/index.js'
import type { TransformContext } from './index.js'
import { canonicalDecimal, fromHubSpot, fromSalesforce, toHubSpot, toSalesforce } from './index.js'

const ctx: TransformContext = { timeZone: 'America/New_York', owners: buildOwnerIndex(OWNERS) }
const map = (over: Partial<ContactMapping>): ContactMapping => ({
  hubspot: 'p',
  hubspotType: 'text',
  salesforce: { Lead: 'F__c' },
  salesforceType: 'string',
  rule: 'two-way',
  ...over,
})
const value = <T>(r: { ok: boolean; value?: T }) => (r.ok ? r.value : r)

describe('canonical values per type pair (design.md 3.3)', () => {
  it('numbers are decimal strings at the describe scale, rounded half away from zero', () => {
    expect(value(canonicalDecimal('12.345', 2))).toBe('12.35')
    expect(value(canonicalDecimal(-12.345, 2))).toBe('-12.35')
    expect(value(canonicalDecimal('9.995', 2))).toBe('10.00')
    expect(value(canonicalDecimal('007', undefined))).toBe('7')
    expect(value(canonicalDecimal('1.500', undefined))).toBe('1.5')
    expect(value(canonicalDecimal(1e21, 0))).toBe('1000000000000000000000')
    expect(value(canonicalDecimal('-0.001', 2))).toBe('0.00')
    expect(canonicalDecimal('12abc', 2)).toMatchObject({ ok: false, code: 'VALUE_INVALID_NUMBER' })
    const money = map({ hubspotType: 'number', salesforceType: 'currency', scale: 2, precision: 5 })
    expect(value(fromHubSpot(money, '1234.5', ctx))).toBe('1234.50')
    expect(value(fromSalesforce(money, 1234.5, ctx))).toBe('1234.50')
    expect(value(toSalesforce(money, '123.45', ctx))).toBe(123.45)
    expect(toSalesforce(money, '1234.50', ctx)).toMatchObject({ ok: false, code: 'VALUE_OUT_OF_RANGE' })
  })

  it('dates are YYYY-MM-DD; HubSpot dates are midnight-UTC epochs', () => {
    const date = map({ hubspotType: 'date', salesforceType: 'date' })
    expect(value(fromHubSpot(date, '1704067200000', ctx))).toBe('2024-01-01')
    expect(value(fromSalesforce(date, '2024-01-01', ctx))).toBe('2024-01-01')
    expect(value(toHubSpot(date, '2024-01-01', ctx))).toBe('1704067200000')
    expect(fromSalesforce(date, '2024-02-30', ctx)).toMatchObject({ ok: false, code: 'VALUE_INVALID_DATE' })
  })

  it('datetimes are UTC at whole seconds', () => {
    const dt = map({ hubspotType: 'datetime', salesforceType: 'datetime' })
    expect(value(fromHubSpot(dt, '2024-01-02T03:04:05.678Z', ctx))).toBe('2024-01-02T03:04:05Z')
    expect(value(fromSalesforce(dt, '2024-01-02T03:04:05.000+0000', ctx))).toBe('2024-01-02T03:04:05Z')
    expect(value(fromHubSpot(dt, '1704164645999', ctx))).toBe('2024-01-02T03:04:05Z')
  })

  it('date <-> datetime goes through the portal time zone', () => {
    const pair = map({ hubspotType: 'date', salesforceType: 'datetime' })
    // 02:00 UTC on 2 January is still 1 January in New York.
    expect(value(fromSalesforce(pair, '2024-01-02T02:00:00.000+0000', ctx))).toBe('2024-01-01')
    expect(value(toSalesforce(pair, '2024-01-01', ctx))).toBe('2024-01-01T05:00:00Z')
    expect(value(toHubSpot(pair, '2024-01-01', ctx))).toBe('1704067200000')
    const summer = value(toSalesforce(pair, '2024-07-01', { ...ctx, timeZone: 'Europe/Oslo' }))
    expect(summer).toBe('2024-06-30T22:00:00Z')
    expect(fromSalesforce(pair, '2024-01-01T00:00:00Z', { ...ctx, timeZone: 'Mars/Base' })).toMatchObject({
      ok: false,
    })
  })

  it('booleans: blank HubSpot checkbox is false, Salesforce gets a JSON boolean', () => {
    const bool = map({ hubspotType: 'booleancheckbox', salesforceType: 'boolean' })
    expect(value(fromHubSpot(bool, null, ctx))).toBe('false')
    expect(value(fromHubSpot(bool, 'TRUE', ctx))).toBe('true')
    expect(value(fromSalesforce(bool, true, ctx))).toBe('true')
    expect(value(toSalesforce(bool, 'true', ctx))).toBe(true)
    expect(fromHubSpot(bool, 'maybe', ctx)).toMatchObject({ ok: false, code: 'VALUE_INVALID_BOOLEAN' })
  })

  it('multi-selects are sorted ;-joined sets, with an optional value map', () => {
    const multi = map({ hubspotType: 'checkbox', salesforceType: 'multipicklist', values: { red: 'Red' } })
    expect(value(fromHubSpot(multi, 'b;red; a ;b', ctx))).toBe('Red;a;b')
    expect(value(fromSalesforce(multi, 'b;Red;a', ctx))).toBe('Red;a;b')
    expect(value(toHubSpot(multi, 'Red;a', ctx))).toBe('red;a')
    expect(value(fromHubSpot(multi, ';', ctx))).toBeNull()
  })

  it('picklists map to identical values unless a values map says otherwise', () => {
    const pick = map({
      hubspotType: 'select',
      salesforceType: 'picklist',
      values: { new: 'Open - Not Contacted' },
    })
    expect(value(fromHubSpot(pick, 'new', ctx))).toBe('Open - Not Contacted')
    expect(value(fromHubSpot(pick, 'Working', ctx))).toBe('Working')
    expect(value(toHubSpot(pick, 'Open - Not Contacted', ctx))).toBe('new')
  })

  it('text is trimmed with normalised line endings; emails compare lower-cased', () => {
    const text = map({ hubspotType: 'textarea', salesforceType: 'textarea' })
    expect(value(fromHubSpot(text, '  a\r\nb\rc  ', ctx))).toBe('a\nb\nc')
    expect(value(fromHubSpot(text, '   ', ctx))).toBeNull()
    const email = map({ caseInsensitive: true })
    expect(value(fromSalesforce(email, ' Ann@X.com ', ctx))).toBe('ann@x.com')
  })

  it('B-ERR-7: over-long text is an error unless the mapping truncates', () => {
    const short = map({ maxLength: 5 })
    expect(toSalesforce(short, 'abcdefg', ctx)).toMatchObject({ ok: false, code: 'VALUE_TOO_LONG' })
    expect(value(toSalesforce({ ...short, truncate: true }, 'abcd efg', ctx))).toBe('abcd')
  })

  it('owners: HS owner ids become Salesforce user ids and back', () => {
    const owner = map({ hubspotType: 'owner', salesforceType: 'reference', rule: 'owner' })
    expect(value(fromHubSpot(owner, '12', ctx))).toBe('005BOB')
    expect(value(toHubSpot(owner, '005BOB', ctx))).toBe('12')
    expect(toHubSpot(owner, '005SFONLY', ctx)).toMatchObject({ ok: false, code: 'OWNER_NOT_IN_HUBSPOT' })
    expect(toSalesforce(owner, 'hubspot:14', ctx)).toMatchObject({ ok: false, code: 'OWNER_NOT_MATCHED' })
  })
})
