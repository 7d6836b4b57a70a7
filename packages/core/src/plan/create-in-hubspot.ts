import type { Err, HubSpotValue, RawValue, TransformContext } from '../canonical/index.js'
import { fromHubSpot, fromSalesforce, toHubSpot } from '../canonical/index.js'
import type { FieldMapping } from '../mapping/index.js'
import type { FieldDecision } from '../merge/index.js'
import type { CanonicalValue, FieldState } from '../model/index.js'
import { createdState } from './create-in-salesforce.js'
import type { PlanContext } from './plan-context.js'
import type { SalesforceContactRecord } from './plan-types.js'

/** What a HubSpot create sends, the link state it leaves and its audit; or a value that failed. */
export type HubSpotCreatePlan =
  | {
      readonly ok: true
      readonly values: Readonly<Record<string, HubSpotValue>>
      readonly fields: Readonly<Record<string, FieldState>>
      readonly decisions: readonly FieldDecision[]
    }
  | { readonly ok: false; readonly field: string; readonly error: Err }

/**
 * The values of a HubSpot record created from a Salesforce record, for any object (contacts from Leads and
 * Contacts, companies from Accounts). Every rule but `none` lets Salesforce write to HubSpot; opt-out is
 * sent only when true (never subscribe anyone, B-OPT-4), and an owner with no HubSpot owner yet is left out
 * rather than failing the create (B-OWN-1). `holdBack` names mappings the create leaves blank (an import
 * with an inclusion list sends only the email, B-BULK-3). Pure.
 */
export function planHubSpotCreate<T extends string>(init: {
  readonly mappings: readonly FieldMapping<T>[]
  readonly type: T
  readonly fields: Readonly<Record<string, RawValue>>
  readonly transform: TransformContext
  readonly now: number
  readonly holdBack?: ((m: FieldMapping<T>) => string | undefined) | undefined
}): HubSpotCreatePlan {
  const { transform, now } = init
  const values: Record<string, HubSpotValue> = {}
  const fields: Record<string, FieldState> = {}
  const decisions: FieldDecision[] = []
  for (const m of init.mappings) {
    const field = m.salesforce[init.type]
    if (field === undefined || m.viaAssociation === true) continue
    const s = fromSalesforce(m, init.fields[field], transform)
    if (!s.ok) return { ok: false, field: m.hubspot, error: s }
    const blank = fromHubSpot(m, null, transform)
    let written = blank.ok ? blank.value : null
    const held = init.holdBack?.(m)
    if (held !== undefined) {
      fields[m.hubspot] = heldBackState(written, now)
      decisions.push({
        field: m.hubspot,
        action: 'none',
        value: null,
        rule: m.rule,
        reason: held,
        ...(s.value !== null && s.value !== written ? { dropped: ['salesforce' as const] } : {}),
      })
      continue
    }
    let reason = `not sent on create (rule ${m.rule})`
    const send =
      m.rule !== 'none' &&
      s.value !== null &&
      s.value !== written &&
      !(m.rule === 'opt-out' && s.value !== 'true')
    if (send) {
      const out = toHubSpot(m, s.value, transform)
      if (!out.ok && m.rule !== 'owner') return { ok: false, field: m.hubspot, error: out }
      if (out.ok) {
        values[m.hubspot] = out.value
        const back = fromHubSpot(m, out.value, transform)
        written = back.ok ? back.value : s.value
        reason = 'created from Salesforce'
      } else {
        reason = `owner: ${out.message}; waits until it has one (B-OWN-1)`
      }
    }
    fields[m.hubspot] = createdState(written, s.value, now)
    const sent = written === s.value && s.value !== null
    const dropped =
      !sent && s.value !== null && s.value !== written ? { dropped: ['salesforce' as const] } : {}
    decisions.push({
      field: m.hubspot,
      action: sent ? 'to-hubspot' : 'none',
      value: sent ? s.value : null,
      rule: m.rule,
      reason,
      ...dropped,
    })
  }
  return { ok: true, values, fields, decisions }
}

/**
 * Plans the HubSpot create for a new Salesforce lead or contact with no email match (B-CON-3, B-TRIG-5).
 * It happens even outside the inclusion list (B-CON-19); an import with an inclusion list sends only the
 * email (B-BULK-3); an opt-out is never held back, since a contact created without it could be emailed (B-OPT-4).
 */
export function createInHubSpot(ctx: PlanContext, sf: SalesforceContactRecord): void {
  const emailOnly = ctx.input.salesforceImport === true && ctx.input.settings.inclusionList !== null
  const plan = planHubSpotCreate({
    mappings: ctx.input.mappings,
    type: sf.type,
    fields: sf.fields,
    transform: ctx.transform,
    now: ctx.input.now,
    holdBack: (m) =>
      emailOnly && m.hubspot !== 'email' && m.rule !== 'opt-out'
        ? 'B-BULK-3: an import brings only the email; the follow-up sync fills eligible contacts'
        : undefined,
  })
  if (!plan.ok) return fail(ctx, sf.id, plan.field, plan.error)
  const { values, fields, decisions } = plan
  const reason = `B-CON-3: no HubSpot contact has this email, created from the ${sf.type}`
  ctx.actions.push({ kind: 'create-hubspot', salesforce: { type: sf.type, id: sf.id }, values, reason })
  ctx.actions.push({
    kind: 'commit',
    hubspotId: null,
    salesforceType: sf.type,
    salesforceId: sf.id,
    fields,
    decisions,
  })
}

/**
 * A field held back by an import (B-BULK-3): HubSpot's blank is its shadow and Salesforce has none, so the
 * Salesforce value counts as a change the next time the pair syncs, which happens only once the contact
 * is eligible (in the inclusion list).
 */
function heldBackState(hubspotBlank: CanonicalValue, now: number): FieldState {
  return { hubspotShadow: { value: hubspotBlank, seenAt: now } }
}

function fail(ctx: PlanContext, salesforceId: string, field: string, r: Err): void {
  const message = `${field}: ${r.message}`
  ctx.actions.push({
    kind: 'error',
    side: 'hubspot',
    hubspotId: null,
    salesforceId,
    code: r.code,
    message,
    field,
  })
}
