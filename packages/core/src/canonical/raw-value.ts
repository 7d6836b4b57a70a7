/** A value as a CRM API returns it or accepts it: HubSpot sends strings, Salesforce JSON scalars. */
export type RawValue = string | number | boolean | null | undefined

/** Blank means absent: null, undefined or a string of only whitespace. */
export function isBlankRaw(raw: RawValue): boolean {
  return raw == null || (typeof raw === 'string' && raw.trim() === '')
}

/** The raw value as a string, or undefined when it is blank. */
export function rawToString(raw: RawValue): string | undefined {
  if (isBlankRaw(raw)) return undefined
  return String(raw)
}
