import { setTimeout as delay } from 'node:timers/promises'

import type {
  HubSpotCaptureRequest,
  HubSpotCompanyReadRequest,
  HubSpotCompanyReadResult,
  HubSpotCompanyRecord,
  HubSpotCompanyUpsertInput,
  HubSpotConnector,
  HubSpotContactRecord,
  HubSpotDealReadRequest,
  HubSpotDealReadResult,
  HubSpotDealRecord,
  HubSpotDealUpsertInput,
  HubSpotEngagementType,
  HubSpotPortalIdentity,
  HubSpotReadRequest,
  HubSpotReadResult,
  HubSpotUpdateInput,
  HubSpotUpsertInput,
  RetryTable,
  SyncErrorCode,
} from '@crmsync/core'
import { isSyncError } from '@crmsync/core'

import { readAccess } from './access.js'
import {
  captureEngagements,
  listForms,
  readEmailEvents,
  readEngagementHistory,
  readEngagements,
  readFormSubmissions,
  upsertEngagements,
} from './activities.js'
import { ApiMeter } from './api-meter.js'
import {
  isPrimaryContact,
  readAssociations,
  readPrimaryCompanies,
  setPrimaryCompanies,
} from './associations.js'
import { chunk } from './batch-write.js'
import { captureCompanies, captureContacts, captureDeals } from './capture.js'
import type { CaptureDeps } from './capture-search.js'
import { createHubSpotClient } from './client.js'
import { crmObjects } from './crm-objects.js'
import {
  changeDealContacts,
  readDealAssociations,
  readDealCompanies,
  readDealContactIds,
  setDealCompanies,
} from './deal-associations.js'
import { readPortalIdentity } from './identity.js'
import { readListMembers } from './list-members.js'
import {
  fromHubSpotContact,
  toHubSpotCompanyUpsertInput,
  toHubSpotDealUpsertInput,
  toHubSpotUpsertInput,
} from './mappers.js'
import { COMPANIES, CONTACTS, DEALS, ENGAGEMENTS, type HubSpotObjectKind } from './object-kinds.js'
import { readOwners } from './owners.js'
import { addDealStages, createDealPipeline, readDealPipelines } from './pipelines.js'
import { readPortalSettings } from './portal-settings.js'
import { unsubscribeFromAll } from './preferences.js'
import { type Sleep, withRetry } from './retry-policy.js'
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

/** The HubSpot connector over @hubspot/api-client (design.md 3.4), implementing the core's port. */
export function createHubSpotConnector(options: HubSpotConnectorOptions): HubSpotConnector {
  const meter = new ApiMeter(options.now)
  const client = createHubSpotClient(options, meter)
  const retry = {
    table: options.retryTable,
    sleep: options.sleep ?? ((ms: number) => delay(ms).then(() => undefined)),
    onRetry: options.onRetry,
  }
  // Each call's outcome tells the meter whether the daily quota is used up (apiUsage().rateLimit).
  const call = <T>(operation: string, fn: () => Promise<T>): Promise<T> =>
    withRetry(operation, fn, retry).then(
      (result) => {
        meter.noteOutcome(undefined)
        return result
      },
      (err: unknown) => {
        meter.noteOutcome(isSyncError(err) ? err.code : undefined)
        throw err
      },
    )
  const batchSize = options.batchSize ?? 100
  const now = options.now ?? Date.now
  // Pacing follows real elapsed time, never the injected clock, which a test or replay may hold still.
  const pacer = new SearchPacer(options.searchMinIntervalMs ?? 250, () => performance.now(), retry.sleep)
  let appId = options.appId
  const objects = crmObjects({ client, call, pacer, batchSize, appId: () => appId })
  const associations = { client, call, batchSize }

  // Capture reads what a batch read would, so the engine can plan from the captured records. Contacts and
  // companies share the capture; each has its own searches and cursor stream.
  function captureDeps(kind: HubSpotObjectKind): CaptureDeps {
    return {
      search: (body) => objects.search(kind, body),
      serverTime: () => meter.serverTime,
      now,
      searchLagMs: options.searchLagMs ?? 5000,
      searchResultCap: options.searchResultCap ?? 10_000,
      settleEveryMs: options.settleEveryMs,
      ownAppId: appId,
    }
  }
  const withAlwaysRead = (kind: HubSpotObjectKind, request: HubSpotCaptureRequest) => ({
    ...request,
    properties: [...new Set([...(request.properties ?? []), ...kind.alwaysRead])],
  })

  const activities = {
    client,
    meter,
    call,
    objects,
    associations,
    captureDeps: (type: HubSpotEngagementType) => captureDeps(ENGAGEMENTS[type]),
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

    readAccess: () => readAccess(client, meter, options.accessToken, call),

    portalSettings: () => readPortalSettings(client, meter, call),

    captureContacts: (request: HubSpotCaptureRequest) =>
      captureContacts(withAlwaysRead(CONTACTS, request), captureDeps(CONTACTS)),

    readContacts: (request: HubSpotReadRequest): Promise<HubSpotReadResult> =>
      objects.read(CONTACTS, request),

    async findContactsByEmail(emails, properties) {
      const wanted = [...new Set(emails.map((email) => email.toLowerCase()))]
      const fields = [...new Set([...properties, ...CONTACTS.alwaysRead, 'hs_additional_emails'])]
      const found = new Map<string, HubSpotContactRecord>()
      for (const part of chunk(wanted, batchSize)) {
        for (const object of await objects.readBatch(CONTACTS, part, fields, [], 'email')) {
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
      return objects.upsert(CONTACTS, items)
    },

    updateContacts: (inputs: readonly HubSpotUpdateInput[]) => objects.update(CONTACTS, inputs),
    archiveContacts: (ids) => objects.archive(CONTACTS, ids),

    captureCompanies: (request: HubSpotCaptureRequest) =>
      captureCompanies(withAlwaysRead(COMPANIES, request), captureDeps(COMPANIES)),

    async readCompanies(request: HubSpotCompanyReadRequest): Promise<HubSpotCompanyReadResult> {
      const read = await objects.read(COMPANIES, request)
      if (request.withContacts !== true) return read
      // Survivors' ids, so a merged-away id gets the survivor's contacts (1 call per batchSize companies).
      const { targets } = await readAssociations(associations, COMPANIES, CONTACTS, [...read.records.keys()])
      const records = new Map<string, HubSpotCompanyRecord>()
      for (const [id, record] of read.records) {
        const contacts = targets.get(id) ?? []
        records.set(id, {
          ...record,
          contactIds: contacts.map((contact) => contact.id),
          primaryContactIds: contacts.filter(isPrimaryContact).map((contact) => contact.id),
        })
      }
      return { ...read, records }
    },

    upsertCompanies(inputs: readonly HubSpotCompanyUpsertInput[]) {
      const items = inputs.map((input) => {
        const body = toHubSpotCompanyUpsertInput(input)
        return { key: input.salesforceId, input: body, properties: body.properties }
      })
      return objects.upsert(COMPANIES, items)
    },

    updateCompanies: (inputs: readonly HubSpotUpdateInput[]) => objects.update(COMPANIES, inputs),
    archiveCompanies: (ids) => objects.archive(COMPANIES, ids),
    listCompanyIds: () => objects.listIds(COMPANIES),
    readPrimaryCompanies: (contactIds) => readPrimaryCompanies(associations, contactIds),
    setPrimaryCompanies: (changes) => setPrimaryCompanies(associations, changes),

    captureDeals: (request: HubSpotCaptureRequest) =>
      captureDeals(withAlwaysRead(DEALS, request), captureDeps(DEALS)),

    async readDeals(request: HubSpotDealReadRequest): Promise<HubSpotDealReadResult> {
      const read = await objects.read(DEALS, request)
      if (request.withAssociations !== true) return read
      const found = await readDealAssociations(associations, [...read.records.keys()])
      const records = new Map<string, HubSpotDealRecord>()
      for (const [id, record] of read.records) {
        records.set(id, {
          ...record,
          contactIds: found.contacts.get(id) ?? [],
          primaryCompanyId: found.primaryCompany.get(id) ?? null,
        })
      }
      return { ...read, records }
    },

    upsertDeals(inputs: readonly HubSpotDealUpsertInput[]) {
      const items = inputs.map((input) => {
        const body = toHubSpotDealUpsertInput(input)
        return { key: input.salesforceId, input: body, properties: body.properties }
      })
      return objects.upsert(DEALS, items)
    },

    updateDeals: (inputs: readonly HubSpotUpdateInput[]) => objects.update(DEALS, inputs),
    archiveDeals: (ids) => objects.archive(DEALS, ids),
    listDealIds: () => objects.listIds(DEALS),
    readDealPipelines: () => readDealPipelines({ client, call }),
    createDealPipeline: (input) => createDealPipeline({ client, call }, input),
    addDealStages: (pipelineId, stages) => addDealStages({ client, call }, pipelineId, stages),
    readDealContactIds: (dealIds) => readDealContactIds(associations, dealIds),
    readDealCompanies: (dealIds) => readDealCompanies(associations, dealIds),
    changeDealContacts: (changes) => changeDealContacts(associations, changes),
    setDealCompanies: (changes) => setDealCompanies(associations, changes),

    readListMembers: (listId) => readListMembers(client, listId, call),
    unsubscribeFromAll: (emails) => unsubscribeFromAll(client, meter, emails, call),
    readOwners: () => readOwners(client, call),
    captureEngagements: (type, request) =>
      captureEngagements(activities, type, withAlwaysRead(ENGAGEMENTS[type], request)),
    readEngagements: (type, ids) => readEngagements(activities, type, ids),
    readEmailEvents: (request) => readEmailEvents(activities, request),
    upsertEngagements: (type, inputs) => upsertEngagements(activities, type, inputs),
    readEngagementHistory: (type, ids, properties) =>
      readEngagementHistory(activities, type, ids, properties),
    listForms: () => listForms(activities),
    readFormSubmissions: (formId, after) => readFormSubmissions(activities, formId, after),
    apiUsage: () => meter.usage(),
  }
}
