// The shape of the seed's deals, chosen from the opportunity's index rather than from faker so that adding
// these facts left every other seeded value as it was: record type and Type, currency in a multi-currency
// org, and one to three contact roles (the first one primary).
import { corporateCurrency } from '../metadata/currency-types.js'
import { CURRENCY_OBJECTS } from '../metadata/multi-currency.js'
import type { Org } from '../store/org.js'

const RENEWAL_TYPES = [
  'Existing Customer - Upgrade',
  'Existing Customer - Replacement',
  'Existing Customer - Downgrade',
]
const ROLES = ['Decision Maker', 'Economic Buyer', 'Influencer']

function recordTypeId(org: Org, developerName: string): string | undefined {
  for (const row of org.table('RecordType')!.rows())
    if (row['SobjectType'] === 'Opportunity' && row['DeveloperName'] === developerName)
      return row['Id'] as string
  return undefined
}

/** Every third deal is a renewal of existing business; the others are new business. */
export function dealShape(org: Org, i: number): Record<string, unknown> {
  const renewal = i % 3 === 2
  const shape: Record<string, unknown> = {
    RecordTypeId: recordTypeId(org, renewal ? 'Renewal' : 'New_Business'),
    Type: renewal ? RENEWAL_TYPES[Math.floor(i / 3) % RENEWAL_TYPES.length] : 'New Customer',
  }
  // With multiple currencies on, some deals are in euros and pounds (amounts as given, never converted).
  if (org.multiCurrency) shape['CurrencyIsoCode'] = i % 5 === 1 ? 'EUR' : i % 5 === 3 ? 'GBP' : 'USD'
  return shape
}

/** The i-th deal's roles: 1 to 3 of its account's contacts, the first one primary. */
export function contactRoles(
  i: number,
  contacts: readonly string[],
): { ContactId: string; Role: string; IsPrimary: boolean }[] {
  const count = Math.min(contacts.length, 1 + (i % 3))
  return contacts.slice(0, count).map((contactId, k) => ({
    ContactId: contactId,
    Role: ROLES[k % ROLES.length]!,
    IsPrimary: k === 0,
  }))
}

/** Gives seeded rows the corporate currency where they have none (multi-currency orgs only). */
export function fillSeedCurrencies(org: Org): void {
  if (!org.multiCurrency) return
  const corporate = corporateCurrency(org)
  for (const object of CURRENCY_OBJECTS) {
    const table = org.table(object)
    if (!table?.field('CurrencyIsoCode')) continue
    for (const row of [...table.rows()])
      if (row['CurrencyIsoCode'] === undefined) table.put({ ...row, CurrencyIsoCode: corporate })
  }
}
