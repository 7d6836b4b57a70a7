import { describe, expect, it } from 'vitest'

import { fromHubSpot, fromSalesforce, toHubSpot, toSalesforce } from '../canonical/index.js'
import { buildOwnerIndex } from '../owners/index.js'
import { planHubSpotCreate } from '../plan/index.js'
import { DEFAULT_COMPANY_MAPPINGS, INDUSTRY_SALESFORCE_ONLY } from './index.js'

const industry = DEFAULT_COMPANY_MAPPINGS.find((m) => m.hubspot === 'industry')!
const ctx = {
  timeZone: 'UTC',
  owners: buildOwnerIndex({ salesforce: [], hubspot: [], integrationUserId: '005000000000001AAA' }),
}

describe('company industry values with no HubSpot option', () => {
  it("Salesforce's Other reads as blank, so HubSpot's industry stays blank instead of HubSpot refusing the company", () => {
    expect(INDUSTRY_SALESFORCE_ONLY).toContain('Other')
    expect(fromSalesforce(industry, 'Other', ctx)).toEqual({ ok: true, value: null })
    expect(fromHubSpot(industry, null, ctx)).toEqual({ ok: true, value: null })
    expect(toHubSpot(industry, null, ctx)).toEqual({ ok: true, value: null })
  })

  it('a mapped Salesforce value still reads as itself, and a HubSpot code becomes its Salesforce value', () => {
    expect(fromSalesforce(industry, 'Banking', ctx)).toEqual({ ok: true, value: 'Banking' })
    expect(fromHubSpot(industry, 'BANKING', ctx)).toEqual({ ok: true, value: 'Banking' })
    expect(toSalesforce(industry, 'Banking', ctx)).toEqual({ ok: true, value: 'Banking' })
  })

  it('an account with industry Other becomes a company with no industry (B-CMP-2)', () => {
    const plan = planHubSpotCreate({
      mappings: DEFAULT_COMPANY_MAPPINGS,
      type: 'Account',
      fields: { Name: 'Other Co', Industry: 'Other' },
      transform: ctx,
      now: 0,
    })
    expect(plan.ok).toBe(true)
    if (!plan.ok) return
    expect(plan.values['name']).toBe('Other Co')
    expect(plan.values['industry'] ?? '').toBe('')
  })
})
