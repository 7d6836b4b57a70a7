import type { FastifyPluginCallback } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { batchResponse } from '../http/batch-response.js'
import { notFound, validationError } from '../http/errors.js'
import { batchInputs, bodyObject, intParam, type Query, stringParam, text } from '../http/query.js'
import type { AssociationType } from '../model/association-types.js'
import { OBJECT_TYPES, type ObjectTypeName, objectTypeOf } from '../model/object-types.js'
import { afterAssociationChanges, associate, exists } from '../services/associate.js'
import { writeContext } from './objects-plugin.js'

type Pair = { from: string; to: string }

const labelJson = (type: AssociationType) => ({
  category: type.category,
  typeId: type.typeId,
  label: type.label,
})
const idOf = (value: unknown): number => Number((value as { id?: unknown } | undefined)?.id)

/** Associations v4 (api-surface.md 3.5): batch create/read/archive, defaults, single edges and labels. */
export const associationsPlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { portal } = deps
  const types = (from: ObjectTypeName, to: ObjectTypeName, specs: unknown): AssociationType[] => {
    if (!Array.isArray(specs)) throw validationError('types must be an array')
    return specs.map((spec: { associationTypeId?: unknown }) => {
      const type = portal.associations.type(from, to, Number(spec.associationTypeId))
      if (type === undefined)
        throw validationError(
          `${String(spec.associationTypeId)} is not a valid association type between ${from} and ${to}`,
        )
      return type
    })
  }
  const edgeJson = (from: ObjectTypeName, fromId: number, to: ObjectTypeName, toId: number) => ({
    fromObjectTypeId: OBJECT_TYPES[from].typeId,
    fromObjectId: fromId,
    toObjectTypeId: OBJECT_TYPES[to].typeId,
    toObjectId: toId,
    labels: [
      ...(portal.associations.edges(from, fromId, to).find((edge) => edge.toId === toId)?.typeIds ?? []),
    ]
      .map((typeId) => portal.associations.type(from, to, typeId)?.label)
      .filter((label): label is string => typeof label === 'string'),
  })
  const batch = (results: unknown[], errors: unknown[] = []) =>
    batchResponse(portal.clock.now(), portal.clock.now(), results, errors)
  const missingError = (type: ObjectTypeName, id: number) => ({
    status: 'error',
    category: 'OBJECT_NOT_FOUND',
    message: `No ${OBJECT_TYPES[type].singular} with ID ${id} exists`,
    context: { id: [String(id)] },
  })
  /** Live targets of one record, paged by target id. */
  const targets = (from: ObjectTypeName, fromId: number, to: ObjectTypeName) =>
    portal.associations.edges(from, fromId, to).filter((edge) => exists(portal, to, edge.toId))
  const toJson = (
    from: ObjectTypeName,
    to: ObjectTypeName,
    edge: { toId: number; typeIds: ReadonlySet<number> },
  ) => ({
    toObjectId: edge.toId,
    associationTypes: [...edge.typeIds].flatMap((typeId) => {
      const type = portal.associations.type(from, to, typeId)
      return type === undefined ? [] : [labelJson(type)]
    }),
  })

  app.post<{ Params: Pair }>('/crm/v4/associations/:from/:to/batch/create', async (request, reply) => {
    const from = objectTypeOf(request.params.from).name
    const to = objectTypeOf(request.params.to).name
    const ctx = writeContext(deps, request)
    const results: unknown[] = []
    const errors: unknown[] = []
    for (const input of batchInputs(request.body, portal.knobs.associationBatchCreateLimit)) {
      const fromId = idOf(input['from'])
      const toId = idOf(input['to'])
      const missing = !exists(portal, from, fromId)
        ? missingError(from, fromId)
        : !exists(portal, to, toId)
          ? missingError(to, toId)
          : undefined
      if (missing !== undefined) {
        errors.push(missing)
        continue
      }
      for (const type of types(from, to, input['types'])) associate(ctx, type, fromId, toId)
      results.push(edgeJson(from, fromId, to, toId))
    }
    void reply.code(errors.length > 0 ? 207 : 201)
    return batch(results, errors)
  })

  app.post<{ Params: Pair }>('/crm/v4/associations/:from/:to/batch/associate/default', (request) => {
    const from = objectTypeOf(request.params.from).name
    const to = objectTypeOf(request.params.to).name
    const type = portal.associations.defaultType(from, to)
    if (type === undefined) throw validationError(`No default association between ${from} and ${to}`)
    const ctx = writeContext(deps, request)
    const results = batchInputs(request.body, portal.knobs.associationBatchCreateLimit).map((input) => {
      const fromId = idOf(input['from'])
      const toId = idOf(input['to'])
      associate(ctx, type, fromId, toId)
      return {
        from: { id: String(fromId) },
        to: { id: String(toId) },
        associationSpec: { associationCategory: type.category, associationTypeId: type.typeId },
      }
    })
    return batch(results)
  })

  app.post<{ Params: Pair }>('/crm/v4/associations/:from/:to/batch/read', (request) => {
    const from = objectTypeOf(request.params.from).name
    const to = objectTypeOf(request.params.to).name
    const results: unknown[] = []
    for (const input of batchInputs(request.body, portal.knobs.associationBatchReadLimit)) {
      const fromId = Number(input['id'])
      const record = portal.stores[from].resolve(fromId)
      if (record === undefined) continue
      const edges = targets(from, record.id, to)
      // Inputs with no associations are left out of the results (the engine treats absence as "none").
      if (edges.length === 0) continue
      results.push({ from: { id: String(fromId) }, to: edges.map((edge) => toJson(from, to, edge)) })
    }
    return batch(results)
  })

  app.post<{ Params: Pair }>('/crm/v4/associations/:from/:to/batch/archive', async (request, reply) => {
    const from = objectTypeOf(request.params.from).name
    const to = objectTypeOf(request.params.to).name
    const ctx = writeContext(deps, request)
    for (const input of batchInputs(request.body, portal.knobs.associationBatchCreateLimit)) {
      const fromId = idOf(input['from'])
      const list = Array.isArray(input['to']) ? (input['to'] as unknown[]) : [input['to']]
      for (const target of list)
        afterAssociationChanges(ctx, portal.associations.removeAll(from, fromId, to, idOf(target)))
    }
    void reply.code(204)
    return reply.send()
  })

  app.post<{ Params: Pair }>(
    '/crm/v4/associations/:from/:to/batch/labels/archive',
    async (request, reply) => {
      const from = objectTypeOf(request.params.from).name
      const to = objectTypeOf(request.params.to).name
      const ctx = writeContext(deps, request)
      for (const input of batchInputs(request.body, portal.knobs.associationBatchCreateLimit)) {
        for (const type of types(from, to, input['types'])) {
          afterAssociationChanges(
            ctx,
            portal.associations.remove(type, idOf(input['from']), idOf(input['to'])),
          )
        }
      }
      void reply.code(204)
      return reply.send()
    },
  )

  type Edge = { type: string; id: string; toType: string; toId: string }
  app.put<{ Params: Edge }>(
    '/crm/v4/objects/:type/:id/associations/:toType/:toId',
    async (request, reply) => {
      const from = objectTypeOf(request.params.type).name
      const to = objectTypeOf(request.params.toType).name
      const fromId = Number(request.params.id)
      const toId = Number(request.params.toId)
      const ctx = writeContext(deps, request)
      for (const type of types(from, to, request.body)) associate(ctx, type, fromId, toId)
      void reply.code(201)
      return edgeJson(from, fromId, to, toId)
    },
  )

  app.put<{ Params: Edge }>('/crm/v4/objects/:type/:id/associations/default/:toType/:toId', (request) => {
    const from = objectTypeOf(request.params.type).name
    const to = objectTypeOf(request.params.toType).name
    const type = portal.associations.defaultType(from, to)
    if (type === undefined) throw validationError(`No default association between ${from} and ${to}`)
    const fromId = Number(request.params.id)
    const toId = Number(request.params.toId)
    associate(writeContext(deps, request), type, fromId, toId)
    return batch([
      {
        from: { id: String(fromId) },
        to: { id: String(toId) },
        associationSpec: { associationCategory: type.category, associationTypeId: type.typeId },
      },
    ])
  })

  app.get<{ Params: Omit<Edge, 'toId'> }>('/crm/v4/objects/:type/:id/associations/:toType', (request) => {
    const from = objectTypeOf(request.params.type).name
    const to = objectTypeOf(request.params.toType).name
    const query = request.query as Query
    const limit = intParam(query, 'limit', 500, 500)
    const after = Number(stringParam(query, 'after') ?? '0')
    const record = portal.stores[from].resolve(Number(request.params.id))
    if (record === undefined) throw notFound()
    const edges = targets(from, record.id, to).filter((edge) => edge.toId >= after)
    const page = edges.slice(0, limit).map((edge) => toJson(from, to, edge))
    const next = edges[limit]
    return next === undefined
      ? { results: page }
      : { results: page, paging: { next: { after: String(next.toId) } } }
  })

  app.delete<{ Params: Edge }>(
    '/crm/v4/objects/:type/:id/associations/:toType/:toId',
    async (request, reply) => {
      const from = objectTypeOf(request.params.type).name
      const to = objectTypeOf(request.params.toType).name
      const changes = portal.associations.removeAll(
        from,
        Number(request.params.id),
        to,
        Number(request.params.toId),
      )
      afterAssociationChanges(writeContext(deps, request), changes)
      void reply.code(204)
      return reply.send()
    },
  )

  app.get<{ Params: Pair }>('/crm/v4/associations/:from/:to/labels', (request) => {
    const from = objectTypeOf(request.params.from).name
    const to = objectTypeOf(request.params.to).name
    return { results: portal.associations.typesBetween(from, to).map(labelJson) }
  })

  app.post<{ Params: Pair }>('/crm/v4/associations/:from/:to/labels', (request) => {
    const from = objectTypeOf(request.params.from).name
    const to = objectTypeOf(request.params.to).name
    const body = bodyObject(request.body)
    const label = text(body['label'], text(body['name']))
    if (label === '') throw validationError('label is required')
    const inverse = typeof body['inverseLabel'] === 'string' ? body['inverseLabel'] : undefined
    const type = portal.associations.defineLabel(from, to, label, inverse)
    const created = [type, portal.associations.typeById(type.inverseId)].filter(
      (t): t is AssociationType => t !== undefined,
    )
    return { results: created.filter((t) => t.from === from).map(labelJson) }
  })

  app.put<{ Params: Pair }>('/crm/v4/associations/:from/:to/labels', async (request, reply) => {
    const body = bodyObject(request.body)
    if (!portal.associations.relabel(Number(body['associationTypeId']), text(body['label'], '')))
      throw notFound()
    void reply.code(204)
    return reply.send()
  })

  app.delete<{ Params: Pair & { typeId: string } }>(
    '/crm/v4/associations/:from/:to/labels/:typeId',
    async (request, reply) => {
      if (!portal.associations.removeLabel(Number(request.params.typeId))) throw notFound()
      void reply.code(204)
      return reply.send()
    },
  )

  done()
}
