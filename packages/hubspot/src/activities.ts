// Timeline sync's reads (B-ACT-1/2): engagements captured like contacts (the same searches and cursor, on
// `hs_lastmodifieddate`) with their contacts, and marketing email events from the legacy events API, which
// the client does not wrap (`apiRequest`).
import type {
  HubSpotCaptureRequest,
  HubSpotEmailEvent,
  HubSpotEmailEventPage,
  HubSpotEmailEventRequest,
  HubSpotEngagementCaptureResult,
  HubSpotEngagementRecord,
  HubSpotEngagementType,
  HubSpotEngagementUpsert,
  HubSpotForm,
  HubSpotFormSubmission,
  HubSpotFormSubmissionPage,
  HubSpotPropertyChange,
  HubSpotWriteResult,
} from '@crmsync/core'
import type { Client } from '@hubspot/api-client'

import type { ApiMeter } from './api-meter.js'
import { type AssociationsDeps, readAssociations } from './associations.js'
import { chunk } from './batch-write.js'
import { type CaptureDeps, captureObjects } from './capture.js'
import type { CrmObjects } from './crm-objects.js'
import { type HubSpotObjectRecord, SALESFORCE_ID_PROPERTY } from './mappers.js'
import { CONTACTS, ENGAGEMENTS } from './object-kinds.js'
import { rawRequest } from './raw-request.js'
import type { Call } from './retry-policy.js'

/** Events per page of the events API (its maximum is 1000). */
const EVENTS_PAGE = 1000

export interface ActivityDeps {
  readonly client: Client
  readonly meter: ApiMeter
  readonly call: Call
  readonly objects: CrmObjects
  readonly associations: AssociationsDeps
  readonly captureDeps: (type: HubSpotEngagementType) => CaptureDeps
}

/** Adds each record's associated contacts: 1 association read per 100 records. */
async function withContacts(
  deps: ActivityDeps,
  type: HubSpotEngagementType,
  records: readonly HubSpotObjectRecord[],
): Promise<HubSpotEngagementRecord[]> {
  if (records.length === 0) return []
  const ids = records.map((r) => r.id)
  const { targets } = await readAssociations(deps.associations, ENGAGEMENTS[type], CONTACTS, ids)
  return records.map((r) => ({
    id: r.id,
    properties: r.properties as Record<string, string | null>,
    contactIds: (targets.get(r.id) ?? []).map((c) => c.id),
  }))
}

/** One capture page of engagements; `request` already carries the kind's alwaysRead (the connector adds them). */
export async function captureEngagements(
  deps: ActivityDeps,
  type: HubSpotEngagementType,
  request: HubSpotCaptureRequest,
): Promise<HubSpotEngagementCaptureResult> {
  const result = await captureObjects(request, {
    ...deps.captureDeps(type),
    modifiedProperty: ENGAGEMENTS[type].modifiedProperty,
  })
  return { ...result, records: await withContacts(deps, type, result.records) }
}

export async function readEngagements(
  deps: ActivityDeps,
  type: HubSpotEngagementType,
  ids: readonly string[],
): Promise<HubSpotEngagementRecord[]> {
  if (ids.length === 0) return []
  const read = await deps.objects.read(ENGAGEMENTS[type], { ids, properties: [] })
  return withContacts(deps, type, [...read.records.values()])
}

function toEmailEvent(raw: Record<string, unknown>): HubSpotEmailEvent | undefined {
  const id = raw['id']
  const created = Number(raw['created'])
  if (typeof id !== 'string' || !Number.isFinite(created)) return undefined
  const campaign = Number(raw['emailCampaignId'])
  return {
    id,
    created,
    type: typeof raw['type'] === 'string' ? raw['type'] : '',
    recipient: typeof raw['recipient'] === 'string' ? raw['recipient'].toLowerCase() : '',
    emailCampaignId: Number.isFinite(campaign) ? campaign : null,
    ...(typeof raw['url'] === 'string' ? { url: raw['url'] } : {}),
  }
}

/** One page of `GET /email/public/v1/events` (1 call). */
export async function readEmailEvents(
  deps: ActivityDeps,
  request: HubSpotEmailEventRequest,
): Promise<HubSpotEmailEventPage> {
  const qs: Record<string, string> = {
    startTimestamp: String(request.startTimestamp),
    limit: String(EVENTS_PAGE),
  }
  if (request.endTimestamp !== undefined) qs['endTimestamp'] = String(request.endTimestamp)
  if (request.offset !== undefined) qs['offset'] = request.offset
  const body = (await deps.call('email events read', () =>
    rawRequest(deps.client, deps.meter, { method: 'GET', path: '/email/public/v1/events', qs }),
  )) as { events?: unknown; hasMore?: unknown; offset?: unknown } | undefined
  const raw = Array.isArray(body?.events) ? (body.events as Record<string, unknown>[]) : []
  return {
    events: raw.flatMap((e) => toEmailEvent(e) ?? []),
    hasMore: body?.hasMore === true,
    offset: typeof body?.offset === 'string' ? body.offset : '',
  }
}

/**
 * Engagements from Salesforce Tasks and Events (B-ACT-5): upserted on `crmsync_salesforce_id`, so a replay
 * or an edit updates the same engagement, then each written one associated with its contact (the default
 * type; associating again changes nothing). 1 upsert + 1 association call per 100.
 */
export async function upsertEngagements(
  deps: ActivityDeps,
  type: HubSpotEngagementType,
  inputs: readonly HubSpotEngagementUpsert[],
): Promise<readonly HubSpotWriteResult[]> {
  const items = inputs.map((input) => {
    const properties = { ...input.properties, [SALESFORCE_ID_PROPERTY]: input.salesforceId }
    return {
      key: input.salesforceId,
      input: { idProperty: SALESFORCE_ID_PROPERTY, id: input.salesforceId, properties },
      properties,
    }
  })
  const results = await deps.objects.upsert(ENGAGEMENTS[type], items)
  const contactOf = new Map(inputs.map((i) => [i.salesforceId, i.contactId]))
  const pairs = results.flatMap((r) =>
    r.outcome === 'written' ? [{ _from: { id: r.id }, to: { id: contactOf.get(r.key) ?? '' } }] : [],
  )
  const batch = deps.client.crm.associations.v4.batchApi
  for (const part of chunk(pairs, deps.associations.batchSize))
    await deps.call(`${type} to contacts associate`, () =>
      batch.createDefault(type, 'contacts', { inputs: part }),
    )
  return results
}

/** Forms per list call (the API's maximum). */
const FORMS_PAGE = 500
/** Submissions per call (the API's maximum). */
const SUBMISSIONS_PAGE = 50

/** Every live form, through the client's forms API: 1 call per 500 forms. */
export async function listForms(deps: ActivityDeps): Promise<HubSpotForm[]> {
  const forms: HubSpotForm[] = []
  let after: string | undefined
  for (;;) {
    const cursor = after
    const page = await deps.call('forms list', () =>
      deps.client.marketing.forms.formsApi.getPage(cursor, FORMS_PAGE, false),
    )
    for (const form of page.results) forms.push({ id: form.id, name: form.name })
    after = page.paging?.next?.after
    if (after === undefined) return forms
  }
}

/** One page of a form's submissions, newest first; the client does not wrap this API (`apiRequest`). */
export async function readFormSubmissions(
  deps: ActivityDeps,
  formId: string,
  after?: string,
): Promise<HubSpotFormSubmissionPage> {
  const qs: Record<string, string> = { limit: String(SUBMISSIONS_PAGE) }
  if (after !== undefined) qs['after'] = after
  const body = (await deps.call('form submissions read', () =>
    rawRequest(deps.client, deps.meter, {
      method: 'GET',
      path: `/form-integrations/v1/submissions/forms/${encodeURIComponent(formId)}`,
      qs,
    }),
  )) as { results?: unknown; paging?: { next?: { after?: unknown } } } | undefined
  const raw = Array.isArray(body?.results) ? (body.results as Record<string, unknown>[]) : []
  const results = raw.flatMap((r): HubSpotFormSubmission[] => {
    const submittedAt = Number(r['submittedAt'])
    if (typeof r['conversionId'] !== 'string' || !Number.isFinite(submittedAt)) return []
    const values = Array.isArray(r['values']) ? (r['values'] as Record<string, unknown>[]) : []
    return [
      {
        conversionId: r['conversionId'],
        submittedAt,
        values: values.flatMap((v) =>
          typeof v['name'] === 'string' && typeof v['value'] === 'string'
            ? [{ name: v['name'], value: v['value'] }]
            : [],
        ),
        ...(typeof r['pageUrl'] === 'string' ? { pageUrl: r['pageUrl'] } : {}),
      },
    ]
  })
  const next = body?.paging?.next?.after
  return { results, ...(typeof next === 'string' ? { after: next } : {}) }
}

/** Property history per engagement, oldest first: 1 batch read per 100 (`propertiesWithHistory`). */
export async function readEngagementHistory(
  deps: ActivityDeps,
  type: HubSpotEngagementType,
  ids: readonly string[],
  properties: readonly string[],
): Promise<Map<string, Record<string, HubSpotPropertyChange[]>>> {
  const found = new Map<string, Record<string, HubSpotPropertyChange[]>>()
  for (const part of chunk([...new Set(ids)], deps.associations.batchSize)) {
    for (const object of await deps.objects.readBatch(ENGAGEMENTS[type], part, [], [...properties])) {
      const history: Record<string, HubSpotPropertyChange[]> = {}
      for (const name of properties) {
        const entries = object.propertiesWithHistory?.[name] ?? []
        history[name] = entries
          .flatMap((e) => {
            const at = e.timestamp instanceof Date ? e.timestamp.getTime() : Date.parse(e.timestamp ?? '')
            return e.value === undefined || Number.isNaN(at) ? [] : [{ value: e.value, at }]
          })
          .sort((a, b) => a.at - b.at)
      }
      found.set(object.id, history)
    }
  }
  return found
}
