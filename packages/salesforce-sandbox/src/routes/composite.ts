// sObject Collections: create, update, upsert, delete and retrieve up to 200 records (2000 for retrieve),
// each item with its own SaveResult; allOrNone rolls every item back when one fails.
import type { FastifyInstance, FastifyRequest } from 'fastify'

import { checkFieldNames, Writer } from '../dml/writer.js'
import { notFound, RecordError, type SaveError, SfError } from '../errors.js'
import { normalizeId } from '../ids.js'
import type { SandboxState } from '../state.js'
import { renderRecord } from './sobjects.js'
import { writeOptions } from './write-options.js'

interface SaveResult {
  id?: string
  success: boolean
  errors: SaveError[]
  created?: boolean
}

const ROLLED_BACK: SaveError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
}

function collection(request: FastifyRequest): { allOrNone: boolean; records: Record<string, unknown>[] } {
  const body = request.body as { allOrNone?: unknown; records?: unknown } | null
  if (!body || !Array.isArray(body.records))
    throw new SfError(400, 'JSON_PARSER_ERROR', 'records is required')
  if (body.records.length > 200) {
    throw new SfError(
      400,
      'EXCEEDED_ID_LIMIT',
      'record limit reached. cannot submit more than 200 records into this call',
    )
  }
  return { allOrNone: body.allOrNone === true, records: body.records as Record<string, unknown>[] }
}

function typeOf(state: SandboxState, record: Record<string, unknown>, fallback?: string): string {
  const attributes = record['attributes'] as { type?: string } | undefined
  const type = attributes?.type ?? fallback
  if (!type || !state.org.table(type)) {
    throw new SfError(400, 'INVALID_TYPE', `sObject type '${type ?? ''}' is not supported.`)
  }
  return type
}

/** Runs each item, isolating failures; with allOrNone a single failure undoes every item. */
function runItems<T>(
  writer: Writer,
  allOrNone: boolean,
  items: T[],
  apply: (item: T) => SaveResult,
  idOf: (item: T) => string | undefined,
): SaveResult[] {
  const results: SaveResult[] = []
  let failed = false
  for (const item of items) {
    const mark = writer.tx.mark()
    try {
      results.push(apply(item))
    } catch (err) {
      writer.tx.rollbackTo(mark)
      if (!(err instanceof RecordError)) {
        writer.tx.rollback()
        throw err
      }
      failed = true
      const id = idOf(item)
      results.push({ ...(id ? { id } : {}), success: false, errors: [err.toSaveError()] })
    }
  }
  if (!allOrNone || !failed) return results
  writer.tx.rollback()
  return results.map((r) =>
    r.success ? { ...(r.id ? { id: r.id } : {}), success: false, errors: [ROLLED_BACK] } : r,
  )
}

export function compositeRoutes(app: FastifyInstance, state: SandboxState): void {
  const base = '/services/data/:version/composite/sobjects'

  app.post(base, (request) => {
    const { allOrNone, records } = collection(request)
    const typed = records.map((r) => ({ type: typeOf(state, r), record: r }))
    for (const { type, record } of typed) checkFieldNames(state.org.table(type)!, record)
    const writer = new Writer(state.org, writeOptions(request, state))
    return runItems(
      writer,
      allOrNone,
      typed,
      ({ type, record }) => ({ id: writer.create(type, record), success: true, errors: [] }),
      () => undefined,
    )
  })

  app.patch(base, (request) => {
    const { allOrNone, records } = collection(request)
    const idOf = (r: Record<string, unknown>): string | undefined =>
      (r['id'] ?? r['Id']) as string | undefined
    const typed = records.map((r) => {
      const prefix = String(idOf(r) ?? '').slice(0, 3)
      return { type: typeOf(state, r, state.org.tablesForPrefix(prefix)[0]?.def.name), record: r }
    })
    for (const { type, record } of typed) checkFieldNames(state.org.table(type)!, record)
    const writer = new Writer(state.org, writeOptions(request, state))
    return runItems(
      writer,
      allOrNone,
      typed,
      ({ type, record }) => {
        if (!idOf(record)) throw new RecordError('MISSING_ARGUMENT', 'Id not specified in an update call', [])
        return { id: writer.update(type, idOf(record), record), success: true, errors: [] }
      },
      ({ record }) =>
        idOf(record) ? (normalizeId(String(idOf(record))) ?? String(idOf(record))) : undefined,
    )
  })

  app.patch(`${base}/:type/:field`, (request) => {
    const { type, field } = request.params as { type: string; field: string }
    const table = state.org.table(type)
    if (!table) throw notFound()
    const { allOrNone, records } = collection(request)
    for (const record of records) checkFieldNames(table, record)
    const def = table.field(field)
    if (!def || !def.externalId)
      throw new SfError(400, 'INVALID_FIELD', `Field ${field} is not an external id field`)
    const writer = new Writer(state.org, writeOptions(request, state))
    return runItems(
      writer,
      allOrNone,
      records,
      (record) => {
        const key = Object.keys(record).find((k) => k.toLowerCase() === def.name.toLowerCase())
        const { id, created } = writer.upsert(table.def.name, def.name, key ? record[key] : undefined, record)
        return { id, success: true, errors: [], created }
      },
      () => undefined,
    )
  })

  app.delete(base, (request) => {
    const query = request.query as { ids?: string; allOrNone?: string }
    const ids = (query.ids ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    if (ids.length === 0) throw new SfError(400, 'MISSING_ARGUMENT', 'ids parameter is required')
    if (ids.length > 200)
      throw new SfError(
        400,
        'EXCEEDED_ID_LIMIT',
        'record limit reached. cannot submit more than 200 records into this call',
      )
    const writer = new Writer(state.org, writeOptions(request, state))
    return runItems(
      writer,
      query.allOrNone === 'true',
      ids,
      (id) => ({ id: writer.destroy(undefined, id), success: true, errors: [] }),
      (id) => normalizeId(id) ?? id,
    )
  })

  const retrieve = (version: string, type: string, ids: string[], fields: string[]): unknown[] => {
    const table = state.org.table(type)
    if (!table) throw notFound()
    if (ids.length > 2000) throw new SfError(400, 'EXCEEDED_ID_LIMIT', 'Maximum number of ids is 2000')
    if (fields.length === 0) throw new SfError(400, 'MISSING_ARGUMENT', 'fields parameter is required')
    return ids.map((id) => {
      const id18 = normalizeId(id)
      const row = id18 ? table.get(id18) : undefined
      return row && row['IsDeleted'] !== true
        ? renderRecord(state, table, row, version, fields.join(','))
        : null
    })
  }

  app.post(`${base}/:type`, (request) => {
    const { version, type } = request.params as { version: string; type: string }
    const body = (request.body ?? {}) as { ids?: string[]; fields?: string[] }
    return retrieve(version, type, body.ids ?? [], body.fields ?? [])
  })

  app.get(`${base}/:type`, (request) => {
    const { version, type } = request.params as { version: string; type: string }
    const query = request.query as { ids?: string; fields?: string }
    const split = (s: string | undefined): string[] =>
      (s ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    return retrieve(version, type, split(query.ids), split(query.fields))
  })
}
