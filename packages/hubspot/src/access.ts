import type { HubSpotAccess, HubSpotAccessUser } from '@crmsync/core'
import type { Client } from '@hubspot/api-client'

import type { ApiMeter } from './api-meter.js'
import { toSyncError } from './errors.js'
import { readPortalSettings } from './portal-settings.js'
import { rawRequest } from './raw-request.js'
import type { Call } from './retry-policy.js'

/** What a token info answer tells: the portal, the scopes and the user's id (and email, for OAuth). */
interface TokenFacts {
  readonly portalId: string
  readonly scopes: readonly string[]
  readonly userId: string | undefined
  readonly email: string | undefined
}

/** The private-app token info (HubSpot's private-apps guide): `{userId, hubId, appId, scopes}`. */
interface PrivateAppTokenInfo {
  readonly userId?: number | string
  readonly hubId?: number | string
  readonly scopes?: unknown
}

function isNotFound(err: unknown, operation: string): boolean {
  return toSyncError(err, operation).code === 'HS_NOT_FOUND'
}

const idOf = (value: unknown): string | undefined =>
  typeof value === 'number' || (typeof value === 'string' && value !== '') ? String(value) : undefined

/**
 * The token's facts: OAuth token info first (HubSpot answers it for OAuth tokens only), then the private-app
 * token info; undefined when neither knows the token (HubSpot then says nothing about its scopes).
 */
async function readTokenFacts(
  client: Client,
  meter: ApiMeter,
  accessToken: string,
  call: Call,
): Promise<TokenFacts | undefined> {
  try {
    const info = await call('token info', () => client.oauth.accessTokensApi.get(accessToken))
    return {
      portalId: String(info.hubId),
      scopes: info.scopes,
      userId: idOf(info.userId),
      email: info.user === undefined || info.user === '' ? undefined : info.user,
    }
  } catch (err) {
    if (!isNotFound(err, 'token info')) throw err
  }
  try {
    const info = (await call('private app token info', () =>
      rawRequest(client, meter, {
        method: 'POST',
        path: '/oauth/v2/private-apps/get/access-token-info',
        body: { tokenKey: accessToken },
      }),
    )) as PrivateAppTokenInfo | undefined
    const scopes = Array.isArray(info?.scopes) ? info.scopes.map(String) : []
    return { portalId: String(info?.hubId ?? ''), scopes, userId: idOf(info?.userId), email: undefined }
  } catch (err) {
    if (!isNotFound(err, 'private app token info')) throw err
  }
  return undefined
}

/**
 * The user's admin rights from Settings > Users. A token without `settings.users.read` (403) or a user
 * HubSpot no longer knows (404) leaves them unknown rather than failing: the caller says what it could not
 * check.
 */
async function readUser(
  client: Client,
  userId: string,
  email: string | undefined,
  call: Call,
): Promise<HubSpotAccessUser> {
  try {
    const user = await call('user', () => client.settings.users.usersApi.getById(userId))
    return { id: userId, email: user.email, superAdmin: user.superAdmin === true }
  } catch (err) {
    const code = toSyncError(err, 'user').code
    if (code !== 'HS_MISSING_SCOPES' && code !== 'HS_NOT_FOUND') throw err
    return { id: userId, email, superAdmin: undefined }
  }
}

/** The token's scopes, portal and user with their admin rights (HubSpotConnector.readAccess). */
export async function readAccess(
  client: Client,
  meter: ApiMeter,
  accessToken: string,
  call: Call,
): Promise<HubSpotAccess> {
  const facts = await readTokenFacts(client, meter, accessToken, call)
  if (facts === undefined) {
    return { portalId: (await readPortalSettings(client, meter, call)).portalId, scopes: undefined }
  }
  const user =
    facts.userId === undefined ? undefined : await readUser(client, facts.userId, facts.email, call)
  return { portalId: facts.portalId, scopes: facts.scopes, ...(user === undefined ? {} : { user }) }
}
