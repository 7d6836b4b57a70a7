// Single-record CRUD, upsert and look-up by external id, and the updated/deleted replication endpoints.
import type { FastifyInstance } from 'fastify'

import { formatDateTime } from '../clock.js'
import { Writer } from '../dml/writer.js'
import { entityIsDeleted, notFound, RecordError, SfError } from '../errors.js'
import { normalizeId } from '../ids.js'
import { compileProjection } from '../soql/projection.js'
import type { SandboxState } from '../state.js'
import type { SfRecord, Table } from '../store/table.js'
import { writeOptions } from './write-options.js'

type Params = { version: string; type: string; id: string; field: string; value: string }

function tableOf(state: SandboxState, type: string): Table {
  const table = state.org.table(type)
  if (!table) throw notFound()
  return table
}

/** A record as REST returns it: every field (or the `fields` list) plus `attributes`. */
export function renderRecord(
  state: SandboxState,
  table: Table,
  record: SfRecord,
  version: string,
  fields?: string,
): Record<string, unknown> {
  const names = fields
    ? fields
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean)
    : table.def.fields.map((f) => f.name)
  return compileProjection(state.org, table, names, version)(record)
}

/** Single-record calls answer 404 NOT_FOUND for an id that is not a record of this type. */
function requireRecord(table: Table, id: string): void {
  const id18 = normalizeId(id)
  if (!id18 || !table.get(id18)) throw notFound()
}

function body(input: unknown): Record<string, unknown> {
  // No body (none sent, or an empty one, see body-parsers.ts) gets Salesforce's own message.
  if (input === undefined) {
    throw new SfError(
      400,
      'JSON_PARSER_ERROR',
      'The HTTP entity body is required, but this request has no entity body.',
    )
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new SfError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object')
  }
  return input as Record<string, unknown>
}

function replicationWindow(query: Record<string, string | undefined>, now: number): [number, number] {
  const start = Date.parse(query['start'] ?? '')
  const end = Date.parse(query['end'] ?? '')
  if (
    Number.isNaN(start) ||
    Number.isNaN(end) ||
    start >= end ||
    end - start < 60_000 ||
    start < now - 30 * 86_400_000
  ) {
    throw new SfError(
      400,
      'INVALID_REPLICATION_DATE',
      'startDate must chronologically precede endDate by more than one minute, and be within the last 30 days',
    )
  }
  // Replication works at minute granularity: seconds are dropped.
  return [Math.floor(start / 60_000) * 60_000, Math.floor(end / 60_000) * 60_000]
}

export function sobjectRoutes(app: FastifyInstance, state: SandboxState): void {
  const base = '/services/data/:version/sobjects/:type'

  app.post(base, (request, reply) => {
    const { type } = request.params as Params
    const table = tableOf(state, type)
    const writer = new Writer(state.org, writeOptions(request, state))
    const id = writer.create(table.def.name, body(request.body))
    return reply.code(201).send({ id, success: true, errors: [] })
  })

  app.get(`${base}/:id`, (request) => {
    const { version, type, id } = request.params as Params
    const table = tableOf(state, type)
    const id18 = normalizeId(id)
    const record = id18 ? table.get(id18) : undefined
    if (!record) throw notFound()
    if (record['IsDeleted'] === true) throw entityIsDeleted().toSfError()
    const { fields } = request.query as { fields?: string }
    return renderRecord(state, table, record, version, fields)
  })

  app.patch(`${base}/:id`, (request, reply) => {
    const { type, id } = request.params as Params
    const table = tableOf(state, type)
    const input = body(request.body)
    requireRecord(table, id)
    new Writer(state.org, writeOptions(request, state)).update(table.def.name, id, input)
    return reply.code(204).send()
  })

  app.delete(`${base}/:id`, (request, reply) => {
    const { type, id } = request.params as Params
    const table = tableOf(state, type)
    requireRecord(table, id)
    new Writer(state.org, writeOptions(request, state)).destroy(table.def.name, id)
    return reply.code(204).send()
  })

  app.patch(`${base}/:field/:value`, (request, reply) => {
    const { type, field, value } = request.params as Params
    const table = tableOf(state, type)
    const writer = new Writer(state.org, writeOptions(request, state))
    try {
      const { id, created } = writer.upsert(
        table.def.name,
        field,
        decodeURIComponent(value),
        body(request.body),
      )
      return reply.code(created ? 201 : 200).send({ id, success: true, errors: [], created })
    } catch (err) {
      if (err instanceof RecordError && err.statusCode === 'MULTIPLE_CHOICES') {
        const ids = writer.findByExternalId(table, field, value)
        return reply
          .code(300)
          .send(
            ids.map(
              (id) => `/services/data/${(request.params as Params).version}/sobjects/${table.def.name}/${id}`,
            ),
          )
      }
      throw err
    }
  })

  app.get(`${base}/:field/:value`, (request, reply) => {
    const { version, type, field, value } = request.params as Params
    const table = tableOf(state, type)
    const def = table.field(field)
    if (!def || !(def.externalId || def.unique)) throw notFound()
    const writer = new Writer(state.org, writeOptions(request, state))
    const ids = writer.findByExternalId(table, def.name, decodeURIComponent(value))
    if (ids.length === 0) throw notFound()
    if (ids.length > 1)
      return reply
        .code(300)
        .send(ids.map((id) => `/services/data/${version}/sobjects/${table.def.name}/${id}`))
    const { fields } = request.query as { fields?: string }
    return renderRecord(state, table, table.get(ids[0]!)!, version, fields)
  })

  app.get(`${base}/updated`, (request) => {
    const { type } = request.params as Params
    const table = tableOf(state, type)
    const [start, end] = replicationWindow(request.query as Record<string, string>, state.clock.now())
    const ids = [...table.range('SystemModstamp', start, end - 1)].filter(
      (id) => table.get(id)?.['IsDeleted'] !== true,
    )
    if (ids.length > 600_000)
      throw new SfError(400, 'EXCEEDED_ID_LIMIT', 'too many ids to return; narrow the window')
    return {
      ids,
      latestDateCovered: formatDateTime(Math.min(end, Math.floor(state.clock.now() / 60_000) * 60_000)),
    }
  })

  app.get(`${base}/deleted`, (request) => {
    const { type } = request.params as Params
    const table = tableOf(state, type)
    const now = state.clock.now()
    const [start, end] = replicationWindow(request.query as Record<string, string>, now)
    const deletedRecords: { id: string; deletedDate: string }[] = []
    for (const id of table.range('SystemModstamp', start)) {
      const row = table.get(id)!
      const at = row['_deletedAt']
      if (row['IsDeleted'] === true && typeof at === 'number' && at >= start && at < end) {
        deletedRecords.push({ id, deletedDate: formatDateTime(at) })
      }
    }
    return {
      deletedRecords,
      earliestDateAvailable: formatDateTime(Math.floor((now - 15 * 86_400_000) / 60_000) * 60_000),
      latestDateCovered: formatDateTime(Math.min(end, Math.floor(now / 60_000) * 60_000)),
    }
  })
}
