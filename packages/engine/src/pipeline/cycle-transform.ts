import { buildOwnerIndex, type TransformContext } from '@crmsync/core'

import type { ReadContext } from '../engine-context.js'
import { cycleOwners } from '../owners/cycle-owners.js'

/**
 * The transform context of this cycle's plan, as the echo checks of every kind read values: the portal's
 * time zone, the owners table, the required-field placeholder.
 */
export async function cycleTransform(ctx: ReadContext): Promise<TransformContext> {
  const placeholder = ctx.setup.settings.requiredFieldPlaceholder
  return {
    timeZone: await ctx.state.timeZone(),
    owners: buildOwnerIndex(await cycleOwners(ctx)),
    ...(placeholder === undefined ? {} : { requiredFieldPlaceholder: placeholder }),
  }
}
