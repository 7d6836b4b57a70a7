import type { Err, RawValue, SalesforceValue, TransformContext } from '../canonical/index.js'
import { fromHubSpot, fromSalesforce, rawToString, toSalesforce } from '../canonical/index.js'
import type { ContactSalesforceType, FieldMapping } from '../mapping/index.js'
import { isRequiredSalesforceField, type RequiredFieldObject } from '../mapping/required-fields.js'
import type { FieldDecision } from '../merge/index.js'
import type { CanonicalValue, FieldState } from '../model/index.js'
import { type CreatedSalesforceObject, type CreateOwner, ownerForCreate } from '../owners/index.js'
import { notVisibleOnCreate } from './not-visible-field.js'
import type { PlanContext } from './plan-context.js'
import type { HubSpotContactRecord } from './plan-types.js'

/**
 * Which HubSpot values a new Salesforce record takes: rules that let HubSpot write to Salesforce
 * (B-MAP-1/3), opt-out only when unsubscribed (B-OPT-5: the created record carries opt-out = true), and
 * never always-salesforce or none (B-MAP-2/4). The owner follows the create-time rules (B-OWN-5/8/11).
 */
function writesOnCreate(m: FieldMapping<string>): boolean {
  return m.rule === 'two-way' || m.rule === 'prefer-salesforce' || m.rule === 'opt-out'
}

/** What a Salesforce create sends, the link state it leaves, its audit and its owner; or a value that failed. */
export type SalesforceCreatePlan =
  | {
      readonly ok: true
      readonly values: Readonly<Record<string, SalesforceValue>>
      readonly fields: Readonly<Record<string, FieldState>>
      readonly decisions: readonly FieldDecision[]
      readonly owner: CreateOwner
    }
  | { readonly ok: false; readonly field: string; readonly error: Err }

/**
 * The values of a Salesforce record created from a HubSpot record, for any object (Lead, Contact,
 * Account): each mapped value the rules send, required fields filled with the placeholder when HubSpot has
 * none (design.md 3.3), and the owner of the create-time rules. Pure.
 */
export function planSalesforceCreate<T extends string>(init: {
  readonly mappings: readonly FieldMapping<T>[]
  readonly type: T & CreatedSalesforceObject
  readonly properties: Readonly<Record<string, RawValue>>
  readonly transform: TransformContext
  readonly now: number
}): SalesforceCreatePlan {
  const { type, transform, now } = init
  const values: Record<string, SalesforceValue> = {}
  const fields: Record<string, FieldState> = {}
  const decisions: FieldDecision[] = []
  let ownerMapping: FieldMapping<T> | undefined
  for (const m of init.mappings) {
    const field = m.salesforce[type]
    if (field === undefined) {
      // A field hidden by field-level security cannot take the HubSpot value (B-ERR-5).
      const h = fromHubSpot(m, init.properties[m.hubspot], transform)
      const hidden = h.ok ? notVisibleOnCreate(m, type, h.value, writesOnCreate(m)) : undefined
      if (hidden !== undefined) return { ok: false, field: m.hubspot, error: hidden }
      continue
    }
    if (m.viaAssociation === true) continue
    const h = fromHubSpot(m, init.properties[m.hubspot], transform)
    if (!h.ok) return { ok: false, field: m.hubspot, error: h }
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
    const fill =
      !send && m.blankAllowed !== true && isRequiredSalesforceField(type as RequiredFieldObject, field)
    if (send || fill) {
      const out = toSalesforce(m, send ? h.value : null, transform)
      if (!out.ok) return { ok: false, field: m.hubspot, error: out }
      values[field] = out.value
      const back = fromSalesforce(m, out.value, transform)
      written = back.ok ? back.value : h.value
    }
    fields[m.hubspot] = createdState(h.value, written, now)
    decisions.push(createDecision(m, h.value, written, send, fill ? values[field] : undefined))
  }
  const hsOwner = rawToString(
    ownerMapping === undefined ? undefined : init.properties[ownerMapping.hubspot],
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
  return { ok: true, values, fields, decisions, owner }
}

/** Plans the Salesforce create for an unlinked, eligible HubSpot contact with no email match (B-CON-2). */
export function createInSalesforce(ctx: PlanContext, hs: HubSpotContactRecord): void {
  const type: ContactSalesforceType = ctx.input.settings.createInSalesforceAs === 'lead' ? 'Lead' : 'Contact'
  const plan = planSalesforceCreate({
    mappings: ctx.input.mappings,
    type,
    properties: hs.properties,
    transform: ctx.transform,
    now: ctx.input.now,
  })
  if (!plan.ok) return fail(ctx, hs.id, plan.field, plan.error)
  const { values, fields, decisions, owner } = plan
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
  m: FieldMapping<string>,
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
