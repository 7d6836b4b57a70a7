import type { InboxRow, TransformContext } from '@crmsync/core'
import { buildOwnerIndex, isHubSpotEcho, isSalesforceEcho } from '@crmsync/core'

import type { ReadContext } from '../../engine-context.js'
import { cycleOwners } from '../../owners/cycle-owners.js'
import type { BatchLinks } from '../../pipeline/batch-links.js'
import type { ContactCache } from './contact-cache.js'

/** The transform context of this cycle's plan: the portal's time zone, the owners table, the placeholder. */
async function cycleTransform(ctx: ReadContext): Promise<TransformContext> {
  const placeholder = ctx.setup.settings.requiredFieldPlaceholder
  return {
    timeZone: await ctx.state.timeZone(),
    owners: buildOwnerIndex(await cycleOwners(ctx)),
    ...(placeholder === undefined ? {} : { requiredFieldPlaceholder: placeholder }),
  }
}

/**
 * Leaves out rows whose captured record holds exactly what its link last saw on that side: the echo of our
 * own write (or an edit of unmapped fields only). A polling engine sees each of its writes come back on the
 * next capture; planning them would cost a read of the counterpart per 100 (HubSpot) to change nothing.
 * Only records captured this cycle and not written since are judged; resyncs and replans always plan.
 */
export async function withoutEchoes(
  ctx: ReadContext,
  cache: ContactCache,
  rows: readonly InboxRow[],
  links: BatchLinks,
): Promise<InboxRow[]> {
  const { mappings } = ctx.setup
  let transform: TransformContext | undefined
  const out: InboxRow[] = []
  for (const row of rows) {
    const id = row.recordId
    const salesforce = row.side === 'salesforce' ? cache.salesforce.get(id) : undefined
    const hubspot = row.side === 'hubspot' ? cache.hubspot.get(id) : undefined
    const judged =
      !ctx.cycle.replanned.has(id) &&
      !ctx.cycle.resync.has(id) &&
      !cache.written.has(id) &&
      !cache.deletions.has(id) &&
      (salesforce !== undefined || hubspot !== undefined)
    if (judged) {
      transform ??= await cycleTransform(ctx)
      const echo =
        salesforce !== undefined
          ? isSalesforceEcho(salesforce, links.find('salesforce', id), mappings, transform)
          : hubspot !== undefined && isHubSpotEcho(hubspot, links.find('hubspot', id), mappings, transform)
      if (echo) continue
    }
    out.push(row)
  }
  return out
}
