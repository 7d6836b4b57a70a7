import type { FastifyPluginCallback } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { HubSpotError, notFound, validationError } from '../http/errors.js'
import { batchInputs, bodyObject, boolParam, listParam, type Query, text } from '../http/query.js'
import type { ObjectTypeName } from '../model/object-types.js'
import { objectTypeOf } from '../model/object-types.js'
import type { Portal } from '../model/portal.js'
import {
  defineProperty,
  type PropertyDefinition,
  type PropertyOption,
  type PropertyType,
  toPropertyJson,
} from '../model/property-definition.js'

/** Valid type / fieldType pairs (the client's create enums, api-surface.md 3.8). */
const FIELD_TYPES: Record<PropertyType, readonly string[]> = {
  string: ['text', 'textarea', 'file', 'html', 'phonenumber'],
  number: ['number'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox'],
  bool: ['booleancheckbox'],
}

function optionsOf(value: unknown): PropertyOption[] {
  if (!Array.isArray(value)) return []
  return value.map((raw: Record<string, unknown>, index) => ({
    label: text(raw['label'], text(raw['value'])),
    value: text(raw['value'], ''),
    displayOrder: Number(raw['displayOrder'] ?? index),
    hidden: raw['hidden'] === true,
  }))
}

/** Validates and adds a custom property; unique-valued ones get an index for idProperty and upsert. */
export function createProperty(
  portal: Portal,
  type: ObjectTypeName,
  body: Record<string, unknown>,
): PropertyDefinition {
  const name = text(body['name'], '')
  const propertyType = text(body['type'], '') as PropertyType
  const fieldType = text(body['fieldType'], '')
  if (!/^[a-z][a-z0-9_]*$/.test(name))
    throw validationError(`Property name ${name} is invalid: use lower-case letters, digits and _`)
  if (!(propertyType in FIELD_TYPES)) throw validationError(`Unknown property type ${propertyType}`)
  if (!FIELD_TYPES[propertyType].includes(fieldType)) {
    throw validationError(`fieldType ${fieldType} is not valid for type ${propertyType}`)
  }
  const defs = portal.properties.get(type)
  const existing = defs?.get(name)
  if (existing !== undefined && !existing.archived) {
    throw new HubSpotError({
      status: 409,
      category: 'OBJECT_ALREADY_EXISTS',
      message: `Property with name ${name} already exists`,
    })
  }
  const now = portal.clock.now()
  const def = defineProperty(name, propertyType, fieldType, {
    label: text(body['label'], name),
    groupName: text(body['groupName'], 'contactinformation'),
    description: text(body['description'], ''),
    options: optionsOf(body['options']),
    hidden: body['hidden'] === true,
    displayOrder: Number(body['displayOrder'] ?? -1),
    hasUniqueValue: body['hasUniqueValue'] === true,
    formField: body['formField'] === true,
    hubspotDefined: false,
    calculated: typeof body['calculationFormula'] === 'string',
    createdAt: now,
    updatedAt: now,
  })
  defs?.set(name, def)
  if (def.hasUniqueValue) portal.stores[type].addUniqueIndex(name)
  return def
}

/** Properties v3: list, read, create (incl. unique-value), update, archive, and the batch forms. */
export const propertiesPlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { portal } = deps
  type Params = { type: string; name: string }
  const defsOf = (segment: string) => {
    const type = objectTypeOf(segment).name
    return { type, defs: portal.properties.get(type) ?? new Map<string, PropertyDefinition>() }
  }
  const find = (params: Params): PropertyDefinition => {
    const { type } = defsOf(params.type)
    const def = portal.property(type, params.name)
    if (def === undefined) throw notFound(`Unable to find property ${params.name} of ${type}`)
    return def
  }

  app.get<{ Params: Params }>('/crm/v3/properties/:type', (request) => {
    const query = request.query as Query
    const archived = boolParam(query, 'archived')
    const wanted = listParam(query, 'properties')
    const { defs } = defsOf(request.params.type)
    const results = [...defs.values()].filter(
      (def) => def.archived === archived && (wanted === undefined || wanted.includes(def.name)),
    )
    return { results: results.map(toPropertyJson) }
  })
  app.get<{ Params: Params }>('/crm/v3/properties/:type/:name', (request) =>
    toPropertyJson(find(request.params)),
  )
  app.post<{ Params: Params }>('/crm/v3/properties/:type', async (request, reply) => {
    const { type } = defsOf(request.params.type)
    const def = createProperty(portal, type, bodyObject(request.body))
    void reply.code(201)
    return toPropertyJson(def)
  })
  app.patch<{ Params: Params }>('/crm/v3/properties/:type/:name', (request) => {
    const def = find(request.params)
    const body = bodyObject(request.body)
    if (typeof body['label'] === 'string') def.label = body['label']
    if (typeof body['description'] === 'string') def.description = body['description']
    if (typeof body['groupName'] === 'string') def.groupName = body['groupName']
    if (Array.isArray(body['options'])) def.options = optionsOf(body['options'])
    if (typeof body['hidden'] === 'boolean') def.hidden = body['hidden']
    if (typeof body['formField'] === 'boolean') def.formField = body['formField']
    if (body['displayOrder'] !== undefined) def.displayOrder = Number(body['displayOrder'])
    def.updatedAt = portal.clock.now()
    return toPropertyJson(def)
  })
  app.delete<{ Params: Params }>('/crm/v3/properties/:type/:name', async (request, reply) => {
    const def = find(request.params)
    if (def.hubspotDefined)
      throw validationError(`${def.name} is a HubSpot-defined property and cannot be archived`)
    def.archived = true
    void reply.code(204)
    return reply.send()
  })
  app.post<{ Params: Params }>('/crm/v3/properties/:type/batch/read', async (request, reply) => {
    const { type } = defsOf(request.params.type)
    const inputs = batchInputs(request.body, 1000)
    const results = inputs.flatMap((input) => {
      const def = portal.property(type, String(input['name']))
      return def === undefined ? [] : [toPropertyJson(def)]
    })
    const missing = inputs
      .map((input) => String(input['name']))
      .filter((name) => portal.property(type, name) === undefined)
    const errors = missing.map((name) => ({
      status: 'error',
      category: 'OBJECT_NOT_FOUND',
      message: `Unable to find property ${name}`,
      context: { name: [name] },
    }))
    void reply.code(errors.length > 0 ? 207 : 200)
    const at = new Date(portal.clock.now()).toISOString()
    return {
      status: 'COMPLETE',
      results,
      ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
      startedAt: at,
      completedAt: at,
    }
  })
  app.post<{ Params: Params }>('/crm/v3/properties/:type/batch/create', async (request, reply) => {
    const { type } = defsOf(request.params.type)
    const results = batchInputs(request.body, 100).map((input) =>
      toPropertyJson(createProperty(portal, type, input)),
    )
    void reply.code(201)
    const at = new Date(portal.clock.now()).toISOString()
    return { status: 'COMPLETE', results, startedAt: at, completedAt: at }
  })
  app.post<{ Params: Params }>('/crm/v3/properties/:type/batch/archive', async (request, reply) => {
    const { type } = defsOf(request.params.type)
    for (const input of batchInputs(request.body, 100)) {
      const def = portal.property(type, String(input['name']))
      if (def !== undefined && !def.hubspotDefined) def.archived = true
    }
    void reply.code(204)
    return reply.send()
  })
  done()
}
