import { describe, expect, it } from 'vitest'

import type { CompanyWorld } from '../testing/index.js'
import {
  accountChange,
  actionsOf,
  addAccount,
  addCompany,
  addContact,
  companyChange,
  companyCycle,
  companyInput,
  createCompanyWorld,
  crmWrites,
  DEFAULT_COMPANY_SETTINGS,
} from '../testing/index.js'
import type { CompanyChange, CompanySyncSettings, PlanCompaniesInput } from './index.js'
import { planCompanies } from './index.js'

const T = 1_700_000_000_000

/** Asymmetric matchers typed as the text they stand for. */
const matching = (pattern: RegExp): string => expect.stringMatching(pattern) as string

const plan = (
  world: CompanyWorld,
  changes: readonly CompanyChange[],
  options: Partial<PlanCompaniesInput> = {},
) => planCompanies(companyInput(world, changes, { now: T, ...options })).actions

const withSettings = (settings: Partial<CompanySyncSettings>) => ({
  settings: { ...DEFAULT_COMPANY_SETTINGS, ...settings },
})

describe('companies: creation (behaviors.md 3)', () => {
  it('B-CMP-2: a new account with no contacts becomes a linked HubSpot company', () => {
    const world = createCompanyWorld()
    addAccount(world, '001A', {
      Name: 'Acme',
      Website: 'https://www.acme.com/',
      Phone: '+47 1',
      OwnerId: '005ANN',
    })
    const actions = plan(world, [accountChange('001A')])
    const [create] = actionsOf(actions, 'create-hubspot')
    expect(create).toMatchObject({
      salesforce: { type: 'Account', id: '001A' },
      values: { name: 'Acme', domain: 'acme.com', phone: '+47 1', hubspot_owner_id: '11' },
      reason: matching(/B-CMP-2/),
    })
    expect(actionsOf(actions, 'commit')).toMatchObject([{ hubspotId: null, salesforceId: '001A' }])
    expect(actionsOf(actions, 'requeue')).toEqual([])

    companyCycle(world, { companies: [accountChange('001A')] }, T)
    expect(world.companyLinks.map((l) => [l.salesforceId, l.state])).toEqual([['001A', 'active']])
    const again = plan(world, [accountChange('001A'), companyChange(world.companyLinks[0]!.hubspotId)])
    expect(crmWrites(again)).toEqual([])
  })

  it.each([
    {
      name: 'B-CMP-6: linked to a private Salesforce Contact',
      settings: {},
      contact: { salesforce: { id: '003K', accountId: null } },
      reason: /B-CMP-6/,
    },
    {
      name: 'B-CMP-5: a new contact created as a Contact (Contact mode)',
      settings: { createInSalesforceAs: 'contact' as const },
      contact: {},
      reason: /B-CMP-5\/7/,
    },
    {
      name: 'B-CMP-7: a contact in the contact inclusion list that syncs to a Contact',
      settings: { contactInclusionList: '42', createInSalesforceAs: 'contact' as const },
      contact: { eligible: true },
      reason: /B-CMP-5\/7/,
    },
  ])('$name qualifies an unlinked company for an account', ({ settings, contact, reason }) => {
    const world = createCompanyWorld()
    addCompany(world, 'H', { name: 'Acme' })
    addContact(world, 'C', { company: 'H', ...contact })
    const actions = plan(world, [companyChange('H')], withSettings(settings))
    expect(actionsOf(actions, 'create-salesforce')).toMatchObject([
      {
        hubspotId: 'H',
        salesforceType: 'Account',
        values: { Name: 'Acme' },
        reason: matching(reason),
      },
    ])
    expect(actionsOf(actions, 'commit')).toMatchObject([{ hubspotId: 'H', salesforceId: null }])
    // Its contacts' AccountId follows in pass 3.
    expect(actionsOf(actions, 'requeue')).toMatchObject([{ objectKind: 'contact-company', ids: ['C'] }])
  })

  it('B-CMP-6: the private Contact gets the new account in pass 3 of the same cycle', () => {
    const world = createCompanyWorld()
    addCompany(world, 'H', { name: 'Acme' })
    addContact(world, 'C', { company: 'H', salesforce: { id: '003K', accountId: null } })
    companyCycle(world, { companies: [companyChange('H')] }, T)
    const [link] = world.companyLinks
    expect(link).toMatchObject({ hubspotId: 'H', state: 'active' })
    expect(world.salesforceContacts.get('003K')?.accountId).toBe(link?.salesforceId)
  })

  it.each([
    { name: 'it has no contacts', settings: {}, contacts: [] },
    {
      name: 'all its contacts sync to Leads',
      settings: { createInSalesforceAs: 'lead' as const },
      contacts: [{ salesforce: { id: '00QL', type: 'Lead' as const } }, {}],
    },
    {
      name: 'none of its contacts is in the contact inclusion list',
      settings: { contactInclusionList: '42' },
      contacts: [{ eligible: false, salesforce: { id: '003K', accountId: null } }, { eligible: false }],
    },
    {
      // The Lead is in the list but has no account; the Contact-bound one is not in the list, so it does not sync.
      name: 'the contact in the list syncs to a Lead and the one that would be a Contact is not in the list',
      settings: { contactInclusionList: '42', createInSalesforceAs: 'contact' as const },
      contacts: [{ eligible: true, salesforce: { id: '00QL', type: 'Lead' as const } }, { eligible: false }],
    },
  ])('B-CMP-8: no account when $name', ({ settings, contacts }) => {
    const world = createCompanyWorld()
    addCompany(world, 'H', { name: 'Acme' })
    contacts.forEach((c, i) => addContact(world, `C${i}`, { company: 'H', ...c }))
    const actions = plan(world, [companyChange('H')], withSettings(settings))
    expect(actions).toEqual([{ kind: 'skip', side: 'hubspot', id: 'H', reason: 'company-not-qualified' }])
  })

  it('B-CMP-9: a manual resync creates the account of a company that does not qualify', () => {
    const world = createCompanyWorld()
    addCompany(world, 'H', { name: 'Lonely' })
    const actions = plan(world, [companyChange('H', 'resync')])
    expect(actionsOf(actions, 'create-salesforce')).toMatchObject([
      { hubspotId: 'H', values: { Name: 'Lonely' }, reason: matching(/B-CMP-9/) },
    ])
  })

  it('B-CMP-9: a company with no name gets the required-field placeholder as its account name', () => {
    const world = createCompanyWorld()
    addCompany(world, 'H', { domain: 'x.com' })
    const [create] = actionsOf(plan(world, [companyChange('H', 'resync')]), 'create-salesforce')
    expect(create?.values).toMatchObject({ Name: '[not provided]', Website: 'x.com' })
  })

  it('B-CMP-10: an account named like an unlinked company with the same website gets a new company', () => {
    const world = createCompanyWorld()
    addCompany(world, 'H', { name: 'Acme', domain: 'acme.com' })
    addAccount(world, '001A', { Name: 'Acme', Website: 'https://acme.com' })
    const actions = plan(world, [accountChange('001A'), companyChange('H')])
    expect(actionsOf(actions, 'link')).toEqual([])
    expect(actionsOf(actions, 'create-hubspot')).toMatchObject([{ salesforce: { id: '001A' } }])
    expect(actionsOf(actions, 'skip')).toEqual([
      { kind: 'skip', side: 'hubspot', id: 'H', reason: 'company-not-qualified' },
    ])
    companyCycle(world, { companies: [accountChange('001A'), companyChange('H')] }, T)
    expect(world.companies.size).toBe(2)
    expect(world.companyLinks.map((l) => l.hubspotId)).not.toContain('H')
  })

  it('B-CMP-15: a company outside the company inclusion list gets no account, even when it qualifies', () => {
    const world = createCompanyWorld()
    addCompany(world, 'H', { name: 'Acme' })
    addContact(world, 'C', { company: 'H', salesforce: { id: '003K', accountId: null } })
    const settings = withSettings({ inclusionList: '7' })
    expect(plan(world, [companyChange('H')], settings)).toEqual([
      { kind: 'skip', side: 'hubspot', id: 'H', reason: 'not-in-company-list' },
    ])
    expect(plan(world, [companyChange('H', 'resync')], settings)).toEqual([
      { kind: 'skip', side: 'hubspot', id: 'H', reason: 'not-in-company-list' },
    ])
    world.companyListMembers.add('H')
    expect(actionsOf(plan(world, [companyChange('H')], settings), 'create-salesforce')).toHaveLength(1)
  })

  it.each([
    { owner: '12', expected: '005BOB', why: 'the matched HubSpot owner' },
    { owner: '14', expected: '005INTEGRATION', why: 'the integration user (no Salesforce match)' },
    { owner: null, expected: '005INTEGRATION', why: 'the integration user (unowned, B-OWN-11)' },
  ])('B-OWN-8: an account created from a company owned by $owner is owned by $why', ({ owner, expected }) => {
    const world = createCompanyWorld()
    addCompany(world, 'H', { name: 'Acme', hubspot_owner_id: owner })
    const [create] = actionsOf(plan(world, [companyChange('H', 'resync')]), 'create-salesforce')
    expect(create?.owner).toMatchObject({ ownerId: expected, useAssignmentRules: false })
    expect(create?.values['OwnerId']).toBe(expected)
  })

  it('B-PA-1/2: an unlinked person account becomes one company named after the person', () => {
    const world = createCompanyWorld()
    addAccount(world, '001P', { Name: 'Jo Doe' }, { personContactId: '003P' })
    // Even a free company of a contact in the account's list would not take a person account.
    addCompany(world, 'H', { name: 'Other' })
    addContact(world, 'C', { company: 'H', salesforce: { id: '003K', accountId: '001P' } })
    const actions = plan(world, [accountChange('001P')])
    expect(actionsOf(actions, 'link')).toEqual([])
    expect(actionsOf(actions, 'create-hubspot')).toMatchObject([
      { salesforce: { id: '001P' }, values: { name: 'Jo Doe' }, reason: matching(/B-PA-1\/2/) },
    ])
  })

  it('B-PA-1: person accounts are skipped while creating HubSpot records from Salesforce is off', () => {
    const world = createCompanyWorld()
    addAccount(world, '001P', { Name: 'Jo Doe' }, { personContactId: '003P' })
    addAccount(world, '001B', { Name: 'Business' })
    const actions = plan(
      world,
      [accountChange('001P'), accountChange('001B')],
      withSettings({ createInHubSpot: false }),
    )
    expect(actionsOf(actions, 'skip')).toEqual([
      { kind: 'skip', side: 'salesforce', id: '001P', reason: 'person-account-companies-off' },
    ])
    // Business accounts are not person accounts: they still become companies (B-CMP-2).
    expect(actionsOf(actions, 'create-hubspot').map((a) => a.salesforce.id)).toEqual(['001B'])
  })

  it('B-INST-7: while paused every change is skipped and nothing is written', () => {
    const world = createCompanyWorld()
    addAccount(world, '001A', { Name: 'Acme' })
    addCompany(world, 'H', { name: 'Acme' })
    expect(plan(world, [accountChange('001A'), companyChange('H', 'resync')], { paused: true })).toEqual([
      { kind: 'skip', side: 'salesforce', id: '001A', reason: 'paused' },
      { kind: 'skip', side: 'hubspot', id: 'H', reason: 'paused' },
    ])
  })
})
