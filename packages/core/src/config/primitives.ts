import { z } from 'zod'

/**
 * Small schemas shared by the configuration sections. Values may arrive as strings after `${ENV}`
 * substitution (`apiCallAllocation: ${SF_ALLOCATION}`), so integers and booleans also accept their
 * string spelling; everything else is strict.
 */

/** Hosts on which a sandbox or a local test server runs: plain http and literal secrets are accepted. */
export function isLocalUrl(value: string): boolean {
  let host: string
  try {
    host = new URL(value).hostname
  } catch (err) {
    void err
    return false
  }
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host.endsWith('.localhost')
}

/** An http(s) URL; plain http only for local hosts, since tokens travel in its headers. */
export const httpUrl = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: 'must be an http(s) URL',
  })
  .refine((value) => !value.startsWith('http:') || isLocalUrl(value), {
    message: 'must use https (plain http is accepted only for localhost sandboxes)',
  })
  .transform((value) => value.replace(/\/+$/, ''))

/** A credential. Where it may come from (the environment) is checked by checkSecretSources. */
export const secret = z.string().min(1, { message: 'must not be empty' })

/** A non-negative integer, also written as a string of digits. */
export function yamlInt(bounds: { min: number; max?: number }) {
  const base = z.number().int({ message: 'must be a whole number' }).min(bounds.min)
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value),
    bounds.max === undefined ? base : base.max(bounds.max),
  )
}

/** A boolean, also written as the string "true" or "false". */
export const yamlBool = z.preprocess(
  (value) => (value === 'true' ? true : value === 'false' ? false : value),
  z.boolean(),
)

/** A HubSpot list id: digits, also written as a number. */
export const hubspotListId = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  z.string().regex(/^\d+$/, { message: 'must be a HubSpot list id (digits)' }),
)

/** A Salesforce field API name (standard or custom, e.g. `Title`, `Favorite_Color__c`). */
export const salesforceFieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, {
  message: 'must be a Salesforce field API name such as Title or Tier__c',
})

/** A HubSpot property internal name (lower case, e.g. `jobtitle`, `favorite_color`). */
export const hubspotPropertyName = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, { message: 'must be a HubSpot property internal name such as jobtitle' })

/**
 * Run a cross-field rule even when some fields failed, so every problem is reported at once (zod skips
 * refinements after a failure by default). The rule then sees a partly parsed value and must check shapes.
 */
export const ALWAYS = { when: (): boolean => true }

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
