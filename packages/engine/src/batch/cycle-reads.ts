import type { OwnersTable } from '@crmsync/core'

import type { StepContext } from '../engine-context.js'
import { checkListIsDynamic } from '../inclusion-list.js'
import { readOwners } from '../owners/read-owners.js'

/** Owners, read once per cycle (pass 1 of design.md 3.4). */
export async function cycleOwners(ctx: StepContext): Promise<OwnersTable> {
  ctx.cycle.owners ??= await readOwners(ctx.deps.salesforce, ctx.deps.hubspot)
  return ctx.cycle.owners
}

/** Inclusion-list members, read once per cycle, not per contact (design.md 3.4). */
export async function cycleListMembers(ctx: StepContext): Promise<ReadonlySet<string>> {
  const listId = ctx.setup.settings.inclusionList
  if (listId === null) return new Set()
  if (ctx.cycle.listMembers === undefined) {
    const list = await ctx.deps.hubspot.readListMembers(listId)
    // A list made static while the engine runs is refused as at start (B-CON-16).
    checkListIsDynamic(listId, list)
    ctx.cycle.listMembers = list.members
  }
  return ctx.cycle.listMembers
}
