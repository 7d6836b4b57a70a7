import type { OwnersTable } from '@crmsync/core'

import type { StepContext } from '../engine-context.js'
import { checkListIsDynamic } from '../inclusion-list.js'
import { enqueueAwaitingOwner } from '../owners/enqueue-awaiting-owner.js'
import { readOwners } from '../owners/read-owners.js'

/** How long an owners table serves later cycles: users and owners change rarely, cycles run every 15 s. */
export const OWNERS_MAX_AGE_MS = 10 * 60_000

/** Owner ids a batch's records name, per side: an id the table does not know makes it read again. */
export interface OwnerReferences {
  readonly hubspot: readonly string[]
  readonly salesforce: readonly string[]
}

// Per engine (its deps object), as portal-time-zone.ts keeps the zone: the table and when it was read.
const kept = new WeakMap<StepContext['deps'], { table: OwnersTable; at: number }>()
// Cycles that already read the table again for an unknown id: once per cycle is enough.
const rereadIn = new WeakSet<StepContext['cycle']>()

/**
 * Owners for a cycle's plan (pass 1 of design.md 3.4). Reading them costs 3 or 4 calls (users, queues,
 * HubSpot owners), so a table serves the engine's cycles for OWNERS_MAX_AGE_MS instead of being read on
 * every 15-second cycle; but a batch whose records name an owner id the table does not know (a user or
 * owner created since) reads it again first, so a new user is never snapped back for being unknown
 * (B-OWN-4). A user deactivated within the age is still taken as active until then; Salesforce refuses the
 * write (a per-record error that is retried) rather than anything being lost.
 */
export async function cycleOwners(
  ctx: StepContext,
  referenced: OwnerReferences = { hubspot: [], salesforce: [] },
): Promise<OwnersTable> {
  const now = ctx.deps.clock.now()
  if (ctx.cycle.owners === undefined) {
    const cached = kept.get(ctx.deps)
    ctx.cycle.owners =
      cached !== undefined && now - cached.at < OWNERS_MAX_AGE_MS ? cached.table : await readAndKeep(ctx, now)
  }
  if (!rereadIn.has(ctx.cycle) && namesUnknownOwner(ctx.cycle.owners, referenced)) {
    rereadIn.add(ctx.cycle)
    ctx.cycle.owners = await readAndKeep(ctx, now)
  }
  return ctx.cycle.owners
}

async function readAndKeep(ctx: StepContext, now: number): Promise<OwnersTable> {
  const table = await readOwners(ctx.deps.salesforce, ctx.deps.hubspot)
  const before = kept.get(ctx.deps)?.table
  kept.set(ctx.deps, { table, at: now })
  await enqueueAwaitingOwner(ctx, before, table)
  return table
}

function namesUnknownOwner(table: OwnersTable, referenced: OwnerReferences): boolean {
  const hubspot = new Set(table.hubspot.map((o) => o.id))
  const salesforce = new Set(table.salesforce.map((o) => o.id))
  return (
    referenced.hubspot.some((id) => !hubspot.has(id)) ||
    referenced.salesforce.some((id) => !salesforce.has(id) && id !== table.integrationUserId)
  )
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
