import { describe, expect, it } from 'vitest'

import type { ContactMapping } from '../mapping/index.js'
import { DEFAULT_CONTACT_MAPPINGS } from '../mapping/index.js'
import { mergeField } from '../merge/index.js'
import type { FieldState } from '../model/index.js'
import { buildOwnerIndex } from '../owners/index.js'
import { OWNERS } from '../testing/index.js'
import type { TransformContext } from './index.js'
import {
  canonicalKindOf,
  fromHubSpot,
  fromSalesforce,
  parseNumberRange,
  toHubSpot,
  toSalesforce,
} from './index.js'

const ctx: TransformContext = { timeZone: 'UTC', owners: buildOwnerIndex(OWNERS) }
const employees = DEFAULT_CONTACT_MAPPINGS.find((m): m is ContactMapping => m.hubspot === 'numemployees')!
const value = <T>(r: { ok: boolean; value?: T }) => (r.ok ? r.value : r)

describe('numemployees: HubSpot range dropdown <-> Salesforce NumberOfEmployees (design.md 3.3)', () => {
  it('the default mapping pairs the dropdown of ranges with the Salesforce int', () => {
    expect(employees).toMatchObject({ hubspotType: 'select', salesforceType: 'int' })
    expect(employees.ranges).toEqual(['1-5', '5-25', '25-50', '50-100', '100-500', '500-1000', '1000+'])
    expect(canonicalKindOf(employees)).toBe('number-range')
  })

  it('reads a range label: lower bound included, upper excluded, "+" open-ended', () => {
    expect(parseNumberRange('25-50')).toEqual({ label: '25-50', lower: 25, upper: 50 })
    expect(parseNumberRange(' 1000+ ')).toEqual({ label: '1000+', lower: 1000 })
    expect(parseNumberRange('50-25')).toBeUndefined()
    expect(parseNumberRange('many')).toBeUndefined()
  })

  it('canonical form is the HubSpot range label; a Salesforce number reads as the range holding it', () => {
    expect(value(fromHubSpot(employees, '25-50', ctx))).toBe('25-50')
    expect(value(fromHubSpot(employees, '', ctx))).toBeNull()
    expect(fromHubSpot(employees, 'lots', ctx)).toMatchObject({ ok: false, code: 'VALUE_INVALID_NUMBER' })
    expect(value(fromSalesforce(employees, 30, ctx))).toBe('25-50')
    expect(value(fromSalesforce(employees, '30', ctx))).toBe('25-50')
    expect(value(fromSalesforce(employees, 1, ctx))).toBe('1-5')
    expect(value(fromSalesforce(employees, 4, ctx))).toBe('1-5')
    // Neighbouring options share their boundary: the boundary belongs to the range it starts.
    expect(value(fromSalesforce(employees, 5, ctx))).toBe('5-25')
    expect(value(fromSalesforce(employees, 999, ctx))).toBe('500-1000')
    expect(value(fromSalesforce(employees, 250000, ctx))).toBe('1000+')
    // No option holds 0 employees: HubSpot's side is blank.
    expect(value(fromSalesforce(employees, 0, ctx))).toBeNull()
    expect(value(fromSalesforce(employees, null, ctx))).toBeNull()
  })

  it('Salesforce -> HubSpot writes the range; HubSpot -> Salesforce writes its lower bound', () => {
    expect(value(toHubSpot(employees, '100-500', ctx))).toBe('100-500')
    expect(value(toSalesforce(employees, '100-500', ctx))).toBe(100)
    expect(value(toSalesforce(employees, '1000+', ctx))).toBe(1000)
    expect(value(toSalesforce(employees, null, ctx))).toBeNull()
    expect(value(toHubSpot(employees, null, ctx))).toBeNull()
  })

  it('a Salesforce number inside the HubSpot range is not written over, even under two-way', () => {
    const h = value(fromHubSpot(employees, '25-50', ctx)) as string
    const s = value(fromSalesforce(employees, 42, ctx)) as string
    const state: FieldState = {
      ancestor: '5-25',
      hubspotShadow: { value: '5-25', seenAt: 1 },
      salesforceShadow: { value: '5-25', seenAt: 1 },
    }
    const merged = { field: 'numemployees', h, s, state, isNewLink: false, now: 10 } as const
    expect(mergeField({ ...merged, rule: 'two-way' })).toMatchObject({ action: 'none', value: '25-50' })
    // Outside the range, HubSpot's edit writes the range's lower bound.
    const outside = value(fromSalesforce(employees, 7, ctx)) as string
    const moved = mergeField({
      ...merged,
      rule: 'two-way',
      s: outside,
      state: { ...state, salesforceShadow: { value: outside, seenAt: 1 } },
    })
    expect(moved).toMatchObject({ action: 'to-salesforce', value: '25-50' })
    expect(value(toSalesforce(employees, moved.value, ctx))).toBe(25)
  })
})
