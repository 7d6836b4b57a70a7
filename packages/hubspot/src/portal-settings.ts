import type { HubSpotPortalSettings } from '@crmsync/core'
import type { Client } from '@hubspot/api-client'

import type { ApiMeter } from './api-meter.js'
import { rawRequest } from './raw-request.js'
import type { Call } from './retry-policy.js'

/** The part of `GET /account-info/v3/details` we read; HubSpot sends more (currency, offsets, domain). */
interface AccountDetails {
  readonly portalId?: number | string
  readonly timeZone?: string
}

/**
 * The portal's account settings. The client has no wrapper for account info, so this is a raw request;
 * private-app and OAuth tokens both may call it.
 */
export async function readPortalSettings(
  client: Client,
  meter: ApiMeter,
  call: Call,
): Promise<HubSpotPortalSettings> {
  const details = (await call('account info', () =>
    rawRequest(client, meter, { method: 'GET', path: '/account-info/v3/details' }),
  )) as AccountDetails | undefined
  const timeZone = details?.timeZone
  return {
    portalId: String(details?.portalId ?? ''),
    timeZone: typeof timeZone === 'string' && timeZone !== '' ? timeZone : undefined,
  }
}
