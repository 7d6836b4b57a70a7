import type { InboxRow, TransformContext } from '@crmsync/core'
import { buildOwnerIndex, isHubSpotEcho, isSalesforceEcho } from '@crmsync/core'

import type { StepContext } from '../engine-context.js'
import { portalTimeZone } from '../portal-time-zone.js'
import type { BatchLinks } from './batch-links.js'
import { cycleOwners } from './cycle-reads.js'

/** The transform context of this cycle's plan: the portal's time zone and the owners table. */
export async function cycleTransform(ctx: StepContext): Promise<TransformContext> {
  return { timeZone: await portalTimeZone(ctx.deps), owners: buildOwnerIndex(await cycleOwners(ctx)) }
}

/**
 * Leaves out rows whose captured record holds exactly what its link last saw on that side: the echo of our
 * own write (or an edit of unmapped fields only). A polling engine sees each of its writes come back on the
 * next capture; planning them would cost a read of the counterpart per 100 (HubSpot) to change nothing.
 * Only records captured this cycle and not written since are judged; resyncs and replans always plan.
 */
export async function withoutEchoes(
  ctx: StepContext,
  rows: readonly InboxRow[],
  links: BatchLinks,
): Promise<InboxRow[]> {
  const { mappings } = ctx.setup
  let transform: TransformContext | undefined
  const out: InboxRow[] = []
  for (const row of rows) {
    const id = row.recordId
    const salesforce = row.side === 'salesforce' ? ctx.cycle.salesforce.get(id) : undefined
    const hubspot = row.side === 'hubspot' ? ctx.cycle.hubspot.get(id) : undefined
    const judged =
      !ctx.cycle.replanned.has(id) &&
      !ctx.cycle.resync.has(id) &&
      !ctx.cycle.written.has(id) &&
      !ctx.cycle.deletions.has(id) &&
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
