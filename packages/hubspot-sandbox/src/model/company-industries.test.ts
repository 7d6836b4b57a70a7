import { describe, expect, it } from 'vitest'

import { HUBSPOT_INDUSTRY_VALUES, SALESFORCE_INDUSTRY_TO_HUBSPOT } from './company-industries.js'

describe('company industry options', () => {
  it("are HubSpot's upper-case codes, none shared with Salesforce's Account Industry picklist", () => {
    expect(HUBSPOT_INDUSTRY_VALUES).toContain('COMPUTER_SOFTWARE')
    expect(new Set(HUBSPOT_INDUSTRY_VALUES).size).toBe(HUBSPOT_INDUSTRY_VALUES.length)
    const salesforce = SALESFORCE_INDUSTRY_TO_HUBSPOT.map(([value]) => value)
    expect(salesforce).toHaveLength(32)
    expect(salesforce.filter((value) => HUBSPOT_INDUSTRY_VALUES.includes(value))).toEqual([])
  })

  it('suggest one distinct HubSpot option per Salesforce value, except Other', () => {
    const targets = SALESFORCE_INDUSTRY_TO_HUBSPOT.map(([, target]) => target)
    const mapped = targets.filter((target): target is string => target !== null)
    expect(mapped.every((target) => HUBSPOT_INDUSTRY_VALUES.includes(target))).toBe(true)
    expect(new Set(mapped).size).toBe(mapped.length)
    expect(SALESFORCE_INDUSTRY_TO_HUBSPOT.filter(([, target]) => target === null)).toEqual([['Other', null]])
  })
})
