import type { FastifyPluginCallback } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { bodyObject, stringList } from '../http/query.js'
import { toObjectJson } from '../http/serialize.js'
import { objectTypeOf } from '../model/object-types.js'
import { parseSearchRequest, runSearch } from '../services/search.js'

/** POST /crm/v3/objects/{t}/search: filter groups, sorts, 200 per page, the 10,000-result cap, lag. */
export const searchPlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { portal } = deps
  app.post<{ Params: { type: string } }>('/crm/v3/objects/:type/search', (request) => {
    const info = objectTypeOf(request.params.type)
    const body = bodyObject(request.body ?? {})
    const search = parseSearchRequest(body, portal.knobs)
    const defs = (name: string) => portal.property(info.name, name)
    const result = runSearch(portal.stores[info.name], defs, search, portal.knobs, portal.clock.now())
    // Search always returns the id and both timestamps next to the requested properties, as HubSpot does.
    const requested = stringList(body['properties'])
    const properties =
      requested === undefined || requested.length === 0
        ? info.defaultProperties
        : [...new Set([info.createdProperty, 'hs_object_id', info.lastModifiedProperty, ...requested])]
    const results = result.rows.map((record) => toObjectJson(portal, info.name, record, { properties }))
    if (result.nextOffset === undefined) return { total: result.total, results }
    return { total: result.total, results, paging: { next: { after: String(result.nextOffset) } } }
  })
  done()
}
