// The seed's person accounts (Person Accounts on): people who buy as individuals, each an Account with the
// person record type plus its person contact, built from the same pools and stamped like the other rows.
// They are generated after every other record, so turning the setting on leaves the rest of a seed as it was.
import type { Faker } from '@faker-js/faker'

import { PERSON_FIELD_MAP, personRecordTypeId } from '../metadata/person-accounts.js'
import type { Org } from '../store/org.js'
import { insert } from './insert.js'

/** Person accounts in the `small` seed. */
export const SMALL_PERSON_ACCOUNTS = 5

export interface PersonPools {
  first: string[]
  last: string[]
  cities: string[]
  domains: string[]
}

const at = <T>(list: T[], i: number): T => list[i % list.length]!

/** Inserts `count` person accounts with their contacts; `stampAt(i)` gives the i-th pair's timestamps. */
export function seedPersonAccounts(
  org: Org,
  faker: Faker,
  pools: PersonPools,
  owners: string[],
  count: number,
  stampAt: (i: number) => number,
): void {
  const recordTypeId = personRecordTypeId(org)
  if (!recordTypeId) return
  const accounts = org.table('Account')!
  for (let i = 0; i < count; i++) {
    const first = at(pools.first, i * 17 + 3)
    const last = at(pools.last, i * 19 + 5)
    const city = at(pools.cities, i * 3 + 1)
    const values: Record<string, unknown> = {
      RecordTypeId: recordTypeId,
      IsPersonAccount: true,
      FirstName: first,
      LastName: last,
      PersonEmail: `${first}.${last}.p${i}@${at(pools.domains, i * 7 + 2)}`
        .toLowerCase()
        .replace(/[^a-z0-9.@-]/g, ''),
      Phone: faker.phone.number({ style: 'international' }),
      PersonMailingCity: city,
      BillingCity: city,
      PersonHasOptedOutOfEmail: i % 4 === 3,
      PersonLeadSource: 'Web',
      Type: 'Customer',
      OwnerId: at(owners, i),
    }
    const stamp = stampAt(i)
    const accountId = insert(org, 'Account', values, stamp)
    const contact: Record<string, unknown> = { AccountId: accountId, IsPersonAccount: true }
    for (const [from, to] of PERSON_FIELD_MAP) contact[to] = values[from]
    const contactId = insert(org, 'Contact', contact, stamp)
    accounts.put({ ...accounts.get(accountId)!, PersonContactId: contactId })
  }
}

/** Gives seeded business accounts and contacts the flags a person-account org reports for them. */
export function flagBusinessRows(org: Org): void {
  if (!org.personAccounts) return
  for (const [object, values] of [
    ['Account', { IsPersonAccount: false, PersonHasOptedOutOfEmail: false }],
    ['Contact', { IsPersonAccount: false }],
  ] as const) {
    const table = org.table(object)!
    for (const row of [...table.rows()])
      if (row['IsPersonAccount'] === undefined) table.put({ ...row, ...values })
  }
}
