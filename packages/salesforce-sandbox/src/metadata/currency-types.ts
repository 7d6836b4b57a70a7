// The CurrencyType object of a multi-currency org: one row per currency the org uses (IsoCode, ConversionRate
// against the corporate currency, DecimalPlaces, IsActive, IsCorporate). Its active rows are the values of
// every CurrencyIsoCode picklist, so a currency added or deactivated through the API changes them at once.
import type { Org } from '../store/org.js'
import { text } from '../text.js'
import { field, type PicklistValue, system } from './fields.js'
import type { ObjectDef } from './objects.js'

/** A currency of the org as the sandbox seeds it. */
export interface CurrencySeed {
  IsoCode: string
  ConversionRate: number
  DecimalPlaces: number
  IsActive: boolean
  IsCorporate: boolean
}

/** The org's currencies when the setting is turned on: USD corporate, EUR and GBP active, JPY inactive. */
export const SEED_CURRENCIES: readonly CurrencySeed[] = [
  { IsoCode: 'USD', ConversionRate: 1, DecimalPlaces: 2, IsActive: true, IsCorporate: true },
  { IsoCode: 'EUR', ConversionRate: 0.92, DecimalPlaces: 2, IsActive: true, IsCorporate: false },
  { IsoCode: 'GBP', ConversionRate: 0.79, DecimalPlaces: 2, IsActive: true, IsCorporate: false },
  { IsoCode: 'JPY', ConversionRate: 151.5, DecimalPlaces: 0, IsActive: false, IsCorporate: false },
]

/** ISO 4217 codes the CurrencyType.IsoCode picklist offers (a common subset), with Salesforce's labels. */
const ISO_CODES: Readonly<Record<string, string>> = {
  AUD: 'Australian Dollar',
  BRL: 'Brazilian Real',
  CAD: 'Canadian Dollar',
  CHF: 'Swiss Franc',
  CNY: 'Chinese Yuan',
  DKK: 'Danish Krone',
  EUR: 'Euro',
  GBP: 'British Pound',
  HKD: 'Hong Kong Dollar',
  INR: 'Indian Rupee',
  JPY: 'Japanese Yen',
  MXN: 'Mexican Peso',
  NOK: 'Norwegian Krone',
  NZD: 'New Zealand Dollar',
  PLN: 'Polish Zloty',
  SEK: 'Swedish Krona',
  SGD: 'Singapore Dollar',
  USD: 'U.S. Dollar',
  ZAR: 'South African Rand',
}

/** A describe label such as "EUR - Euro". */
function labelOf(code: string): string {
  const name = ISO_CODES[code]
  return name ? `${code} - ${name}` : code
}

/** The CurrencyType object. It cannot be deleted through the API; IsCorporate is set in Setup only. */
export function currencyTypeObject(): ObjectDef {
  return {
    name: 'CurrencyType',
    label: 'Currency Type',
    labelPlural: 'Currency Types',
    // Not checked against a live org; it only has to be distinct from the sandbox's other prefixes.
    keyPrefix: '01L',
    createable: true,
    updateable: true,
    deletable: false,
    mergeable: false,
    archivable: false,
    fields: [
      system('Id', 'id', { nillable: false, label: 'Currency Type ID' }),
      system('CreatedDate', 'datetime', { nillable: false }),
      system('CreatedById', 'reference', {
        referenceTo: ['User'],
        relationshipName: 'CreatedBy',
        nillable: false,
      }),
      system('LastModifiedDate', 'datetime', { nillable: false }),
      system('LastModifiedById', 'reference', {
        referenceTo: ['User'],
        relationshipName: 'LastModifiedBy',
        nillable: false,
      }),
      system('SystemModstamp', 'datetime', { nillable: false }),
      field('IsoCode', 'picklist', {
        length: 3,
        nillable: false,
        updateable: false,
        unique: true,
        restrictedPicklist: true,
        label: 'Currency ISO Code',
        picklistValues: Object.keys(ISO_CODES).map((code) => ({
          value: code,
          label: labelOf(code),
          active: true,
          defaultValue: false,
        })),
      }),
      field('ConversionRate', 'double', { nillable: false, precision: 18, scale: 6 }),
      field('DecimalPlaces', 'int', { nillable: false }),
      field('IsActive', 'boolean', { label: 'Active' }),
      system('IsCorporate', 'boolean', { label: 'Corporate Currency' }),
    ],
  }
}

/** The CurrencyIsoCode picklist: every currency of the org, active as its row, the corporate one default. */
export function currencyPicklist(org: Org): PicklistValue[] {
  const rows = [...(org.table('CurrencyType')?.rows() ?? [])].sort((a, b) =>
    text(a['IsoCode']).localeCompare(text(b['IsoCode'])),
  )
  return rows.map((row) => ({
    value: text(row['IsoCode']),
    label: labelOf(text(row['IsoCode'])),
    active: row['IsActive'] === true,
    defaultValue: row['IsCorporate'] === true,
  }))
}

/** The corporate currency's ISO code (USD unless the rows were changed). */
export function corporateCurrency(org: Org): string {
  for (const row of org.table('CurrencyType')?.rows() ?? [])
    if (row['IsCorporate'] === true) return text(row['IsoCode'])
  return 'USD'
}
