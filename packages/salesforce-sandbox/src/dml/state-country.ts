// Save-time rules of the State and Country/Territory Picklists, per address: a state needs a country, a state
// must be one of its country's states, and each text value (integration value) and its code are kept in step.
// Salesforce's field-syncing rules ("State and Country/Territory Picklist Field-Syncing Logic", Salesforce Help):
// - a valid code sets the text value, a valid text value sets the code;
// - removing the country (code) also removes the state;
// - a state that is not in the (new) country fails, and nothing is saved;
// - an update whose text value and code disagree fails; a create with both takes the code's text value.
import { RecordError } from '../errors.js'
import {
  ADDRESS_PREFIXES,
  type Country,
  countryByCode,
  countryByName,
  stateByCode,
  stateByName,
  type Subdivision,
} from '../metadata/state-country.js'
import type { Org } from '../store/org.js'
import type { SfRecord, Table } from '../store/table.js'
import { text } from '../text.js'

const INTEGRITY = 'FIELD_INTEGRITY_EXCEPTION'

function badState(field: string): RecordError {
  return new RecordError(
    INTEGRITY,
    "There's a problem with this state, even though it may appear correct. Please select a state from the list of valid states.",
    [field],
  )
}

function badCountry(field: string): RecordError {
  return new RecordError(
    INTEGRITY,
    "There's a problem with this country, even though it may appear correct. Please select a country/territory from the list of valid countries.",
    [field],
  )
}

function badCode(field: string, value: unknown, kind: 'state' | 'country/territory'): RecordError {
  return new RecordError(
    INTEGRITY,
    `The ${field} field contains ${text(value)}, which isn't an available ${kind}. Your administrator can add it for you.`,
    [field],
  )
}

const given = (changes: Record<string, unknown>, field: string): boolean =>
  changes[field] !== undefined && changes[field] !== null
const same = (a: unknown, b: string): boolean => text(a).toLowerCase() === b.toLowerCase()

/**
 * Checks the addresses this write touches and fills in their names and codes on `record`; throws
 * FIELD_INTEGRITY_EXCEPTION (the record is then not saved at all). `changes` are the fields the caller set.
 */
export function applyStateCountry(
  org: Org,
  table: Table,
  record: Record<string, unknown>,
  previous: SfRecord | undefined,
  changes: Record<string, unknown>,
): void {
  if (!org.stateCountryPicklists) return
  for (const { prefix } of ADDRESS_PREFIXES[table.def.name] ?? []) {
    const f = {
      state: `${prefix}State`,
      country: `${prefix}Country`,
      stateCode: `${prefix}StateCode`,
      countryCode: `${prefix}CountryCode`,
    }
    if (!table.field(f.countryCode)) continue
    if (!Object.values(f).some((name) => name in changes)) continue
    applyOne(table, record, previous, changes, f)
  }
}

function applyOne(
  table: Table,
  record: Record<string, unknown>,
  previous: SfRecord | undefined,
  changes: Record<string, unknown>,
  f: { state: string; country: string; stateCode: string; countryCode: string },
): void {
  const creating = previous === undefined
  const countryTouched = f.country in changes || f.countryCode in changes
  let country: Country | undefined
  if (given(changes, f.countryCode)) {
    country = countryByCode(text(changes[f.countryCode]))
    if (!country) throw badCode(f.countryCode, changes[f.countryCode], 'country/territory')
    if (!creating && given(changes, f.country) && !same(changes[f.country], country.name))
      throw badCountry(f.country)
  } else if (given(changes, f.country)) {
    country = countryByName(text(changes[f.country]))
    if (!country) throw badCountry(f.country)
  } else if (!countryTouched && previous) {
    country =
      previous[f.countryCode] != null
        ? countryByCode(text(previous[f.countryCode]))
        : countryByName(text(previous[f.country]))
  }

  const stateTouched = f.state in changes || f.stateCode in changes
  let state: Subdivision | undefined
  if (given(changes, f.stateCode) || given(changes, f.state)) {
    const field = given(changes, f.stateCode) ? f.stateCode : f.state
    if (!country) {
      throw new RecordError(
        INTEGRITY,
        `A country must be specified before specifying a state value for field: ${table.field(f.state)!.label}`,
        [field],
      )
    }
    if (given(changes, f.stateCode)) {
      state = stateByCode(country, text(changes[f.stateCode]))
      if (!state) throw badCode(f.stateCode, changes[f.stateCode], 'state')
      if (!creating && given(changes, f.state) && !same(changes[f.state], state.name)) throw badState(f.state)
    } else {
      state = stateByName(country, text(changes[f.state]))
      if (!state) throw badState(f.state)
    }
  } else if (!stateTouched && countryTouched && country && previous) {
    // The state stays while the country changes: it must be a state of the new country.
    const code = previous[f.stateCode]
    const name = previous[f.state]
    if (code != null || name != null) {
      state = code != null ? stateByCode(country, text(code)) : stateByName(country, text(name))
      if (!state) throw badState(f.state)
    }
  }
  // A removed or changed country takes an unlisted state with it; untouched values keep what is stored.
  if (countryTouched) {
    record[f.country] = country?.name ?? null
    record[f.countryCode] = country?.code ?? null
  }
  record[f.state] = state?.name ?? null
  record[f.stateCode] = state?.code ?? null
}
