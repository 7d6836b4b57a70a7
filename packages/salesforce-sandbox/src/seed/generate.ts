// Deterministic sample data with @faker-js/faker: `small` for demos and tests, `large` for volume.
// Faker fills pools of names once; records combine pool entries, which keeps 100,000 leads fast.
import { en, Faker } from '@faker-js/faker'

import { formatDate, toSecond } from '../clock.js'
import type { Org } from '../store/org.js'
import { insert } from './insert.js'
import { contactRoles, dealShape, fillSeedCurrencies } from './opportunities.js'
import { DEFAULT_USERS, LEAD_QUEUE_NAME } from './org-metadata.js'
import { flagBusinessRows, seedPersonAccounts, SMALL_PERSON_ACCOUNTS } from './person-accounts.js'

export type SeedKind = 'none' | 'small' | 'large'

/** A seed: a kind plus the random seed that makes it reproducible (default 42). */
export interface SeedSpec {
  kind: SeedKind
  seed?: number
  /** Override the number of leads (the benchmark loads 1,000,000 this way). */
  leads?: number
  /** Give every generated lead a HubSpot_Id__c (`hs-lead-N`); default false. */
  externalIds?: boolean
}

interface Pools {
  first: string[]
  last: string[]
  companies: string[]
  domains: string[]
  cities: string[]
  titles: string[]
}

function pools(faker: Faker): Pools {
  const many = (n: number, f: () => string): string[] => Array.from({ length: n }, f)
  return {
    first: many(400, () => faker.person.firstName()),
    last: many(600, () => faker.person.lastName()),
    companies: many(300, () => faker.company.name()),
    domains: many(300, () => faker.internet.domainName()),
    cities: many(100, () => faker.location.city()),
    titles: many(60, () => faker.person.jobTitle().slice(0, 128)),
  }
}

function activeReps(org: Org): string[] {
  const users = org.table('User')!
  return DEFAULT_USERS.filter((u) => u.active)
    .slice(0, 5)
    .map((u) => [...users.lookup('Username', `${u.first}.${u.last}@acme-demo.com`.toLowerCase())][0]!)
}

/** Adds sample records to an org that already has its metadata. */
export function seedRecords(org: Org, spec: SeedSpec): void {
  if (spec.kind === 'none') return
  const faker = new Faker({ locale: [en] })
  faker.seed(spec.seed ?? 42)
  const p = pools(faker)
  const reps = activeReps(org)
  const queue = [...org.table('Group')!.rows()].find((g) => g['Name'] === LEAD_QUEUE_NAME)!['Id'] as string
  const now = toSecond(org.clock.now())
  const pickFrom = <T>(list: T[]): T => list[faker.number.int({ min: 0, max: list.length - 1 })]!
  const stamps = (n: number, spanDays: number): ((i: number) => number) => {
    // Ascending stamps ending a minute ago, so the sorted indexes only ever append.
    const step = Math.max(1000, Math.floor((spanDays * 86_400_000) / Math.max(1, n)))
    return (i) => toSecond(now - 60_000 - (n - i) * step)
  }
  const small = spec.kind === 'small'
  const counts = small
    ? { accounts: 100, contacts: 300, leads: 200, opportunities: 80 }
    : { accounts: 0, contacts: 0, leads: 100_000, opportunities: 0 }
  if (spec.leads !== undefined) counts.leads = spec.leads
  const accountIds: string[] = []
  const accountAt = stamps(counts.accounts, 20)
  for (let i = 0; i < counts.accounts; i++) {
    const name = `${p.companies[i % p.companies.length]!}${i >= p.companies.length ? ` ${i}` : ''}`
    accountIds.push(
      insert(
        org,
        'Account',
        {
          Name: name,
          Website: `https://${p.domains[i % p.domains.length]!}`,
          Industry: pickFrom(['Technology', 'Banking', 'Retail', 'Healthcare', 'Other']),
          BillingCity: pickFrom(p.cities),
          OwnerId: pickFrom(reps),
          Type: pickFrom(['Prospect', 'Customer']),
        },
        accountAt(i),
      ),
    )
  }
  const contactIds: string[] = []
  const contactsByAccount = accountIds.map((): string[] => [])
  const contactAt = stamps(counts.contacts, 20)
  for (let i = 0; i < counts.contacts; i++) {
    const first = pickFrom(p.first)
    const last = pickFrom(p.last)
    const accountIndex = i % Math.max(1, accountIds.length)
    const contactId = insert(
      org,
      'Contact',
      {
        FirstName: first,
        LastName: last,
        Email: `${first}.${last}.c${i}@${p.domains[accountIndex % p.domains.length]!}`
          .toLowerCase()
          .replace(/[^a-z0-9.@-]/g, ''),
        Title: pickFrom(p.titles),
        Phone: faker.phone.number({ style: 'international' }),
        AccountId: accountIds[accountIndex],
        OwnerId: pickFrom(reps),
        LeadSource: pickFrom(['Web', 'Phone Inquiry', 'Partner Referral']),
      },
      contactAt(i),
    )
    contactIds.push(contactId)
    contactsByAccount[accountIndex]?.push(contactId)
  }
  const leadAt = stamps(counts.leads, 25)
  const statuses = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Not Converted']
  const owners = [...reps, queue]
  for (let i = 0; i < counts.leads; i++) {
    const first = p.first[(i * 7 + (i >> 3)) % p.first.length]!
    const last = p.last[(i * 13 + (i >> 5)) % p.last.length]!
    const company = p.companies[(i * 11) % p.companies.length]!
    insert(
      org,
      'Lead',
      {
        FirstName: first,
        LastName: last,
        Company: company,
        Email: `${first}.${last}.${i}@${p.domains[i % p.domains.length]!}`
          .toLowerCase()
          .replace(/[^a-z0-9.@-]/g, ''),
        Status: statuses[i % statuses.length],
        LeadSource: i % 4 === 0 ? 'Web' : 'Other',
        City: p.cities[i % p.cities.length],
        OwnerId: owners[i % owners.length],
        IsConverted: false,
        HasOptedOutOfEmail: i % 17 === 0,
        HubSpot_Id__c: spec.externalIds === true ? `hs-lead-${i}` : undefined,
      },
      leadAt(i),
    )
  }
  const stages = org.picklistValues(org.table('Opportunity')!.field('StageName')!).map((v) => v.value)
  const opportunityAt = stamps(counts.opportunities, 20)
  for (let i = 0; i < counts.opportunities; i++) {
    const stage = pickFrom(stages)
    const row = org.picklistRow('OpportunityStage', stage)!
    const accountId = accountIds[i % accountIds.length]!
    const opportunityId = insert(
      org,
      'Opportunity',
      {
        Name: `${String(org.table('Account')!.get(accountId)!['Name'])} - ${faker.commerce.productName()}`.slice(
          0,
          120,
        ),
        StageName: stage,
        CloseDate: formatDate(now + faker.number.int({ min: -60, max: 120 }) * 86_400_000),
        Amount: faker.number.int({ min: 1, max: 500 }) * 1000,
        AccountId: accountId,
        OwnerId: pickFrom(reps),
        Probability: row['DefaultProbability'],
        IsClosed: row['IsClosed'],
        IsWon: row['IsWon'],
        ForecastCategoryName: row['ForecastCategoryName'],
        ...dealShape(org, i),
      },
      opportunityAt(i),
    )
    // Contacts of the opportunity's account, so the roles make sense; faker is not consulted, so the rest
    // of the seed stays what it was.
    const contacts = contactsByAccount[i % accountIds.length] ?? []
    contactRoles(i, contacts).forEach((role) =>
      insert(org, 'OpportunityContactRole', { OpportunityId: opportunityId, ...role }, opportunityAt(i)),
    )
  }
  if (small) seedPersonAccounts(org, faker, p, reps, SMALL_PERSON_ACCOUNTS, stamps(SMALL_PERSON_ACCOUNTS, 20))
  flagBusinessRows(org)
  fillSeedCurrencies(org)
}
