// Save-time rule of a multi-currency org: every record of a currency object has a currency. A create that
// names none gets its creator's default currency; an update cannot empty it. Amounts are never converted.
import { RecordError } from '../errors.js'
import { defaultCurrencyOf } from '../metadata/multi-currency.js'
import type { Org } from '../store/org.js'
import type { SfRecord, Table } from '../store/table.js'

/** Sets or checks `CurrencyIsoCode` on a record about to be saved (only when the org has the setting on). */
export function applyCurrency(
  org: Org,
  table: Table,
  record: Record<string, unknown>,
  previous: SfRecord | undefined,
  userId: string,
): void {
  if (!org.multiCurrency || !table.field('CurrencyIsoCode')) return
  const code = record['CurrencyIsoCode']
  if (code !== null && code !== undefined) return
  // A row written without the rule (a person contact, a seed row) gets a currency at its next save.
  if (!previous || previous['CurrencyIsoCode'] === null || previous['CurrencyIsoCode'] === undefined) {
    record['CurrencyIsoCode'] = defaultCurrencyOf(org, userId)
    return
  }
  throw new RecordError(
    'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    'Currency ISO Code: bad value for restricted picklist field: null',
    ['CurrencyIsoCode'],
  )
}
