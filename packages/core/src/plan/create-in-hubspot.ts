import type { Err, HubSpotValue } from '../canonical/index.js'
import { fromHubSpot, fromSalesforce, toHubSpot } from '../canonical/index.js'
import type { FieldDecision } from '../merge/index.js'
import type { CanonicalValue, FieldState } from '../model/index.js'
import { createdState } from './create-in-salesforce.js'
import type { PlanContext } from './plan-context.js'
import type { SalesforceContactRecord } from './plan-types.js'

/**
 * Plans the HubSpot create for a new Salesforce lead or contact with no email match (B-CON-3, B-TRIG-5).
 * It happens even outside the inclusion list (B-CON-19); an import with an inclusion list sends only the
 * email (B-BULK-3). Every rule but `none` lets Salesforce write to
 * HubSpot; opt-out is sent only when true (never subscribe anyone, B-OPT-4), and an owner with no HubSpot
 * owner yet is left out rather than failing the create (B-OWN-1).
 */
export function createInHubSpot(ctx: PlanContext, sf: SalesforceContactRecord): void {
  const now = ctx.input.now
  const values: Record<string, HubSpotValue> = {}
  const fields: Record<string, FieldState> = {}
  const decisions: FieldDecision[] = []
  const emailOnly = ctx.input.salesforceImport === true && ctx.input.settings.inclusionList !== null
  for (const m of ctx.input.mappings) {
    const field = m.salesforce[sf.type]
    if (field === undefined || m.viaAssociation === true) continue
    const s = fromSalesforce(m, sf.fields[field], ctx.transform)
    if (!s.ok) return fail(ctx, sf.id, m.hubspot, s)
    const blank = fromHubSpot(m, null, ctx.transform)
    let written = blank.ok ? blank.value : null
    // An opt-out is never held back: a contact created without it could be emailed (B-OPT-4).
    if (emailOnly && m.hubspot !== 'email' && m.rule !== 'opt-out') {
      fields[m.hubspot] = heldBackState(written, now)
      decisions.push({
        field: m.hubspot,
        action: 'none',
        value: null,
        rule: m.rule,
        reason: 'B-BULK-3: an import brings only the email; the follow-up sync fills eligible contacts',
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
      const out = toHubSpot(m, s.value, ctx.transform)
      if (!out.ok && m.rule !== 'owner') return fail(ctx, sf.id, m.hubspot, out)
      if (out.ok) {
        values[m.hubspot] = out.value
        const back = fromHubSpot(m, out.value, ctx.transform)
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
