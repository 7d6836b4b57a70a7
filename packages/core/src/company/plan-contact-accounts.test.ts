import { describe, expect, it } from 'vitest'

import type { CompanyWorld } from '../testing/index.js'
import {
  actionsOf,
  addAccount,
  addCompany,
  addContact,
  applyAssociationActions,
  associationInput,
  companyChange,
  companyCycle,
  createCompanyWorld,
  crmWrites,
  linkCompany,
} from '../testing/index.js'
import type { AssociationAction } from './index.js'
import { ACCOUNT_ASSOCIATION_FIELD, planContactAccounts } from './index.js'

const T = 1_700_000_000_000

/** Asymmetric matchers typed as the text they stand for. */
const matching = (pattern: RegExp): string => expect.stringMatching(pattern) as string
const anyText = (): string => expect.any(String) as string

const plan = (world: CompanyWorld, ids: readonly string[], now = T) =>
  planContactAccounts(associationInput(world, ids, now))

/** Plans these contacts and applies the plan. */
function cycle(world: CompanyWorld, ids: readonly string[], now = T) {
  const actions = plan(world, ids, now)
  applyAssociationActions(world, actions, now)
  return actions
}

/**
 * H1 <-> A1, H2 <-> A2, H3 <-> A3 and the unlinked H9 and A9; contact C in H1 linked to Contact K in A1,
 * their association already agreed.
 */
function world(): CompanyWorld {
  const w = createCompanyWorld()
  for (const n of ['1', '2', '3', '9']) {
    addCompany(w, `H${n}`, { name: n })
    addAccount(w, `001A${n}`, { Name: n })
  }
  for (const n of ['1', '2', '3']) linkCompany(w, `H${n}`, `001A${n}`)
  addContact(w, 'C', { company: 'H1', salesforce: { id: '003K', accountId: '001A1' } })
  cycle(w, ['C'])
  return w
}

/** The commits of the association itself (pass 3 may keep other state on the contact link too). */
const associationCommits = (actions: readonly AssociationAction[]) =>
  actionsOf(actions, 'commit').filter((a) => a.decision?.field === ACCOUNT_ASSOCIATION_FIELD)

const sfContact = (w: CompanyWorld) => w.salesforceContacts.get('003K')!
const hsContact = (w: CompanyWorld) => w.contacts.get('C')!

describe("pass 3: contacts' companies and their Contact.AccountId (behaviors.md 3)", () => {
  it('sides that agree commit the association and write nothing; a replan does nothing', () => {
    const w = createCompanyWorld()
    addCompany(w, 'H1')
    addAccount(w, '001A1')
    linkCompany(w, 'H1', '001A1')
    addContact(w, 'C', { company: 'H1', salesforce: { id: '003K', accountId: '001A1' } })
    const actions = cycle(w, ['C'])
    expect(crmWrites(actions)).toEqual([])
    expect(associationCommits(actions)).toMatchObject([
      {
        kind: 'commit',
        hubspotId: 'C',
        salesforceId: '003K',
        state: {
          ancestor: '001A1',
          hubspotShadow: { value: 'H1', seenAt: T },
          salesforceShadow: { value: '001A1', seenAt: T },
        },
        decision: {
          field: ACCOUNT_ASSOCIATION_FIELD,
          rule: 'two-way',
          action: 'none',
          value: '001A1',
          reason: 'sides agree',
        },
      },
    ])
    expect(plan(w, ['C'], T + 1000)).toEqual([])
  })

  it("B-CMP-11: a contact moved from H1 to H2 in HubSpot gets H2's account; H1 stays linked to A1", () => {
    const w = world()
    hsContact(w).primaryCompanyId = 'H2'
    const actions = cycle(w, ['C'], T + 1000)
    expect(crmWrites(actions)).toEqual([
      {
        kind: 'set-account',
        hubspotId: 'C',
        contactId: '003K',
        accountId: '001A2',
        reason: anyText(),
      },
    ])
    expect(associationCommits(actions)).toMatchObject([
      { decision: { action: 'to-salesforce', value: '001A2' }, state: { ancestor: '001A2' } },
    ])
    expect(sfContact(w).accountId).toBe('001A2')
    expect(w.companyLinks.find((l) => l.hubspotId === 'H1')?.salesforceId).toBe('001A1')
    expect(plan(w, ['C'], T + 2000)).toEqual([])
  })

  it('B-CMP-12: a Contact moved to another account in Salesforce moves the contact to its company', () => {
    const w = world()
    sfContact(w).accountId = '001A2'
    const actions = cycle(w, ['C'], T + 1000)
    expect(crmWrites(actions)).toEqual([
      { kind: 'set-primary-company', hubspotId: 'C', companyId: 'H2', reason: anyText() },
    ])
    expect(associationCommits(actions)).toMatchObject([{ decision: { action: 'to-hubspot' } }])
    expect(hsContact(w).primaryCompanyId).toBe('H2')
    expect(plan(w, ['C'], T + 2000)).toEqual([])
  })

  it('both sides moved: Salesforce wins', () => {
    const w = world()
    hsContact(w).primaryCompanyId = 'H2'
    sfContact(w).accountId = '001A3'
    const actions = cycle(w, ['C'], T + 1000)
    expect(crmWrites(actions)).toEqual([
      { kind: 'set-primary-company', hubspotId: 'C', companyId: 'H3', reason: anyText() },
    ])
    expect(hsContact(w).primaryCompanyId).toBe('H3')
    expect(sfContact(w).accountId).toBe('001A3')
  })

  it('a company not yet paired is requeued into pass 2; the contact is parked, not in error, and commits nothing', () => {
    const w = world()
    hsContact(w).primaryCompanyId = 'H9'
    const parked = plan(w, ['C'], T + 1000)
    expect(actionsOf(parked, 'requeue')).toEqual([
      {
        kind: 'requeue',
        objectKind: 'company',
        side: 'hubspot',
        ids: ['H9'],
        reason: matching(/C/),
      },
    ])
    expect([...crmWrites(parked), ...associationCommits(parked), ...actionsOf(parked, 'error')]).toEqual([])
    // Pass 2 gives H9 an account (C's Contact syncs, B-CMP-5..7) and sends C back: then C follows it.
    w.contacts.get('C')!.eligible = true
    companyCycle(w, { companies: [companyChange('H9')] }, T + 2000)
    const account = w.companyLinks.find((l) => l.hubspotId === 'H9')?.salesforceId
    expect(account).toMatch(/^001NEW/)
    expect(sfContact(w).accountId).toBe(account)
  })

  it('an account not yet paired is requeued into pass 2 from the Salesforce side', () => {
    const w = world()
    sfContact(w).accountId = '001A9'
    const parked = plan(w, ['C'], T + 1000)
    expect(actionsOf(parked, 'requeue')).toEqual([
      {
        kind: 'requeue',
        objectKind: 'company',
        side: 'salesforce',
        ids: ['001A9'],
        reason: anyText(),
      },
    ])
    expect([...crmWrites(parked), ...associationCommits(parked), ...actionsOf(parked, 'error')]).toEqual([])
  })

  it('a removed company is not copied: audited as dropped, and a replan does not put it back', () => {
    const w = world()
    hsContact(w).primaryCompanyId = null
    const actions = cycle(w, ['C'], T + 1000)
    expect(crmWrites(actions)).toEqual([])
    expect(associationCommits(actions)).toMatchObject([
      { decision: { action: 'none', dropped: ['hubspot'] }, state: { ancestor: '001A1' } },
    ])
    expect(sfContact(w).accountId).toBe('001A1')
    expect(crmWrites(plan(w, ['C'], T + 2000))).toEqual([])
    expect(hsContact(w).primaryCompanyId).toBeNull()
  })

  it('a cleared AccountId is not copied: audited as dropped, and a replan does not put it back', () => {
    const w = world()
    sfContact(w).accountId = null
    const actions = cycle(w, ['C'], T + 1000)
    expect(crmWrites(actions)).toEqual([])
    expect(associationCommits(actions)).toMatchObject([
      { decision: { action: 'none', dropped: ['salesforce'] } },
    ])
    expect(hsContact(w).primaryCompanyId).toBe('H1')
    expect(crmWrites(plan(w, ['C'], T + 2000))).toEqual([])
    expect(sfContact(w).accountId).toBeNull()
    // A later move on either side syncs again.
    hsContact(w).primaryCompanyId = 'H2'
    expect(crmWrites(cycle(w, ['C'], T + 3000))).toMatchObject([{ kind: 'set-account', accountId: '001A2' }])
  })

  it('a Contact moved into an account whose company was deleted is not parked for good: audited as dropped', () => {
    const w = world()
    w.companyLinks = w.companyLinks.map((l) => (l.hubspotId === 'H3' ? { ...l, state: 'tombstoned' } : l))
    w.companies.delete('H3')
    sfContact(w).accountId = '001A3'
    const actions = cycle(w, ['C'], T + 1000)
    expect([...crmWrites(actions), ...actionsOf(actions, 'requeue')]).toEqual([])
    expect(associationCommits(actions)).toMatchObject([
      { decision: { action: 'none', dropped: ['salesforce'] } },
    ])
    expect(crmWrites(plan(w, ['C'], T + 2000))).toEqual([])
  })

  it('a contact moved to a company whose account was merged elsewhere is not parked for good: audited as dropped', () => {
    const w = world()
    w.companyLinks = w.companyLinks.map((l) => (l.hubspotId === 'H2' ? { ...l, state: 'broken' } : l))
    hsContact(w).primaryCompanyId = 'H2'
    const actions = cycle(w, ['C'], T + 1000)
    expect([...crmWrites(actions), ...actionsOf(actions, 'requeue')]).toEqual([])
    expect(associationCommits(actions)).toMatchObject([
      { decision: { action: 'none', dropped: ['hubspot'] } },
    ])
    expect(sfContact(w).accountId).toBe('001A1')
  })

  it('B-PA-3: a contact associated with a company linked to a person account gets an error, no AccountId', () => {
    const w = world()
    addCompany(w, 'HP', { name: 'Jo Doe' })
    addAccount(w, '001P', { Name: 'Jo Doe' }, { personContactId: '003P' })
    linkCompany(w, 'HP', '001P')
    hsContact(w).primaryCompanyId = 'HP'
    const actions = plan(w, ['C'], T + 1000)
    expect([...crmWrites(actions), ...associationCommits(actions)]).toEqual([])
    expect(actionsOf(actions, 'error')).toEqual([
      {
        kind: 'error',
        hubspotId: 'C',
        salesforceId: '003K',
        code: 'SF_PERSON_ACCOUNT_CONTACT',
        message: matching(/B-PA-3/),
      },
    ])
  })

  it("B-PA-3: a person account's own contact never has its account changed", () => {
    const w = world()
    addCompany(w, 'HP', { name: 'Jo Doe' })
    addAccount(w, '001P', { Name: 'Jo Doe' }, { personContactId: '003P' })
    linkCompany(w, 'HP', '001P')
    addContact(w, 'P', {
      company: 'HP',
      salesforce: { id: '003P', accountId: '001P', isPersonContact: true },
    })
    cycle(w, ['P'])
    w.contacts.get('P')!.primaryCompanyId = 'H2'
    const actions = cycle(w, ['P'], T + 1000)
    expect(actionsOf(actions, 'set-account')).toEqual([])
    expect(actionsOf(actions, 'error')).toEqual([])
    expect(w.salesforceContacts.get('003P')?.accountId).toBe('001P')
  })

  it('B-CON-14: contacts linked to Leads, or not linked, are skipped: Leads have no account', () => {
    const w = world()
    addContact(w, 'L', { company: 'H2', salesforce: { id: '00QL', type: 'Lead' } })
    addContact(w, 'U', { company: 'H2' })
    const actions = plan(w, ['L', 'U'])
    expect(actionsOf(actions, 'skip')).toMatchObject([
      { side: 'hubspot', id: 'L' },
      { side: 'hubspot', id: 'U' },
    ])
    expect([...crmWrites(actions), ...associationCommits(actions), ...actionsOf(actions, 'requeue')]).toEqual(
      [],
    )
  })

  it.each([
    { contact: 'opportunity', company: 'lead', copied: 'opportunity' },
    { contact: 'opportunity', company: null, copied: 'opportunity' },
    { contact: 'lead', company: 'customer', copied: undefined },
    { contact: 'customer', company: 'customer', copied: undefined },
    { contact: 'other', company: 'lead', copied: undefined },
  ])(
    "B-CMP-14: a contact at $contact, its company at $company: the company's stage becomes $copied (forward only)",
    ({ contact, company, copied }) => {
      const w = world()
      w.companies.get('H1')!.properties['lifecyclestage'] = company
      hsContact(w).lifecyclestage = contact
      const actions = plan(w, ['C'], T + 1000)
      expect(actionsOf(actions, 'set-company-lifecycle')).toEqual(
        copied === undefined
          ? []
          : [
              expect.objectContaining({
                companyId: 'H1',
                stage: copied,
                reason: matching(/B-CMP-14/),
              }),
            ],
      )
    },
  )

  it('B-CMP-14: once per company per batch, at the furthest stage of its contacts, whatever their order', () => {
    for (const order of [
      ['C', 'D', 'E'],
      ['E', 'D', 'C'],
      ['D', 'C', 'E'],
    ]) {
      const w = world()
      hsContact(w).lifecyclestage = 'lead'
      addContact(w, 'D', {
        company: 'H1',
        lifecyclestage: 'customer',
        salesforce: { id: '003D', accountId: '001A1' },
      })
      addContact(w, 'E', { company: 'H1', lifecyclestage: 'opportunity' })
      expect(actionsOf(plan(w, order, T + 1000), 'set-company-lifecycle')).toEqual([
        expect.objectContaining({ companyId: 'H1', stage: 'customer', reason: matching(/D/) }),
      ])
    }
  })
})
