import type { HubSpotValue, SalesforceValue, TransformContext } from '../canonical/index.js'
import type { RawValue } from '../canonical/index.js'
import { fromHubSpot, fromSalesforce, toHubSpot, toSalesforce } from '../canonical/index.js'
import type { SyncErrorCode } from '../errors/index.js'
import type { FieldMapping } from '../mapping/index.js'
import type { FieldDecision } from '../merge/index.js'
import { mergeField, nextFieldState } from '../merge/index.js'
import type { CanonicalValue, FieldState } from '../model/index.js'
import { notVisibleOnUpdate } from './not-visible-field.js'

/** One side of a linked pair as the field merge reads it, whatever the object. */
export interface MergeSideHubSpot {
  readonly id: string
  readonly properties: Readonly<Record<string, RawValue>>
  readonly propertyChangedAt?: Readonly<Record<string, number>> | undefined
}

export interface MergeSideSalesforce<T extends string> {
  readonly type: T
  readonly id: string
  readonly fields: Readonly<Record<string, RawValue>>
  readonly fieldChangedAt?: Readonly<Record<string, number>> | undefined
  readonly modifiedAt?: number | undefined
}

export interface PairMergeInput<T extends string> {
  readonly mappings: readonly FieldMapping<T>[]
  readonly hubspot: MergeSideHubSpot
  readonly salesforce: MergeSideSalesforce<T>
  /** The link's stored field states (carried over on a relink). */
  readonly fields: Readonly<Record<string, FieldState>>
  readonly isNewLink: boolean
  readonly now: number
  readonly transform: TransformContext
  /** Salesforce lets queues own this object (only Leads, B-OWN-1). */
  readonly queuesMayOwn: boolean
}

/** A mapped value that could not be carried across: it fails that direction's whole write (B-ERR-7). */
export interface MergeFailure {
  /** The side whose write fails. */
  readonly side: 'hubspot' | 'salesforce'
  readonly field: string
  readonly code: SyncErrorCode
  readonly message: string
}

/** The merge of every mapped field of a linked pair: the writes per side, the new state and its audit. */
export interface PairMerge {
  /** Only the fields that change; empty when the HubSpot direction failed. */
  readonly toHubSpot: Readonly<Record<string, HubSpotValue>>
  readonly toSalesforce: Readonly<Record<string, SalesforceValue>>
  readonly failures: readonly MergeFailure[]
  /** New state per mapping key; a failed direction's fields keep their stored state. */
  readonly fields: Readonly<Record<string, FieldState>>
  readonly decisions: readonly FieldDecision[]
  /** The merge compared change times without HubSpot property history: read it and merge again. */
  readonly historyWanted: boolean
}

interface Pending {
  readonly m: FieldMapping<string>
  readonly d: FieldDecision
  readonly h: CanonicalValue
  readonly s: CanonicalValue
  readonly w: CanonicalValue
}

/**
 * The three-way merge of design.md 3.2 over every mapped field of a linked pair, for any object kind: at
 * most one write per side with only the fields that change. A transform error fails the whole write in that
 * direction (B-ERR-7, B-MAP-12); the other direction proceeds, and the failed direction's fields keep their
 * stored state so the next plan retries them. Pure.
 */
export function mergePair<T extends string>(input: PairMergeInput<T>): PairMerge {
  const { hubspot: hs, salesforce: sf, transform } = input
  const toHs: Record<string, HubSpotValue> = {}
  const toSf: Record<string, SalesforceValue> = {}
  const failures: MergeFailure[] = []
  const pending: Pending[] = []
  let historyWanted = false
  const fail = (side: MergeFailure['side'], field: string, r: { code: SyncErrorCode; message: string }) =>
    failures.push({ side, field, code: r.code, message: `${field}: ${r.message}` })
  const activeOwner = (value: CanonicalValue) =>
    value !== null && transform.owners.isActiveSalesforceOwner(value)
  // An HS owner Salesforce would take on this record: active, and a queue only where queues may own.
  const writableOwner = (value: CanonicalValue) =>
    activeOwner(value) && (input.queuesMayOwn || value === null || !transform.owners.isQueue(value))

  for (const m of input.mappings) {
    const field = m.salesforce[sf.type]
    if (field === undefined) {
      // A field hidden by field-level security cannot take the HubSpot change (B-ERR-5).
      const h = fromHubSpot(m, hs.properties[m.hubspot], transform)
      const state = input.fields[m.hubspot] ?? {}
      const hidden = h.ok ? notVisibleOnUpdate(m, sf.type, h.value, state, input.isNewLink) : undefined
      if (hidden !== undefined) fail('salesforce', m.hubspot, hidden)
      continue
    }
    if (m.viaAssociation === true) continue
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
      state: input.fields[m.hubspot] ?? {},
      isNewLink: input.isNewLink,
      hChangedAt: hs.propertyChangedAt?.[m.hubspot],
      sChangedAt: sf.fieldChangedAt?.[field] ?? sf.modifiedAt,
      now: input.now,
      salesforceOwnerActive: m.rule === 'owner' && activeOwner(s.value),
      hubspotOwnerActive: m.rule === 'owner' && writableOwner(h.value),
    })
    // Change times default to capture times; the engine reads history and replans when they decide.
    if (d.usedChangeTimes === true && hs.propertyChangedAt === undefined) historyWanted = true
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
  return settle(input, { toHs, toSf, failures, pending, historyWanted })
}

function readBack(result: { ok: boolean; value?: CanonicalValue }, fallback: CanonicalValue): CanonicalValue {
  return result.ok && result.value !== undefined ? result.value : fallback
}

function settle<T extends string>(
  input: PairMergeInput<T>,
  out: {
    toHs: Record<string, HubSpotValue>
    toSf: Record<string, SalesforceValue>
    failures: readonly MergeFailure[]
    pending: readonly Pending[]
    historyWanted: boolean
  },
): PairMerge {
  const hsFailed = out.failures.some((f) => f.side === 'hubspot')
  const sfFailed = out.failures.some((f) => f.side === 'salesforce')
  const fields: Record<string, FieldState> = {}
  const decisions: FieldDecision[] = []
  for (const { m, d, h, s, w } of out.pending) {
    // A failed direction's fields keep their stored state, so the next plan sees the change again.
    if ((d.action === 'to-salesforce' && sfFailed) || (d.action === 'to-hubspot' && hsFailed)) continue
    fields[m.hubspot] = nextFieldState({
      state: input.fields[m.hubspot] ?? {},
      decision: d,
      h,
      s,
      written: w,
      now: input.now,
    })
    decisions.push(d)
  }
  return {
    toHubSpot: hsFailed ? {} : out.toHs,
    toSalesforce: sfFailed ? {} : out.toSf,
    failures: out.failures,
    fields,
    decisions,
    historyWanted: out.historyWanted,
  }
}
