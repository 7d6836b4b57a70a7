import type { Err, SalesforceValue } from '../canonical/index.js'
import { fromHubSpot, fromSalesforce, rawToString, toSalesforce } from '../canonical/index.js'
import type { ContactMapping, ContactSalesforceType } from '../mapping/index.js'
import { isRequiredSalesforceField } from '../mapping/required-fields.js'
import type { FieldDecision } from '../merge/index.js'
import type { CanonicalValue, FieldState } from '../model/index.js'
import { ownerForCreate } from '../owners/index.js'
import type { PlanContext } from './plan-context.js'
import type { HubSpotContactRecord } from './plan-types.js'

/**
 * Which HubSpot values a new Salesforce record takes: rules that let HubSpot write to Salesforce
 * (B-MAP-1/3), opt-out only when unsubscribed (B-OPT-5: the created record carries opt-out = true), and
 * never always-salesforce or none (B-MAP-2/4). The owner follows the create-time rules (B-OWN-5/11).
 */
function writesOnCreate(m: ContactMapping): boolean {
  return m.rule === 'two-way' || m.rule === 'prefer-salesforce' || m.rule === 'opt-out'
}

/** Plans the Salesforce create for an unlinked, eligible HubSpot contact with no email match (B-CON-2). */
export function createInSalesforce(ctx: PlanContext, hs: HubSpotContactRecord): void {
  const type: ContactSalesforceType = ctx.input.settings.createInSalesforceAs === 'lead' ? 'Lead' : 'Contact'
  const now = ctx.input.now
  const { transform } = ctx
  const values: Record<string, SalesforceValue> = {}
  const fields: Record<string, FieldState> = {}
  const decisions: FieldDecision[] = []
  let ownerMapping: ContactMapping | undefined
  for (const m of ctx.input.mappings) {
    const field = m.salesforce[type]
    if (field === undefined || m.viaAssociation === true) continue
    const h = fromHubSpot(m, hs.properties[m.hubspot], transform)
    if (!h.ok) return fail(ctx, hs.id, m.hubspot, h)
    if (m.rule === 'owner') {
      ownerMapping = m
      continue
    }
    const blank = fromSalesforce(m, null, transform)
    let written = blank.ok ? blank.value : null
    const send =
      writesOnCreate(m) &&
      h.value !== null &&
      h.value !== written &&
      !(m.rule === 'opt-out' && h.value !== 'true')
    // Salesforce refuses the create without this field, whatever the rule: blank goes as the placeholder.
    const fill = !send && isRequiredSalesforceField(type, field)
    if (send || fill) {
      const out = toSalesforce(m, send ? h.value : null, transform)
      if (!out.ok) return fail(ctx, hs.id, m.hubspot, out)
      values[field] = out.value
      const back = fromSalesforce(m, out.value, transform)
      written = back.ok ? back.value : h.value
    }
    fields[m.hubspot] = createdState(h.value, written, now)
    decisions.push(createDecision(m, h.value, written, send, fill ? values[field] : undefined))
  }
  const hsOwner = rawToString(
    ownerMapping === undefined ? undefined : hs.properties[ownerMapping.hubspot],
  )?.trim()
  const owner = ownerForCreate(type, hsOwner, transform.owners)
  if (ownerMapping !== undefined) {
    const field = ownerMapping.salesforce[type] ?? 'OwnerId'
    const h = fromHubSpot(ownerMapping, hsOwner, transform)
    const hValue = h.ok ? h.value : null
    if (owner.ownerId !== undefined) values[field] = owner.ownerId
    // With assignment rules the owner is unknown until read back; a blank shadow makes it flow to HS (B-OWN-5).
    fields[ownerMapping.hubspot] = createdState(hValue, owner.ownerId ?? null, now)
    decisions.push({
      field: ownerMapping.hubspot,
      action: owner.ownerId === undefined ? 'none' : 'to-salesforce',
      value: owner.ownerId ?? null,
      rule: 'owner',
      reason: owner.reason,
    })
  }
  const reason = `B-CON-2: no Salesforce record has this email, created as ${type}`
  ctx.actions.push({
    kind: 'create-salesforce',
    hubspotId: hs.id,
    salesforceType: type,
    values,
    owner,
    reason,
  })
  ctx.actions.push({
    kind: 'commit',
    hubspotId: hs.id,
    salesforceType: type,
    salesforceId: null,
    fields,
    decisions,
  })
}

/**
 * The audit decision of one created field. A required field HubSpot leaves blank is written as the
 * placeholder: audited as that blank going to Salesforce, so the value nobody typed is explained. Under a
 * rule that kept HubSpot's value out, that value is dropped as for any other field.
 */
function createDecision(
  m: ContactMapping,
  h: CanonicalValue,
  written: CanonicalValue,
  send: boolean,
  placeholder: SalesforceValue | undefined,
): FieldDecision {
  const base = { field: m.hubspot, rule: m.rule }
  if (send) return { ...base, action: 'to-salesforce', value: h, reason: 'created from HubSpot' }
  const held =
    placeholder === undefined
      ? ''
      : `; Salesforce requires it: placeholder "${String(placeholder)}", read as blank (design.md 3.3)`
  if (h === null && placeholder !== undefined) {
    return { ...base, action: 'to-salesforce', value: null, reason: `blank in HubSpot${held}` }
  }
  const dropped = h !== null && h !== written ? { dropped: ['hubspot' as const] } : {}
  return {
    ...base,
    action: 'none',
    value: null,
    reason: `not sent on create (rule ${m.rule})${held}`,
    ...dropped,
  }
}

/** Field state right after a create: the ancestor is what both sides now hold when they agree. */
export function createdState(h: CanonicalValue, written: CanonicalValue, now: number): FieldState {
  return {
    ...(h === written ? { ancestor: written } : {}),
    hubspotShadow: { value: h, seenAt: now },
    salesforceShadow: { value: written, seenAt: now },
  }
}

function fail(ctx: PlanContext, hubspotId: string, field: string, r: Err): void {
  const message = `${field}: ${r.message}`
  ctx.actions.push({
    kind: 'error',
    side: 'salesforce',
    hubspotId,
    salesforceId: null,
    code: r.code,
    message,
    field,
  })
}
