import type { InboxRow, TransformContext } from '@crmsync/core'
import {
  hubspotAssociationMoved,
  isHubSpotEcho,
  isSalesforceEcho,
  salesforceAssociationMoved,
} from '@crmsync/core'

import type { ReadContext } from '../../engine-context.js'
import type { BatchLinks } from '../../pipeline/batch-links.js'
import { cycleTransform } from '../../pipeline/cycle-transform.js'
import type { ContactCache } from './contact-cache.js'

/** The rows to plan, and the echoes pass 3 still has work for. */
export interface EchoSplit {
  readonly rows: InboxRow[]
  /** Echoes whose company, account or lifecycle stage moved (company sync only), by side. */
  readonly associationMoved: { readonly hubspot: string[]; readonly salesforce: string[] }
}

/**
 * Leaves out rows whose captured record holds exactly what its link last saw on that side: the echo of our
 * own write (or an edit of unmapped fields only). A polling engine sees each of its writes come back on the
 * next capture; planning them would cost a read of the counterpart per 100 (HubSpot) to change nothing.
 * Only records captured this cycle and not written since are judged; resyncs and replans always plan. With
 * company sync, an echo whose company or lifecycle stage moved is handed to pass 3 instead (B-CMP-11, 14).
 */
export async function withoutEchoes(
  ctx: ReadContext,
  cache: ContactCache,
  rows: readonly InboxRow[],
  links: BatchLinks,
): Promise<EchoSplit> {
  const { mappings } = ctx.setup
  const companies = ctx.setup.companies !== undefined
  let transform: TransformContext | undefined
  const out: InboxRow[] = []
  const associationMoved = { hubspot: [] as string[], salesforce: [] as string[] }
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
      const link = links.find(row.side, id)
      if (
        link !== undefined &&
        salesforce !== undefined &&
        isSalesforceEcho(salesforce, link, mappings, transform)
      ) {
        if (companies && salesforceAssociationMoved(salesforce, link)) associationMoved.salesforce.push(id)
        continue
      }
      if (link !== undefined && hubspot !== undefined && isHubSpotEcho(hubspot, link, mappings, transform)) {
        if (companies && hubspotAssociationMoved(hubspot, link)) associationMoved.hubspot.push(id)
        continue
      }
    }
    out.push(row)
  }
  return { rows: out, associationMoved }
}
