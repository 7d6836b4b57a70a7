import type { FastifyPluginCallback } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { notFound } from '../http/errors.js'
import { bodyObject } from '../http/query.js'
import { toObjectJson } from '../http/serialize.js'
import { objectTypeOf } from '../model/object-types.js'
import { mergeRecords } from '../services/merge.js'
import { writeContext, writtenShape } from './objects-plugin.js'

/** POST /crm/v3/objects/{contacts|companies|deals}/merge: 200 with the surviving record. */
export const mergePlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  app.post<{ Params: { type: string } }>('/crm/v3/objects/:type/merge', (request) => {
    const info = objectTypeOf(request.params.type)
    if (!['contacts', 'companies', 'deals'].includes(info.name))
      throw notFound(`Merge is not supported for ${info.name}`)
    const body = bodyObject(request.body)
    const survivor = mergeRecords(
      writeContext(deps, request),
      info.name,
      body['primaryObjectId'],
      body['objectIdToMerge'],
    )
    return toObjectJson(deps.portal, info.name, survivor, writtenShape(info.name, survivor))
  })
  done()
}
