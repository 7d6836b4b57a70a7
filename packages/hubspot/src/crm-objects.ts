// The CRM object calls every synced type shares (api-surface 3.3, 3.4), over the client's generic objects API
// (`client.crm.objects`, one path per type: `/crm/v3/objects/{t}/…`), so contacts and companies go through
// the same code. Batches are split into calls of `batchSize` (HubSpot: 100).
import type { HubSpotReadRequest, HubSpotUpdateInput, HubSpotWriteResult } from '@crmsync/core'
import type { Client } from '@hubspot/api-client'

import { type BatchReply, chunk, writeInChunks, type WriteItem } from './batch-write.js'
import type { SearchPage } from './capture-search.js'
import {
  fromHubSpotObject,
  type HubSpotObjectLike,
  type HubSpotObjectRecord,
  SALESFORCE_ID_PROPERTY,
  toHubSpotUpdateInput,
} from './mappers.js'
import type { HubSpotObjectKind } from './object-kinds.js'
import type { Call } from './retry-policy.js'
import type { SearchBody } from './search-filters.js'
import type { SearchPacer } from './search-pacer.js'

type ObjectsApi = Client['crm']['objects']
type SearchRequest = Parameters<ObjectsApi['searchApi']['doSearch']>[1]

/** An upsert input as sent: keyed by a unique property's value. */
export interface UpsertBody {
  readonly idProperty: string
  readonly id: string
  readonly properties: Record<string, string>
}

export interface ObjectReadResult {
  /** Keyed by the id HubSpot returned (a merge survivor has its own id). */
  readonly records: ReadonlyMap<string, HubSpotObjectRecord>
  readonly missing: readonly string[]
  readonly mergedInto: ReadonlyMap<string, string>
}

export interface CrmObjectsDeps {
  readonly client: Client
  readonly call: Call
  readonly pacer: SearchPacer
  readonly batchSize: number
  /** Our app id, to tell our writes in property history (read lazily: identity() may learn it later). */
  readonly appId: () => string | undefined
}

/** Search, batch read, upsert, update and archive for any object kind; each costs the calls its doc says. */
export function crmObjects(deps: CrmObjectsDeps) {
  const { call, batchSize } = deps
  const objects = deps.client.crm.objects

  /** One search call, paced (about four a second per portal, B-API-7). */
  async function search(kind: HubSpotObjectKind, body: SearchBody): Promise<SearchPage> {
    const page = await call(`${kind.objectType} search`, async () => {
      await deps.pacer.turn()
      return objects.searchApi.doSearch(kind.objectType, body as unknown as SearchRequest)
    })
    return { total: page.total, results: page.results, nextAfter: page.paging?.next?.after }
  }

  /** One batch read call of at most `batchSize` ids (or values of `idProperty`). */
  async function readBatch(
    kind: HubSpotObjectKind,
    ids: readonly string[],
    properties: string[],
    history: string[],
    idProperty?: string,
  ): Promise<HubSpotObjectLike[]> {
    const reply = await call(`${kind.objectType} batch read`, () =>
      objects.batchApi.read(kind.objectType, {
        inputs: ids.map((id) => ({ id })),
        properties,
        propertiesWithHistory: history,
        ...(idProperty === undefined ? {} : { idProperty }),
      }),
    )
    return reply.results
  }

  /**
   * Records by id, 1 call per `batchSize` ids, with history only for `historyFor`. A merged-away id resolves
   * to the survivor, which lists it in `hs_merged_object_ids` (api-surface 8.4): it goes to `mergedInto`.
   */
  async function read(kind: HubSpotObjectKind, request: HubSpotReadRequest): Promise<ObjectReadResult> {
    const properties = [...new Set([...request.properties, ...kind.alwaysRead])]
    const history = [...(request.historyFor ?? [])]
    const records = new Map<string, HubSpotObjectRecord>()
    const mergedInto = new Map<string, string>()
    for (const ids of chunk([...new Set(request.ids)], batchSize)) {
      for (const object of await readBatch(kind, ids, properties, history)) {
        const record = fromHubSpotObject(object, deps.appId())
        records.set(record.id, record)
        for (const old of record.mergedObjectIds ?? []) if (ids.includes(old)) mergedInto.set(old, record.id)
      }
    }
    const missing = request.ids.filter((id) => !records.has(id) && !mergedInto.has(id))
    return { records, missing, mergedInto }
  }

  /** Upserts keyed by `crmsync_salesforce_id`: 1 call per `batchSize` (+1 per chunk with bad inputs). */
  function upsert(
    kind: HubSpotObjectKind,
    items: ReadonlyArray<WriteItem<UpsertBody>>,
  ): Promise<HubSpotWriteResult[]> {
    const send = (part: ReadonlyArray<WriteItem<UpsertBody>>) => {
      const inputs = part.map((item) => ({ ...item.input, objectWriteTraceId: item.key }))
      return call(`${kind.objectType} batch upsert`, () =>
        objects.batchApi.upsert(kind.objectType, { inputs }),
      ) as Promise<BatchReply>
    }
    const matchKey = (row: { properties: Readonly<Record<string, string | null | undefined>> }) =>
      row.properties[SALESFORCE_ID_PROPERTY] ?? undefined
    return writeInChunks(items, batchSize, send, matchKey, kind.noun)
  }

  /** Updates by id: 1 call per `batchSize` (+1 per chunk with bad inputs). */
  function update(
    kind: HubSpotObjectKind,
    inputs: readonly HubSpotUpdateInput[],
  ): Promise<HubSpotWriteResult[]> {
    const items = inputs.map((input) => {
      const body = toHubSpotUpdateInput(input)
      return { key: input.id, input: body, properties: body.properties }
    })
    const send = (part: ReadonlyArray<WriteItem<ReturnType<typeof toHubSpotUpdateInput>>>) => {
      const batch = part.map((item) => ({ ...item.input, objectWriteTraceId: item.key }))
      return call(`${kind.objectType} batch update`, () =>
        objects.batchApi.update(kind.objectType, { inputs: batch }),
      ) as Promise<BatchReply>
    }
    return writeInChunks(items, batchSize, send, (row) => row.id, kind.noun)
  }

  /** Archives (HubSpot keeps them restorable for 90 days): 1 call per `batchSize`; unknown ids are ignored. */
  async function archive(kind: HubSpotObjectKind, ids: readonly string[]): Promise<void> {
    for (const part of chunk([...new Set(ids)], batchSize)) {
      await call(`${kind.objectType} batch archive`, () =>
        objects.batchApi.archive(kind.objectType, { inputs: part.map((id) => ({ id })) }),
      )
    }
  }

  /**
   * Every live record's id through the list endpoint (`GET /crm/v3/objects/{t}`, `after` paging), one page
   * of up to `batchSize` ids per call: imports want what exists now, and the list has neither search's
   * indexing lag nor its 10,000-result cap. Only `hs_object_id` is asked for, to keep pages small.
   */
  async function* listIds(kind: HubSpotObjectKind): AsyncGenerator<readonly string[]> {
    let after: string | undefined
    for (;;) {
      const cursor = after
      const page = await call(`${kind.objectType} list`, () =>
        objects.basicApi.getPage(kind.objectType, batchSize, cursor, ['hs_object_id']),
      )
      if (page.results.length > 0) yield page.results.map((object) => object.id)
      after = page.paging?.next?.after
      if (after === undefined) return
    }
  }

  return { search, readBatch, read, upsert, update, archive, listIds }
}

export type CrmObjects = ReturnType<typeof crmObjects>
