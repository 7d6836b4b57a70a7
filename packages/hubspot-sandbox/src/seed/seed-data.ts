import { en, Faker } from '@faker-js/faker'

/** A small seeded generator (mulberry32): per-record picks stay fast at 1,000,000 records. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Pools of realistic values drawn once from faker with a fixed seed, then combined per record. */
export interface SeedPools {
  readonly firstNames: readonly string[]
  readonly lastNames: readonly string[]
  readonly companies: ReadonlyArray<{
    name: string
    domain: string
    industry: string
    city: string
    country: string
  }>
  readonly jobTitles: readonly string[]
  readonly cities: readonly string[]
  readonly phrases: readonly string[]
}

// faker's commerce departments as HubSpot industry options, so seeded companies hold valid values. The faker
// call stays (not a pick from the options) so every later draw, and so all seeded data, stays the same.
const DEPARTMENT_INDUSTRY: Readonly<Record<string, string>> = {
  Automotive: 'AUTOMOTIVE',
  Baby: 'CONSUMER_GOODS',
  Beauty: 'COSMETICS',
  Books: 'PUBLISHING',
  Clothing: 'APPAREL_FASHION',
  Computers: 'COMPUTER_HARDWARE',
  Electronics: 'CONSUMER_ELECTRONICS',
  Games: 'COMPUTER_GAMES',
  Garden: 'FARMING',
  Grocery: 'SUPERMARKETS',
  Health: 'HEALTH_WELLNESS_AND_FITNESS',
  Home: 'FURNITURE',
  Industrial: 'INDUSTRIAL_AUTOMATION',
  Jewelery: 'LUXURY_GOODS_JEWELRY',
  Kids: 'CONSUMER_GOODS',
  Movies: 'MOTION_PICTURES_AND_FILM',
  Music: 'MUSIC',
  Outdoors: 'RECREATIONAL_FACILITIES_AND_SERVICES',
  Shoes: 'APPAREL_FASHION',
  Sports: 'SPORTING_GOODS',
  Tools: 'MACHINERY',
  Toys: 'CONSUMER_GOODS',
}

const ascii = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[^a-zA-Z0-9]/g, '')
    .toLowerCase()

export function seedPools(seed: number): SeedPools {
  const faker = new Faker({ locale: [en] })
  faker.seed(seed)
  const many = <T>(count: number, make: () => T): T[] => Array.from({ length: count }, make)
  const usedDomains = new Set<string>()
  const companies = many(400, () => {
    const name = faker.company.name()
    let domain = `${ascii(name).slice(0, 24) || 'company'}.example`
    for (let n = 2; usedDomains.has(domain); n += 1) domain = `${ascii(name).slice(0, 22)}${n}.example`
    usedDomains.add(domain)
    return {
      name,
      domain,
      industry: DEPARTMENT_INDUSTRY[faker.commerce.department()] ?? 'COMPUTER_SOFTWARE',
      city: faker.location.city(),
      country: faker.location.country(),
    }
  })
  return {
    firstNames: many(300, () => faker.person.firstName()),
    lastNames: many(300, () => faker.person.lastName()),
    companies,
    jobTitles: many(80, () => faker.person.jobTitle()),
    cities: many(120, () => faker.location.city()),
    phrases: many(120, () => faker.company.catchPhrase()),
  }
}

export function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T
}

export { ascii }
