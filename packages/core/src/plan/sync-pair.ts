import type { FieldState } from '../model/index.js'
import type { ContactAction } from './contact-actions.js'
import { mergePair } from './merge-pair.js'
import type { PlanContext } from './plan-context.js'
import type { HubSpotContactRecord, SalesforceContactRecord } from './plan-types.js'

export interface PairInput {
  readonly hubspot: HubSpotContactRecord
  readonly salesforce: SalesforceContactRecord
  /** The link's stored field states (carried over on a relink). */
  readonly fields: Readonly<Record<string, FieldState>>
  readonly isNewLink: boolean
}

/**
 * Merges every mapped field of a linked contact pair (merge-pair.ts) and emits at most one update per side
 * with only the fields that change, plus the commit. A transform error fails the whole write in that
 * direction (B-ERR-7, B-MAP-12); the other direction proceeds.
 */
export function syncPair(ctx: PlanContext, pair: PairInput): void {
  const { hubspot: hs, salesforce: sf } = pair
  const ref = { type: sf.type, id: sf.id }
  const merged = mergePair({
    mappings: ctx.input.mappings,
    hubspot: hs,
    salesforce: sf,
    fields: pair.fields,
    isNewLink: pair.isNewLink,
    now: ctx.input.now,
    transform: ctx.transform,
    queuesMayOwn: sf.type === 'Lead',
  })
  if (merged.historyWanted) ctx.historyWanted.add(hs.id)
  const failure = (f: (typeof merged.failures)[number]): ContactAction => ({
    kind: 'error',
    side: f.side,
    hubspotId: hs.id,
    salesforceId: sf.id,
    code: f.code,
    message: f.message,
    field: f.field,
  })
  ctx.actions.push(
    ...merged.failures.filter((f) => f.side === 'hubspot').map(failure),
    ...merged.failures.filter((f) => f.side === 'salesforce').map(failure),
  )
  if (Object.keys(merged.toSalesforce).length > 0) {
    ctx.actions.push({
      kind: 'update-salesforce',
      hubspotId: hs.id,
      salesforce: ref,
      values: merged.toSalesforce,
    })
  }
  if (Object.keys(merged.toHubSpot).length > 0) {
    ctx.actions.push({ kind: 'update-hubspot', hubspotId: hs.id, salesforce: ref, values: merged.toHubSpot })
  }
  ctx.actions.push({
    kind: 'commit',
    hubspotId: hs.id,
    salesforceType: ref.type,
    salesforceId: ref.id,
    fields: merged.fields,
    decisions: merged.decisions,
  })
}
