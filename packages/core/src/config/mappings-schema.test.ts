import { describe, expect, it } from 'vitest'

import { minimalConfig, parseValid, problemsOf } from './config-test-helpers.js'
import { CONFIGURABLE_RULES } from './mappings-schema.js'
import { parseConfig } from './parse-config.js'

function withMappings(mappings: unknown, settings: unknown = {}): Record<string, unknown> {
  return { ...minimalConfig(), mappings, settings }
}

const COMPANIES_ON = { companies: { sync: true } }

describe('mappings', () => {
  it.each(CONFIGURABLE_RULES)('accepts the rule %s', (rule) => {
    const [mapping] = parseValid(
      withMappings({ contact: [{ hubspot: 'favorite_color', salesforce: 'Favorite_Color__c', rule }] }),
    ).mappings.contact
    expect(mapping?.rule).toBe(rule)
  })

  it('defaults the rule to prefer-salesforce and spreads one field name over Lead and Contact (B-CON-13)', () => {
    const [mapping] = parseValid(withMappings({ contact: [{ hubspot: 'jobtitle', salesforce: 'Title' }] }))
      .mappings.contact
    expect(mapping).toEqual({
      hubspot: 'jobtitle',
      salesforce: { Lead: 'Title', Contact: 'Title' },
      rule: 'prefer-salesforce',
      truncate: false,
    })
  })

  it('a list with every entry commented out (YAML null) means no extra mappings', () => {
    expect(parseValid(withMappings({ contact: null })).mappings.contact).toEqual([])
  })

  it('keeps a per-type field map as written', () => {
    const salesforce = { Lead: 'Company' }
    const [mapping] = parseValid(withMappings({ contact: [{ hubspot: 'company', salesforce }] })).mappings
      .contact
    expect(mapping?.salesforce).toEqual({ Lead: 'Company' })
  })

  it.each(['owner', 'opt-out'])('refuses the locked rule %s', (rule) => {
    expect(problemsOf(withMappings({ contact: [{ hubspot: 'x_y', salesforce: 'X__c', rule }] }))).toEqual([
      `mappings.contact[0].rule: rule "${rule}" is locked: crmsync applies it to its own fixed mapping only`,
    ])
  })

  it('names the allowed rules for an unknown one', () => {
    expect(
      problemsOf(withMappings({ contact: [{ hubspot: 'x_y', salesforce: 'X__c', rule: 'sf-wins' }] })),
    ).toEqual([
      'mappings.contact[0].rule: must be one of two-way, prefer-salesforce, always-salesforce, none',
    ])
  })

  it('B-OPT-1/B-OWN: refuses to remap the fixed owner and opt-out mappings', () => {
    expect(
      problemsOf(
        withMappings({
          contact: [
            { hubspot: 'hs_email_optout', salesforce: 'Opt_Out__c', rule: 'two-way' },
            { hubspot: 'my_owner', salesforce: { Contact: 'OwnerId' } },
          ],
        }),
      ),
    ).toEqual([
      'mappings.contact[0].hubspot: hs_email_optout is mapped by crmsync with the locked rule opt-out',
      'mappings.contact[1].salesforce: Contact.OwnerId is mapped by crmsync with the locked rule owner',
    ])
  })

  it('B-MAP-6: a property and a field appear in one mapping per object only', () => {
    expect(
      problemsOf(
        withMappings({
          contact: [
            { hubspot: 'jobtitle', salesforce: 'Title' },
            { hubspot: 'jobtitle', salesforce: 'Department' },
            { hubspot: 'role', salesforce: { Contact: 'Title' } },
          ],
        }),
      ),
    ).toEqual([
      'mappings.contact[1].hubspot: jobtitle is already mapped at mappings.contact[0] (B-MAP-6)',
      'mappings.contact[2].salesforce: Contact.Title is already mapped at mappings.contact[0] (B-MAP-6)',
    ])
  })

  it('B-DEAL-11 / B-INST-10: deal mappings name an Opportunity field and need settings.deals.sync on', () => {
    const deal = [{ hubspot: 'deal_source', salesforce: 'LeadSource', rule: 'two-way' }]
    expect(problemsOf(withMappings({ deal }, COMPANIES_ON))).toEqual([
      'mappings.deal: deal mappings need settings.deals.sync: true (B-INST-10)',
    ])
    const on = parseValid(withMappings({ deal }, { ...COMPANIES_ON, deals: { sync: true } }))
    expect(on.mappings.deal).toMatchObject([
      { hubspot: 'deal_source', salesforce: { Opportunity: 'LeadSource' }, rule: 'two-way' },
    ])
    const empty = parseValid(withMappings({ company: [], deal: null }))
    expect(empty.mappings).toMatchObject({ company: [], deal: [] })
  })

  it('company mappings name an Account field, plainly or as { Account: Field }, with the rule and options of a contact mapping', () => {
    const company = [
      { hubspot: 'tier', salesforce: 'Tier__c', rule: 'two-way', values: { gold: 'Gold' } },
      { hubspot: 'phone', salesforce: { Account: 'Phone' }, rule: 'always-salesforce', truncate: 'true' },
    ]
    expect(parseValid(withMappings({ company }, COMPANIES_ON)).mappings.company).toEqual([
      {
        hubspot: 'tier',
        salesforce: { Account: 'Tier__c' },
        rule: 'two-way',
        values: { gold: 'Gold' },
        truncate: false,
      },
      { hubspot: 'phone', salesforce: { Account: 'Phone' }, rule: 'always-salesforce', truncate: true },
    ])
  })

  it('B-INST-10: company mappings need settings.companies.sync on; an empty list does not', () => {
    const company = [{ hubspot: 'tier', salesforce: 'Tier__c' }]
    expect(problemsOf(withMappings({ company }))).toEqual([
      'mappings.company: company mappings need settings.companies.sync: true (B-INST-10)',
    ])
    const result = parseConfig(withMappings({ company }, { companies: { sync: false } }))
    if (result.ok) return expect.fail('accepted')
    expect(result.issues.map((issue) => issue.code)).toEqual(['cross-field'])
    expect(parseValid(withMappings({ company: [] })).mappings.company).toEqual([])
    const listed = {
      connections: [{ id: 'eu', ...withMappings({ company }, { companies: { sync: 'false' } }) }],
    }
    expect(problemsOf(listed)).toEqual([
      'connections[0].mappings.company: company mappings need settings.companies.sync: true (B-INST-10)',
    ])
  })

  it('B-MAP-6, locked mappings and unknown rules in mappings.company are reported with their paths', () => {
    const company = [
      { hubspot: 'tier', salesforce: 'Tier__c' },
      { hubspot: 'tier', salesforce: 'Level__c' },
      { hubspot: 'segment', salesforce: { Account: 'Tier__c' } },
      { hubspot: 'hubspot_owner_id', salesforce: 'Owner__c' },
      { hubspot: 'account_owner', salesforce: 'OwnerId' },
      { hubspot: 'rating', salesforce: 'Rating', rule: 'sf-wins' },
      { hubspot: 'site', salesforce: { Lead: 'Site' } },
    ]
    expect(problemsOf(withMappings({ company }, COMPANIES_ON))).toEqual([
      'mappings.company[5].rule: must be one of two-way, prefer-salesforce, always-salesforce, none',
      'mappings.company[6].salesforce.Lead: unknown key',
      'mappings.company[6].salesforce: name a field for Account',
      'mappings.company[1].hubspot: tier is already mapped at mappings.company[0] (B-MAP-6)',
      'mappings.company[2].salesforce: Account.Tier__c is already mapped at mappings.company[0] (B-MAP-6)',
      'mappings.company[3].hubspot: hubspot_owner_id is mapped by crmsync with the locked rule owner',
      'mappings.company[4].salesforce: Account.OwnerId is mapped by crmsync with the locked rule owner',
    ])
  })

  it('refuses a Salesforce type the object does not pair with, and bad names', () => {
    expect(
      problemsOf(
        withMappings({
          contact: [
            { hubspot: 'x', salesforce: { Account: 'Name' } },
            { hubspot: 'Bad Name', salesforce: 'Title', truncate: 'yes' },
          ],
        }),
      ),
    ).toEqual([
      'mappings.contact[0].salesforce.Account: unknown key',
      'mappings.contact[0].salesforce: name a field for Lead or Contact',
      'mappings.contact[1].hubspot: must be a HubSpot property internal name such as jobtitle',
      'mappings.contact[1].truncate: expected boolean, got "yes"',
    ])
  })
})
