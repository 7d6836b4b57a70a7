import type { FastifyPluginCallback } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { notFound, validationError } from '../http/errors.js'
import { bodyObject, intParam, type Query, stringParam, text } from '../http/query.js'
import { type PortalUser, toUserJson } from '../model/users.js'

/**
 * Settings > Users (api-surface.md 3.6): `GET /settings/v3/users` and `/settings/v3/users/{id}` (needs
 * `settings.users.read`), and the admin API that makes a user a super admin or not, or adds one, so a test
 * can connect as a user without account-level admin rights (B-INST-2).
 */
export const usersPlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { portal } = deps
  const sorted = () => [...portal.users.values()].sort((a, b) => Number(a.id) - Number(b.id))

  app.get('/settings/v3/users', (request) => {
    const query = request.query as Query
    const limit = intParam(query, 'limit', 100, 100)
    const after = Number(stringParam(query, 'after') ?? '0')
    const matching = sorted().filter((user) => Number(user.id) >= after)
    const next = matching[limit]
    const results = matching.slice(0, limit).map(toUserJson)
    return next === undefined ? { results } : { results, paging: { next: { after: next.id } } }
  })

  app.get<{ Params: { userId: string } }>('/settings/v3/users/:userId', (request) => {
    const byEmail = stringParam(request.query as Query, 'idProperty') === 'EMAIL'
    const wanted = request.params.userId.toLowerCase()
    const user = [...portal.users.values()].find((candidate) =>
      byEmail ? candidate.email === wanted : candidate.id === request.params.userId,
    )
    if (user === undefined) throw notFound(`User ${request.params.userId} not found`)
    return toUserJson(user)
  })

  app.get('/__sandbox/users', () => ({ results: sorted().map(toUserJson) }))

  app.post('/__sandbox/users', (request) => {
    const body = bodyObject(request.body)
    const email = text(body['email'], '').trim().toLowerCase()
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw validationError('email must be an email address')
    if ([...portal.users.values()].some((user) => user.email === email))
      throw validationError(`A user with email ${email} exists`)
    const id = String(Math.max(9_100_000, ...[...portal.users.keys()].map(Number)) + 1)
    const user: PortalUser = {
      id,
      email,
      firstName: text(body['firstName'], ''),
      lastName: text(body['lastName'], ''),
      roleIds: roleIds(body['roleIds']) ?? [],
      superAdmin: body['superAdmin'] === true,
    }
    portal.users.set(id, user)
    return toUserJson(user)
  })

  // An admin changes a user's rights in Settings > Users: the super-admin switch and the roles.
  app.patch<{ Params: { userId: string } }>('/__sandbox/users/:userId', (request) => {
    const body = bodyObject(request.body)
    const user = portal.users.get(request.params.userId)
    if (user === undefined) throw notFound(`User ${request.params.userId} not found`)
    if (body['superAdmin'] !== undefined) {
      if (typeof body['superAdmin'] !== 'boolean') throw validationError('superAdmin must be true or false')
      user.superAdmin = body['superAdmin']
    }
    const roles = roleIds(body['roleIds'])
    if (roles !== undefined) user.roleIds = roles
    return toUserJson(user)
  })
  done()
}

function roleIds(value: unknown): string[] | undefined {
  if (value === undefined) return undefined
  if (!Array.isArray(value)) throw validationError('roleIds must be an array of role ids')
  return value.map(String)
}
