// The multi-currency org setting. On, the org has the CurrencyType object and every object that holds money
// or belongs to a user gets the restricted `CurrencyIsoCode` picklist (Object Reference: "Available only for
// orgs with the multicurrency feature enabled"); a new record takes its creator's DefaultCurrencyIsoCode.
// Amounts are stored as given: Salesforce never converts a record's amounts when its currency is set.
// Off (the default), none of this exists and SOQL naming it answers INVALID_FIELD / INVALID_TYPE.
import { toSecond } from '../clock.js'
import type { Org } from '../store/org.js'
import { corporateCurrency, currencyTypeObject, SEED_CURRENCIES } from './currency-types.js'
import { field, type FieldDef } from './fields.js'

/** The sandbox's objects that have CurrencyIsoCode in a multi-currency org (OpportunityContactRole since 47.0). */
export const CURRENCY_OBJECTS: readonly string[] = [
  'Account',
  'Contact',
  'Lead',
  'Opportunity',
  'OpportunityContactRole',
  'Task',
  'User',
]

function currencyField(name: string, label: string): FieldDef {
  return field(name, 'picklist', {
    length: 3,
    label,
    restrictedPicklist: true,
    picklistSource: 'CurrencyType',
    defaultedOnCreate: true,
  })
}

/** The added fields by object, so that turning the setting off removes exactly these. */
function addedFields(object: string): FieldDef[] {
  const fields = [currencyField('CurrencyIsoCode', 'Currency ISO Code')]
  // A user's own currency: what their new records default to (User object reference).
  if (object === 'User') fields.push(currencyField('DefaultCurrencyIsoCode', 'Default Currency ISO Code'))
  return fields
}

/** The currency a record created by this user gets when the write names none. */
export function defaultCurrencyOf(org: Org, userId: string): string {
  const user = org.table('User')?.get(userId)
  const own = user?.['DefaultCurrencyIsoCode']
  return typeof own === 'string' && own !== '' ? own : corporateCurrency(org)
}

function seedCurrencyTypes(org: Org): void {
  const table = org.table('CurrencyType')!
  const now = toSecond(org.clock.now())
  const by = org.integrationUserId
  for (const currency of SEED_CURRENCIES) {
    table.put({
      Id: org.ids.next(table.def.keyPrefix),
      CreatedDate: now,
      CreatedById: by,
      LastModifiedDate: now,
      LastModifiedById: by,
      SystemModstamp: now,
      ...currency,
    })
  }
}

/**
 * Turns multiple currencies on or off. On, existing records get the corporate currency (what enabling the
 * feature does to an org's data) and users it as their default. Salesforce cannot turn the feature off; the
 * sandbox allows it for tests and drops CurrencyType with its rows.
 */
export function setMultiCurrency(org: Org, enabled: boolean): void {
  if (enabled === org.multiCurrency) return
  if (!enabled) {
    for (const object of CURRENCY_OBJECTS)
      for (const def of addedFields(object)) org.table(object)?.removeField(def.name)
    org.removeObject('CurrencyType')
    org.multiCurrency = false
    return
  }
  org.addObject(currencyTypeObject())
  seedCurrencyTypes(org)
  const corporate = corporateCurrency(org)
  for (const object of CURRENCY_OBJECTS) {
    const table = org.table(object)
    if (!table) continue
    const fields = addedFields(object)
    for (const def of fields) table.addField(def)
    for (const row of [...table.rows()]) {
      const values = Object.fromEntries(fields.map((def) => [def.name, corporate]))
      table.put({ ...row, ...values })
    }
  }
  org.multiCurrency = true
}
