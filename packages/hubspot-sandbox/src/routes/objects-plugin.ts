import type { FastifyPluginCallback, FastifyRequest } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { notFound, validationError } from '../http/errors.js'
import { bodyObject, boolParam, intParam, listParam, type Query, stringParam } from '../http/query.js'
import { type ReadShape, toObjectJson } from '../http/serialize.js'
import { OBJECT_TYPES, type ObjectTypeName, objectTypeOf } from '../model/object-types.js'
import type { HsRecord } from '../model/record.js'
import { eventEnvelope } from '../services/event-envelope.js'
import { createRecord, updateRecord } from '../services/record-writes.js'
import { archiveRecord, findLive, lookUp, type WriteContext } from '../services/write-records.js'

type Params = { type: string; id: string }

export function readShape(query: Query): ReadShape {
  return {
    properties: listParam(query, 'properties'),
    propertiesWithHistory: listParam(query, 'propertiesWithHistory'),
    associations: listParam(query, 'associations'),
  }
}

export function writeContext(deps: SandboxDeps, request: FastifyRequest): WriteContext {
  return { portal: deps.portal, source: request.writeSource }
}

/** What a write returns: the default properties plus every stored value. */
export function writtenShape(type: ObjectTypeName, record: HsRecord): ReadShape {
  return { properties: [...new Set([...OBJECT_TYPES[type].defaultProperties, ...Object.keys(record.props)])] }
}

/** The origin the client used, for `paging.next.link`. */
export function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? 'localhost'}`
}

/** CRM objects v3: list, read (by id or idProperty), create, update, archive (api-surface.md 3.2). */
export const objectsPlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { portal } = deps

  app.get<{ Params: { type: string } }>('/crm/v3/objects/:type', (request) => {
    const info = objectTypeOf(request.params.type)
    const query = request.query as Query
    const shape = readShape(query)
    // Pages that carry history are capped lower (api-surface.md 8.6).
    const max = shape.propertiesWithHistory === undefined ? 100 : 50
    const limit = intParam(query, 'limit', 10, max)
    const after = Number(stringParam(query, 'after') ?? '0')
    if (!Number.isInteger(after) || after < 0) throw validationError('after must be a valid paging cursor')
    const results: unknown[] = []
    let last: number | undefined
    let more = false
    for (const record of portal.stores[info.name].list(after - 1, boolParam(query, 'archived'))) {
      if (results.length === limit) {
        more = true
        break
      }
      results.push(toObjectJson(portal, info.name, record, shape))
      last = record.id
    }
    if (!more || last === undefined) return { results }
    const next = String(last + 1)
    return {
      results,
      paging: { next: { after: next, link: `${origin(request)}/crm/v3/objects/${info.name}?after=${next}` } },
    }
  })

  app.get<{ Params: Params }>('/crm/v3/objects/:type/:id', (request) => {
    const info = objectTypeOf(request.params.type)
    const query = request.query as Query
    const record = lookUp(
      portal,
      info.name,
      request.params.id,
      stringParam(query, 'idProperty'),
      boolParam(query, 'archived'),
    )
    if (record === undefined) throw notFound('Object not found.')
    return toObjectJson(portal, info.name, record, readShape(query))
  })

  app.post<{ Params: { type: string } }>('/crm/v3/objects/:type', async (request, reply) => {
    const info = objectTypeOf(request.params.type)
    const body = bodyObject(request.body)
    const record = createRecord(
      writeContext(deps, request),
      info.name,
      body['properties'] ?? {},
      body['associations'],
    )
    void reply.code(201)
    return toObjectJson(portal, info.name, record, writtenShape(info.name, record))
  })

  app.patch<{ Params: Params }>('/crm/v3/objects/:type/:id', (request) => {
    const info = objectTypeOf(request.params.type)
    const query = request.query as Query
    const record = findLive(portal, info.name, request.params.id, stringParam(query, 'idProperty'))
    const body = bodyObject(request.body)
    updateRecord(writeContext(deps, request), info.name, record, body['properties'] ?? {})
    return toObjectJson(portal, info.name, record, writtenShape(info.name, record))
  })

  app.delete<{ Params: Params }>('/crm/v3/objects/:type/:id', async (request, reply) => {
    const info = objectTypeOf(request.params.type)
    const record = lookUp(portal, info.name, request.params.id, undefined, false)
    // Archiving an already archived or unknown id is a no-op 204 in HubSpot.
    if (record !== undefined) archiveRecord(writeContext(deps, request), info.name, record)
    void reply.code(204)
    return reply.send()
  })

  app.post<{ Params: { type: string } }>('/crm/v3/objects/:type/gdpr-delete', async (request, reply) => {
    const info = objectTypeOf(request.params.type)
    if (info.name !== 'contacts') throw notFound()
    const body = bodyObject(request.body)
    const idProperty = typeof body['idProperty'] === 'string' ? body['idProperty'] : undefined
    const record = findLive(portal, 'contacts', String(body['objectId']), idProperty)
    archiveRecord(writeContext(deps, request), 'contacts', record)
    portal.stores.contacts.records.delete(record.id)
    portal.emit(eventEnvelope(request.writeSource, 'contact.privacyDeletion', record.id, portal.clock.now()))
    void reply.code(204)
    return reply.send()
  })

  done()
}
