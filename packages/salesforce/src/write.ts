// Writes through sObject Collections (design.md 3.4 step 3): 200 records per call, allOrNone=false, per-record
// results in input order. Creates are upserts on the external-id field, so replaying a batch never
// duplicates. `Sforce-Auto-Assign: FALSE` on every call except Lead creates that asked for assignment
// (B-OWN-5). Records failing with a transient code (UNABLE_TO_LOCK_ROW) are re-sent alone, per the table.
import {
  type SalesforceCreate,
  type SalesforceInsert,
  type SalesforceUpdate,
  type SalesforceWriteBatch,
  type SalesforceWriteResult,
  type SalesforceWriteResults,
  SyncError,
  type SyncErrorCode,
} from '@crmsync/core'

import {
  fromSaveResult,
  type SaveResultRow,
  toSalesforceUpdateInput,
  toSalesforceUpsertInput,
} from './mappers.js'
import type { SalesforceHttp } from './salesforce-http.js'
import { assertApiName, assertSalesforceId, chunk } from './soql.js'

/** Records per Collections call (the API's maximum). */
export const COLLECTIONS_BATCH_SIZE = 200

/** Sends one chunk; returns one SaveResult per input, in order. */
type SendChunk<T> = (items: readonly T[]) => Promise<readonly SaveResultRow[]>

/**
 * Runs `items` through `send` in chunks of 200 and retries the records that failed with a transient code,
 * each retry round one call per chunk of the failed records only.
 */
async function collections<T>(
  http: SalesforceHttp,
  items: readonly T[],
  send: SendChunk<T>,
  idOf: (item: T) => string | undefined,
): Promise<SalesforceWriteResult[]> {
  const results: SalesforceWriteResult[] = new Array<SalesforceWriteResult>(items.length)
  let pending = items.map((_, index) => index)
  for (let attempt = 1; pending.length > 0; attempt++) {
    for (const indices of chunk(pending, COLLECTIONS_BATCH_SIZE)) {
      const rows = await send(indices.map((i) => items[i] as T))
      if (rows.length !== indices.length)
        throw new SyncError({
          code: 'SF_UNKNOWN',
          message: `sObject Collections returned ${rows.length} results for ${indices.length} records`,
          origin: 'salesforce',
          retryable: false,
        })
      indices.forEach((index, k) => {
        results[index] = fromSaveResult(rows[k] as SaveResultRow, idOf(items[index] as T))
      })
    }
    const transient = pending.filter((i) => transientCode(results[i]) !== undefined)
    const code = transient.length > 0 ? transientCode(results[transient[0] ?? -1]) : undefined
    if (code === undefined || !(await http.waitBeforeRetry(code, attempt))) break
    pending = transient
  }
  return results
}

function transientCode(result: SalesforceWriteResult | undefined): SyncErrorCode | undefined {
  return result !== undefined && !result.ok && result.error.retryable ? result.error.code : undefined
}

function autoAssignHeader(on: boolean): Record<string, string> {
  return { 'Sforce-Auto-Assign': on ? 'TRUE' : 'FALSE' }
}

async function upsert(
  http: SalesforceHttp,
  type: string,
  externalIdField: string,
  creates: readonly SalesforceCreate[],
): Promise<SalesforceWriteResult[]> {
  const results: SalesforceWriteResult[] = new Array<SalesforceWriteResult>(creates.length)
  // The header applies to the whole call, so records that asked for assignment travel separately.
  for (const autoAssign of [false, true]) {
    const indices = creates.flatMap((c, i) => ((c.autoAssign ?? false) === autoAssign ? [i] : []))
    if (indices.length === 0) continue
    const part = await collections(
      http,
      indices.map((i) => creates[i] as SalesforceCreate),
      async (items) => {
        const res = await http.send<SaveResultRow[]>('collections.upsert', {
          method: 'PATCH',
          url: `/composite/sobjects/${type}/${externalIdField}`,
          headers: autoAssignHeader(autoAssign),
          body: {
            allOrNone: false,
            records: items.map((c) => toSalesforceUpsertInput(type, externalIdField, c)),
          },
        })
        return res.body
      },
      () => undefined,
    )
    indices.forEach((index, k) => {
      results[index] = part[k] as SalesforceWriteResult
    })
  }
  return results
}

/** Plain inserts (POST composite/sobjects), for objects without an external id (contact roles). */
function insert(
  http: SalesforceHttp,
  type: string,
  inserts: readonly SalesforceInsert[],
): Promise<SalesforceWriteResult[]> {
  return collections(
    http,
    inserts,
    async (items) => {
      const res = await http.send<SaveResultRow[]>('collections.create', {
        method: 'POST',
        url: '/composite/sobjects',
        headers: autoAssignHeader(false),
        body: { allOrNone: false, records: items.map((i) => ({ attributes: { type }, ...i.fields })) },
      })
      return res.body
    },
    () => undefined,
  )
}

function update(
  http: SalesforceHttp,
  type: string,
  updates: readonly SalesforceUpdate[],
): Promise<SalesforceWriteResult[]> {
  return collections(
    http,
    updates,
    async (items) => {
      const res = await http.send<SaveResultRow[]>('collections.update', {
        method: 'PATCH',
        url: '/composite/sobjects',
        headers: autoAssignHeader(false),
        body: { allOrNone: false, records: items.map((u) => toSalesforceUpdateInput(type, u)) },
      })
      return res.body
    },
    (u) => u.id,
  )
}

function destroy(http: SalesforceHttp, ids: readonly string[]): Promise<SalesforceWriteResult[]> {
  return collections(
    http,
    ids,
    async (items) => {
      const res = await http.send<SaveResultRow[]>('collections.delete', {
        method: 'DELETE',
        url: `/composite/sobjects?ids=${items.map(assertSalesforceId).join(',')}&allOrNone=false`,
      })
      return res.body
    },
    (id) => id,
  )
}

export async function writeRecords(
  http: SalesforceHttp,
  externalIdField: string,
  batch: SalesforceWriteBatch,
): Promise<SalesforceWriteResults> {
  const type = assertApiName(batch.type)
  const creates = batch.creates ?? []
  const updates = batch.updates ?? []
  const deletes = batch.deletes ?? []
  const inserts = batch.inserts ?? []
  return {
    creates: creates.length === 0 ? [] : await upsert(http, type, externalIdField, creates),
    ...(inserts.length === 0 ? {} : { inserts: await insert(http, type, inserts) }),
    updates: updates.length === 0 ? [] : await update(http, type, updates),
    deletes: deletes.length === 0 ? [] : await destroy(http, deletes),
  }
}
