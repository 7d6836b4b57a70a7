import type { FastifyPluginCallback } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { batchResponse } from '../http/batch-response.js'
import { validationError } from '../http/errors.js'
import { batchInputs, boolParam, type Query, stringList } from '../http/query.js'
import { toObjectJson } from '../http/serialize.js'
import { objectTypeOf } from '../model/object-types.js'
import type { HsRecord } from '../model/record.js'
import { createValidated, updateValidated } from '../services/record-writes.js'
import { type Changes, validateWrite } from '../services/validate-write.js'
import { archiveRecord, lookUp } from '../services/write-records.js'
import { writeContext, writtenShape } from './objects-plugin.js'

interface BatchError {
  status: 'error'
  category: string
  message: string
  context: Record<string, string[]>
}

function notFoundError(singular: string, ids: string[]): BatchError {
  return {
    status: 'error',
    category: 'OBJECT_NOT_FOUND',
    message: `Could not get some ${singular.toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
    context: { ids },
  }
}

/** Rejects a batch that would give two records the same unique value (email included). */
function checkBatchUnique(inputs: Changes[], uniques: (name: string) => boolean): void {
  const seen = new Map<string, number>()
  inputs.forEach((changes, index) => {
    for (const [name, value] of changes) {
      if (value === undefined || !uniques(name)) continue
      const key = `${name}\u0000${name === 'email' ? value.toLowerCase() : value}`
      if (seen.has(key))
        throw validationError(`Duplicate ${name} ${value} in inputs ${String(seen.get(key))} and ${index}`)
      seen.set(key, index)
    }
  })
}

/** Batch read, create, update, upsert and archive, 100 inputs per call, all-or-nothing validation. */
export const batchPlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { portal } = deps
  const trace = (input: Record<string, unknown>) =>
    typeof input['objectWriteTraceId'] === 'string' ? { objectWriteTraceId: input['objectWriteTraceId'] } : {}

  app.post<{ Params: { type: string } }>('/crm/v3/objects/:type/batch/read', async (request, reply) => {
    const startedAt = portal.clock.now()
    const info = objectTypeOf(request.params.type)
    const body = request.body as Record<string, unknown>
    const inputs = batchInputs(body, portal.knobs.batchLimit)
    const idProperty = typeof body['idProperty'] === 'string' ? body['idProperty'] : undefined
    const archived = boolParam(request.query as Query, 'archived')
    const shape = {
      properties: stringList(body['properties']),
      propertiesWithHistory: stringList(body['propertiesWithHistory']),
    }
    const results: unknown[] = []
    const missing: string[] = []
    const seen = new Set<number>()
    for (const input of inputs) {
      const id = String(input['id'])
      const record = lookUp(portal, info.name, id, idProperty, archived)
      if (record === undefined) missing.push(id)
      else if (!seen.has(record.id)) {
        seen.add(record.id)
        results.push(toObjectJson(portal, info.name, record, shape))
      }
    }
    const errors = missing.length > 0 ? [notFoundError(info.singular, missing)] : []
    void reply.code(errors.length > 0 ? 207 : 200)
    return batchResponse(startedAt, portal.clock.now(), results, errors)
  })

  app.post<{ Params: { type: string } }>('/crm/v3/objects/:type/batch/create', async (request, reply) => {
    const startedAt = portal.clock.now()
    const info = objectTypeOf(request.params.type)
    const inputs = batchInputs(request.body, portal.knobs.batchLimit)
    const changes = inputs.map((input) => validateWrite(portal, info.name, input['properties'] ?? {}))
    checkBatchUnique(changes, (name) => portal.stores[info.name].isUnique(name))
    const ctx = writeContext(deps, request)
    const results = changes.map((change, index) => {
      const input = inputs[index] ?? {}
      const record = createValidated(ctx, info.name, change, input['associations'])
      return { ...toObjectJson(portal, info.name, record, writtenShape(info.name, record)), ...trace(input) }
    })
    void reply.code(201)
    return batchResponse(startedAt, portal.clock.now(), results, [])
  })

  app.post<{ Params: { type: string } }>('/crm/v3/objects/:type/batch/update', async (request, reply) => {
    const startedAt = portal.clock.now()
    const info = objectTypeOf(request.params.type)
    const inputs = batchInputs(request.body, portal.knobs.batchLimit)
    const missing: string[] = []
    const found: Array<[HsRecord, Changes, Record<string, unknown>]> = []
    for (const input of inputs) {
      const idProperty = typeof input['idProperty'] === 'string' ? input['idProperty'] : undefined
      const record = lookUp(portal, info.name, String(input['id']), idProperty, false)
      if (record === undefined) missing.push(String(input['id']))
      else found.push([record, validateWrite(portal, info.name, input['properties'] ?? {}, record), input])
    }
    checkBatchUnique(
      found.map(([, changes]) => changes),
      (name) => portal.stores[info.name].isUnique(name),
    )
    const ctx = writeContext(deps, request)
    const results = found.map(([record, changes, input]) => {
      updateValidated(ctx, info.name, record, changes)
      return { ...toObjectJson(portal, info.name, record, writtenShape(info.name, record)), ...trace(input) }
    })
    const errors = missing.length > 0 ? [notFoundError(info.singular, missing)] : []
    void reply.code(errors.length > 0 ? 207 : 200)
    return batchResponse(startedAt, portal.clock.now(), results, errors)
  })

  app.post<{ Params: { type: string } }>('/crm/v3/objects/:type/batch/upsert', async (request, reply) => {
    const startedAt = portal.clock.now()
    const info = objectTypeOf(request.params.type)
    const store = portal.stores[info.name]
    const inputs = batchInputs(request.body, portal.knobs.batchLimit)
    const plan = inputs.map((input) => {
      const idProperty = typeof input['idProperty'] === 'string' ? input['idProperty'] : ''
      if (idProperty === '' || !store.isUnique(idProperty)) {
        throw validationError(`idProperty ${idProperty} must be a property with unique values for upsert`)
      }
      const id = String(input['id'])
      const record = lookUp(portal, info.name, id, idProperty, false)
      const properties = {
        ...((input['properties'] as Record<string, unknown> | undefined) ?? {}),
        [idProperty]: id,
      }
      return { input, record, changes: validateWrite(portal, info.name, properties, record) }
    })
    checkBatchUnique(
      plan.map((step) => step.changes),
      (name) => store.isUnique(name),
    )
    const ctx = writeContext(deps, request)
    const results = plan.map(({ input, record, changes }) => {
      const target = record ?? createValidated(ctx, info.name, changes)
      if (record !== undefined) updateValidated(ctx, info.name, record, changes)
      return {
        ...toObjectJson(portal, info.name, target, writtenShape(info.name, target)),
        new: record === undefined,
        ...trace(input),
      }
    })
    void reply.code(200)
    return batchResponse(startedAt, portal.clock.now(), results, [])
  })

  app.post<{ Params: { type: string } }>('/crm/v3/objects/:type/batch/archive', async (request, reply) => {
    const info = objectTypeOf(request.params.type)
    const inputs = batchInputs(request.body, portal.knobs.batchLimit)
    const ctx = writeContext(deps, request)
    for (const input of inputs) {
      const record = lookUp(portal, info.name, String(input['id']), undefined, false)
      if (record !== undefined) archiveRecord(ctx, info.name, record)
    }
    void reply.code(204)
    return reply.send()
  })

  done()
}
