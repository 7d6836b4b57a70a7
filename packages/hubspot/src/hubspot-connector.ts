import { setTimeout as delay } from 'node:timers/promises'

import type {
  HubSpotCaptureRequest,
  HubSpotConnector,
  HubSpotContactRecord,
  HubSpotPortalIdentity,
  HubSpotReadRequest,
  HubSpotReadResult,
  HubSpotUpdateInput,
  HubSpotUpsertInput,
  RetryTable,
  SyncErrorCode,
} from '@crmsync/core'
import type { Client } from '@hubspot/api-client'

import { ApiMeter } from './api-meter.js'
import { type BatchReply, chunk, writeInChunks, type WriteItem } from './batch-write.js'
import { captureContacts } from './capture.js'
import { createHubSpotClient } from './client.js'
import { readPortalIdentity } from './identity.js'
import { readListMembers } from './list-members.js'
import {
  fromHubSpotContact,
  type HubSpotObjectLike,
  SALESFORCE_ID_PROPERTY,
  toHubSpotUpdateInput,
  toHubSpotUpsertInput,
} from './mappers.js'
import { readOwners } from './owners.js'
import { readPortalSettings } from './portal-settings.js'
import { unsubscribeFromAll } from './preferences.js'
import { type Sleep, withRetry } from './retry-policy.js'
import type { SearchBody } from './search-filters.js'
import { SearchPacer } from './search-pacer.js'

/** Options of createHubSpotConnector; one connector serves one connection. */
export interface HubSpotConnectorOptions {
  readonly accessToken: string
  /** (Default: https://api.hubapi.com) */
  readonly basePath?: string | undefined
  /**
   * The app id our writes carry in property history, to tell our writes from others' (api-surface 8.6).
   * (Default: read from the token's info by identity(), which works for OAuth tokens; set it for private apps)
   */
  readonly appId?: string | undefined
  /**
   * How far the search index trails writes (config `hubspot.searchIndexLagSeconds`): fresh capture passes
   * read up to now, and a settle pass reads this span once more for rows indexed late. (Default: 5000)
   */
  readonly searchLagMs?: number | undefined
  /** How far the settled mark may trail while rows wait to be settled. (Default: SETTLE_EVERY_MS, 10 s) */
  readonly settleEveryMs?: number | undefined
  /** Results a search can reach. (Default: 10,000, HubSpot's cap) */
  readonly searchResultCap?: number | undefined
  /** Inputs per batch call. (Default: 100, HubSpot's limit) */
  readonly batchSize?: number | undefined
  /**
   * In-run retries per error code, for tests only (e.g. zero waits): build it with core's
   * `compileRetryTable(overrides)`. (Default: the core's built-in table, docs/errors.md "Retries")
   */
  readonly retryTable?: RetryTable | undefined
  /** Waits between retries. (Default: a real timer) */
  readonly sleep?: Sleep | undefined
  /** Local clock, used only when a response lacks a Date header. (Default: Date.now) */
  readonly now?: (() => number) | undefined
  /** Least time between two search calls. (Default: 250, four a second, B-API-7) */
  readonly searchMinIntervalMs?: number | undefined
  /** Called before each retry wait, for logs. (Default: none) */
  readonly onRetry?: ((code: SyncErrorCode, waitMs: number) => void) | undefined
}

/** The contact properties every read adds: merges are detected from them (B-CON-27). */
const ALWAYS_READ = ['hs_merged_object_ids', 'email', 'lastmodifieddate']

type Contacts = Client['crm']['contacts']
type SearchRequest = Parameters<Contacts['searchApi']['doSearch']>[0]

/** The HubSpot connector over @hubspot/api-client (design.md 3.4), implementing the core's port. */
export function createHubSpotConnector(options: HubSpotConnectorOptions): HubSpotConnector {
  const meter = new ApiMeter()
  const client = createHubSpotClient(options, meter)
  const retry = {
    table: options.retryTable,
    sleep: options.sleep ?? ((ms: number) => delay(ms).then(() => undefined)),
    onRetry: options.onRetry,
  }
  const call = <T>(operation: string, fn: () => Promise<T>): Promise<T> => withRetry(operation, fn, retry)
  const batchSize = options.batchSize ?? 100
  const now = options.now ?? Date.now
  // Pacing follows real elapsed time, never the injected clock, which a test or replay may hold still.
  const pacer = new SearchPacer(options.searchMinIntervalMs ?? 250, () => performance.now(), retry.sleep)
  let appId = options.appId
  const contacts = client.crm.contacts

  async function search(body: SearchBody) {
    const page = await call('contacts search', async () => {
      await pacer.turn()
      return contacts.searchApi.doSearch(body as unknown as SearchRequest)
    })
    return { total: page.total, results: page.results, nextAfter: page.paging?.next?.after }
  }

  async function readBatch(
    ids: readonly string[],
    properties: string[],
    history: string[],
    idProperty?: string,
  ) {
    const reply = await call('contacts batch read', () =>
      contacts.batchApi.read({
        inputs: ids.map((id) => ({ id })),
        properties,
        propertiesWithHistory: history,
        ...(idProperty === undefined ? {} : { idProperty }),
      }),
    )
    return reply.results as unknown as HubSpotObjectLike[]
  }

  // Read once per connector, as the Salesforce connector does: the engine checks identity every cycle, and a
  // token's portal cannot change under it (a revoked token fails the next call anyway). A failure is not kept.
  let identity: Promise<HubSpotPortalIdentity> | undefined
  return {
    identity() {
      if (identity === undefined) {
        const reading = readPortalIdentity(client, meter, options.accessToken, call).then((read) => {
          appId ??= read.appId
          return read
        })
        reading.catch(() => (identity = undefined))
        identity = reading
      }
      return identity
    },

    portalSettings: () => readPortalSettings(client, meter, call),

    // Capture reads what a batch read would, so the engine can plan from the captured records.
    captureContacts: (request: HubSpotCaptureRequest) =>
      captureContacts(
        { ...request, properties: [...new Set([...(request.properties ?? []), ...ALWAYS_READ])] },
        {
          search,
          serverTime: () => meter.serverTime,
          now,
          searchLagMs: options.searchLagMs ?? 5000,
          searchResultCap: options.searchResultCap ?? 10_000,
          settleEveryMs: options.settleEveryMs,
          ownAppId: appId,
        },
      ),

    async readContacts(request: HubSpotReadRequest): Promise<HubSpotReadResult> {
      const properties = [...new Set([...request.properties, ...ALWAYS_READ])]
      const history = [...(request.historyFor ?? [])]
      const records = new Map<string, HubSpotContactRecord>()
      const mergedInto = new Map<string, string>()
      for (const ids of chunk([...new Set(request.ids)], batchSize)) {
        for (const object of await readBatch(ids, properties, history)) {
          const record = fromHubSpotContact(object, appId)
          records.set(record.id, record)
          // A merged-away id resolves to the survivor, which lists it in hs_merged_object_ids (api-surface 8.4).
          for (const old of record.mergedObjectIds ?? [])
            if (ids.includes(old)) mergedInto.set(old, record.id)
        }
      }
      const missing = request.ids.filter((id) => !records.has(id) && !mergedInto.has(id))
      return { records, missing, mergedInto }
    },

    async findContactsByEmail(emails, properties) {
      const wanted = [...new Set(emails.map((email) => email.toLowerCase()))]
      const fields = [...new Set([...properties, ...ALWAYS_READ, 'hs_additional_emails'])]
      const found = new Map<string, HubSpotContactRecord>()
      for (const part of chunk(wanted, batchSize)) {
        for (const object of await readBatch(part, fields, [], 'email')) {
          const record = fromHubSpotContact(object, appId)
          const own = String(object.properties['email'] ?? '').toLowerCase()
          const extra = String(object.properties['hs_additional_emails'] ?? '')
            .toLowerCase()
            .split(';')
          for (const email of part) if (email === own || extra.includes(email)) found.set(email, record)
        }
      }
      return found
    },

    upsertContacts(inputs: readonly HubSpotUpsertInput[]) {
      const items = inputs.map((input) => {
        const body = toHubSpotUpsertInput(input)
        return { key: input.salesforceId, input: body, properties: body.properties }
      })
      return writeInChunks(
        items,
        batchSize,
        sendUpsert,
        (row) => row.properties[SALESFORCE_ID_PROPERTY] ?? undefined,
      )
    },

    updateContacts(inputs: readonly HubSpotUpdateInput[]) {
      const items = inputs.map((input) => {
        const body = toHubSpotUpdateInput(input)
        return { key: input.id, input: body, properties: body.properties }
      })
      return writeInChunks(items, batchSize, sendUpdate, (row) => row.id)
    },

    async archiveContacts(ids) {
      for (const part of chunk([...new Set(ids)], batchSize)) {
        await call('contacts batch archive', () =>
          contacts.batchApi.archive({ inputs: part.map((id) => ({ id })) }),
        )
      }
    },

    readListMembers: (listId) => readListMembers(client, listId, call),
    unsubscribeFromAll: (emails) => unsubscribeFromAll(client, meter, emails, call),
    readOwners: () => readOwners(client, call),
    apiUsage: () => meter.usage(),
  }

  function sendUpsert(items: ReadonlyArray<WriteItem<ReturnType<typeof toHubSpotUpsertInput>>>) {
    const inputs = items.map((item) => ({ ...item.input, objectWriteTraceId: item.key }))
    return call('contacts batch upsert', () => contacts.batchApi.upsert({ inputs })) as Promise<BatchReply>
  }

  function sendUpdate(items: ReadonlyArray<WriteItem<ReturnType<typeof toHubSpotUpdateInput>>>) {
    const inputs = items.map((item) => ({ ...item.input, objectWriteTraceId: item.key }))
    return call('contacts batch update', () => contacts.batchApi.update({ inputs })) as Promise<BatchReply>
  }
}
