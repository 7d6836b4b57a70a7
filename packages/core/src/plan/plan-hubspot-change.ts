import { assertNever } from '../canonical/index.js'
import type { Link } from '../model/index.js'
import { createInSalesforce } from './create-in-salesforce.js'
import { followConversion } from './follow-conversion.js'
import { dropShadows, isFirstSync, linkRefOf, pairFields, setLinkState, skip } from './link-helpers.js'
import { matchSalesforce } from './match-salesforce.js'
import type { PlanContext } from './plan-context.js'
import { isIncluded } from './plan-context.js'
import type { HubSpotContactRecord } from './plan-types.js'
import { hubspotEmail } from './record-email.js'
import { syncPair } from './sync-pair.js'

/** Plans one HubSpot contact change: delete, merge, restore, first sync, or an update of a linked pair. */
export function planHubSpotChange(
  ctx: PlanContext,
  id: string,
  event: 'changed' | 'deleted' | 'resync',
): void {
  if (ctx.handledHubSpot.has(id)) return
  ctx.handledHubSpot.add(id)
  const link = ctx.linkByHubSpot.get(id)
  if (event === 'deleted') {
    if (link === undefined || link.state === 'tombstoned') return skip(ctx, 'hubspot', id, 'not-linked')
    return setLinkState(ctx, link, 'tombstoned', 'B-CON-23: a HubSpot delete leaves Salesforce untouched')
  }
  const hs = ctx.input.hubspot.get(id)
  if (hs === undefined) return skip(ctx, 'hubspot', id, 'record-not-read')
  const resync = event === 'resync'
  if (link === undefined) return planUnlinked(ctx, hs, resync)
  switch (link.state) {
    case 'active':
      return planLinked(ctx, hs, link, resync)
    case 'tombstoned':
      // B-CON-28: a restored contact keeps its link; a Salesforce delete left no record to resume with.
      if (!ctx.input.salesforce.has(link.salesforceId)) return skip(ctx, 'hubspot', id, 'link-tombstoned')
      setLinkState(ctx, link, 'active', 'B-CON-28: the restored contact resumes syncing with the same record')
      return planLinked(ctx, hs, link, resync)
    case 'broken':
      return resync ? relinkBroken(ctx, hs, link) : skip(ctx, 'hubspot', id, 'link-broken')
    default:
      return assertNever(link.state)
  }
}

function planLinked(ctx: PlanContext, hs: HubSpotContactRecord, link: Link, resync: boolean): void {
  if (!isIncluded(ctx, hs)) return skip(ctx, 'hubspot', hs.id, 'not-in-inclusion-list')
  for (const mergedId of hs.mergedObjectIds ?? []) {
    const merged = ctx.linkByHubSpot.get(mergedId)
    if (mergedId === hs.id || merged === undefined || merged.state === 'tombstoned') continue
    setLinkState(ctx, merged, 'tombstoned', `B-CON-27: merged into ${hs.id}, which keeps its own link`)
  }
  const sf = ctx.input.salesforce.get(link.salesforceId)
  if (sf === undefined) return skip(ctx, 'hubspot', hs.id, 'record-not-read')
  ctx.handledSalesforce.add(sf.id)
  if (sf.isConverted === true) return followConversion(ctx, hs, link, sf)
  const fields = pairFields(ctx, link)
  syncPair(ctx, { hubspot: hs, salesforce: sf, fields, isNewLink: isFirstSync(link) || resync })
}

function planUnlinked(ctx: PlanContext, hs: HubSpotContactRecord, resync: boolean): void {
  const mergedLinks = (hs.mergedObjectIds ?? [])
    .map((mergedId) => ctx.linkByHubSpot.get(mergedId))
    .filter((l): l is Link => l !== undefined && l.state !== 'tombstoned')
  const [first] = mergedLinks
  if (first !== undefined) return planMergedSurvivor(ctx, hs, first, mergedLinks, resync)
  const email = hubspotEmail(ctx, hs)
  if (email === null) return skip(ctx, 'hubspot', hs.id, 'no-email')
  if (!isIncluded(ctx, hs)) return skip(ctx, 'hubspot', hs.id, 'not-in-inclusion-list')
  const match = matchSalesforce(ctx, email, hs.id)
  switch (match.kind) {
    case 'none':
      return createInSalesforce(ctx, hs)
    case 'all-linked':
      return skip(ctx, 'hubspot', hs.id, 'salesforce-record-linked-elsewhere')
    case 'match': {
      const { type, id } = match.candidate
      ctx.handledSalesforce.add(id)
      const reason = `B-CON-7/9: linked to the existing ${type} with this email instead of creating one`
      ctx.actions.push({ kind: 'link', hubspotId: hs.id, salesforce: { type, id }, reason })
      const sf = ctx.input.salesforce.get(id)
      if (sf === undefined) return
      return syncPair(ctx, { hubspot: hs, salesforce: sf, fields: {}, isNewLink: true })
    }
    default:
      return assertNever(match)
  }
}

/**
 * B-CON-27: the primary of a HubSpot merge was not the linked contact, so the survivor is unlinked until
 * someone resyncs it; the merged-away link is marked broken. A resync re-keys that link to the survivor
 * from `hs_merged_object_ids` (design.md 3.4), so nothing is duplicated in Salesforce.
 */
function planMergedSurvivor(
  ctx: PlanContext,
  hs: HubSpotContactRecord,
  first: Link,
  all: Link[],
  resync: boolean,
): void {
  if (!resync) {
    for (const l of all) {
      if (l.state === 'active')
        setLinkState(ctx, l, 'broken', `B-CON-27: merged into ${hs.id}, which was not linked`)
    }
    return skip(ctx, 'hubspot', hs.id, 'merged-unlinked-until-resync')
  }
  const to = { hubspotId: hs.id, salesforce: linkRefOf(first).salesforce }
  const reason = 'B-CON-27: resync re-keys the merged contact’s link to the survivor'
  ctx.actions.push({ kind: 'relink', from: linkRefOf(first), to, reason })
  const sf = ctx.input.salesforce.get(first.salesforceId)
  if (sf === undefined) return
  ctx.handledSalesforce.add(sf.id)
  const fields = dropShadows(first.fields, 'hubspot')
  syncPair(ctx, { hubspot: hs, salesforce: sf, fields, isNewLink: Object.keys(fields).length === 0 })
}

/** B-CON-25: a resync re-links a broken link to the Salesforce record that now holds the email. */
function relinkBroken(ctx: PlanContext, hs: HubSpotContactRecord, link: Link): void {
  const email = hubspotEmail(ctx, hs)
  const match = email === null ? undefined : matchSalesforce(ctx, email, hs.id)
  if (match?.kind !== 'match') return skip(ctx, 'hubspot', hs.id, 'link-broken')
  const to = { hubspotId: hs.id, salesforce: { type: match.candidate.type, id: match.candidate.id } }
  ctx.actions.push({
    kind: 'relink',
    from: linkRefOf(link),
    to,
    reason: 'B-CON-25: resync re-links to the merge survivor',
  })
  ctx.handledSalesforce.add(match.candidate.id)
  const sf = ctx.input.salesforce.get(match.candidate.id)
  if (sf === undefined) return
  const fields = dropShadows(link.fields, 'salesforce')
  syncPair(ctx, { hubspot: hs, salesforce: sf, fields, isNewLink: true })
}
