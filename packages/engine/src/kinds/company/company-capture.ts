import { captureCursorFrom } from '@crmsync/salesforce'

import { decodeHubSpotCursor, encodeHubSpotCursor } from '../../capture/capture-cursors.js'
import { hubspotCapturePage, salesforceCapturePage } from '../../capture/capture-pages.js'
import type { CaptureStream } from '../../pipeline/object-kind.js'
import type { CompanyCache } from './company-cache.js'
import { accountFieldsFor, companyPropertiesFor } from './company-fields.js'

/** The cursor streams of company capture (separate from contacts'). */
export const ACCOUNT_STREAM = 'Account'
export const HUBSPOT_COMPANY_STREAM = 'company'

/**
 * Accounts changed, deleted or merged away (one queryAll page per call, mapped fields selected). A stream
 * with no cursor yet starts now: switching company sync on copies nothing by itself; accounts that existed
 * reach HubSpot through an edit or an import (B-CMP-1/3).
 */
const accountStream: CaptureStream<CompanyCache> = {
  side: 'salesforce',
  stream: ACCOUNT_STREAM,
  async readPage(ctx, cursor, cache) {
    if (cursor === undefined) {
      const now = ctx.deps.salesforce.apiUsage().serverTime ?? ctx.deps.clock.now()
      return { ids: [], cursor: captureCursorFrom(now), more: false }
    }
    const fields = accountFieldsFor(await ctx.state.companyMappings())
    return salesforceCapturePage(await ctx.deps.salesforce.captureAccounts(cursor, fields), cache)
  },
}

/** HubSpot companies on `hs_lastmodifieddate`, fresh and settle passes as for contacts; starts now too. */
const companyStream: CaptureStream<CompanyCache> = {
  side: 'hubspot',
  stream: HUBSPOT_COMPANY_STREAM,
  async readPage(ctx, cursor, cache, ask) {
    if (cursor === undefined) {
      const now = ctx.deps.clock.now()
      return { ids: [], cursor: encodeHubSpotCursor({ modifiedAt: now, lastId: null }), more: false }
    }
    const result = await ctx.deps.hubspot.captureCompanies({
      cursor: decodeHubSpotCursor(cursor),
      properties: companyPropertiesFor(await ctx.state.companyMappings()),
      ...(ask.settleThrough === undefined ? {} : { settleThrough: ask.settleThrough }),
    })
    return hubspotCapturePage(result, cache)
  },
}

export const COMPANY_CAPTURE: readonly CaptureStream<CompanyCache>[] = [accountStream, companyStream]
