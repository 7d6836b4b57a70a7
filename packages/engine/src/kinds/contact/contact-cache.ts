import type { HubSpotContactRecord, SalesforceContactRecord, SalesforceDeletion } from '@crmsync/core'

import { type CaptureCache, createCaptureCache } from '../../pipeline/capture-cache.js'

/** What one cycle's contact capture read (Leads and Contacts, HubSpot contacts). */
export type ContactCache = CaptureCache<SalesforceContactRecord, SalesforceDeletion, HubSpotContactRecord>

export function createContactCache(): ContactCache {
  return createCaptureCache()
}
