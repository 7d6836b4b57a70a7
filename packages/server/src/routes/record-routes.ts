import { ERROR_CODES, type SyncErrorCode } from '@crmsync/core'
import type { Engine } from '@crmsync/engine'

import type { ResyncRequest, ResyncResult } from '../api-types.js'
import { sendError } from '../platform/api-error.js'
import { syncedKindsOf } from '../queries/connection-list.js'
import { recordCardOf } from '../queries/record-card.js'
import { isSide, isSyncedKind } from '../queries/record-ids.js'
import { searchRecords } from '../queries/record-search.js'
import {
  erroredRecords,
  errorResyncBatches,
  ERRORS_RECORDED_WITH,
  recordResyncBatch,
  type ResyncBatch,
} from '../queries/resync-targets.js'
import type { ConsoleConnection } from '../server-deps.js'
import { servedConnection } from './connection-routes.js'
import type { ApiRoutes } from './route-types.js'

interface CardParams {
  readonly id: string
  readonly kind: string
  readonly side: string
  readonly recordId: string
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''

/** The body as a ResyncRequest, or a message saying what is wrong with it. */
function resyncRequestOf(body: unknown): ResyncRequest | string {
  if (typeof body !== 'object' || body === null) return 'the body is a JSON object: { record } or { errors }'
  if ('record' in body) {
    const record = body.record as Record<string, unknown> | null
    if (typeof record !== 'object' || record === null) return 'record: { objectKind, side, id }'
    const { objectKind, side, id } = record
    if (typeof objectKind !== 'string' || !isSyncedKind(objectKind))
      return 'record.objectKind: contact, company or deal'
    if (typeof side !== 'string' || !isSide(side)) return 'record.side: hubspot or salesforce'
    if (!isText(id)) return 'record.id: the record id'
    return { record: { objectKind, side, id } }
  }
  if ('errors' in body) {
    const errors = body.errors as Record<string, unknown> | null
    if (typeof errors !== 'object' || errors === null) return 'errors: { type? }'
    const type = errors['type']
    if (type !== undefined && !isText(type))
      return 'errors.type: a Sync Health type, an error code or a prefix such as SF_'
    return { errors: { type } }
  }
  return 'the body names a record ({ record }) or the records in error ({ errors })'
}

/** How many of the resynced records still have an open error of their kind afterwards. */
async function stillFailing(served: ConsoleConnection, batches: readonly ResyncBatch[]): Promise<number> {
  let failing = 0
  for (const batch of batches) {
    const { hubspotIds } = await erroredRecords(
      { connectionId: served.id, store: served.store },
      batch.objectKind,
      Object.keys(ERROR_CODES) as SyncErrorCode[],
      ERRORS_RECORDED_WITH[batch.objectKind],
    )
    const open = new Set(hubspotIds)
    failing += batch.hubspotIds.filter((id) => open.has(id)).length
  }
  return failing
}

/**
 * The Record page: `GET /api/connections/:id/records?q=` (search by email, name or id),
 * `GET /api/connections/:id/records/:kind/:side/:recordId` (the sync card, B-ERR-8, `crmsync explain --json`
 * in the browser) and `POST /api/connections/:id/resync` (one record, or the records in error; run by the
 * engine between its cycles, 409 when no engine runs in this process).
 */
export const recordRoutes: ApiRoutes = (app, { deps }) => {
  app.get<{ Params: { id: string }; Querystring: { q?: string } }>(
    '/api/connections/:id/records',
    async (request, reply) => {
      const served = servedConnection(deps, request.params.id, reply)
      if (served === undefined) return reply
      const q = request.query.q
      if (!isText(q)) return sendError(reply, 400, 'bad-request', 'q: an email, a name or a record id')
      return searchRecords(
        {
          connectionId: served.id,
          store: served.store,
          crm: served.crm,
          kinds: syncedKindsOf(served.connection()),
        },
        q,
      )
    },
  )

  app.get<{ Params: CardParams }>(
    '/api/connections/:id/records/:kind/:side/:recordId',
    async (request, reply) => {
      const served = servedConnection(deps, request.params.id, reply)
      if (served === undefined) return reply
      const { kind, side, recordId } = request.params
      if (!isSyncedKind(kind))
        return sendError(reply, 400, 'bad-request', `no object kind "${kind}" (contact, company, deal)`)
      if (!isSide(side))
        return sendError(reply, 400, 'bad-request', `no side "${side}" (hubspot, salesforce)`)
      if (!isText(recordId)) return sendError(reply, 400, 'bad-request', 'the record id is empty')
      return recordCardOf(
        { connection: served.connection(), store: served.store, crm: served.crm },
        { objectKind: kind, side, recordId },
      )
    },
  )

  app.post<{ Params: { id: string }; Body: unknown }>(
    '/api/connections/:id/resync',
    async (request, reply) => {
      const served = servedConnection(deps, request.params.id, reply)
      if (served === undefined) return reply
      const body = resyncRequestOf(request.body)
      if (typeof body === 'string') return sendError(reply, 400, 'bad-request', body)
      const exclusive = served.exclusive
      if (exclusive === undefined)
        return sendError(
          reply,
          409,
          'no-engine',
          'no engine runs for this connection in this process: resync from `crmsync run`, or with `crmsync resync`',
        )
      const lookup = { connectionId: served.id, store: served.store }
      const selection =
        'record' in body
          ? await recordResyncBatch(lookup, body.record)
          : await errorResyncBatches(lookup, syncedKindsOf(served.connection()), body.errors.type)
      if ('problem' in selection) return sendError(reply, 400, 'bad-request', selection.problem)
      const batches = 'batches' in selection ? selection.batches : [selection]
      const unlinked = 'unlinked' in selection ? selection.unlinked : []
      for (const batch of batches)
        await exclusive((engine: Engine) => engine.resync(batch.hubspotIds, { objectKind: batch.objectKind }))
      const resynced = batches.reduce((n, b) => n + b.hubspotIds.length, 0)
      const failing = await stillFailing(served, batches)
      const notes =
        unlinked.length === 0
          ? ''
          : `; ${unlinked.length} Salesforce record(s) not linked (crmsync import salesforce syncs them)`
      const result: ResyncResult = {
        resynced,
        stillFailing: failing,
        message:
          resynced === 0
            ? `nothing to resync${notes}`
            : `resynced ${resynced} record(s), ${failing} still with an open error${notes}`,
      }
      return result
    },
  )
}
