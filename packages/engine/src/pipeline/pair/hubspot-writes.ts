import type {
  HubSpotUpdateInput,
  HubSpotValue,
  HubSpotWriteResult,
  PairAction,
  RawValue,
} from '@crmsync/core'
import { canonicalText } from '@crmsync/core'

import { type ActionHandler, EventsBuilder } from '../action-handler.js'
import { hubspotKey, salesforceKey } from '../apply-result.js'
import type { HubSpotObjectCreate, HubSpotObjectWrites, PairIo } from './pair-io.js'
import { retryWithoutServerSet } from './retry-without-server-set.js'

type CreateAction<T extends string> = Extract<PairAction<T>, { kind: 'create-hubspot' }>
type UpdateAction<T extends string> = Extract<PairAction<T>, { kind: 'update-hubspot' }>
type DeleteAction<T extends string> = Extract<PairAction<T>, { kind: 'delete-hubspot' }>

/** HubSpot inputs per batch call. */
export const HUBSPOT_BATCH_SIZE = 100
const calls = (n: number) => Math.ceil(n / HUBSPOT_BATCH_SIZE)

/** HubSpot sends strings; a planned null clears the property. */
function clean(values: Readonly<Record<string, HubSpotValue>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? '']))
}

/** The values to write, and the email to unsubscribe when the plan sets opt-out (B-OPT-3, contacts). */
function splitOptOut<T extends string>(
  writes: HubSpotObjectWrites<T>,
  values: Readonly<Record<string, HubSpotValue>>,
  email: RawValue,
) {
  const property = writes.optOut?.property
  if (property === undefined) return { values, unsubscribe: null }
  const { [property]: optOut, ...rest } = values
  return { values: rest, unsubscribe: optOut === 'true' ? canonicalText(email, true) : null }
}

const setsOptOut = <T extends string>(io: PairIo<T>, values: Readonly<Record<string, HubSpotValue>>) =>
  io.hubspot.optOut !== undefined && values[io.hubspot.optOut.property] === 'true'

/**
 * HubSpot creates from new Salesforce records, as upserts keyed by the Salesforce id (a replay never
 * duplicates), then unsubscribe-all for contacts created opted out. HubSpot's "this email exists" links to
 * that contact instead and plans the pair again (B-CON-6).
 */
export function createHubSpot<T extends string>(): ActionHandler<CreateAction<T>, PairIo<T>> {
  return {
    step: 'hubspot',
    async apply(actions, io) {
      const out = new EventsBuilder()
      const unsubscribe = new Map<string, string>()
      const upserts = actions.map((a): HubSpotObjectCreate<T> => {
        const { values, unsubscribe: email } = splitOptOut(io.hubspot, a.values, a.values['email'] ?? null)
        if (email !== null) unsubscribe.set(salesforceKey(a.salesforce.id), email)
        return { salesforceId: a.salesforce.id, salesforceType: a.salesforce.type, properties: clean(values) }
      })
      const results = await io.hubspot.upsert(upserts)
      actions.forEach((a, i) => onUpsert(out, io, a, results[i]))
      await unsubscribeWritten(io, unsubscribe, new Set(out.events().failed))
      return out.events()
    },
    report(actions, io) {
      const planned = actions.map((a) => ({
        kind: 'create',
        side: 'hubspot' as const,
        hubspotId: null,
        salesforceId: a.salesforce.id,
        detail: a.reason,
      }))
      const optOuts = actions.filter((a) => setsOptOut(io, a.values)).length
      return {
        planned,
        apiCost: { hubspot: calls(actions.length) + calls(optOuts) },
        counts: [{ side: 'hubspot', key: 'created', by: actions.length }],
      }
    },
    effects: () => [],
  }
}

function onUpsert<T extends string>(
  out: EventsBuilder,
  io: PairIo<T>,
  a: CreateAction<T>,
  result: HubSpotWriteResult | undefined,
): void {
  const sfId = a.salesforce.id
  if (result?.outcome === 'written') {
    out.created({ side: 'hubspot', key: sfId, id: result.id, fresh: result.created })
    out.count('hubspot', result.created ? 'created' : 'updated')
    out.synced(io.changedAt('salesforce', sfId))
    return
  }
  out.failed(salesforceKey(sfId))
  if (result?.outcome === 'exists') {
    // B-CON-6: the email belongs to a contact search had not indexed yet; link to it and plan the pair again.
    out.link({ hubspotId: result.existingId, salesforceType: a.salesforce.type, salesforceId: sfId })
    out.count('hubspot', 'linked')
    if (!io.cycle.replanned.has(sfId))
      out.replan({
        connectionId: io.setup.connectionId,
        objectKind: io.objectKind,
        side: 'salesforce',
        recordId: sfId,
      })
    return
  }
  out.failure({
    side: 'salesforce',
    recordId: sfId,
    writtenSide: 'hubspot',
    code: result?.code ?? 'HS_UNEXPECTED_RESPONSE',
    message: result?.message ?? 'no result for this record',
  })
}

/**
 * HubSpot updates: one per record, as the plan merged them (field values, link properties, values
 * Salesforce set on a create; core's mergeHubSpotUpdates), then unsubscribe-all where a contact's opt-out is
 * set. An update refused for a server-set value is sent again without those values
 * (retry-without-server-set.ts).
 */
export function updateHubSpot<T extends string>(): ActionHandler<UpdateAction<T>, PairIo<T>> {
  return {
    step: 'hubspot',
    async apply(actions, io) {
      const out = new EventsBuilder()
      const unsubscribe = new Map<string, string>()
      const updates = actions.map((a): HubSpotUpdateInput => {
        const email = io.hubspotRecords.get(a.hubspotId)?.properties['email'] ?? null
        const { values, unsubscribe: address } = splitOptOut(io.hubspot, a.values, email)
        if (address !== null) unsubscribe.set(hubspotKey(a.hubspotId), address)
        return { id: a.hubspotId, properties: clean(values) }
      })
      const writing = updates.flatMap((u, i) => (Object.keys(u.properties).length > 0 ? [i] : []))
      const sent = await io.hubspot.update(writing.map((i) => updates[i] as HubSpotUpdateInput))
      const results = await retryWithoutServerSet(
        io,
        writing.map((i) => ({
          update: updates[i] as HubSpotUpdateInput,
          action: actions[i] as UpdateAction<T>,
        })),
        sent,
      )
      writing.forEach((index, i) => {
        const result = results[i]
        const action = actions[index] as UpdateAction<T>
        if (result === 'server-set-dropped') out.serverSetRefused(action.hubspotId)
        else if (result?.retried === true) {
          out.serverSetRefused(action.hubspotId)
          onUpdate(out, io, action, result.result)
        } else onUpdate(out, io, action, result?.result)
      })
      await unsubscribeWritten(io, unsubscribe, new Set(out.events().failed))
      return out.events()
    },
    report(actions, io) {
      // An update that only sets opt-out writes no property: it is only an unsubscribe.
      const optOut = io.hubspot.optOut?.property
      const writes = actions.filter((a) => Object.keys(a.values).some((p) => p !== optOut))
      const planned = writes.map((a) => ({
        kind: 'update',
        side: 'hubspot' as const,
        hubspotId: a.hubspotId,
        salesforceId: null,
        detail: Object.keys(a.values).join(', '),
      }))
      const optOuts = actions.filter((a) => setsOptOut(io, a.values)).length
      return {
        planned,
        apiCost: { hubspot: calls(writes.length) + calls(optOuts) },
        counts: [{ side: 'hubspot', key: 'updated', by: writes.length }],
      }
    },
    effects: () => [],
  }
}

function onUpdate<T extends string>(
  out: EventsBuilder,
  io: PairIo<T>,
  a: UpdateAction<T>,
  result: HubSpotWriteResult | undefined,
): void {
  if (result?.outcome === 'written') {
    out.count('hubspot', 'updated')
    out.synced(io.changedAt('salesforce', a.salesforce.id))
    return
  }
  out.failed(hubspotKey(a.hubspotId))
  if (result?.outcome === 'exists') {
    // B-ERR-4: an update cannot take an email another HubSpot contact holds (emails are unique there); the
    // contact keeps its own and the Duplicates error says who holds it.
    out.failure({
      side: 'hubspot',
      recordId: a.hubspotId,
      writtenSide: 'hubspot',
      code: 'HS_DUPLICATE_EMAIL',
      message: `email already in use by HubSpot contact ${result.existingId}`,
    })
    return
  }
  out.failure({
    side: 'hubspot',
    recordId: a.hubspotId,
    writtenSide: 'hubspot',
    code: result?.outcome === 'failed' ? result.code : 'HS_UNEXPECTED_RESPONSE',
    message: result?.outcome === 'failed' ? result.message : 'no result for this record',
  })
}

/** Unsubscribe-all for the records whose write went through (B-OPT-3): one call per 100 addresses. */
async function unsubscribeWritten<T extends string>(
  io: PairIo<T>,
  unsubscribe: ReadonlyMap<string, string>,
  failed: ReadonlySet<string>,
): Promise<void> {
  const emails = [...unsubscribe].filter(([key]) => !failed.has(key)).map(([, email]) => email)
  if (emails.length > 0) await io.hubspot.optOut?.unsubscribe(emails)
}

/** Deletes (archives) HubSpot records: contacts under B-CON-22/24 with deleteInHubSpotWhenDeletedInSalesforce. */
export function deleteHubSpot<T extends string>(): ActionHandler<DeleteAction<T>, PairIo<T>> {
  return {
    step: 'hubspot',
    async apply(actions, io) {
      await io.hubspot.archive(actions.map((a) => a.hubspotId))
      return new EventsBuilder().count('hubspot', 'deleted', actions.length).events()
    },
    report(actions) {
      const planned = actions.map((a) => ({
        kind: 'delete',
        side: 'hubspot' as const,
        hubspotId: a.hubspotId,
        salesforceId: null,
        detail: 'archive',
      }))
      return {
        planned,
        apiCost: { hubspot: calls(actions.length) },
        counts: [{ side: 'hubspot', key: 'deleted', by: actions.length }],
      }
    },
    effects: () => [],
  }
}
