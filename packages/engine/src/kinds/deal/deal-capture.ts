import { captureCursorFrom } from '@crmsync/salesforce'

import { decodeHubSpotCursor, encodeHubSpotCursor } from '../../capture/capture-cursors.js'
import { hubspotCapturePage, salesforceCapturePage } from '../../capture/capture-pages.js'
import type { CaptureStream } from '../../pipeline/object-kind.js'
import type { DealCache } from './deal-cache.js'
import { dealPropertiesFor, opportunityFieldsFor } from './deal-fields.js'

/** The cursor streams of deal capture (separate from contacts' and companies'). */
export const OPPORTUNITY_STREAM = 'Opportunity'
export const HUBSPOT_DEAL_STREAM = 'deal'

/**
 * Opportunities changed or deleted (one queryAll page per call, mapped fields selected). A stream with no
 * cursor yet starts now: switching deal sync on copies nothing by itself; opportunities that existed reach
 * HubSpot through an edit or an import (B-DEAL-1, 4).
 */
const opportunityStream: CaptureStream<DealCache> = {
  side: 'salesforce',
  stream: OPPORTUNITY_STREAM,
  async readPage(ctx, cursor, cache) {
    // Deal sync on means its pipelines exist in HubSpot (B-DEAL-2), before any opportunity changes.
    await ctx.state.dealPipelines(ctx.mode === 'dry-run')
    if (cursor === undefined) {
      const now = ctx.deps.salesforce.apiUsage().serverTime ?? ctx.deps.clock.now()
      return { ids: [], cursor: captureCursorFrom(now), more: false }
    }
    const fields = opportunityFieldsFor(await ctx.state.dealMappings())
    return salesforceCapturePage(await ctx.deps.salesforce.captureOpportunities(cursor, fields), cache)
  },
}

/** HubSpot deals on `hs_lastmodifieddate`, fresh and settle passes as for companies; starts now too (B-DEAL-5). */
const dealStream: CaptureStream<DealCache> = {
  side: 'hubspot',
  stream: HUBSPOT_DEAL_STREAM,
  async readPage(ctx, cursor, cache, ask) {
    if (cursor === undefined) {
      const now = ctx.deps.clock.now()
      return { ids: [], cursor: encodeHubSpotCursor({ modifiedAt: now, lastId: null }), more: false }
    }
    const result = await ctx.deps.hubspot.captureDeals({
      cursor: decodeHubSpotCursor(cursor),
      properties: dealPropertiesFor(await ctx.state.dealMappings()),
      ...(ask.settleThrough === undefined ? {} : { settleThrough: ask.settleThrough }),
    })
    return hubspotCapturePage(result, cache)
  },
}

export const DEAL_CAPTURE: readonly CaptureStream<DealCache>[] = [opportunityStream, dealStream]
