import type { HubSpotContactRecord, HubSpotReadResult } from '@crmsync/core'

import type { ReadContext } from '../../engine-context.js'
import type { ContactCache } from './contact-cache.js'
import { hubspotHistoryFor, hubspotPropertiesFor } from './contact-fields.js'
import { captureKey } from './planned-pairs.js'

/**
 * HubSpot contacts by id for a batch: from this cycle's capture where it has them (capture selects the
 * mapped properties, so it doubles as the batch read) and they are not planned again, the rest by batch read
 * (100 per call). The ids served
 * from the capture are added to `fromCapture`; the batch gives them back to the cache when it commits.
 */
export async function readHubSpotContacts(
  ctx: ReadContext,
  cache: ContactCache,
  ids: readonly string[],
  fromCapture: Set<string>,
): Promise<HubSpotReadResult> {
  const records = new Map<string, HubSpotContactRecord>()
  const toRead: string[] = []
  for (const id of new Set(ids)) {
    // A record planned again this cycle was sent back because something changed it since the capture (another
    // pass's write, e.g. a lifecycle move, B-LCS-2): read fresh.
    const cached = ctx.cycle.replanned.has(id) ? undefined : cache.hubspot.get(id)
    if (cached === undefined) toRead.push(id)
    else {
      records.set(id, cached)
      fromCapture.add(captureKey('hubspot', id))
    }
  }
  if (toRead.length === 0) return { records, missing: [], mergedInto: new Map() }
  const read = await ctx.deps.hubspot.readContacts({
    ids: toRead,
    properties: hubspotPropertiesFor(ctx.setup.mappings),
  })
  for (const [id, record] of read.records) records.set(id, record)
  return { records, missing: read.missing, mergedInto: read.mergedInto }
}

/**
 * The same contacts again with property history, for the ones whose plan compares field change times (a
 * two-way or owner field changed on both sides, design.md 3.2). History makes a read many times larger, so it
 * is read only when a plan names them; returns the batch's HubSpot records with those replaced (a new map).
 */
export async function withHubSpotHistory(
  ctx: ReadContext,
  records: ReadonlyMap<string, HubSpotContactRecord>,
  ids: readonly string[],
): Promise<Map<string, HubSpotContactRecord>> {
  const read = await ctx.deps.hubspot.readContacts({
    ids,
    properties: hubspotPropertiesFor(ctx.setup.mappings),
    historyFor: hubspotHistoryFor(ctx.setup.mappings),
  })
  return new Map([...records, ...read.records])
}
