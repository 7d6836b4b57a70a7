import type { z } from 'zod'

import { ALWAYS } from './primitives.js'

/**
 * Keys of features the engine does not implement yet. They stay in the schema, so the docs list them and a
 * file that spells out their defaults (`false`, `[]`, `{}`, `null`) still validates, but any other value is
 * refused, by `crmsync validate` and when any command starts: a key that is accepted and then ignored would
 * claim a behaviour crmsync does not have. A feature that lands drops its refusal here.
 */
export function notSupportedYet(feature: string, fix: string): string {
  return `not supported yet: ${feature} comes with a later release; ${fix}`
}

/** The issue a schema adds for a key whose feature is not built (code `not-supported`). */
export function addNotSupported(ctx: z.RefinementCtx, message: string, path: PropertyKey[] = []): void {
  ctx.addIssue({ code: 'custom', path, message, params: { code: 'not-supported' } })
}

/**
 * `schema`, refusing every value but its default with `notSupportedYet(feature, fix)`. The check also runs
 * when the value is malformed (ALWAYS), so the first run of `validate` already says the key is not built.
 */
export function onlyDefault<S extends z.ZodType>(
  schema: S,
  isDefault: (value: unknown) => boolean,
  feature: string,
  fix: string,
): S {
  return schema.superRefine((value, ctx) => {
    if (!isDefault(value)) addNotSupported(ctx, notSupportedYet(feature, fix))
  }, ALWAYS)
}

export const isOff = (value: unknown): boolean => value === undefined || value === false
export const isNone = (value: unknown): boolean => value === undefined || value === null
export const isEmptyMapping = (value: unknown): boolean =>
  value === undefined ||
  (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)
