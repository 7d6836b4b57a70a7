import type { OwnersTable } from '@crmsync/core'

import type { StepContext } from '../engine-context.js'
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
  ctx.cycle.listMembers ??= (await ctx.deps.hubspot.readListMembers(listId)).members
  return ctx.cycle.listMembers
}
