// OAuth 2.0 token endpoint (password, client credentials, JWT bearer, refresh token), revoke, identity URL.
import type { FastifyInstance, FastifyRequest } from 'fastify'

import type { SandboxState } from '../state.js'

/** Credentials the token endpoint checks; any field left out accepts every value. */
export interface OAuthOptions {
  clientId?: string
  clientSecret?: string
  password?: string
}

/** `http://host:port` as the client addressed the sandbox, for absolute URLs in answers. */
export function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? '127.0.0.1'}`
}

function oauthError(error: string, description: string): { error: string; error_description: string } {
  return { error, error_description: description }
}

export function oauthRoutes(app: FastifyInstance, state: SandboxState, options: OAuthOptions): void {
  app.post('/services/oauth2/token', (request, reply) => {
    const form = (request.body ?? {}) as Record<string, string | undefined>
    const grant = form['grant_type']
    const bad = (error: string, description: string): unknown =>
      reply.code(400).send(oauthError(error, description))
    if (
      options.clientId !== undefined &&
      form['client_id'] !== options.clientId &&
      grant !== 'urn:ietf:params:oauth:grant-type:jwt-bearer'
    ) {
      return bad('invalid_client_id', 'client identifier invalid')
    }
    if (
      options.clientSecret !== undefined &&
      (grant === 'client_credentials' || grant === 'password') &&
      form['client_secret'] !== options.clientSecret
    ) {
      return bad('invalid_client', 'invalid client credentials')
    }
    let userId = state.org.integrationUserId
    let refreshToken: string | undefined
    switch (grant) {
      case 'client_credentials':
      case 'urn:ietf:params:oauth:grant-type:jwt-bearer':
        break
      case 'password': {
        const username = (form['username'] ?? '').toLowerCase()
        const user = [...state.org.table('User')!.lookup('Username', username)][0]
        const row = user ? state.org.table('User')!.get(user) : undefined
        if (
          !row ||
          row['IsActive'] !== true ||
          !form['password'] ||
          (options.password !== undefined && form['password'] !== options.password)
        ) {
          return bad('invalid_grant', 'authentication failure')
        }
        userId = row['Id'] as string
        refreshToken = `5Aep${Buffer.from(userId).toString('base64url')}`
        break
      }
      case 'refresh_token': {
        const token = form['refresh_token'] ?? ''
        if (!token.startsWith('5Aep')) return bad('invalid_grant', 'expired access/refresh token')
        userId = Buffer.from(token.slice(4), 'base64url').toString()
        if (!state.org.findById(userId)) return bad('invalid_grant', 'expired access/refresh token')
        break
      }
      default:
        return bad('unsupported_grant_type', 'grant type not supported')
    }
    const accessToken = state.issueToken(userId, state.tokenTtlSeconds)
    const base = origin(request)
    const body: Record<string, string> = {
      access_token: accessToken,
      instance_url: base,
      id: `${base}/id/${state.org.orgId}/${userId}`,
      token_type: 'Bearer',
      issued_at: String(state.clock.now()),
      signature: Buffer.from(`${accessToken}:${state.clock.now()}`).toString('base64'),
    }
    if (refreshToken) body['refresh_token'] = refreshToken
    return body
  })

  app.post('/services/oauth2/revoke', (request) => {
    const form = (request.body ?? {}) as Record<string, string | undefined>
    state.tokens.delete(form['token'] ?? '')
    return {}
  })

  app.get('/id/:orgId/:userId', (request, reply) => {
    const { userId } = request.params as { userId: string }
    const user = state.org.findById(userId)
    if (!user)
      return reply
        .code(404)
        .send([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }])
    const base = origin(request)
    return {
      id: `${base}/id/${state.org.orgId}/${userId}`,
      user_id: user.record['Id'],
      organization_id: state.org.orgId,
      username: user.record['Username'],
      email: user.record['Email'],
      display_name: user.record['Name'],
      active: user.record['IsActive'],
      urls: {
        rest: `${base}/services/data/v{version}/`,
        sobjects: `${base}/services/data/v{version}/sobjects/`,
      },
    }
  })
}
