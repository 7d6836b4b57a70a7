import type { HubSpotCompanyRecord, SalesforceAccountDeletion, SalesforceAccountRecord } from '@crmsync/core'

import { type CaptureCache, createCaptureCache } from '../../pipeline/capture-cache.js'

/** What one cycle's company capture read (Accounts, HubSpot companies). */
export type CompanyCache = CaptureCache<
  SalesforceAccountRecord,
  SalesforceAccountDeletion,
  HubSpotCompanyRecord
>

export function createCompanyCache(): CompanyCache {
  return createCaptureCache()
}
