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
  linkCompany,
} from '../testing/index.js'
import type { CompanyChange, PlanCompaniesInput } from './index.js'
import { planCompanies } from './index.js'

const T = 1_700_000_000_000

const plan = (
  world: CompanyWorld,
  changes: readonly CompanyChange[],
  options: Partial<PlanCompaniesInput> = {},
) => planCompanies(companyInput(world, changes, { now: T, ...options })).actions

const cycle = (
  world: CompanyWorld,
  changes: readonly CompanyChange[],
  options: Partial<PlanCompaniesInput> = {},
) => companyCycle(world, { companies: changes }, T + 1000, options).companyPlans.flat()

/** H1 <-> A1 and H2 <-> A2, both synced, and the unlinked account A3. */
function world(): CompanyWorld {
  const w = createCompanyWorld()
  addCompany(w, 'H1', { name: 'One' })
  addCompany(w, 'H2', { name: 'Two' })
  addAccount(w, '001A1', { Name: 'One' })
  addAccount(w, '001A2', { Name: 'Two' })
  addAccount(w, '001A3', { Name: 'Three' })
  linkCompany(w, 'H1', '001A1')
  linkCompany(w, 'H2', '001A2')
  companyCycle(w, { companies: [companyChange('H1'), companyChange('H2')] }, T)
  return w
}

const linksOf = (w: CompanyWorld) => w.companyLinks.map((l) => [l.hubspotId, l.salesforceId, l.state])

describe('companies: deletes and merges (behaviors.md 3, design.md 3.4)', () => {
  it('a deleted account tombstones its link and keeps the company; a later company edit creates nothing', () => {
    const w = world()
    w.accounts.delete('001A1')
    const actions = cycle(w, [accountChange('001A1', 'deleted')])
    expect(crmWrites(actions)).toEqual([])
    expect(actionsOf(actions, 'link-state')).toMatchObject([
      { hubspotId: 'H1', salesforce: { id: '001A1' }, state: 'tombstoned' },
    ])
    expect(w.companies.has('H1')).toBe(true)
    w.companies.get('H1')!.properties['name'] = 'One again'
    expect(plan(w, [companyChange('H1'), companyChange('H1', 'resync')])).toEqual([
      { kind: 'skip', side: 'hubspot', id: 'H1', reason: 'link-tombstoned' },
    ])
  })

  it('a deleted account that was never linked is skipped', () => {
    const w = world()
    w.accounts.delete('001A3')
    expect(plan(w, [accountChange('001A3', 'deleted')])).toEqual([
      { kind: 'skip', side: 'salesforce', id: '001A3', reason: 'not-linked' },
    ])
  })

  it('a merged-away account hands its company to an unlinked survivor', () => {
    const w = world()
    w.accounts.delete('001A1')
    const actions = cycle(w, [accountChange('001A1', 'deleted', '001A3')])
    expect(actionsOf(actions, 'relink')).toMatchObject([
      {
        from: { hubspotId: 'H1', salesforce: { id: '001A1' } },
        to: { hubspotId: 'H1', salesforce: { id: '001A3' } },
      },
    ])
    expect(actionsOf(actions, 'create-hubspot')).toEqual([])
    expect(linksOf(w)).toContainEqual(['H1', '001A3', 'active'])
    expect(w.companies.get('H1')?.properties['salesforceaccountid']).toBe('001A3')
    // The company takes the survivor's values in the same plan, and the pair goes on syncing.
    expect(actionsOf(actions, 'update-hubspot')).toMatchObject([
      { hubspotId: 'H1', values: { name: 'Three' } },
    ])
    expect(crmWrites(plan(w, [accountChange('001A3'), companyChange('H1')]))).toEqual([])
  })

  it('a merged-away account whose link never synced hands its company over as a first sync', () => {
    const w = createCompanyWorld()
    addCompany(w, 'H1', { name: 'One' })
    addAccount(w, '001A3', { Name: 'Three' })
    linkCompany(w, 'H1', '001A1')
    const actions = cycle(w, [accountChange('001A1', 'deleted', '001A3')])
    expect(actionsOf(actions, 'relink')).toHaveLength(1)
    expect(actionsOf(actions, 'update-hubspot')).toMatchObject([
      { hubspotId: 'H1', values: { name: 'Three' } },
    ])
  })

  it('a merged-away account breaks its link when the survivor is linked to another company', () => {
    const w = world()
    w.accounts.delete('001A1')
    const actions = cycle(w, [accountChange('001A1', 'deleted', '001A2')])
    expect(crmWrites(actions)).toEqual([])
    expect(actionsOf(actions, 'relink')).toEqual([])
    expect(linksOf(w)).toEqual([
      ['H1', '001A1', 'broken'],
      ['H2', '001A2', 'active'],
    ])
    expect(w.companies.has('H1')).toBe(true)
    expect(plan(w, [companyChange('H1')])).toEqual([
      { kind: 'skip', side: 'hubspot', id: 'H1', reason: 'link-broken' },
    ])
  })

  it('a HubSpot company merge re-keys the link to the survivor (read as merged, or by the link property it kept)', () => {
    for (const carried of [false, true]) {
      const w = world()
      addCompany(w, 'H9', { name: 'Nine' })
      w.companies.delete('H1')
      if (carried) {
        const survivor = w.companies.get('H9')!
        survivor.properties['salesforceaccountid'] = '001A1'
        survivor.mergedObjectIds = ['H1']
      } else w.mergedInto.set('H1', 'H9')
      const actions = cycle(w, [companyChange('H9')])
      expect(actionsOf(actions, 'rekey')).toMatchObject([
        { from: 'H1', to: 'H9', salesforce: { type: 'Account', id: '001A1' } },
      ])
      expect(actionsOf(actions, 'create-salesforce')).toEqual([])
      expect(linksOf(w)).toContainEqual(['H9', '001A1', 'active'])
      // The pair syncs in the same plan: Salesforce's name wins over the survivor's (prefer-salesforce).
      expect(actionsOf(actions, 'update-hubspot')).toMatchObject([
        { hubspotId: 'H9', values: { name: 'One' } },
      ])
    }
  })

  it('an account merged into one whose company was deleted breaks its link: the tombstoned account never pairs again', () => {
    const w = world()
    w.companies.delete('H1')
    cycle(w, [companyChange('H1', 'deleted')])
    w.accounts.delete('001A2')
    const actions = cycle(w, [accountChange('001A2', 'deleted', '001A1'), accountChange('001A1')])
    expect(actionsOf(actions, 'relink')).toEqual([])
    expect(crmWrites(actions)).toEqual([])
    expect(linksOf(w)).toEqual([
      ['H1', '001A1', 'tombstoned'],
      ['H2', '001A2', 'broken'],
    ])
  })

  it("a HubSpot merge that re-keys the link sends the survivor's waiting contacts to pass 3", () => {
    const w = world()
    addCompany(w, 'H9', { name: 'Nine' })
    // D is in H9, which has no account yet: D waits for it (its Contact is private, and not in the list).
    addContact(w, 'D', { company: 'H9', eligible: false, salesforce: { id: '003D', accountId: null } })
    companyCycle(w, { contacts: ['D'] }, T)
    expect(w.salesforceContacts.get('003D')?.accountId).toBeNull()
    w.companies.delete('H1')
    w.mergedInto.set('H1', 'H9')
    const actions = cycle(w, [companyChange('H9')])
    expect(actionsOf(actions, 'requeue')).toMatchObject([{ objectKind: 'contact-company', ids: ['D'] }])
    expect(w.salesforceContacts.get('003D')?.accountId).toBe('001A1')
  })

  it("a HubSpot merge of two paired companies breaks the merged one's link; its contacts follow the survivor's account", () => {
    for (const how of ['read', 'property'] as const) {
      const w = world()
      addContact(w, 'C', { company: 'H1', salesforce: { id: '003K', accountId: '001A1' } })
      companyCycle(w, { contacts: ['C'] }, T)
      w.companies.delete('H1')
      w.contacts.get('C')!.primaryCompanyId = 'H2'
      if (how === 'read') w.mergedInto.set('H1', 'H2')
      else w.companies.get('H2')!.mergedObjectIds = ['H1']
      const actions = companyCycle(w, { companies: [companyChange('H2')], contacts: ['C'] }, T + 1000)
      expect(actionsOf(actions.companyPlans.flat(), 'link-state')).toMatchObject([
        { hubspotId: 'H1', salesforce: { id: '001A1' }, state: 'broken' },
      ])
      expect(linksOf(w)).toEqual([
        ['H1', '001A1', 'broken'],
        ['H2', '001A2', 'active'],
      ])
      expect(w.salesforceContacts.get('003K')?.accountId).toBe('001A2')
      expect(plan(w, [accountChange('001A1')])).toEqual([
        { kind: 'skip', side: 'salesforce', id: '001A1', reason: 'link-broken' },
      ])
    }
  })

  it('a deleted HubSpot company tombstones its link and leaves the account; a later account edit does not resurrect it', () => {
    for (const how of ['change', 'read'] as const) {
      const w = world()
      w.companies.delete('H1')
      const actions =
        how === 'change'
          ? cycle(w, [companyChange('H1', 'deleted')])
          : cycle(w, [accountChange('001A1')], { deletedHubSpot: new Set(['H1']) })
      expect(crmWrites(actions)).toEqual([])
      expect(actionsOf(actions, 'link-state')).toMatchObject([{ hubspotId: 'H1', state: 'tombstoned' }])
      expect(w.accounts.has('001A1')).toBe(true)
      w.accounts.get('001A1')!.fields['Name'] = 'One renamed'
      expect(plan(w, [accountChange('001A1')])).toEqual([
        { kind: 'skip', side: 'salesforce', id: '001A1', reason: 'link-tombstoned' },
      ])
    }
  })

  it('B-CMP-11: a company whose account was deleted never pairs with another account', () => {
    const w = world()
    w.accounts.delete('001A1')
    cycle(w, [accountChange('001A1', 'deleted')])
    // A new account whose Contact's HubSpot contact is in H1: H1 is not free, the account gets its own company.
    addAccount(w, '001A4', { Name: 'Four' })
    addContact(w, 'C', { company: 'H1', salesforce: { id: '003K', accountId: '001A4' } })
    const actions = plan(w, [accountChange('001A4'), companyChange('H1')])
    expect(actionsOf(actions, 'link')).toEqual([])
    expect(actionsOf(actions, 'create-hubspot')).toMatchObject([{ salesforce: { id: '001A4' } }])
  })

  it('an account whose company was deleted in HubSpot stays out of sync: no other company takes it', () => {
    const w = world()
    w.companies.delete('H1')
    cycle(w, [companyChange('H1', 'deleted')])
    addCompany(w, 'H5', { name: 'Five' })
    addContact(w, 'C', { company: 'H5', salesforce: { id: '003K', accountId: '001A1' } })
    const actions = plan(w, [companyChange('H5'), accountChange('001A1')])
    expect(actionsOf(actions, 'link')).toEqual([])
    expect(actionsOf(actions, 'skip')).toContainEqual({
      kind: 'skip',
      side: 'salesforce',
      id: '001A1',
      reason: 'link-tombstoned',
    })
  })

  it('a deleted HubSpot company that was never linked is skipped', () => {
    const w = world()
    addCompany(w, 'H7')
    w.companies.delete('H7')
    expect(plan(w, [companyChange('H7', 'deleted')])).toEqual([
      { kind: 'skip', side: 'hubspot', id: 'H7', reason: 'not-linked' },
    ])
  })
})
