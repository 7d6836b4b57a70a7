import { describe, expect, it } from 'vitest'

import {
  COMPANY_OWNER_MAPPING,
  DEFAULT_COMPANY_MAPPINGS,
  INDUSTRY_HUBSPOT_TO_SALESFORCE,
} from '../company/index.js'
import type { CompanyMapping, UserCompanyMapping } from './index.js'
import { checkMappingDeletion, COMPANY_MAPPED_OBJECT, resolveFieldMappings } from './index.js'

// mappings.company resolved as mappings.contact is (resolveFieldMappings over the Account object): rule,
// truncate and values overrides of a default by its HubSpot key, extra mappings to Account fields, and every
// problem reported with its mappings.company[i] path.

const tier: UserCompanyMapping = {
  hubspot: 'tier',
  hubspotType: 'select',
  salesforce: { Account: 'Tier__c' },
  salesforceType: 'picklist',
  rule: 'two-way',
}

const resolve = (user: readonly UserCompanyMapping[]) =>
  resolveFieldMappings(COMPANY_MAPPED_OBJECT, DEFAULT_COMPANY_MAPPINGS, user)

const defaultOf = (hubspot: string): CompanyMapping => {
  const found = DEFAULT_COMPANY_MAPPINGS.find((m) => m.hubspot === hubspot)
  if (found === undefined) return expect.fail(`no default company mapping ${hubspot}`)
  return found
}

describe('company mappings from the configuration (B-MAP, mappings.company)', () => {
  it('B-MAP-9: a default named by its HubSpot key takes the rule and truncate, keeping its Account field and types', () => {
    const phone = defaultOf('phone')
    const { mappings, problems } = resolve([
      { ...phone, salesforce: { Account: 'Other_Phone__c' }, rule: 'always-salesforce', truncate: true },
    ])
    expect(problems).toEqual([])
    expect(mappings.find((m) => m.hubspot === 'phone')).toEqual({
      ...phone,
      rule: 'always-salesforce',
      truncate: true,
    })
    expect(mappings.map((m) => m.hubspot)).toEqual(DEFAULT_COMPANY_MAPPINGS.map((m) => m.hubspot))
  })

  it('B-MAP-9: a default cannot be deleted, only given the rule none', () => {
    for (const m of DEFAULT_COMPANY_MAPPINGS)
      expect(checkMappingDeletion(m, 'mappings.company')?.code, m.hubspot).toBe('MAPPING_NOT_DELETABLE')
    const { mappings } = resolve([{ ...defaultOf('description'), rule: 'none' }])
    expect(mappings.find((m) => m.hubspot === 'description')?.rule).toBe('none')
  })

  it("configured values are added to the industry default's table; a HubSpot code it names is paired anew", () => {
    const industry = defaultOf('industry')
    const values = { COMPUTER_SOFTWARE: 'Technology', BANKING: 'Finance' }
    const { mappings, problems } = resolve([{ ...industry, rule: 'prefer-salesforce', values }])
    expect(problems).toEqual([])
    expect(mappings.find((m) => m.hubspot === 'industry')?.values).toEqual({
      ...INDUSTRY_HUBSPOT_TO_SALESFORCE,
      COMPUTER_SOFTWARE: 'Technology',
      BANKING: 'Finance',
    })
  })

  it('an extra mapping to an Account field is added with its rule, values and truncate', () => {
    const extra = { ...tier, values: { gold: 'Gold' }, truncate: true }
    const { mappings, problems } = resolve([extra])
    expect(problems).toEqual([])
    expect(mappings.at(-1)).toEqual(extra)
  })

  it('B-OWN-12: the company owner keeps its locked rule; a configured override is refused as for contacts', () => {
    const { mappings, problems } = resolve([tier, { ...COMPANY_OWNER_MAPPING, rule: 'two-way' }])
    expect(problems).toEqual([
      {
        code: 'MAPPING_LOCKED',
        path: 'mappings.company[1]',
        message: '"hubspot_owner_id" is a locked mapping; its rule cannot change',
      },
    ])
    expect(mappings.find((m) => m.hubspot === 'hubspot_owner_id')).toEqual(COMPANY_OWNER_MAPPING)
  })

  it("B-MAP-6: an Account field and a property each appear in one company mapping only (a default's field included)", () => {
    const { mappings, problems } = resolve([
      tier,
      { ...tier, hubspot: 'segment' },
      {
        ...tier,
        hubspot: 'main_phone',
        hubspotType: 'text',
        salesforceType: 'phone',
        salesforce: { Account: 'Phone' },
      },
      { ...tier, salesforce: { Account: 'Level__c' } },
    ])
    expect(problems).toEqual([
      {
        code: 'MAPPING_ALREADY_MAPPED',
        path: 'mappings.company[1].salesforce.Account',
        message: 'Account.Tier__c is already mapped to "tier"',
      },
      {
        code: 'MAPPING_ALREADY_MAPPED',
        path: 'mappings.company[2].salesforce.Account',
        message: 'Account.Phone is already mapped to "phone"',
      },
      {
        code: 'MAPPING_ALREADY_MAPPED',
        path: 'mappings.company[3].hubspot',
        message: '"tier" is already mapped',
      },
    ])
    expect(mappings.filter((m) => !DEFAULT_COMPANY_MAPPINGS.includes(m))).toEqual([tier])
  })

  it('an unknown rule is reported at its path and the entry left out; the other entries still resolve', () => {
    const { mappings, problems } = resolve([
      { ...tier, rule: 'sometimes' },
      { ...defaultOf('phone'), rule: 'always' },
      { ...tier, hubspot: 'segment', salesforce: { Account: 'Segment__c' } },
    ])
    expect(problems).toEqual([
      { code: 'MAPPING_RULE_INVALID', path: 'mappings.company[0].rule', message: 'unknown rule "sometimes"' },
      { code: 'MAPPING_RULE_INVALID', path: 'mappings.company[1].rule', message: 'unknown rule "always"' },
    ])
    expect(mappings.some((m) => m.hubspot === 'tier')).toBe(false)
    expect(mappings.find((m) => m.hubspot === 'phone')?.rule).toBe('prefer-salesforce')
    expect(mappings.some((m) => m.hubspot === 'segment')).toBe(true)
  })

  it('B-MAP-5, B-MAP-7: an extra company mapping must be an allowed type pair and not a HubSpot user property', () => {
    const { problems } = resolve([
      { ...tier, hubspotType: 'number', salesforceType: 'string' },
      {
        ...tier,
        hubspot: 'csm',
        hubspotType: 'user',
        salesforceType: 'reference',
        salesforce: { Account: 'Csm__c' },
      },
      { ...tier, hubspot: 'nowhere', salesforce: {} },
    ])
    expect(problems).toEqual([
      {
        code: 'MAPPING_TYPE_MISMATCH',
        path: 'mappings.company[0]',
        message: 'type mismatch: number cannot map to string',
      },
      {
        code: 'MAPPING_USER_PROPERTY',
        path: 'mappings.company[1].hubspot',
        message: '"csm" is a HubSpot user property, which cannot be mapped',
      },
      {
        code: 'MAPPING_TYPE_MISMATCH',
        path: 'mappings.company[2].salesforce',
        message: 'name a field for Account',
      },
    ])
  })
})
