import type { HubSpotValue, SalesforceValue } from '../canonical/index.js'
import { fromHubSpot, fromSalesforce, toHubSpot, toSalesforce } from '../canonical/index.js'
import type { ContactMapping } from '../mapping/index.js'
import type { FieldDecision } from '../merge/index.js'
import { mergeField, nextFieldState } from '../merge/index.js'
import type { CanonicalValue, FieldState } from '../model/index.js'
import type { ContactAction } from './contact-actions.js'
import type { PlanContext } from './plan-context.js'
import type { HubSpotContactRecord, SalesforceContactRecord } from './plan-types.js'

export interface PairInput {
  readonly hubspot: HubSpotContactRecord
  readonly salesforce: SalesforceContactRecord
  /** The link's stored field states (carried over on a relink). */
  readonly fields: Readonly<Record<string, FieldState>>
  readonly isNewLink: boolean
}

type Failure = Extract<ContactAction, { kind: 'error' }>

/**
 * Merges every mapped field of a linked pair and emits at most one update per side with only the fields
 * that change, plus the commit. A transform error fails the whole write in that direction (B-ERR-7,
 * B-MAP-12); the other direction proceeds, and the failed direction's fields keep their stored state so
 * the next plan retries them.
 */
export function syncPair(ctx: PlanContext, pair: PairInput): void {
  const { hubspot: hs, salesforce: sf } = pair
  const ref = { type: sf.type, id: sf.id }
  const { transform } = ctx
  const toHs: Record<string, HubSpotValue> = {}
  const toSf: Record<string, SalesforceValue> = {}
  const hsFailures: Failure[] = []
  const sfFailures: Failure[] = []
  const pending: {
    m: ContactMapping
    d: FieldDecision
    h: CanonicalValue
    s: CanonicalValue
    w: CanonicalValue
  }[] = []
  const fail = (
    side: 'hubspot' | 'salesforce',
    field: string,
    r: { code: Failure['code']; message: string },
  ) =>
    (side === 'hubspot' ? hsFailures : sfFailures).push({
      kind: 'error',
      side,
      hubspotId: hs.id,
      salesforceId: sf.id,
      code: r.code,
      message: `${field}: ${r.message}`,
      field,
    })

  for (const m of ctx.input.mappings) {
    const field = m.salesforce[sf.type]
    if (field === undefined || m.viaAssociation === true) continue
    const h = fromHubSpot(m, hs.properties[m.hubspot], transform)
    const s = fromSalesforce(m, sf.fields[field], transform)
    // A value we cannot read cannot be carried across: it stops the write toward the other side, when the
    // rule lets that side write at all (an unreadable HS value under always-salesforce blocks nothing).
    if (!h.ok && m.rule !== 'none' && m.rule !== 'always-salesforce') fail('salesforce', m.hubspot, h)
    if (!s.ok && m.rule !== 'none') fail('hubspot', m.hubspot, s)
    if (!h.ok || !s.ok) continue
    let d = mergeField({
      field: m.hubspot,
      rule: m.rule,
      h: h.value,
      s: s.value,
      state: pair.fields[m.hubspot] ?? {},
      isNewLink: pair.isNewLink,
      hChangedAt: hs.propertyChangedAt?.[m.hubspot],
      sChangedAt: sf.fieldChangedAt?.[field] ?? sf.modifiedAt,
      now: ctx.input.now,
      salesforceOwnerActive: m.rule === 'owner' && isActiveOwner(ctx, s.value),
      hubspotOwnerActive: m.rule === 'owner' && isWritableOwner(ctx, h.value, sf.type),
    })
    // Change times default to capture times; the engine reads history and replans when they decide.
    if (d.usedChangeTimes === true && hs.propertyChangedAt === undefined) ctx.historyWanted.add(hs.id)
    let written = d.value
    if (d.action === 'to-salesforce') {
      const out = toSalesforce(m, d.value, transform)
      if (!out.ok) fail('salesforce', m.hubspot, out)
      else {
        toSf[field] = out.value
        written = readBack(fromSalesforce(m, out.value, transform), d.value)
        // A clear of a required field writes its placeholder instead (design.md 3.3): say so in the audit.
        if (d.value === null && out.value !== null && written === null) {
          d = {
            ...d,
            reason: `${d.reason}; Salesforce requires ${field}: placeholder "${String(out.value)}"`,
          }
        }
      }
    } else if (d.action === 'to-hubspot') {
      const out = toHubSpot(m, d.value, transform)
      if (!out.ok && m.rule === 'owner') {
        // No HubSpot owner for this Salesforce owner (B-OWN-1): the owner alone waits, not the record.
        d = {
          ...d,
          action: 'none',
          value: null,
          reason: `owner: ${out.message}; waits until it has one (B-OWN-1)`,
          dropped: [...new Set([...(d.dropped ?? []), 'salesforce' as const])],
        }
      } else if (!out.ok) fail('hubspot', m.hubspot, out)
      else {
        toHs[m.hubspot] = out.value
        written = readBack(fromHubSpot(m, out.value, transform), d.value)
      }
    }
    pending.push({ m, d, h: h.value, s: s.value, w: written })
  }
  emit(ctx, pair, ref, { toHs, toSf, hsFailures, sfFailures, pending })
}

function isActiveOwner(ctx: PlanContext, value: CanonicalValue): boolean {
  return value !== null && ctx.transform.owners.isActiveSalesforceOwner(value)
}

/** An HS owner Salesforce would take on this record: an active owner, and a queue only on a Lead (B-OWN-1). */
function isWritableOwner(ctx: PlanContext, value: CanonicalValue, type: SalesforceContactRecord['type']) {
  if (!isActiveOwner(ctx, value)) return false
  return type === 'Lead' || value === null || !ctx.transform.owners.isQueue(value)
}

function readBack(result: { ok: boolean; value?: CanonicalValue }, fallback: CanonicalValue): CanonicalValue {
  return result.ok && result.value !== undefined ? result.value : fallback
}

function emit(
  ctx: PlanContext,
  pair: PairInput,
  ref: { type: SalesforceContactRecord['type']; id: string },
  out: {
    toHs: Record<string, HubSpotValue>
    toSf: Record<string, SalesforceValue>
    hsFailures: Failure[]
    sfFailures: Failure[]
    pending: {
      m: ContactMapping
      d: FieldDecision
      h: CanonicalValue
      s: CanonicalValue
      w: CanonicalValue
    }[]
  },
): void {
  const hubspotId = pair.hubspot.id
  const hsFailed = out.hsFailures.length > 0
  const sfFailed = out.sfFailures.length > 0
  ctx.actions.push(...out.hsFailures, ...out.sfFailures)
  if (!sfFailed && Object.keys(out.toSf).length > 0) {
    ctx.actions.push({ kind: 'update-salesforce', hubspotId, salesforce: ref, values: out.toSf })
  }
  if (!hsFailed && Object.keys(out.toHs).length > 0) {
    ctx.actions.push({ kind: 'update-hubspot', hubspotId, salesforce: ref, values: out.toHs })
  }
  const fields: Record<string, FieldState> = {}
  const decisions: FieldDecision[] = []
  for (const { m, d, h, s, w } of out.pending) {
    // A failed direction's fields keep their stored state, so the next plan sees the change again.
    if ((d.action === 'to-salesforce' && sfFailed) || (d.action === 'to-hubspot' && hsFailed)) continue
    fields[m.hubspot] = nextFieldState({
      state: pair.fields[m.hubspot] ?? {},
      decision: d,
      h,
      s,
      written: w,
      now: ctx.input.now,
    })
    decisions.push(d)
  }
  ctx.actions.push({
    kind: 'commit',
    hubspotId,
    salesforceType: ref.type,
    salesforceId: ref.id,
    fields,
    decisions,
  })
}
