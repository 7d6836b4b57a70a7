// The org's State and Country/Territory Picklists: a small list of countries (ISO code + integration value)
// and their states, and the `…StateCode`/`…CountryCode` fields the feature adds to each address.
// Salesforce ships states for about ten countries; the sandbox keeps the United States and Canada with their
// states, and a few countries that have none, which is what the sync's scenarios need.
import type { Org } from '../store/org.js'
import { text } from '../text.js'
import { field, type FieldDef, type PicklistValue } from './fields.js'

export interface Subdivision {
  /** The ISO code, the value of the `…Code` picklist. */
  readonly code: string
  /** The integration value: what the text field (`State`, `Country`) holds. */
  readonly name: string
}

export interface Country extends Subdivision {
  /** The country's states; empty when Salesforce lists none (then no state value is valid). */
  readonly states: readonly Subdivision[]
}

const s = (code: string, name: string): Subdivision => ({ code, name })

const US_STATES: readonly Subdivision[] = [
  s('AL', 'Alabama'),
  s('AK', 'Alaska'),
  s('AZ', 'Arizona'),
  s('AR', 'Arkansas'),
  s('CA', 'California'),
  s('CO', 'Colorado'),
  s('CT', 'Connecticut'),
  s('DE', 'Delaware'),
  s('DC', 'District of Columbia'),
  s('FL', 'Florida'),
  s('GA', 'Georgia'),
  s('HI', 'Hawaii'),
  s('ID', 'Idaho'),
  s('IL', 'Illinois'),
  s('IN', 'Indiana'),
  s('IA', 'Iowa'),
  s('KS', 'Kansas'),
  s('KY', 'Kentucky'),
  s('LA', 'Louisiana'),
  s('ME', 'Maine'),
  s('MD', 'Maryland'),
  s('MA', 'Massachusetts'),
  s('MI', 'Michigan'),
  s('MN', 'Minnesota'),
  s('MS', 'Mississippi'),
  s('MO', 'Missouri'),
  s('MT', 'Montana'),
  s('NE', 'Nebraska'),
  s('NV', 'Nevada'),
  s('NH', 'New Hampshire'),
  s('NJ', 'New Jersey'),
  s('NM', 'New Mexico'),
  s('NY', 'New York'),
  s('NC', 'North Carolina'),
  s('ND', 'North Dakota'),
  s('OH', 'Ohio'),
  s('OK', 'Oklahoma'),
  s('OR', 'Oregon'),
  s('PA', 'Pennsylvania'),
  s('RI', 'Rhode Island'),
  s('SC', 'South Carolina'),
  s('SD', 'South Dakota'),
  s('TN', 'Tennessee'),
  s('TX', 'Texas'),
  s('UT', 'Utah'),
  s('VT', 'Vermont'),
  s('VA', 'Virginia'),
  s('WA', 'Washington'),
  s('WV', 'West Virginia'),
  s('WI', 'Wisconsin'),
  s('WY', 'Wyoming'),
]

const CA_PROVINCES: readonly Subdivision[] = [
  s('AB', 'Alberta'),
  s('BC', 'British Columbia'),
  s('MB', 'Manitoba'),
  s('NB', 'New Brunswick'),
  s('NL', 'Newfoundland and Labrador'),
  s('NS', 'Nova Scotia'),
  s('NT', 'Northwest Territories'),
  s('NU', 'Nunavut'),
  s('ON', 'Ontario'),
  s('PE', 'Prince Edward Island'),
  s('QC', 'Quebec'),
  s('SK', 'Saskatchewan'),
  s('YT', 'Yukon Territories'),
]

/** The countries the sandbox's picklist offers, in describe order. */
export const COUNTRIES: readonly Country[] = [
  { code: 'CA', name: 'Canada', states: CA_PROVINCES },
  { code: 'DK', name: 'Denmark', states: [] },
  { code: 'FI', name: 'Finland', states: [] },
  { code: 'DE', name: 'Germany', states: [] },
  { code: 'NO', name: 'Norway', states: [] },
  { code: 'SE', name: 'Sweden', states: [] },
  { code: 'GB', name: 'United Kingdom', states: [] },
  { code: 'US', name: 'United States', states: US_STATES },
]

/** The address compounds that get code fields, by object: the prefix of `State`, `Country` and their labels. */
export const ADDRESS_PREFIXES: Readonly<Record<string, readonly { prefix: string; label: string }[]>> = {
  Lead: [{ prefix: '', label: '' }],
  Contact: [{ prefix: 'Mailing', label: 'Mailing ' }],
  Account: [{ prefix: 'Billing', label: 'Billing ' }],
}

const lower = (v: string): string => v.toLowerCase()

export function countryByCode(code: string): Country | undefined {
  return COUNTRIES.find((c) => lower(c.code) === lower(code))
}

export function countryByName(name: string): Country | undefined {
  return COUNTRIES.find((c) => lower(c.name) === lower(name))
}

export function stateByCode(country: Country, code: string): Subdivision | undefined {
  return country.states.find((st) => lower(st.code) === lower(code))
}

export function stateByName(country: Country, name: string): Subdivision | undefined {
  return country.states.find((st) => lower(st.name) === lower(name))
}

/**
 * A dependent picklist's `validFor`: base64 of a bit set over the controlling field's values, the most
 * significant bit of byte 0 standing for value 0 (Salesforce's describe encoding).
 */
export function validFor(controllerIndex: number): string {
  const bytes = Buffer.alloc(Math.floor(controllerIndex / 8) + 1)
  bytes[Math.floor(controllerIndex / 8)] = 0x80 >> (controllerIndex % 8)
  return bytes.toString('base64')
}

/** The `…CountryCode` and `…StateCode` fields of one address (the state code depends on the country code). */
export function addressCodeFields(prefix: string, label: string): FieldDef[] {
  const countryValues: PicklistValue[] = COUNTRIES.map((c) => ({
    value: c.code,
    label: c.name,
    active: true,
    defaultValue: false,
  }))
  const stateValues: PicklistValue[] = COUNTRIES.flatMap((c, index) =>
    c.states.map((st) => ({
      value: st.code,
      label: st.name,
      active: true,
      defaultValue: false,
      validFor: validFor(index),
    })),
  )
  return [
    field(`${prefix}StateCode`, 'picklist', {
      label: `${label}State/Province Code`,
      length: 10,
      picklistValues: stateValues,
      restrictedPicklist: true,
      controllerName: `${prefix}CountryCode`,
      addressPicklist: 'state',
    }),
    field(`${prefix}CountryCode`, 'picklist', {
      label: `${label}Country Code`,
      length: 10,
      picklistValues: countryValues,
      restrictedPicklist: true,
      addressPicklist: 'country',
    }),
  ]
}

/**
 * Turns the org setting on or off: on adds the code fields to every address (existing rows get the codes of
 * the names they already hold, as Salesforce's conversion step would leave them); off removes them.
 */
export function setStateCountryPicklists(org: Org, enabled: boolean): void {
  org.stateCountryPicklists = enabled
  for (const [object, addresses] of Object.entries(ADDRESS_PREFIXES)) {
    const table = org.table(object)
    if (!table) continue
    for (const { prefix, label } of addresses) {
      if (!enabled) {
        table.removeField(`${prefix}StateCode`)
        table.removeField(`${prefix}CountryCode`)
        continue
      }
      if (table.field(`${prefix}CountryCode`)) continue
      for (const def of addressCodeFields(prefix, label)) table.addField(def)
      for (const row of [...table.rows()]) {
        const country = countryByName(text(row[`${prefix}Country`]))
        if (!country) continue
        const state = stateByName(country, text(row[`${prefix}State`]))
        table.put({
          ...row,
          [`${prefix}CountryCode`]: country.code,
          [`${prefix}StateCode`]: state?.code ?? null,
        })
      }
    }
  }
}
