import { describe, expect, it } from 'vitest'

import type { ContactMapping } from '../mapping/index.js'
import { DEFAULT_CONTACT_MAPPINGS } from '../mapping/index.js'
import { buildOwnerIndex } from '../owners/index.js'
import { OWNERS } from '../testing/index.js'
import type { TransformContext } from './index.js'
import { fromHubSpot, fromSalesforce, toSalesforce } from './index.js'

const ctx: TransformContext = { timeZone: 'UTC', owners: buildOwnerIndex(OWNERS) }
const mapping = (hubspot: string): ContactMapping => {
  const m = DEFAULT_CONTACT_MAPPINGS.find((d) => d.hubspot === hubspot)
  if (m === undefined) throw new Error(`no default mapping ${hubspot}`)
  return m
}
const value = (r: { ok: boolean; value?: unknown }) => (r.ok ? r.value : r)

describe('B-CON-2 "[not provided] placeholder": the canonical form of a required Salesforce field', () => {
  it('reads the placeholder as blank on LastName and Company, whoever wrote it', () => {
    for (const m of [mapping('lastname'), mapping('company')]) {
      expect(value(fromSalesforce(m, '[not provided]', ctx))).toBeNull()
      expect(value(fromSalesforce(m, ' [not provided]\r\n', ctx))).toBeNull()
      expect(value(fromSalesforce(m, 'Lee', ctx))).toBe('Lee')
      expect(value(fromSalesforce(m, '[Not Provided]', ctx))).toBe('[Not Provided]')
    }
  })

  it('writes blank as the placeholder, which reads back as blank', () => {
    for (const m of [mapping('lastname'), mapping('company')]) {
      const out = toSalesforce(m, null, ctx)
      expect(value(out)).toBe('[not provided]')
      expect(value(fromSalesforce(m, value(out) as string, ctx))).toBeNull()
    }
  })

  it('leaves fields Salesforce does not require alone, and HubSpot values too', () => {
    const first = mapping('firstname')
    expect(value(fromSalesforce(first, '[not provided]', ctx))).toBe('[not provided]')
    expect(value(toSalesforce(first, null, ctx))).toBeNull()
    expect(value(fromHubSpot(mapping('lastname'), '[not provided]', ctx))).toBe('[not provided]')
  })

  it('is keyed by the Salesforce field: a user mapping of LastName has it, whatever the HubSpot property', () => {
    const own: ContactMapping = { ...mapping('lastname'), hubspot: 'family_name', isDefault: false }
    expect(value(toSalesforce(own, null, ctx))).toBe('[not provided]')
    const custom: ContactMapping = { ...own, salesforce: { Lead: 'Surname__c' } }
    expect(value(toSalesforce(custom, null, ctx))).toBeNull()
  })

  it('uses the configured placeholder instead of the default', () => {
    const custom = { ...ctx, requiredFieldPlaceholder: 'N/A' }
    const m = mapping('company')
    expect(value(toSalesforce(m, null, custom))).toBe('N/A')
    expect(value(fromSalesforce(m, 'N/A', custom))).toBeNull()
    // Another placeholder is then a real value, as any text is.
    expect(value(fromSalesforce(m, '[not provided]', custom))).toBe('[not provided]')
  })
})
