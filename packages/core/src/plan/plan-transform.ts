import type { TransformContext } from '../canonical/index.js'
import type { PlanContext } from './plan-context.js'

/**
 * The plan's transform context with the configured required-field placeholder (design.md 3.3). The shared
 * context leaves it out, and the transforms then use the default `[not provided]`; the planners that write
 * Salesforce take the setting from here so a custom placeholder is what they write and read as blank.
 */
export function planTransform(ctx: PlanContext): TransformContext {
  const placeholder = ctx.input.settings.requiredFieldPlaceholder
  if (placeholder === undefined || ctx.transform.requiredFieldPlaceholder === placeholder)
    return ctx.transform
  return { ...ctx.transform, requiredFieldPlaceholder: placeholder }
}
