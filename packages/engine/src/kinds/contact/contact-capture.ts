import type { ContactSalesforceType } from '@crmsync/core'

import { decodeHubSpotCursor, HUBSPOT_CONTACT_STREAM } from '../../capture/capture-cursors.js'
import { hubspotCapturePage, salesforceCapturePage } from '../../capture/capture-pages.js'
import type { CaptureStream } from '../../pipeline/object-kind.js'
import type { ContactCache } from './contact-cache.js'
import { hubspotPropertiesFor, salesforceFieldsFor } from './contact-fields.js'

/**
 * Salesforce Leads or Contacts (design.md 3.4 step 1): pages of changed, deleted and merged-away records, one
 * queryAll per page with the mapped fields selected, so capture doubles as the batch read.
 */
function salesforceStream(type: ContactSalesforceType): CaptureStream<ContactCache> {
  return {
    side: 'salesforce',
    stream: type,
    async readPage(ctx, cursor, cache) {
      const fields = salesforceFieldsFor(ctx.setup.mappings, type)
      return salesforceCapturePage(await ctx.deps.salesforce.captureChanges(type, cursor, fields), cache)
    },
  }
}

/**
 * HubSpot contacts: the connector's search capture (design.md 3.4), fresh passes up to now and settle passes
 * that re-read the indexing-lag span once. The search returns the mapped properties, so capture doubles as
 * the batch read here too (a record edited again after its index entry is captured again with the new
 * values). Deletes and merges surface when records are read (missing ids and `hs_merged_object_ids`). Asked
 * to settle through an instant the index may not hold yet, it says how long until it can.
 */
const hubspotStream: CaptureStream<ContactCache> = {
  side: 'hubspot',
  stream: HUBSPOT_CONTACT_STREAM,
  async readPage(ctx, cursor, cache, ask) {
    const result = await ctx.deps.hubspot.captureContacts({
      cursor: decodeHubSpotCursor(cursor),
      properties: hubspotPropertiesFor(ctx.setup.mappings),
      ...(ask.settleThrough === undefined ? {} : { settleThrough: ask.settleThrough }),
    })
    return hubspotCapturePage(result, cache)
  },
}

/** Contacts first, so a conversion's contact is known when its lead is planned; then HubSpot. */
export const CONTACT_CAPTURE: readonly CaptureStream<ContactCache>[] = [
  salesforceStream('Contact'),
  salesforceStream('Lead'),
  hubspotStream,
]
