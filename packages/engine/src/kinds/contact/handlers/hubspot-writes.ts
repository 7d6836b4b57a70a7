import type {
  ContactAction,
  HubSpotUpdateInput,
  HubSpotUpsertInput,
  HubSpotValue,
  HubSpotWriteResult,
  RawValue,
} from '@crmsync/core'
import { canonicalText } from '@crmsync/core'

import { type ActionHandler, EventsBuilder } from '../../../pipeline/action-handler.js'
import { hubspotKey, salesforceKey } from '../../../pipeline/apply-result.js'
import type { ContactIo } from '../contact-io.js'
import { retryWithoutServerSet } from './retry-without-server-set.js'

type CreateAction = Extract<ContactAction, { kind: 'create-hubspot' }>
type UpdateAction = Extract<ContactAction, { kind: 'update-hubspot' }>
type DeleteAction = Extract<ContactAction, { kind: 'delete-hubspot' }>

/** HubSpot inputs per batch call. */
export const HUBSPOT_BATCH_SIZE = 100
/** Read-only in HubSpot: opt-out goes through communication preferences (B-OPT-3). */
const OPT_OUT = 'hs_email_optout'
const calls = (n: number) => Math.ceil(n / HUBSPOT_BATCH_SIZE)

/** HubSpot sends strings; a planned null clears the property. */
function clean(values: Readonly<Record<string, HubSpotValue>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? '']))
}

/** The values to write, and the email to unsubscribe when the plan sets opt-out (B-OPT-3). */
function splitOptOut(values: Readonly<Record<string, HubSpotValue>>, email: RawValue) {
  const { [OPT_OUT]: optOut, ...rest } = values
  return { values: rest, unsubscribe: optOut === 'true' ? canonicalText(email, true) : null }
}

/**
 * HubSpot creates from new Salesforce records, as upserts keyed by the Salesforce id (a replay never
 * duplicates), then unsubscribe-all for those created opted out. HubSpot's "this email exists" links to that
 * contact instead and plans the pair again (B-CON-6).
 */
export const createHubSpot: ActionHandler<CreateAction, ContactIo> = {
  step: 'hubspot',
  async apply(actions, io) {
    const out = new EventsBuilder()
    const unsubscribe = new Map<string, string>()
    const upserts = actions.map((a): HubSpotUpsertInput => {
      const { values, unsubscribe: email } = splitOptOut(a.values, a.values['email'])
      if (email !== null) unsubscribe.set(salesforceKey(a.salesforce.id), email)
      return { salesforceId: a.salesforce.id, salesforceType: a.salesforce.type, properties: clean(values) }
    })
    const results = await io.deps.hubspot.upsertContacts(upserts)
    actions.forEach((a, i) => onUpsert(out, io, a, results[i]))
    await unsubscribeWritten(io, unsubscribe, new Set(out.events().failed))
    return out.events()
  },
  report(actions) {
    const planned = actions.map((a) => ({
      kind: 'create',
      side: 'hubspot' as const,
      hubspotId: null,
      salesforceId: a.salesforce.id,
      detail: a.reason,
    }))
    const optOuts = actions.filter((a) => a.values[OPT_OUT] === 'true').length
    return {
      planned,
      apiCost: { hubspot: calls(actions.length) + calls(optOuts) },
      counts: [{ side: 'hubspot', key: 'created', by: actions.length }],
    }
  },
  effects: () => [],
}

function onUpsert(
  out: EventsBuilder,
  io: ContactIo,
  a: CreateAction,
  result: HubSpotWriteResult | undefined,
): void {
  const sfId = a.salesforce.id
  if (result?.outcome === 'written') {
    out.created({ side: 'hubspot', key: sfId, id: result.id })
    out.count('hubspot', result.created ? 'created' : 'updated')
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
        objectKind: 'contact',
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
 * HubSpot contact updates: one per contact, as the plan merged them (field values, link properties, values
 * Salesforce set on a create; core's mergeHubSpotUpdates), then unsubscribe-all where opt-out is set. An
 * update refused for a server-set value is sent again without those values (retry-without-server-set.ts).
 */
export const updateHubSpot: ActionHandler<UpdateAction, ContactIo> = {
  step: 'hubspot',
  async apply(actions, io) {
    const out = new EventsBuilder()
    const unsubscribe = new Map<string, string>()
    const updates = actions.map((a): HubSpotUpdateInput => {
      const email = io.input.hubspot.get(a.hubspotId)?.properties['email']
      const { values, unsubscribe: address } = splitOptOut(a.values, email)
      if (address !== null) unsubscribe.set(hubspotKey(a.hubspotId), address)
      return { id: a.hubspotId, properties: clean(values) }
    })
    const writing = updates.flatMap((u, i) => (Object.keys(u.properties).length > 0 ? [i] : []))
    const sent = await io.deps.hubspot.updateContacts(writing.map((i) => updates[i] as HubSpotUpdateInput))
    const results = await retryWithoutServerSet(
      io,
      writing.map((i) => ({ update: updates[i] as HubSpotUpdateInput, action: actions[i] as UpdateAction })),
      sent,
    )
    writing.forEach((index, i) => {
      const result = results[i]
      const update = updates[index] as HubSpotUpdateInput
      if (result === 'server-set-dropped') out.serverSetRefused(update.id)
      else if (result?.retried === true) {
        out.serverSetRefused(update.id)
        onUpdate(out, update, result.result)
      } else onUpdate(out, update, result?.result)
    })
    await unsubscribeWritten(io, unsubscribe, new Set(out.events().failed))
    return out.events()
  },
  report(actions) {
    // An update that only sets opt-out writes no property: it is only an unsubscribe.
    const writes = actions.filter((a) => Object.keys(a.values).some((p) => p !== OPT_OUT))
    const planned = writes.map((a) => ({
      kind: 'update',
      side: 'hubspot' as const,
      hubspotId: a.hubspotId,
      salesforceId: null,
      detail: Object.keys(a.values).join(', '),
    }))
    const optOuts = actions.filter((a) => a.values[OPT_OUT] === 'true').length
    return {
      planned,
      apiCost: { hubspot: calls(writes.length) + calls(optOuts) },
      counts: [{ side: 'hubspot', key: 'updated', by: writes.length }],
    }
  },
  effects: () => [],
}

function onUpdate(out: EventsBuilder, u: HubSpotUpdateInput, result: HubSpotWriteResult | undefined): void {
  if (result?.outcome === 'written') {
    out.count('hubspot', 'updated')
    return
  }
  out.failed(hubspotKey(u.id))
  out.failure({
    side: 'hubspot',
    recordId: u.id,
    writtenSide: 'hubspot',
    code: result?.outcome === 'failed' ? result.code : 'HS_UNEXPECTED_RESPONSE',
    message: result?.outcome === 'failed' ? result.message : 'no result for this record',
  })
}

/** Unsubscribe-all for the records whose write went through (B-OPT-3): one call per 100 addresses. */
async function unsubscribeWritten(
  io: ContactIo,
  unsubscribe: ReadonlyMap<string, string>,
  failed: ReadonlySet<string>,
): Promise<void> {
  const emails = [...unsubscribe].filter(([key]) => !failed.has(key)).map(([, email]) => email)
  if (emails.length > 0) await io.deps.hubspot.unsubscribeFromAll(emails)
}

/** Deletes (archives) HubSpot contacts: B-CON-22/24 with deleteInHubSpotWhenDeletedInSalesforce. */
export const deleteHubSpot: ActionHandler<DeleteAction, ContactIo> = {
  step: 'hubspot',
  async apply(actions, io) {
    await io.deps.hubspot.archiveContacts(actions.map((a) => a.hubspotId))
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
