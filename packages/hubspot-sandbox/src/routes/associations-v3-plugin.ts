import type { FastifyPluginCallback } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { batchResponse } from '../http/batch-response.js'
import { notFound, validationError } from '../http/errors.js'
import { batchInputs, text } from '../http/query.js'
import { toObjectJson } from '../http/serialize.js'
import type { AssociationChange } from '../model/association-store.js'
import type { AssociationType } from '../model/association-types.js'
import { OBJECT_TYPES, type ObjectTypeName, objectTypeOf } from '../model/object-types.js'
import type { Portal } from '../model/portal.js'
import { afterAssociationChanges, associate, exists } from '../services/associate.js'
import { v3TypeName, v3TypeOf } from '../services/v3-association-names.js'
import { writeContext } from './objects-plugin.js'

type Pair = { from: string; to: string }
type Edge = { type: string; id: string; toType: string; toId: string; associationType: string }

const idOf = (value: unknown): number => Number((value as { id?: unknown } | undefined)?.id)

function typeOf(portal: Portal, from: ObjectTypeName, to: ObjectTypeName, name: unknown): AssociationType {
  const type = v3TypeOf(portal, from, to, text(name, ''))
  if (type === undefined)
    throw validationError(`${text(name, '')} is not a valid association type between ${from} and ${to}`)
  return type
}

/**
 * Removing a v3 type removes that one; removing the plain type removes the whole link, since labels
 * (primary included) only exist on top of it.
 */
function unlink(portal: Portal, type: AssociationType, fromId: number, toId: number): AssociationChange[] {
  if (type.isDefault) return portal.associations.removeAll(type.from, fromId, type.to, toId)
  return portal.associations.remove(type, fromId, toId)
}

/**
 * Associations v3 (`client.crm.associations.batchApi` and `schema.typesApi`, plus the per-object
 * endpoints the v14 client no longer wraps): named types such as `contact_to_company` (the primary).
 * Every change has the same effects as through v4 (associate.ts).
 */
export const associationsV3Plugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { portal } = deps
  const pair = (params: Pair) => [objectTypeOf(params.from).name, objectTypeOf(params.to).name] as const
  const batch = (results: unknown[], errors: unknown[] = []) =>
    batchResponse(portal.clock.now(), portal.clock.now(), results, errors)
  /** One `{id, type}` per type of each live edge, as v3 lists them. */
  const linked = (from: ObjectTypeName, fromId: number, to: ObjectTypeName) =>
    portal.associations
      .edges(from, fromId, to)
      .filter((edge) => exists(portal, to, edge.toId))
      .flatMap((edge) =>
        [...edge.typeIds].flatMap((typeId) => {
          const type = portal.associations.type(from, to, typeId)
          return type === undefined ? [] : [{ id: String(edge.toId), type: v3TypeName(portal, type) }]
        }),
      )

  app.post<{ Params: Pair }>('/crm/v3/associations/:from/:to/batch/create', async (request, reply) => {
    const [from, to] = pair(request.params)
    const ctx = writeContext(deps, request)
    const results: unknown[] = []
    const errors: unknown[] = []
    for (const input of batchInputs(request.body, portal.knobs.associationBatchCreateLimit)) {
      const type = typeOf(portal, from, to, input['type'])
      const fromId = idOf(input['from'])
      const toId = idOf(input['to'])
      const missing = [
        [from, fromId],
        [to, toId],
      ].find(([t, id]) => !exists(portal, t as ObjectTypeName, id as number))
      if (missing !== undefined) {
        errors.push({
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: `No ${OBJECT_TYPES[missing[0] as ObjectTypeName].singular} with ID ${String(missing[1])} exists`,
          context: { id: [String(missing[1])] },
        })
        continue
      }
      associate(ctx, type, fromId, toId)
      results.push({ from: { id: String(fromId) }, to: { id: String(toId) }, type: v3TypeName(portal, type) })
    }
    void reply.code(errors.length > 0 ? 207 : 201)
    return batch(results, errors)
  })

  app.post<{ Params: Pair }>('/crm/v3/associations/:from/:to/batch/read', (request) => {
    const [from, to] = pair(request.params)
    const results: unknown[] = []
    for (const input of batchInputs(request.body, portal.knobs.associationBatchReadLimit)) {
      const record = portal.stores[from].resolve(Number(input['id']))
      if (record === undefined) continue
      const links = linked(from, record.id, to)
      if (links.length > 0) results.push({ from: { id: String(input['id']) }, to: links })
    }
    return batch(results)
  })

  app.post<{ Params: Pair }>('/crm/v3/associations/:from/:to/batch/archive', async (request, reply) => {
    const [from, to] = pair(request.params)
    const ctx = writeContext(deps, request)
    for (const input of batchInputs(request.body, portal.knobs.associationBatchCreateLimit)) {
      const type = typeOf(portal, from, to, input['type'])
      afterAssociationChanges(ctx, unlink(portal, type, idOf(input['from']), idOf(input['to'])))
    }
    return reply.code(204).send()
  })

  app.get<{ Params: Pair }>('/crm/v3/associations/:from/:to/types', (request) => {
    const [from, to] = pair(request.params)
    return {
      results: portal.associations
        .typesBetween(from, to)
        .map((type) => ({ id: String(type.typeId), name: v3TypeName(portal, type) })),
    }
  })

  app.put<{ Params: Edge }>(
    '/crm/v3/objects/:type/:id/associations/:toType/:toId/:associationType',
    (request) => {
      const from = objectTypeOf(request.params.type).name
      const to = objectTypeOf(request.params.toType).name
      const type = typeOf(portal, from, to, request.params.associationType)
      const record = portal.stores[from].resolve(Number(request.params.id))
      if (record === undefined || !exists(portal, from, record.id)) throw notFound('Object not found.')
      associate(writeContext(deps, request), type, record.id, Number(request.params.toId))
      return toObjectJson(portal, from, record, { associations: [to] })
    },
  )

  app.delete<{ Params: Edge }>(
    '/crm/v3/objects/:type/:id/associations/:toType/:toId/:associationType',
    async (request, reply) => {
      const from = objectTypeOf(request.params.type).name
      const to = objectTypeOf(request.params.toType).name
      const type = typeOf(portal, from, to, request.params.associationType)
      const changes = unlink(portal, type, Number(request.params.id), Number(request.params.toId))
      afterAssociationChanges(writeContext(deps, request), changes)
      return reply.code(204).send()
    },
  )

  app.get<{ Params: Omit<Edge, 'toId' | 'associationType'> }>(
    '/crm/v3/objects/:type/:id/associations/:toType',
    (request) => {
      const from = objectTypeOf(request.params.type).name
      const to = objectTypeOf(request.params.toType).name
      const record = portal.stores[from].resolve(Number(request.params.id))
      if (record === undefined) throw notFound('Object not found.')
      return { results: linked(from, record.id, to) }
    },
  )

  done()
}
