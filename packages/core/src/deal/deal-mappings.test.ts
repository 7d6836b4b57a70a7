import { describe, expect, it } from 'vitest'

import { fromHubSpot, fromSalesforce, toHubSpot, toSalesforce } from '../canonical/index.js'
import { buildOwnerIndex } from '../owners/index.js'
import { OWNERS } from '../testing/owner-fixtures.js'
import {
  DEAL_TYPE_HUBSPOT_TO_SALESFORCE,
  type DealMapping,
  DEFAULT_DEAL_MAPPINGS,
  resolveDealMappings,
} from './deal-mappings.js'

const ctx = { timeZone: 'Europe/Oslo', owners: buildOwnerIndex(OWNERS) }
const mapping = (hubspot: string): DealMapping => {
  const found = DEFAULT_DEAL_MAPPINGS.find((m) => m.hubspot === hubspot)
  if (found === undefined) throw new Error(`no default mapping ${hubspot}`)
  return found
}

describe('deal mappings (B-DEAL-10, 11, 12)', () => {
  it('B-DEAL-10: the seven default pairs, owner locked, the rest two-way', () => {
    expect(DEFAULT_DEAL_MAPPINGS.map((m) => [m.hubspot, m.salesforce.Opportunity, m.rule])).toEqual([
      ['hubspot_owner_id', 'OwnerId', 'owner'],
      ['closedate', 'CloseDate', 'two-way'],
      ['dealname', 'Name', 'two-way'],
      ['dealtype', 'Type', 'two-way'],
      ['description', 'Description', 'two-way'],
      ['amount', 'Amount', 'two-way'],
      ['dealstage', 'StageName', 'two-way'],
    ])
    expect(DEFAULT_DEAL_MAPPINGS.every((m) => m.isDefault === true)).toBe(true)
    expect(mapping('hubspot_owner_id').locked).toBe(true)
  })

  it('B-DEAL-10: dealtype options translate to the Salesforce Type values both ways', () => {
    const m = mapping('dealtype')
    for (const [hubspot, salesforce] of Object.entries(DEAL_TYPE_HUBSPOT_TO_SALESFORCE)) {
      const canonical = fromHubSpot(m, hubspot, ctx)
      expect(canonical).toEqual({ ok: true, value: salesforce })
      expect(toSalesforce(m, salesforce, ctx)).toEqual({ ok: true, value: salesforce })
      expect(toHubSpot(m, salesforce, ctx)).toEqual({ ok: true, value: hubspot })
    }
    // Salesforce's upgrades HubSpot has no option for read as blank rather than failing the deal.
    expect(fromSalesforce(m, 'Existing Customer - Downgrade', ctx)).toEqual({ ok: true, value: null })
  })

  it('B-DEAL-12: the amount moves as a number with no currency conversion', () => {
    const m = mapping('amount')
    // Both sides read at Amount's scale, so HubSpot's "100" and Salesforce's 100 agree.
    expect(fromSalesforce(m, 100, ctx)).toEqual({ ok: true, value: '100.00' })
    expect(fromHubSpot(m, '100', ctx)).toEqual({ ok: true, value: '100.00' })
    expect(toSalesforce(m, '100.50', ctx)).toEqual({ ok: true, value: 100.5 })
  })

  it('B-DEAL-10: closedate (an instant in HubSpot) is the CloseDate day in the portal time zone', () => {
    const m = mapping('closedate')
    // 23:30 UTC on 30 November is 1 December in Oslo.
    expect(fromHubSpot(m, '2026-11-30T23:30:00.000Z', ctx)).toEqual({ ok: true, value: '2026-12-01' })
    expect(fromSalesforce(m, '2026-12-01', ctx)).toEqual({ ok: true, value: '2026-12-01' })
  })

  it('B-DEAL-11: mappings.deal follows the contact rules, problems at mappings.deal[i]', () => {
    const resolved = resolveDealMappings(DEFAULT_DEAL_MAPPINGS, [
      {
        hubspot: 'deal_source',
        hubspotType: 'select',
        salesforce: { Opportunity: 'LeadSource' },
        salesforceType: 'picklist',
        rule: 'two-way',
      },
      {
        hubspot: 'amount',
        hubspotType: 'number',
        salesforce: { Opportunity: 'Amount' },
        salesforceType: 'currency',
        rule: 'prefer-salesforce',
      },
      {
        hubspot: 'hubspot_owner_id',
        hubspotType: 'owner',
        salesforce: { Opportunity: 'OwnerId' },
        salesforceType: 'reference',
        rule: 'none',
      },
      {
        hubspot: 'deal_size',
        hubspotType: 'number',
        salesforce: { Opportunity: 'Description' },
        salesforceType: 'string',
      },
    ])
    expect(resolved.mappings.find((m) => m.hubspot === 'deal_source')).toMatchObject({ rule: 'two-way' })
    expect(resolved.mappings.find((m) => m.hubspot === 'amount')).toMatchObject({
      rule: 'prefer-salesforce',
      isDefault: true,
    })
    expect(resolved.problems.map((p) => [p.code, p.path])).toEqual([
      ['MAPPING_LOCKED', 'mappings.deal[2]'],
      ['MAPPING_TYPE_MISMATCH', 'mappings.deal[3]'],
      ['MAPPING_ALREADY_MAPPED', 'mappings.deal[3].salesforce.Opportunity'],
    ])
  })
})
