import type {
  ContactAction,
  HubSpotUpdateInput,
  HubSpotUpsertInput,
  HubSpotValue,
  HubSpotWriteResult,
  PlanContactsInput,
} from '@crmsync/core'
import { canonicalText } from '@crmsync/core'

import { HUBSPOT_LINK_PROPERTY } from '../contact-fields.js'
import type { StepContext } from '../engine-context.js'
import { type ApplyOutcome, hsKey, sfKey } from './apply-outcome.js'
import { recordFailure } from './record-failure.js'
import { retryWithoutReadBack } from './retry-without-read-back.js'

type CreateAction = Extract<ContactAction, { kind: 'create-hubspot' }>

/** HubSpot inputs per batch call. */
export const HUBSPOT_BATCH_SIZE = 100
/** Read-only in HubSpot: opt-out goes through communication preferences (B-OPT-3). */
const OPT_OUT = 'hs_email_optout'

/**
 * HubSpot writes of a batch (design.md 3.4 step 3), after the Salesforce ones so new Salesforce ids can be
 * written to the link properties: creates as upserts keyed by the Salesforce id, one batch update per
 * contact merging field updates and link properties, unsubscribe-all for opt-outs, and deletes.
 */
export async function applyHubSpot(
  ctx: StepContext,
  input: PlanContactsInput,
  actions: readonly ContactAction[],
  outcome: ApplyOutcome,
): Promise<void> {
  const unsubscribe = new Map<string, string>()
  const creates = actions.filter((a): a is CreateAction => a.kind === 'create-hubspot')
  const updates = collectUpdates(input, actions, outcome, unsubscribe)
  const deletes = actions.flatMap((a) => (a.kind === 'delete-hubspot' ? [a.hubspotId] : []))
  const upserts = creates.map((a): HubSpotUpsertInput => {
    const { [OPT_OUT]: optOut, ...properties } = a.values
    if (optOut === 'true') {
      const email = canonicalText(a.values['email'], true)
      if (email !== null) unsubscribe.set(`sf:${a.salesforce.id}`, email)
    }
    return { salesforceId: a.salesforce.id, salesforceType: a.salesforce.type, properties: clean(properties) }
  })
  if (ctx.cycle.dryRun) return planDry(ctx, creates, updates, deletes, unsubscribe.size)

  const upserted = upserts.length === 0 ? [] : await ctx.deps.hubspot.upsertContacts(upserts)
  creates.forEach((a, i) => onUpsert(ctx, a, upserted[i], outcome))
  const sent = updates.length === 0 ? [] : await ctx.deps.hubspot.updateContacts(updates)
  const updated = await retryWithoutReadBack(ctx, updates, sent, outcome)
  updates.forEach((u, i) => {
    const result = updated[i]
    if (result !== null) onUpdate(ctx, u, result, outcome)
  })
  const emails = [...unsubscribe].filter(([key]) => !outcome.failed.has(key)).map(([, email]) => email)
  if (emails.length > 0) await ctx.deps.hubspot.unsubscribeFromAll(emails)
  if (deletes.length > 0) {
    await ctx.deps.hubspot.archiveContacts(deletes)
    ctx.cycle.summary.count('contact', 'hubspot', 'deleted', deletes.length)
  }
}

/** HubSpot sends strings; a planned null clears the property. */
function clean(values: Readonly<Record<string, string | null>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? '']))
}

/**
 * One update per contact: the planned field values plus the link property of a new or moved link, written
 * only when the contact does not already hold it (so a second run writes nothing), and after a Salesforce
 * create the values Salesforce set on it that the rules send to HubSpot.
 */
function collectUpdates(
  input: PlanContactsInput,
  actions: readonly ContactAction[],
  outcome: ApplyOutcome,
  unsubscribe: Map<string, string>,
): HubSpotUpdateInput[] {
  const byId = new Map<string, Record<string, string>>()
  const add = (id: string, values: Record<string, string>) => byId.set(id, { ...byId.get(id), ...values })
  const linkProperty = (hubspotId: string, type: 'Lead' | 'Contact', salesforceId: string) => {
    const property = HUBSPOT_LINK_PROPERTY[type]
    if (input.hubspot.get(hubspotId)?.properties[property] !== salesforceId)
      add(hubspotId, { [property]: salesforceId })
  }
  const addValues = (hubspotId: string, planned: Readonly<Record<string, HubSpotValue>>) => {
    const { [OPT_OUT]: optOut, ...values } = planned
    if (optOut === 'true') {
      const email = canonicalText(input.hubspot.get(hubspotId)?.properties['email'], true)
      if (email !== null) unsubscribe.set(hsKey(hubspotId), email)
    }
    if (Object.keys(values).length > 0) add(hubspotId, clean(values))
  }
  for (const a of actions) {
    if (a.kind === 'update-hubspot') {
      addValues(a.hubspotId, a.values)
    } else if (a.kind === 'link') {
      linkProperty(a.hubspotId, a.salesforce.type, a.salesforce.id)
    } else if (a.kind === 'relink') {
      linkProperty(a.to.hubspotId, a.to.salesforce.type, a.to.salesforce.id)
    } else if (a.kind === 'create-salesforce') {
      const created = outcome.createdSalesforce.get(a.hubspotId)
      if (created !== undefined) linkProperty(a.hubspotId, created.type, created.id)
      // Values Salesforce set on create ride on this update: no extra HubSpot call.
      const readBack = outcome.readBack.get(a.hubspotId)
      if (readBack !== undefined) addValues(a.hubspotId, readBack.hubspot)
    }
  }
  // A contact deleted in this batch gets no update.
  const deleted = new Set(actions.flatMap((a) => (a.kind === 'delete-hubspot' ? [a.hubspotId] : [])))
  return [...byId].filter(([id]) => !deleted.has(id)).map(([id, properties]) => ({ id, properties }))
}

function onUpsert(
  ctx: StepContext,
  a: CreateAction,
  result: HubSpotWriteResult | undefined,
  outcome: ApplyOutcome,
): void {
  const sfId = a.salesforce.id
  if (result?.outcome === 'written') {
    outcome.createdHubSpot.set(sfId, result.id)
    ctx.cycle.summary.count('contact', 'hubspot', result.created ? 'created' : 'updated')
    return
  }
  outcome.failed.add(sfKey(sfId))
  if (result?.outcome === 'exists') {
    // B-CON-6: the email belongs to a contact search had not indexed yet; link to it and plan the pair again.
    outcome.extraLinks.push({ hubspotId: result.existingId, salesforce: a.salesforce })
    ctx.cycle.summary.count('contact', 'hubspot', 'linked')
    if (!ctx.cycle.replanned.has(sfId)) {
      ctx.cycle.replanned.add(sfId)
      const ref = { connectionId: ctx.setup.connectionId, objectKind: 'contact' as const }
      outcome.replan.push({ ...ref, side: 'salesforce', recordId: sfId })
    }
    return
  }
  recordFailure(ctx, outcome, {
    side: 'salesforce',
    recordId: sfId,
    writtenSide: 'hubspot',
    code: result?.code ?? 'HS_UNEXPECTED_RESPONSE',
    message: result?.message ?? 'no result for this record',
  })
}

function onUpdate(
  ctx: StepContext,
  u: HubSpotUpdateInput,
  result: HubSpotWriteResult | undefined,
  outcome: ApplyOutcome,
): void {
  if (result?.outcome === 'written') {
    ctx.cycle.summary.count('contact', 'hubspot', 'updated')
    return
  }
  outcome.failed.add(hsKey(u.id))
  recordFailure(ctx, outcome, {
    side: 'hubspot',
    recordId: u.id,
    writtenSide: 'hubspot',
    code: result?.outcome === 'failed' ? result.code : 'HS_UNEXPECTED_RESPONSE',
    message: result?.outcome === 'failed' ? result.message : 'no result for this record',
  })
}

function planDry(
  ctx: StepContext,
  creates: readonly CreateAction[],
  updates: readonly HubSpotUpdateInput[],
  deletes: readonly string[],
  unsubscribes: number,
): void {
  const s = ctx.cycle.summary
  for (const a of creates) {
    s.count('contact', 'hubspot', 'created')
    s.planned({
      kind: 'create',
      side: 'hubspot',
      hubspotId: null,
      salesforceId: a.salesforce.id,
      detail: a.reason,
    })
  }
  for (const u of updates) {
    s.count('contact', 'hubspot', 'updated')
    const detail = Object.keys(u.properties).join(', ')
    s.planned({ kind: 'update', side: 'hubspot', hubspotId: u.id, salesforceId: null, detail })
  }
  for (const id of deletes) {
    s.count('contact', 'hubspot', 'deleted')
    s.planned({ kind: 'delete', side: 'hubspot', hubspotId: id, salesforceId: null, detail: 'archive' })
  }
  const calls = (n: number) => Math.ceil(n / HUBSPOT_BATCH_SIZE)
  s.apiCost('hubspot', calls(creates.length) + calls(updates.length) + calls(deletes.length) + unsubscribes)
}
