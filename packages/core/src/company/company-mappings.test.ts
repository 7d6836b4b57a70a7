import { describe, expect, it } from 'vitest'

import type { RawValue } from '../canonical/index.js'
import type { CompanyWorld } from '../testing/index.js'
import {
  accountChange,
  actionsOf,
  addAccount,
  addCompany,
  companyChange,
  companyCycle,
  companyInput,
  createCompanyWorld,
  crmWrites,
  linkCompany,
} from '../testing/index.js'
import type { CompanyChange } from './index.js'
import { DEFAULT_COMPANY_MAPPINGS, INDUSTRY_HUBSPOT_TO_SALESFORCE, planCompanies } from './index.js'

const T = 1_700_000_000_000

const plan = (world: CompanyWorld, changes: readonly CompanyChange[], now = T) =>
  planCompanies(companyInput(world, changes, { now })).actions

/** H <-> A, synced once with these values. */
function pair(hubspot: Record<string, RawValue>, salesforce: Record<string, RawValue>): CompanyWorld {
  const world = createCompanyWorld()
  addCompany(world, 'H', { name: 'Acme', ...hubspot })
  addAccount(world, '001A', { Name: 'Acme', ...salesforce })
  linkCompany(world, 'H', '001A')
  companyCycle(world, { companies: [companyChange('H')] }, T)
  return world
}

const both = [companyChange('H'), accountChange('001A')]

describe('companies: the default mappings (design.md 3.3)', () => {
  it('maps name, domain, phone, billing address, industry, employees, revenue, description and the owner', () => {
    expect(DEFAULT_COMPANY_MAPPINGS.map((m) => [m.hubspot, m.salesforce.Account, m.rule])).toEqual([
      ['name', 'Name', 'prefer-salesforce'],
      ['domain', 'Website', 'prefer-salesforce'],
      ['phone', 'Phone', 'prefer-salesforce'],
      ['address', 'BillingStreet', 'prefer-salesforce'],
      ['city', 'BillingCity', 'prefer-salesforce'],
      ['state', 'BillingState', 'prefer-salesforce'],
      ['zip', 'BillingPostalCode', 'prefer-salesforce'],
      ['country', 'BillingCountry', 'prefer-salesforce'],
      ['industry', 'Industry', 'prefer-salesforce'],
      ['numberofemployees', 'NumberOfEmployees', 'prefer-salesforce'],
      ['annualrevenue', 'AnnualRevenue', 'prefer-salesforce'],
      ['description', 'Description', 'prefer-salesforce'],
      ['hubspot_owner_id', 'OwnerId', 'owner'],
    ])
  })

  it('domain <-> Website: a URL reaches HubSpot as its host name', () => {
    const world = createCompanyWorld()
    addAccount(world, '001A', { Name: 'Acme', Website: 'HTTPS://www.Acme.com/about?x=1' })
    const [create] = actionsOf(plan(world, [accountChange('001A')]), 'create-hubspot')
    expect(create?.values['domain']).toBe('acme.com')
  })

  it('domain <-> Website: a company domain reaches Salesforce, and neither form flips the other', () => {
    const world = pair({}, {})
    world.companies.get('H')!.properties['domain'] = 'beta.io'
    expect(actionsOf(plan(world, both, T + 1000), 'update-salesforce')).toMatchObject([
      { values: { Website: 'beta.io' } },
    ])
    companyCycle(world, { companies: both }, T + 1000)
    // Someone writes the same site as a URL in Salesforce, then HubSpot's domain is re-saved: no write.
    world.accounts.get('001A')!.fields['Website'] = 'http://www.beta.io/'
    expect(crmWrites(plan(world, both, T + 2000))).toEqual([])
    companyCycle(world, { companies: both }, T + 2000)
    world.companies.get('H')!.properties['domain'] = 'BETA.io'
    expect(crmWrites(plan(world, both, T + 3000))).toEqual([])
    expect(world.accounts.get('001A')!.fields['Website']).toBe('http://www.beta.io/')
  })

  it.each(Object.entries(INDUSTRY_HUBSPOT_TO_SALESFORCE))(
    'industry: HubSpot %s is Salesforce %s, both ways',
    (hubspot, salesforce) => {
      const fromHubSpot = pair({}, {})
      fromHubSpot.companies.get('H')!.properties['industry'] = hubspot
      expect(actionsOf(plan(fromHubSpot, both, T + 1000), 'update-salesforce')).toMatchObject([
        { values: { Industry: salesforce } },
      ])
      const fromSalesforce = pair({}, {})
      fromSalesforce.accounts.get('001A')!.fields['Industry'] = salesforce
      expect(actionsOf(plan(fromSalesforce, both, T + 1000), 'update-hubspot')).toMatchObject([
        { values: { industry: hubspot } },
      ])
      // Once synced, the two codes agree: no further write.
      companyCycle(fromSalesforce, { companies: both }, T + 1000)
      expect(crmWrites(plan(fromSalesforce, both, T + 2000))).toEqual([])
    },
  )

  it('industry: a HubSpot code outside the table goes as is, for Salesforce to refuse (a values: entry fixes it)', () => {
    const world = pair({}, {})
    world.companies.get('H')!.properties['industry'] = 'COMPUTER_GAMES'
    expect(actionsOf(plan(world, both, T + 1000), 'update-salesforce')).toMatchObject([
      { values: { Industry: 'COMPUTER_GAMES' } },
    ])
  })

  it('numberofemployees: a whole number both ways, a fraction rounded once and never flip-flopping', () => {
    const world = createCompanyWorld()
    addAccount(world, '001A', { Name: 'Acme', NumberOfEmployees: 250 })
    const [create] = actionsOf(plan(world, [accountChange('001A')]), 'create-hubspot')
    expect(create?.values['numberofemployees']).toBe('250')

    const synced = pair({}, {})
    synced.companies.get('H')!.properties['numberofemployees'] = '12.6'
    expect(actionsOf(plan(synced, both, T + 1000), 'update-salesforce')).toMatchObject([
      { values: { NumberOfEmployees: 13 } },
    ])
    companyCycle(synced, { companies: both }, T + 1000)
    expect(crmWrites(plan(synced, both, T + 2000))).toEqual([])
    synced.accounts.get('001A')!.fields['NumberOfEmployees'] = 40
    expect(actionsOf(plan(synced, both, T + 3000), 'update-hubspot')).toMatchObject([
      { values: { numberofemployees: '40' } },
    ])
  })
})
