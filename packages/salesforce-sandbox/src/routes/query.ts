// SOQL: /query, /queryAll and /query/{locator}, with 2000-row pages (or Sforce-Query-Options batchSize).
import type { FastifyInstance, FastifyRequest } from 'fastify'

import { SfError } from '../errors.js'
import { userOf } from '../hooks.js'
import { objectAccess } from '../metadata/permission-sets.js'
import { runQuery } from '../soql/execute.js'
import { invalidType } from '../soql/parse.js'
import type { Cursor, SandboxState } from '../state.js'

const DEFAULT_PAGE = 2000

function pageSize(request: FastifyRequest): number {
  const header = request.headers['sforce-query-options']
  const match = /batchSize\s*=\s*(\d+)/i.exec(String(header ?? ''))
  const n = match ? Number(match[1]) : DEFAULT_PAGE
  return Math.min(DEFAULT_PAGE, Math.max(200, n))
}

function page(
  state: SandboxState,
  cursor: Omit<Cursor, 'next'>,
  start: number,
  version: string,
  totalSize: number,
): unknown {
  const end = Math.min(cursor.rows.length, start + cursor.pageSize)
  const records = new Array<unknown>(end - start)
  for (let i = start; i < end; i++) records[i - start] = cursor.project(cursor.rows[i]!)
  const done = end >= cursor.rows.length
  const result: Record<string, unknown> = { totalSize, done }
  if (!done) result['nextRecordsUrl'] = `/services/data/${version}/query/${state.saveCursor(cursor, end)}`
  result['records'] = records
  return result
}

export function queryRoutes(app: FastifyInstance, state: SandboxState): void {
  const run = (all: boolean) => (request: FastifyRequest) => {
    const { version } = request.params as { version: string }
    const { q } = request.query as { q?: string }
    if (!q) throw new SfError(400, 'MALFORMED_QUERY', 'The query string is missing: q')
    const outcome = runQuery(state.org, q, { all, version })
    // An object the user cannot read does not exist for them: the same INVALID_TYPE as an unknown one.
    if (!objectAccess(state.org, userOf(request, state), outcome.table.def.name).PermissionsRead)
      throw invalidType(q, outcome.table.def.name)
    const cursor = {
      table: outcome.table,
      rows: outcome.rows,
      project: outcome.project,
      pageSize: pageSize(request),
    }
    return page(state, cursor, 0, version, outcome.totalSize)
  }
  app.get('/services/data/:version/query', run(false))
  app.get('/services/data/:version/queryAll', run(true))

  const more = (request: FastifyRequest): unknown => {
    const { version, locator } = request.params as { version: string; locator: string }
    const [key, position] = locator.split('-')
    const cursor = state.cursors.get(key ?? '')
    const start = Number(position)
    if (!cursor || !Number.isInteger(start) || start < 0 || start > cursor.rows.length) {
      throw new SfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator')
    }
    return page(state, cursor, start, version, cursor.rows.length)
  }
  app.get('/services/data/:version/query/:locator', more)
  app.get('/services/data/:version/queryAll/:locator', more)
}
