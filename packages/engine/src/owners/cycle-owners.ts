import type { OwnersTable } from '@crmsync/core'

import type { ReadContext } from '../engine-context.js'
import { readOwners } from './read-owners.js'

/** How long an owners table serves later cycles: users and owners change rarely, cycles run every 15 s. */
export const OWNERS_MAX_AGE_MS = 10 * 60_000

/** Owner ids a batch's records name, per side: an id the table does not know makes it read again. */
export interface OwnerReferences {
  readonly hubspot: readonly string[]
  readonly salesforce: readonly string[]
}

/**
 * Owners for a cycle's plan (pass 1 of design.md 3.4). Reading them costs 3 or 4 calls (users, queues,
 * HubSpot owners), so a table serves the engine's cycles for OWNERS_MAX_AGE_MS instead of being read on
 * every 15-second cycle; but a batch whose records name an owner id the table does not know (a user or
 * owner created since) reads it again first, once per cycle, so a new user is never snapped back for being
 * unknown (B-OWN-4). A user deactivated within the age is still taken as active until then; Salesforce
 * refuses the write (a per-record error that is retried) rather than anything being lost. A read: it keeps
 * the table in the engine's and the cycle's memory, never in the store. A table read from the CRMs marks the
 * cycle's `ownersFresh`, so the batch plans what it changes for records whose owner waited (B-OWN-1).
 */
export async function cycleOwners(
  ctx: ReadContext,
  referenced: OwnerReferences = { hubspot: [], salesforce: [] },
): Promise<OwnersTable> {
  const now = ctx.deps.clock.now()
  if (ctx.cycle.owners === undefined) {
    const kept = ctx.state.owners
    ctx.cycle.owners =
      kept !== undefined && now - kept.at < OWNERS_MAX_AGE_MS ? kept.table : await readAndKeep(ctx, now)
  }
  if (!ctx.cycle.ownersReread && namesUnknownOwner(ctx.cycle.owners, referenced)) {
    ctx.cycle.ownersReread = true
    ctx.cycle.owners = await readAndKeep(ctx, now)
  }
  return ctx.cycle.owners
}

async function readAndKeep(ctx: ReadContext, now: number): Promise<OwnersTable> {
  const table = await readOwners(ctx.deps.salesforce, ctx.deps.hubspot)
  ctx.state.owners = { table, at: now }
  ctx.cycle.ownersFresh = true
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
