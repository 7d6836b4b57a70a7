import type { HubSpotPortalIdentity } from '@crmsync/core'
import type { Client } from '@hubspot/api-client'

import type { ApiMeter } from './api-meter.js'
import { toSyncError } from './errors.js'
import { readPortalSettings } from './portal-settings.js'
import type { Call } from './retry-policy.js'

/**
 * The portal the token belongs to (design.md 3.1: the engine refuses to start if it changes). The token
 * info endpoint answers for OAuth tokens and also gives the app id; HubSpot answers it with 404 for private
 * app tokens, which fall back to `GET /account-info/v3/details` (portal id only: set the app id in the
 * connector's options for them).
 */
export async function readPortalIdentity(
  client: Client,
  meter: ApiMeter,
  accessToken: string,
  call: Call,
): Promise<HubSpotPortalIdentity> {
  try {
    const info = await call('token info', () => client.oauth.accessTokensApi.get(accessToken))
    return { portalId: String(info.hubId), appId: String(info.appId) }
  } catch (err) {
    if (toSyncError(err, 'token info').code !== 'HS_NOT_FOUND') throw err
  }
  return { portalId: (await readPortalSettings(client, meter, call)).portalId }
}
