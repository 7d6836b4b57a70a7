import type { FastifyPluginCallback } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { notFound } from '../http/errors.js'
import { boolParam, intParam, type Query, stringParam } from '../http/query.js'
import { toOwnerJson } from '../model/owners.js'

/** Owners v3 (api-surface.md 3.6): list with the email filter and archived owners, and by id or userId. */
export const ownersPlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { portal } = deps
  app.get('/crm/v3/owners', (request) => {
    const query = request.query as Query
    const email = stringParam(query, 'email')?.toLowerCase()
    const archived = boolParam(query, 'archived')
    const limit = intParam(query, 'limit', 100, 500)
    const after = Number(stringParam(query, 'after') ?? '0')
    const matching = portal.owners
      .filter((owner) => owner.archived === archived && (email === undefined || owner.email === email))
      .sort((a, b) => Number(a.id) - Number(b.id))
      .filter((owner) => Number(owner.id) >= after)
    const page = matching.slice(0, limit)
    const next = matching[limit]
    const results = page.map(toOwnerJson)
    return next === undefined ? { results } : { results, paging: { next: { after: next.id } } }
  })

  app.get<{ Params: { ownerId: string } }>('/crm/v3/owners/:ownerId', (request) => {
    const query = request.query as Query
    const byUser = stringParam(query, 'idProperty') === 'userId'
    const archived = boolParam(query, 'archived')
    const owner = portal.owners.find(
      (candidate) =>
        (byUser ? String(candidate.userId) : candidate.id) === request.params.ownerId &&
        candidate.archived === archived,
    )
    if (owner === undefined) throw notFound(`Owner ${request.params.ownerId} not found`)
    return toOwnerJson(owner)
  })
  done()
}
