import type {
  HubSpotDealRecord,
  SalesforceOpportunityDeletion,
  SalesforceOpportunityRecord,
} from '@crmsync/core'

import { type CaptureCache, createCaptureCache } from '../../pipeline/capture-cache.js'

/** What one cycle's deal capture read (Opportunities, HubSpot deals). */
export type DealCache = CaptureCache<
  SalesforceOpportunityRecord,
  SalesforceOpportunityDeletion,
  HubSpotDealRecord
>

export function createDealCache(): DealCache {
  return createCaptureCache()
}
