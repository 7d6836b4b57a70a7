import fc from 'fast-check'

import type { RawValue } from '../canonical/index.js'
import type { CompanySyncSettings } from '../company/index.js'
import { AUTO_CREATED_COMPANY_SOURCE } from '../company/index.js'
import type { Side } from '../model/index.js'
import type { Arrivals } from './company-edits.js'
import {
  associateContact,
  deleteAccount,
  deleteCompany,
  mergeAccounts,
  mergeCompanies,
  moveContact,
  moveSalesforceContact,
} from './company-edits.js'
import type { CompanyWorld } from './company-world.js'
import {
  accountChange,
  addAccount,
  addCompany,
  addContact,
  companyChange,
  createCompanyWorld,
  linkCompany,
} from './company-world.js'

/** Values each side's users type, a few per default mapping; several forms of one value on purpose. */
const HUBSPOT_VALUES: Readonly<Record<string, readonly RawValue[]>> = {
  name: ['Acme', 'Beta', null],
  domain: ['acme.com', 'beta.io', null],
  industry: ['BANKING', 'RETAIL', null],
  numberofemployees: ['12', '12.4', '300', null],
  // 14 has no Salesforce user (B-OWN-4).
  hubspot_owner_id: ['11', '12', '14', null],
}
const SALESFORCE_VALUES: Readonly<Record<string, readonly RawValue[]>> = {
  Name: ['Acme', 'Beta', 'Gamma'],
  Website: ['https://www.acme.com/', 'beta.io', 'http://acme.com', null],
  Industry: ['Banking', 'Retail', null],
  NumberOfEmployees: [12, 300, null],
  // 005SFONLY has no HubSpot owner (B-OWN-1).
  OwnerId: ['005ANN', '005BOB', '005SFONLY'],
}
const STAGES = ['lead', 'opportunity', 'customer', null]

/** One user edit on either CRM, or a sync cycle; `pick`, `to` and `into` choose among the records there are. */
export type CompanyOp =
  | { op: 'edit'; side: Side; pick: number; field: number; value: number }
  | { op: 'move-contact'; pick: number; to: number; keepOld: boolean }
  | { op: 'associate'; pick: number; to: number }
  | { op: 'move-salesforce-contact'; pick: number; to: number }
  | { op: 'stage'; pick: number; stage: number }
  | { op: 'add-company'; auto: boolean }
  | { op: 'add-account' }
  | { op: 'delete'; side: Side; pick: number }
  | { op: 'merge'; side: Side; pick: number; into: number }
  | { op: 'resync'; pick: number }
  | { op: 'sync'; seed: number }

const sideArb = fc.constantFrom<Side>('hubspot', 'salesforce')
const pick = fc.nat(9)
const of = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary })

export const companyOpArb: fc.Arbitrary<CompanyOp> = fc.oneof(
  of(4, fc.record({ op: fc.constant('edit' as const), side: sideArb, pick, field: pick, value: pick })),
  of(3, fc.record({ op: fc.constant('move-contact' as const), pick, to: pick, keepOld: fc.boolean() })),
  of(1, fc.record({ op: fc.constant('associate' as const), pick, to: pick })),
  of(3, fc.record({ op: fc.constant('move-salesforce-contact' as const), pick, to: pick })),
  of(1, fc.record({ op: fc.constant('stage' as const), pick, stage: fc.nat(3) })),
  of(1, fc.record({ op: fc.constant('add-company' as const), auto: fc.boolean() })),
  of(1, fc.record({ op: fc.constant('add-account' as const) })),
  of(1, fc.record({ op: fc.constant('delete' as const), side: sideArb, pick })),
  of(1, fc.record({ op: fc.constant('merge' as const), side: sideArb, pick, into: pick })),
  of(1, fc.record({ op: fc.constant('resync' as const), pick })),
  of(2, fc.record({ op: fc.constant('sync' as const), seed: fc.nat() })),
)

export const companySettingsArb = fc.record<CompanySyncSettings>({
  createInSalesforceAs: fc.constantFrom('lead' as const, 'contact' as const),
  contactInclusionList: fc.constantFrom(null, '42'),
  inclusionList: fc.constantFrom(null, '7'),
  createInHubSpot: fc.boolean(),
  reuseAutoCreatedCompany: fc.boolean(),
})

const CONTACTS = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6']
const fixed = <T>(arb: fc.Arbitrary<T>, n: number) => fc.array(arb, { minLength: n, maxLength: n })

export const companyInitialArb = fc.record({
  settings: companySettingsArb,
  /** Each contact's primary company: none, H1, H2 or H3. */
  primaries: fixed(fc.nat(3), CONTACTS.length),
  /** The account of K1..K4: none, A1, A2 or A3. */
  accounts: fixed(fc.nat(3), 4),
  /** In the contact inclusion list (when there is one). */
  eligible: fixed(fc.boolean(), CONTACTS.length),
  /** H1..H3 in the company inclusion list (when there is one). */
  members: fixed(fc.boolean(), 3),
  /** H3 was made by "create and associate companies with contacts" (B-CMP-13). */
  autoCreated: fc.boolean(),
  /** H1 and A1 were paired before, never synced since (a first sync). */
  prelinked: fc.boolean(),
  personAccount: fc.boolean(),
})
export type CompanyInitial = typeof companyInitialArb extends fc.Arbitrary<infer R> ? R : never

/**
 * Three companies, three accounts, contacts C1..C4 linked to Contacts K1..K4, C5 to a Lead, C6 unlinked, and
 * maybe a person account with its own contact P and a pair H1 <-> A1 from before.
 */
export function buildCompanyWorld(init: CompanyInitial): CompanyWorld {
  const world = createCompanyWorld()
  const companies = [null, 'H1', 'H2', 'H3'] as const
  const accounts = [null, '001A1', '001A2', '001A3'] as const
  const auto = init.autoCreated ? { hs_object_source: AUTO_CREATED_COMPANY_SOURCE } : {}
  addCompany(world, 'H1', { name: 'Acme', domain: 'acme.com' })
  addCompany(world, 'H2', { name: 'Beta' })
  addCompany(world, 'H3', { name: 'Gamma', ...auto })
  addAccount(world, '001A1', { Name: 'Acme', Website: 'https://acme.com' })
  addAccount(world, '001A2', { Name: 'Beta', OwnerId: '005ANN' })
  addAccount(world, '001A3', { Name: 'Gamma' })
  if (init.prelinked) linkCompany(world, 'H1', '001A1')
  CONTACTS.forEach((id, i) => {
    const base = { company: companies[init.primaries[i] ?? 0] ?? null, eligible: init.eligible[i] ?? true }
    const accountId = accounts[init.accounts[i] ?? 0] ?? null
    if (i < 4) addContact(world, id, { ...base, salesforce: { id: `003K${i + 1}`, accountId } })
    else if (i === 4) addContact(world, id, { ...base, salesforce: { id: '00QL5', type: 'Lead' } })
    else addContact(world, id, base)
  })
  if (init.personAccount) {
    addAccount(world, '001P', { Name: 'Jo Doe' }, { personContactId: '003P' })
    addContact(world, 'P', { salesforce: { id: '003P', accountId: '001P', isPersonContact: true } })
  }
  init.members.forEach((member, i) => {
    if (member) world.companyListMembers.add(`H${i + 1}`)
  })
  return world
}

/** Every record, changed: the initial capture, or a reconciliation that plans everything again. */
export function everything(world: CompanyWorld): Arrivals {
  const sorted = (m: ReadonlyMap<string, unknown>) => [...m.keys()].sort()
  return {
    companies: [
      ...sorted(world.companies).map((id) => companyChange(id)),
      ...sorted(world.accounts).map((id) => accountChange(id)),
    ],
    contacts: sorted(world.contacts),
  }
}

const pickOf = <T>(items: readonly T[], n: number): T | undefined => items[n % Math.max(items.length, 1)]
const NONE: Arrivals = { companies: [], contacts: [] }

/** Applies one user edit (not a sync) to the world; returns what it makes arrive in the inbox. */
export function applyCompanyOp(world: CompanyWorld, op: Exclude<CompanyOp, { op: 'sync' }>): Arrivals {
  const sorted = (m: ReadonlyMap<string, unknown>) => [...m.keys()].sort()
  const companies = sorted(world.companies)
  const accounts = sorted(world.accounts)
  const business = accounts.filter((id) => world.accounts.get(id)?.isPersonAccount !== true)
  const contact = (n: number) => pickOf(sorted(world.contacts), n)!
  switch (op.op) {
    case 'edit': {
      const values = op.side === 'hubspot' ? HUBSPOT_VALUES : SALESFORCE_VALUES
      const field = pickOf(Object.keys(values), op.field)!
      const value = pickOf(values[field] ?? [], op.value) ?? null
      const id = pickOf(op.side === 'hubspot' ? companies : accounts, op.pick)
      if (id === undefined) return NONE
      if (op.side === 'hubspot') world.companies.get(id)!.properties[field] = value
      else world.accounts.get(id)!.fields[field] = value
      return { companies: [op.side === 'hubspot' ? companyChange(id) : accountChange(id)], contacts: [] }
    }
    case 'move-contact':
      return moveContact(world, contact(op.pick), pickOf([null, ...companies], op.to) ?? null, op.keepOld)
    case 'associate': {
      const to = pickOf(companies, op.to)
      return to === undefined ? NONE : associateContact(world, contact(op.pick), to)
    }
    case 'move-salesforce-contact': {
      const id = pickOf(
        sorted(world.salesforceContacts).filter((k) => k.startsWith('003K')),
        op.pick,
      )
      return id === undefined
        ? NONE
        : moveSalesforceContact(world, id, pickOf([null, ...business], op.to) ?? null)
    }
    case 'stage': {
      const id = contact(op.pick)
      world.contacts.get(id)!.lifecyclestage = STAGES[op.stage] ?? null
      return { companies: [], contacts: [id] }
    }
    case 'add-company': {
      const id = `HU${++world.counter}`
      addCompany(world, id, {
        name: 'New',
        ...(op.auto ? { hs_object_source: AUTO_CREATED_COMPANY_SOURCE } : {}),
      })
      return { companies: [companyChange(id)], contacts: [] }
    }
    case 'add-account': {
      const id = `001U${++world.counter}`
      addAccount(world, id, { Name: 'New' })
      return { companies: [accountChange(id)], contacts: [] }
    }
    case 'delete': {
      const id = pickOf(op.side === 'hubspot' ? companies : accounts, op.pick)
      if (id === undefined) return NONE
      return op.side === 'hubspot' ? deleteCompany(world, id) : deleteAccount(world, id)
    }
    case 'merge': {
      const ids = op.side === 'hubspot' ? companies : business
      const loser = pickOf(ids, op.pick)
      const into = pickOf(ids, op.into)
      if (loser === undefined || into === undefined || loser === into) return NONE
      return op.side === 'hubspot' ? mergeCompanies(world, loser, into) : mergeAccounts(world, loser, into)
    }
    case 'resync': {
      const id = pickOf(companies, op.pick)
      return id === undefined ? NONE : { companies: [companyChange(id, 'resync')], contacts: [] }
    }
  }
}
