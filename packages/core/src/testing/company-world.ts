import type { RawValue } from '../canonical/index.js'
import { assertNever } from '../canonical/index.js'
import type {
  AccountContactFacts,
  AssociationAction,
  CompanyAction,
  CompanyChange,
  CompanyContactFacts,
  CompanySyncSettings,
  ContactAccountFacts,
  PlanCompaniesInput,
  PlanContactAccountsInput,
} from '../company/index.js'
import {
  ACCOUNT_ASSOCIATION_FIELD,
  DEFAULT_COMPANY_MAPPINGS,
  planCompanies,
  planContactAccounts,
} from '../company/index.js'
import type { FieldDecision } from '../merge/index.js'
import type { Link, ObjectKind, Side } from '../model/index.js'
import { HUBSPOT_LINK_PROPERTY } from '../plan/index.js'
import { OWNERS } from './owner-fixtures.js'

/** A HubSpot contact as the company passes see it: its primary company, lifecycle stage and list membership. */
export interface WorldContact {
  primaryCompanyId: string | null
  /** Companies it is associated with besides its primary one (any other label). */
  otherCompanyIds: string[]
  lifecyclestage: string | null
  /** In the contact inclusion list (or there is none). */
  eligible: boolean
}

/** A Salesforce Lead or Contact as the company passes see it. */
export interface WorldSalesforceContact {
  readonly type: 'Lead' | 'Contact'
  accountId: string | null
  readonly isPersonContact?: boolean | undefined
}

export interface WorldAccount {
  readonly fields: Record<string, RawValue>
  readonly isPersonAccount?: boolean | undefined
  readonly personContactId?: string | undefined
}

export interface WorldCompany {
  readonly properties: Record<string, RawValue>
  mergedObjectIds?: string[] | undefined
}

/**
 * Companies, accounts, the contacts between them and both link tables, in memory: a fake of both CRMs for the
 * company planner (pass 2) and the contact-company planner (pass 3), as contact-world is for contacts.
 */
export interface CompanyWorld {
  readonly companies: Map<string, WorldCompany>
  readonly contacts: Map<string, WorldContact>
  readonly accounts: Map<string, WorldAccount>
  readonly salesforceContacts: Map<string, WorldSalesforceContact>
  companyLinks: Link[]
  contactLinks: Link[]
  /** HubSpot merges so far: merged-away company id -> survivor. */
  readonly mergedInto: Map<string, string>
  /** Members of the company inclusion list. */
  readonly companyListMembers: Set<string>
  counter: number
  /** Every create applied: which record made which. */
  readonly created: { side: Side; from: string; id: string }[]
  /** The last association decision committed per HubSpot contact (pass 3). */
  readonly associationDecisions: Map<string, FieldDecision>
}

export const DEFAULT_COMPANY_SETTINGS: CompanySyncSettings = {
  createInSalesforceAs: 'contact',
  contactInclusionList: null,
  inclusionList: null,
  createInHubSpot: true,
  reuseAutoCreatedCompany: false,
}

export function createCompanyWorld(): CompanyWorld {
  return {
    companies: new Map(),
    contacts: new Map(),
    accounts: new Map(),
    salesforceContacts: new Map(),
    companyLinks: [],
    contactLinks: [],
    mergedInto: new Map(),
    companyListMembers: new Set(),
    counter: 0,
    created: [],
    associationDecisions: new Map(),
  }
}

export function newLink(
  kind: ObjectKind,
  hubspotId: string,
  salesforceType: string,
  salesforceId: string,
  now: number,
): Link {
  return {
    connectionId: 'c1',
    objectKind: kind,
    hubspotId,
    salesforceType,
    salesforceId,
    state: 'active',
    fields: {},
    createdAt: now,
    updatedAt: now,
  }
}

export function addCompany(world: CompanyWorld, id: string, properties: Record<string, RawValue> = {}): void {
  world.companies.set(id, { properties: { ...properties } })
}

export function addAccount(
  world: CompanyWorld,
  id: string,
  fields: Record<string, RawValue> = {},
  person?: { personContactId: string },
): void {
  const personAccount = person === undefined ? {} : { isPersonAccount: true, ...person }
  world.accounts.set(id, { fields: { ...fields }, ...personAccount })
}

/**
 * A HubSpot contact with its primary company, and when `salesforce` is given its linked Salesforce Lead or
 * Contact (with that Contact's account). The contact link starts with no association state.
 */
export function addContact(
  world: CompanyWorld,
  id: string,
  init: {
    readonly company?: string | null
    readonly otherCompanies?: readonly string[]
    readonly lifecyclestage?: string | null
    readonly eligible?: boolean
    readonly salesforce?: {
      readonly id: string
      readonly type?: 'Lead' | 'Contact'
      readonly accountId?: string | null
      readonly isPersonContact?: boolean
    }
  } = {},
): void {
  world.contacts.set(id, {
    primaryCompanyId: init.company ?? null,
    otherCompanyIds: [...(init.otherCompanies ?? [])],
    lifecyclestage: init.lifecyclestage ?? null,
    eligible: init.eligible ?? true,
  })
  const sf = init.salesforce
  if (sf === undefined) return
  const type = sf.type ?? 'Contact'
  world.salesforceContacts.set(sf.id, {
    type,
    accountId: sf.accountId ?? null,
    ...(sf.isPersonContact === true ? { isPersonContact: true } : {}),
  })
  world.contactLinks.push(newLink('contact', id, type, sf.id, 0))
}

/** Links a company to an account as an earlier sync left them (field states of a sync that agreed). */
export function linkCompany(
  world: CompanyWorld,
  hubspotId: string,
  accountId: string,
  fields: Link['fields'] = {},
) {
  world.companyLinks.push({ ...newLink('company', hubspotId, 'Account', accountId, 0), fields })
  const company = world.companies.get(hubspotId)
  if (company !== undefined) company.properties[HUBSPOT_LINK_PROPERTY.Account] = accountId
}

export const companyChange = (
  id: string,
  event: 'changed' | 'deleted' | 'resync' = 'changed',
): CompanyChange => ({ side: 'hubspot', id, event })

export const accountChange = (
  id: string,
  event: 'changed' | 'deleted' = 'changed',
  masterRecordId?: string,
): CompanyChange => ({
  side: 'salesforce',
  id,
  event,
  ...(masterRecordId === undefined ? {} : { masterRecordId }),
})

const activeContactLink = (world: CompanyWorld, hubspotId: string) =>
  world.contactLinks.find((l) => l.hubspotId === hubspotId && l.state === 'active')

/** The planner input of pass 2 built from the whole world, as the engine would after its batch reads. */
export function companyInput(
  world: CompanyWorld,
  changes: readonly CompanyChange[],
  options: Partial<PlanCompaniesInput> & { now: number },
): PlanCompaniesInput {
  const primaryOf = (companyId: string) =>
    [...world.contacts].filter(([, c]) => c.primaryCompanyId === companyId).map(([id]) => id)
  const associatedWith = (companyId: string) =>
    [...world.contacts]
      .filter(([, c]) => c.primaryCompanyId === companyId || c.otherCompanyIds.includes(companyId))
      .map(([id]) => id)
  const hubspot = new Map(
    [...world.companies].map(([id, c]) => [
      id,
      {
        id,
        properties: c.properties,
        contactIds: associatedWith(id),
        primaryContactIds: primaryOf(id),
        ...(c.mergedObjectIds === undefined ? {} : { mergedObjectIds: c.mergedObjectIds }),
      },
    ]),
  )
  const salesforce = new Map(
    [...world.accounts].map(([id, a]) => [
      id,
      {
        type: 'Account' as const,
        id,
        fields: a.fields,
        ...(a.isPersonAccount === true ? { isPersonAccount: true, personContactId: a.personContactId } : {}),
      },
    ]),
  )
  const contacts = new Map<string, CompanyContactFacts>()
  for (const [id, c] of world.contacts) {
    const link = activeContactLink(world, id)
    const sf = link === undefined ? undefined : world.salesforceContacts.get(link.salesforceId)
    const linked =
      link === undefined || sf === undefined
        ? {}
        : {
            linked: {
              type: sf.type,
              id: link.salesforceId,
              accountId: sf.type === 'Contact' ? sf.accountId : null,
            },
          }
    contacts.set(id, { hubspotId: id, eligible: c.eligible, ...linked })
  }
  const accountContacts = new Map<string, AccountContactFacts[]>()
  for (const [salesforceId, k] of world.salesforceContacts) {
    if (k.type !== 'Contact' || k.accountId === null || k.isPersonContact === true) continue
    const link = world.contactLinks.find((l) => l.salesforceId === salesforceId && l.state === 'active')
    if (link === undefined) continue
    const facts: AccountContactFacts = {
      salesforceId,
      hubspotContactId: link.hubspotId,
      primaryCompanyId: world.contacts.get(link.hubspotId)?.primaryCompanyId ?? null,
    }
    accountContacts.set(k.accountId, [...(accountContacts.get(k.accountId) ?? []), facts])
  }
  return {
    timeZone: 'Europe/Oslo',
    mappings: DEFAULT_COMPANY_MAPPINGS,
    settings: DEFAULT_COMPANY_SETTINGS,
    owners: OWNERS,
    changes,
    hubspot,
    salesforce,
    links: world.companyLinks,
    contacts,
    accountContacts,
    companyListMembers: world.companyListMembers,
    ...(world.mergedInto.size === 0 ? {} : { mergedInto: new Map(world.mergedInto) }),
    ...options,
  }
}

/** The planner input of pass 3 for these HubSpot contacts, from the whole world. */
export function associationInput(
  world: CompanyWorld,
  contactIds: readonly string[],
  now: number,
): PlanContactAccountsInput {
  const contacts = [...new Set(contactIds)].flatMap((id): ContactAccountFacts[] => {
    const c = world.contacts.get(id)
    if (c === undefined) return []
    const link = activeContactLink(world, id)
    const contactLink = link?.salesforceType === 'Contact' ? link : undefined
    const sf = contactLink === undefined ? undefined : world.salesforceContacts.get(contactLink.salesforceId)
    return [
      {
        hubspotId: id,
        ...(contactLink === undefined ? {} : { link: contactLink }),
        primaryCompanyId: c.primaryCompanyId,
        lifecycleStage: c.lifecyclestage,
        accountId: sf?.accountId ?? null,
        isPersonContact: sf?.isPersonContact === true,
      },
    ]
  })
  const lifecycle = new Map<string, string | null>()
  for (const [id, company] of world.companies) {
    const stage = company.properties['lifecyclestage']
    lifecycle.set(id, typeof stage === 'string' && stage !== '' ? stage : null)
  }
  return {
    now,
    contacts,
    companyLinks: world.companyLinks,
    personAccounts: new Set(
      [...world.accounts].filter(([, a]) => a.isPersonAccount === true).map(([id]) => id),
    ),
    companyLifecycle: lifecycle,
  }
}

export type Requeue = Extract<CompanyAction | AssociationAction, { kind: 'requeue' }>

/**
 * Puts a company link in, as the store does: a link row that is not active gives way to the new one. A new or
 * moved link's property is written to its company (a rekey writes none, as in the engine).
 */
function putLink(world: CompanyWorld, link: Link, writeProperty = true): void {
  world.companyLinks = [
    ...world.companyLinks.filter(
      (l) => l.state === 'active' || (l.hubspotId !== link.hubspotId && l.salesforceId !== link.salesforceId),
    ),
    link,
  ]
  const company = world.companies.get(link.hubspotId)
  if (company !== undefined && writeProperty)
    company.properties[HUBSPOT_LINK_PROPERTY.Account] = link.salesforceId
}

/**
 * Applies a pass-2 plan as the engine would if every write succeeded, and writes the link property of every
 * new or moved link to its company (the engine's mergeHubSpotUpdates). Returns the requeues.
 */
export function applyCompanyActions(
  world: CompanyWorld,
  actions: readonly CompanyAction[],
  now: number,
): Requeue[] {
  const createdAccount = new Map<string, string>()
  const createdCompany = new Map<string, string>()
  const requeues: Requeue[] = []
  for (const a of actions) {
    switch (a.kind) {
      case 'create-salesforce': {
        const id = `001NEW${++world.counter}`
        world.accounts.set(id, { fields: { ...a.values } })
        world.created.push({ side: 'salesforce', from: a.hubspotId, id })
        createdAccount.set(a.hubspotId, id)
        break
      }
      case 'create-hubspot': {
        const id = `HCNEW${++world.counter}`
        world.companies.set(id, { properties: { ...a.values } })
        world.created.push({ side: 'hubspot', from: a.salesforce.id, id })
        createdCompany.set(a.salesforce.id, id)
        break
      }
      case 'update-salesforce': {
        const account = world.accounts.get(a.salesforce.id)
        if (account !== undefined) Object.assign(account.fields, a.values)
        break
      }
      case 'update-hubspot': {
        const company = world.companies.get(a.hubspotId)
        if (company !== undefined) Object.assign(company.properties, a.values)
        break
      }
      case 'delete-hubspot':
        world.companies.delete(a.hubspotId)
        break
      case 'link':
        putLink(world, newLink('company', a.hubspotId, 'Account', a.salesforce.id, now))
        break
      case 'relink': {
        const old = world.companyLinks.find(
          (l) => l.hubspotId === a.from.hubspotId && l.salesforceId === a.from.salesforce.id,
        )
        world.companyLinks = world.companyLinks.filter((l) => l !== old)
        const moved = newLink('company', a.to.hubspotId, 'Account', a.to.salesforce.id, now)
        putLink(world, { ...moved, fields: old?.fields ?? {} })
        break
      }
      case 'link-state':
        world.companyLinks = world.companyLinks.map((l) =>
          l.hubspotId === a.hubspotId && l.salesforceId === a.salesforce.id
            ? { ...l, state: a.state, updatedAt: now }
            : l,
        )
        break
      case 'commit': {
        const hubspotId = a.hubspotId ?? createdCompany.get(a.salesforceId ?? '')
        const salesforceId = a.salesforceId ?? createdAccount.get(a.hubspotId ?? '')
        if (hubspotId === undefined || salesforceId === undefined) throw new Error('commit of no create')
        const existing = world.companyLinks.find(
          (l) => l.hubspotId === hubspotId && l.salesforceId === salesforceId,
        )
        const base = existing ?? newLink('company', hubspotId, 'Account', salesforceId, now)
        const fields = a.serverSet?.fields ?? a.fields
        const link: Link = { ...base, fields: { ...base.fields, ...fields }, updatedAt: now }
        if (existing === undefined) putLink(world, link)
        else world.companyLinks = world.companyLinks.map((l) => (l === existing ? link : l))
        break
      }
      case 'rekey': {
        const moved = world.companyLinks.find(
          (l) => l.hubspotId === a.from && l.salesforceId === a.salesforce.id,
        )
        if (moved === undefined) break
        world.companyLinks = world.companyLinks.filter((l) => l !== moved)
        putLink(world, { ...moved, hubspotId: a.to, updatedAt: now }, false)
        break
      }
      case 'requeue':
        requeues.push(a)
        break
      case 'skip':
      case 'error':
        break
      default:
        assertNever(a)
    }
  }
  return requeues
}

/** Applies a pass-3 plan as the engine would if every write succeeded. Returns the requeues. */
export function applyAssociationActions(
  world: CompanyWorld,
  actions: readonly AssociationAction[],
  now: number,
): Requeue[] {
  const requeues: Requeue[] = []
  for (const a of actions) {
    switch (a.kind) {
      case 'set-account': {
        const contact = world.salesforceContacts.get(a.contactId)
        if (contact !== undefined) contact.accountId = a.accountId
        break
      }
      case 'set-primary-company': {
        const contact = world.contacts.get(a.hubspotId)
        if (contact !== undefined) contact.primaryCompanyId = a.companyId
        break
      }
      case 'set-company-lifecycle': {
        const company = world.companies.get(a.companyId)
        if (company !== undefined) company.properties['lifecyclestage'] = a.stage
        break
      }
      case 'commit': {
        // The association's state, or other state pass 3 keeps on the contact link under its own key.
        const field = 'field' in a && typeof a.field === 'string' ? a.field : ACCOUNT_ASSOCIATION_FIELD
        world.contactLinks = world.contactLinks.map((l) =>
          l.hubspotId === a.hubspotId && l.salesforceId === a.salesforceId
            ? { ...l, fields: { ...l.fields, [field]: a.state }, updatedAt: now }
            : l,
        )
        if (a.decision !== undefined) world.associationDecisions.set(a.hubspotId, a.decision)
        break
      }
      case 'requeue':
        requeues.push(a)
        break
      case 'skip':
      case 'error':
        break
      default:
        assertNever(a)
    }
  }
  return requeues
}

/** What one cycle of passes 2 and 3 planned, round by round. */
export interface CompanyCycle {
  readonly companyPlans: (readonly CompanyAction[])[]
  readonly associationPlans: (readonly AssociationAction[])[]
}

/** Rounds of both passes a cycle makes at most (the engine's MAX_PASS_ROUNDS). */
export const PASS_ROUNDS = 4

/**
 * One cycle of pass 2 then pass 3, applied, repeated while a pass sends rows back to the other (as the
 * engine's run-cycle does): companies and accounts requeued by pass 3 go to pass 2, contacts requeued by pass
 * 2 to pass 3.
 */
export function companyCycle(
  world: CompanyWorld,
  changes: { readonly companies?: readonly CompanyChange[]; readonly contacts?: readonly string[] },
  now: number,
  options: Partial<PlanCompaniesInput> = {},
): CompanyCycle {
  const out: CompanyCycle = { companyPlans: [], associationPlans: [] }
  let companies = [...(changes.companies ?? [])]
  let contacts = [...(changes.contacts ?? [])]
  for (let round = 0; round < PASS_ROUNDS && (companies.length > 0 || contacts.length > 0); round++) {
    if (companies.length > 0) {
      const plan = planCompanies(companyInput(world, companies, { now, ...options })).actions
      out.companyPlans.push(plan)
      for (const r of applyCompanyActions(world, plan, now))
        if (r.objectKind === 'contact-company') contacts.push(...r.ids)
    }
    companies = []
    if (contacts.length > 0) {
      const plan = planContactAccounts(associationInput(world, contacts, now))
      out.associationPlans.push(plan)
      for (const r of applyAssociationActions(world, plan, now)) {
        if (r.objectKind !== 'company') continue
        companies.push(...r.ids.map((id) => (r.side === 'hubspot' ? companyChange(id) : accountChange(id))))
      }
    }
    contacts = []
  }
  return out
}

/** The actions of one kind, typed. */
export function actionsOf<A extends { readonly kind: string }, K extends A['kind']>(
  actions: readonly A[],
  kind: K,
): Extract<A, { kind: K }>[] {
  return actions.filter((a): a is Extract<A, { kind: K }> => a.kind === kind)
}

/** The actions that write to either CRM (creates, updates, association and lifecycle writes). */
export function crmWrites<A extends { readonly kind: string }>(actions: readonly A[]): A[] {
  return actions.filter(
    (a) =>
      a.kind.startsWith('create') ||
      a.kind.startsWith('update') ||
      a.kind.startsWith('set-') ||
      a.kind === 'delete-hubspot',
  )
}
