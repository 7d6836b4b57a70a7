import { randomUUID } from 'node:crypto'

import type { FastifyPluginCallback } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { HubSpotError, notFound } from '../http/errors.js'
import { bodyObject, text } from '../http/query.js'
import { FULL_SCOPES, type TokenInfo } from '../model/portal.js'
import { INTEGRATION_USER_EMAIL, INTEGRATION_USER_ID } from '../model/users.js'

const TOKEN_TTL_S = 1800

/**
 * OAuth v1 (api-surface.md 3.1): code and refresh-token grants, token info (with the token's scopes and
 * user), refresh-token info and delete; and the private-app token info of OAuth v2.
 */
export const oauthPlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { portal } = deps
  const refreshTokens = new Map<string, { appId: number }>()
  // The token's user as Settings > Users has it now; a token whose user was removed still names the id.
  const tokenUser = (info: TokenInfo) => {
    const id = info.userId ?? INTEGRATION_USER_ID
    return portal.users.get(id) ?? { id, email: INTEGRATION_USER_EMAIL }
  }

  app.post('/oauth/v1/token', (request) => {
    const form = (request.body ?? {}) as Record<string, string | undefined>
    const grant = form['grant_type']
    const bad = (message: string) =>
      new HubSpotError({ status: 400, message, extra: { status: 'BAD_REQUEST', error: 'invalid_grant' } })
    if (form['client_id'] === undefined || form['client_secret'] === undefined)
      throw bad('missing client_id or client_secret')
    if (grant === 'refresh_token') {
      if (!refreshTokens.has(form['refresh_token'] ?? '')) throw bad('missing or unknown refresh token')
    } else if (grant !== 'authorization_code' || (form['code'] ?? '') === '') {
      throw bad('unsupported grant or missing code')
    }
    const accessToken = `oauth-${randomUUID()}`
    const refreshToken = grant === 'refresh_token' ? (form['refresh_token'] ?? '') : `refresh-${randomUUID()}`
    refreshTokens.set(refreshToken, { appId: deps.appId })
    portal.tokens.set(accessToken, {
      appId: deps.appId,
      kind: 'oauth',
      scopes: FULL_SCOPES,
      expiresAt: portal.clock.now() + TOKEN_TTL_S * 1000,
      refreshToken,
    })
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      expires_in: TOKEN_TTL_S,
      token_type: 'bearer',
    }
  })

  app.get<{ Params: { token: string } }>('/oauth/v1/access-tokens/:token', (request) => {
    const info = portal.tokens.get(request.params.token)
    if (info === undefined) throw notFound('Token not found')
    // Real HubSpot knows only OAuth tokens here; the sandbox answers for private-app ones unless told not to.
    if (info.kind === 'private-app' && !portal.knobs.privateAppTokenInfo) throw notFound('Token not found')
    const user = tokenUser(info)
    return {
      token: request.params.token,
      user: user.email,
      hub_domain: `portal-${portal.portalId}.hubspot.test`,
      scopes: info.scopes,
      hub_id: portal.portalId,
      app_id: info.appId,
      expires_in:
        info.expiresAt === undefined
          ? 0
          : Math.max(0, Math.round((info.expiresAt - portal.clock.now()) / 1000)),
      user_id: Number(user.id),
      token_type: 'access',
    }
  })

  // Private apps' own token info (HubSpot's private-apps guide): the body names the token, no header needed.
  app.post('/oauth/v2/private-apps/get/access-token-info', (request) => {
    const tokenKey = text(bodyObject(request.body ?? {})['tokenKey'], '')
    const info = portal.tokens.get(tokenKey)
    if (info === undefined || info.kind !== 'private-app') throw notFound('Token not found')
    return {
      userId: Number(tokenUser(info).id),
      hubId: portal.portalId,
      appId: info.appId,
      scopes: info.scopes,
    }
  })

  app.get<{ Params: { token: string } }>('/oauth/v1/refresh-tokens/:token', (request) => {
    const info = refreshTokens.get(request.params.token)
    if (info === undefined) throw notFound('Refresh token not found')
    return {
      token: request.params.token,
      user: INTEGRATION_USER_EMAIL,
      hub_domain: `portal-${portal.portalId}.hubspot.test`,
      scopes: FULL_SCOPES,
      hub_id: portal.portalId,
      client_id: 'sandbox-client',
      user_id: Number(INTEGRATION_USER_ID),
      token_type: 'refresh',
    }
  })

  app.delete<{ Params: { token: string } }>('/oauth/v1/refresh-tokens/:token', async (request, reply) => {
    if (!refreshTokens.delete(request.params.token)) throw notFound('Refresh token not found')
    return reply.code(204).send()
  })
  done()
}
