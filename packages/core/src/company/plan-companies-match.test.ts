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
  linkCompany,
} from '../testing/index.js'
import type { CompanyChange, PlanCompaniesInput } from './index.js'
import { AUTO_CREATED_COMPANY_SOURCE, planCompanies } from './index.js'

const T = 1_700_000_000_000

/** Asymmetric matchers typed as the text they stand for. */
const matching = (pattern: RegExp): string => expect.stringMatching(pattern) as string

const plan = (
  world: CompanyWorld,
  changes: readonly CompanyChange[],
  options: Partial<PlanCompaniesInput> = {},
) => planCompanies(companyInput(world, changes, { now: T, ...options })).actions

const reuse = (on: boolean) => ({ settings: { ...DEFAULT_COMPANY_SETTINGS, reuseAutoCreatedCompany: on } })

/** Unlinked company H with contact C, whose Salesforce Contact K belongs to the unlinked account A. */
function sharedContact(company: Record<string, string> = {}): CompanyWorld {
  const world = createCompanyWorld()
  addCompany(world, 'H', { name: 'Acme HS', ...company })
  addAccount(world, '001A', { Name: 'Acme', OwnerId: '005ANN' })
  addContact(world, 'C', { company: 'H', salesforce: { id: '003K', accountId: '001A' } })
  return world
}

/** H1 <-> A1 and H2 <-> A2, both synced. */
function twoPairs(): CompanyWorld {
  const world = createCompanyWorld()
  addCompany(world, 'H1', { name: 'One' })
  addCompany(world, 'H2', { name: 'Two' })
  addAccount(world, '001A1', { Name: 'One' })
  addAccount(world, '001A2', { Name: 'Two' })
  linkCompany(world, 'H1', '001A1')
  linkCompany(world, 'H2', '001A2')
  companyCycle(world, { companies: [companyChange('H1'), companyChange('H2')] }, T)
  return world
}

describe('companies: matching through shared contacts (behaviors.md 3)', () => {
  it('B-CMP-4: an unlinked account joins the company its contacts are associated with; no new company', () => {
    const world = sharedContact()
    const actions = plan(world, [accountChange('001A')])
    expect(actionsOf(actions, 'create-hubspot')).toEqual([])
    expect(actionsOf(actions, 'link')).toMatchObject([
      {
        hubspotId: 'H',
        salesforce: { type: 'Account', id: '001A' },
        reason: matching(/B-CMP-4/),
      },
    ])
    // A new link: Salesforce's non-blank name wins (prefer-salesforce).
    expect(actionsOf(actions, 'update-hubspot')).toMatchObject([{ hubspotId: 'H', values: { name: 'Acme' } }])
    expect(actionsOf(actions, 'requeue')).toMatchObject([{ objectKind: 'contact-company', ids: ['C'] }])
    companyCycle(world, { companies: [accountChange('001A')] }, T)
    expect(world.companies.size).toBe(1)
    expect(crmWrites(plan(world, [accountChange('001A'), companyChange('H')]))).toEqual([])
  })

  it("B-CMP-4: an account matched to its contacts' company sends that company's waiting contacts to pass 3 too", () => {
    const world = sharedContact()
    // D is in H too, with a private Contact, out of the inclusion list: H does not qualify on its own, D waits.
    addContact(world, 'D', { company: 'H', eligible: false, salesforce: { id: '003D', accountId: null } })
    const actions = plan(world, [accountChange('001A')])
    expect(actionsOf(actions, 'requeue').flatMap((r) => r.ids)).toEqual(expect.arrayContaining(['C', 'D']))
    companyCycle(world, { companies: [accountChange('001A')] }, T)
    expect(world.salesforceContacts.get('003D')?.accountId).toBe('001A')
  })

  it('B-CMP-12: an unlinked company whose contact belongs to an unlinked account is linked to it', () => {
    const world = sharedContact()
    const actions = plan(world, [companyChange('H')])
    expect(actionsOf(actions, 'create-salesforce')).toEqual([])
    expect(actionsOf(actions, 'link')).toMatchObject([{ hubspotId: 'H', salesforce: { id: '001A' } }])
    expect(actionsOf(actions, 'requeue')).toMatchObject([{ objectKind: 'contact-company', ids: ['C'] }])
  })

  it('B-CMP-12: a linked Contact in an unlinked account, its HubSpot contact with no company, gets a new company', () => {
    const world = createCompanyWorld()
    addAccount(world, '001A', { Name: 'Acme' })
    addContact(world, 'C', { company: null, salesforce: { id: '003K', accountId: '001A' } })
    const cycle = companyCycle(world, { companies: [accountChange('001A')] }, T)
    expect(actionsOf(cycle.companyPlans[0] ?? [], 'create-hubspot')).toHaveLength(1)
    const company = world.companyLinks[0]?.hubspotId
    expect(company).toBeDefined()
    expect(actionsOf(cycle.associationPlans[0] ?? [], 'set-primary-company')).toMatchObject([
      { hubspotId: 'C', companyId: company },
    ])
    expect(world.contacts.get('C')?.primaryCompanyId).toBe(company)
  })

  it('B-CMP-11: a linked company never re-pairs, whichever account its contacts belong to', () => {
    const world = twoPairs()
    // C is associated with H1 in HubSpot while its Contact belongs to A2 (linked to H2) and A3 (unlinked).
    addAccount(world, '001A3', { Name: 'Three' })
    addContact(world, 'C', { company: 'H1', salesforce: { id: '003K', accountId: '001A2' } })
    addContact(world, 'D', { company: 'H1', salesforce: { id: '003L', accountId: '001A3' } })
    const actions = plan(world, [companyChange('H1'), accountChange('001A3'), accountChange('001A2')])
    expect(actionsOf(actions, 'link')).toEqual([])
    expect(actionsOf(actions, 'relink')).toEqual([])
    // A3's contact's company is H1, which is paired: A3 gets its own company.
    expect(actionsOf(actions, 'create-hubspot').map((a) => a.salesforce.id)).toEqual(['001A3'])
  })

  it('B-CMP-13: an account does not match the company HubSpot auto-created unless reuseAutoCreatedCompany', () => {
    const auto = { hs_object_source: AUTO_CREATED_COMPANY_SOURCE }
    const off = plan(sharedContact(auto), [accountChange('001A')], reuse(false))
    expect(actionsOf(off, 'link')).toEqual([])
    expect(actionsOf(off, 'create-hubspot')).toMatchObject([{ salesforce: { id: '001A' } }])
    const on = plan(sharedContact(auto), [accountChange('001A')], reuse(true))
    expect(actionsOf(on, 'create-hubspot')).toEqual([])
    expect(actionsOf(on, 'link')).toMatchObject([{ hubspotId: 'H', salesforce: { id: '001A' } }])
    // A company another source made is matched either way.
    expect(actionsOf(plan(sharedContact(), [accountChange('001A')], reuse(false)), 'link')).toHaveLength(1)
  })

  it('B-CMP-13: the auto-created company planned first is not matched to the account either', () => {
    const auto = { hs_object_source: AUTO_CREATED_COMPANY_SOURCE }
    for (const order of [
      [companyChange('H'), accountChange('001A')],
      [accountChange('001A'), companyChange('H')],
    ]) {
      expect(actionsOf(plan(sharedContact(auto), order, reuse(false)), 'link')).toEqual([])
      expect(actionsOf(plan(sharedContact(auto), order, reuse(true)), 'link')).toMatchObject([
        { hubspotId: 'H', salesforce: { id: '001A' } },
      ])
    }
  })

  it('B-OWN-9: a company linking to an account with an active owner takes the Salesforce owner, then the newest wins', () => {
    for (const change of [accountChange('001A'), companyChange('H')]) {
      const world = sharedContact({ hubspot_owner_id: '12' })
      const actions = plan(world, [change])
      expect(actionsOf(actions, 'update-hubspot')[0]?.values).toMatchObject({ hubspot_owner_id: '11' })
      expect(actionsOf(actions, 'update-salesforce')).toEqual([])
      companyCycle(world, { companies: [change] }, T)
      world.companies.get('H')!.properties['hubspot_owner_id'] = '13'
      const later = plan(world, [companyChange('H')], { now: T + 1000 })
      expect(actionsOf(later, 'update-salesforce')).toMatchObject([{ values: { OwnerId: '005CID' } }])
    }
  })

  it('B-CMP-15: the company inclusion list gates both directions of a linked pair', () => {
    const world = twoPairs()
    world.companies.get('H1')!.properties['description'] = 'Big'
    world.accounts.get('001A1')!.fields['Phone'] = '555'
    const settings = { settings: { ...DEFAULT_COMPANY_SETTINGS, inclusionList: '7' } }
    const outside = plan(world, [companyChange('H1'), accountChange('001A1')], settings)
    expect(outside).toEqual([{ kind: 'skip', side: 'hubspot', id: 'H1', reason: 'not-in-company-list' }])
    const fromSalesforce = plan(world, [accountChange('001A1')], settings)
    expect(fromSalesforce).toEqual([
      { kind: 'skip', side: 'salesforce', id: '001A1', reason: 'not-in-company-list' },
    ])
    world.companyListMembers.add('H1')
    const member = plan(world, [companyChange('H1'), accountChange('001A1')], settings)
    expect(actionsOf(member, 'update-salesforce')).toMatchObject([{ values: { Description: 'Big' } }])
    expect(actionsOf(member, 'update-hubspot')).toMatchObject([{ values: { phone: '555' } }])
  })

  it('plans every pair once per batch, however often and from whichever side it arrives', () => {
    const world = twoPairs()
    world.companies.get('H1')!.properties['description'] = 'Big'
    world.accounts.get('001A1')!.fields['Phone'] = '555'
    const linked = plan(world, [
      companyChange('H1'),
      accountChange('001A1'),
      companyChange('H1'),
      accountChange('001A1'),
    ])
    expect(actionsOf(linked, 'commit')).toHaveLength(1)
    expect(actionsOf(linked, 'update-salesforce')).toHaveLength(1)
    expect(actionsOf(linked, 'update-hubspot')).toHaveLength(1)

    const matched = plan(sharedContact(), [companyChange('H'), accountChange('001A'), companyChange('H')])
    expect(actionsOf(matched, 'link')).toHaveLength(1)
    expect(actionsOf(matched, 'commit')).toHaveLength(1)
    expect(crmWrites(matched).filter((a) => a.kind.startsWith('create'))).toEqual([])

    const resynced = createCompanyWorld()
    addCompany(resynced, 'H', { name: 'Lonely' })
    const created = plan(resynced, [companyChange('H', 'resync'), companyChange('H', 'resync')])
    expect(actionsOf(created, 'create-salesforce')).toHaveLength(1)
  })
})
