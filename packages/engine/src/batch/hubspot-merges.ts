import type { HubSpotContactRecord, Link } from '@crmsync/core'

import { HUBSPOT_LINK_PROPERTY } from '../contact-fields.js'
import type { StepContext } from '../engine-context.js'
import type { BatchLinks } from './batch-links.js'

// HubSpot deletes and merges as a polling engine meets them: through the records it reads (design.md 3.4).

/**
 * HubSpot deletes reach a polling engine only through reads (design.md 3.4: webhooks and snapshots). A
 * candidate held by an active link whose contact HubSpot no longer knows was deleted there (B-CON-23):
 * the link is tombstoned now, so the record is free for the contact that holds its email today.
 */
export async function tombstoneDeletedHolders(
  ctx: StepContext,
  links: BatchLinks,
  candidateIds: readonly string[],
  hubspot: ReadonlyMap<string, HubSpotContactRecord>,
): Promise<void> {
  const holders = candidateIds.flatMap((id) => {
    const link = links.find('salesforce', id)
    return link?.state === 'active' && !hubspot.has(link.hubspotId) ? [link] : []
  })
  if (holders.length === 0) return
  const read = await ctx.deps.hubspot.readContacts({
    ids: holders.map((l) => l.hubspotId),
    properties: ['email'],
  })
  const at = ctx.deps.clock.now()
  for (const link of holders) {
    if (!read.missing.includes(link.hubspotId)) continue
    const { connectionId } = ctx.setup
    await ctx.store.setLinkState(connectionId, 'contact', 'hubspot', link.hubspotId, 'tombstoned', at)
    links.replace(link, { ...link, state: 'tombstoned', updatedAt: at })
  }
}

/** A merged-away HubSpot id resolved to its survivor: the link moves with it (design.md 3.4). */
export async function followMerge(ctx: StepContext, links: BatchLinks, oldId: string, survivorId: string) {
  const link = links.find('hubspot', oldId)
  if (link === undefined || link.state !== 'active') return
  await links.load('hubspot', [survivorId])
  if (links.find('hubspot', survivorId) !== undefined) return
  await rekey(ctx, links, link, survivorId)
}

/**
 * A merge survivor that carries the link properties of one merged contact's link kept that contact's
 * data, so it was the primary (or HubSpot minted a new id for it): the link is re-keyed and keeps syncing
 * (B-CON-27). Otherwise the planner leaves the survivor unlinked until a resync.
 */
export async function rekeyMergedLink(ctx: StepContext, links: BatchLinks, record: HubSpotContactRecord) {
  const merged = record.mergedObjectIds ?? []
  if (merged.length === 0) return
  await links.load('hubspot', [record.id, ...merged])
  if (links.find('hubspot', record.id) !== undefined) return
  const linkedIds = new Set(
    Object.values(HUBSPOT_LINK_PROPERTY).flatMap((p) => {
      const value = record.properties[p]
      return typeof value === 'string' && value !== '' ? [value] : []
    }),
  )
  const carried = merged
    .map((id) => links.find('hubspot', id))
    .filter((l): l is Link => l?.state === 'active' && linkedIds.has(l.salesforceId))
  const [only, ...others] = carried
  if (only !== undefined && others.length === 0) await rekey(ctx, links, only, record.id)
}

async function rekey(ctx: StepContext, links: BatchLinks, link: Link, toId: string): Promise<void> {
  const at = ctx.deps.clock.now()
  const result = await ctx.store.rekeyLink({
    connectionId: ctx.setup.connectionId,
    objectKind: 'contact',
    side: 'hubspot',
    fromId: link.hubspotId,
    toId,
    at,
  })
  if (result === 'rekeyed') links.replace(link, { ...link, hubspotId: toId, updatedAt: at })
  ctx.deps.logger.info(
    { connectionId: ctx.setup.connectionId, from: link.hubspotId, to: toId, result },
    'HubSpot merge: link re-keyed to the survivor',
  )
}
