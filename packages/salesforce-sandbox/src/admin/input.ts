// Checks shared by the admin routes: a bad body or a setting the org refuses answers 400 INVALID_INPUT.
import { SfError } from '../errors.js'

/** An error thrown while applying an admin change, as the 400 INVALID_INPUT the admin API answers. */
export function invalidInput(err: unknown): SfError {
  if (err instanceof SfError) return err
  return new SfError(400, 'INVALID_INPUT', err instanceof Error ? err.message : String(err))
}

/** The body as an object of settings; anything else answers 400 naming what it should hold. */
export function objectBody(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new SfError(400, 'INVALID_INPUT', `the body must be an object of ${what}`)
  return body as Record<string, unknown>
}
