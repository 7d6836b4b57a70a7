import { assertNever } from '../canonical/index.js'
import type { Link } from '../model/index.js'
import { createInHubSpot } from './create-in-hubspot.js'
import { followConversion } from './follow-conversion.js'
import { dropShadows, isFirstSync, linkRefOf, pairFields, setLinkState, skip } from './link-helpers.js'
import type { PlanContext } from './plan-context.js'
import { isIncluded } from './plan-context.js'
import type { ContactChange, SalesforceContactRecord } from './plan-types.js'
import { salesforceEmail } from './record-email.js'
import { syncPair } from './sync-pair.js'

type SalesforceChange = Extract<ContactChange, { side: 'salesforce' }>

/** Plans one Salesforce Lead/Contact change: delete, merge, conversion, first sync, or a linked update. */
export function planSalesforceChange(ctx: PlanContext, change: SalesforceChange): void {
  if (ctx.handledSalesforce.has(change.id)) return
  ctx.handledSalesforce.add(change.id)
  const link = ctx.linkBySalesforce.get(change.id)
  if (change.event === 'deleted') return planDelete(ctx, change, link)
  const sf = ctx.input.salesforce.get(change.id)
  if (sf === undefined) return skip(ctx, 'salesforce', change.id, 'record-not-read')
  if (link === undefined) return planUnlinked(ctx, sf)
  switch (link.state) {
    case 'active':
      return planLinked(ctx, sf, link)
    case 'tombstoned':
      return skip(ctx, 'salesforce', sf.id, 'link-tombstoned')
    case 'broken':
      return skip(ctx, 'salesforce', sf.id, 'link-broken')
    default:
      return assertNever(link.state)
  }
}

function planLinked(ctx: PlanContext, sf: SalesforceContactRecord, link: Link): void {
  if (ctx.handledHubSpot.has(link.hubspotId)) return
  ctx.handledHubSpot.add(link.hubspotId)
  const hs = ctx.input.hubspot.get(link.hubspotId)
  if (hs === undefined) return skip(ctx, 'salesforce', sf.id, 'record-not-read')
  if (!isIncluded(ctx, hs)) return skip(ctx, 'salesforce', sf.id, 'not-in-inclusion-list')
  if (sf.isConverted === true) return followConversion(ctx, hs, link, sf)
  syncPair(ctx, { hubspot: hs, salesforce: sf, fields: pairFields(ctx, link), isNewLink: isFirstSync(link) })
}

/**
 * Deletes and merges (B-CON-22, B-CON-24..26). The delete setting deletes the HS contact; otherwise the
 * link is marked broken. For a merge, the loser's contact is deleted only when the survivor is linked to
 * another HS contact (B-CON-24); when the survivor is not ours the contact is the only one left for that
 * person, so it is kept and stops syncing until a resync re-links it (B-CON-25), whatever the setting.
 */
function planDelete(ctx: PlanContext, change: SalesforceChange, link: Link | undefined): void {
  if (link === undefined || link.state === 'tombstoned')
    return skip(ctx, 'salesforce', change.id, 'not-linked')
  ctx.handledHubSpot.add(link.hubspotId)
  const deleteOn = ctx.input.settings.deleteInHubSpotWhenDeletedInSalesforce
  const master = change.masterRecordId
  if (master !== undefined) {
    const survivor = ctx.linkBySalesforce.get(master)
    const survivorIsOurs = survivor?.state === 'active' && survivor.hubspotId !== link.hubspotId
    if (!survivorIsOurs) {
      return setLinkState(
        ctx,
        link,
        'broken',
        `B-CON-25: merged into ${master}, which is not linked; resync re-links`,
      )
    }
    if (!deleteOn)
      return setLinkState(ctx, link, 'broken', `B-CON-26: merged into ${master}; HS contacts are not merged`)
    ctx.deletingHubSpot.add(link.hubspotId)
    ctx.actions.push({
      kind: 'delete-hubspot',
      hubspotId: link.hubspotId,
      reason: `B-CON-24: merged into ${master}`,
    })
    return setLinkState(ctx, link, 'tombstoned', `B-CON-24: merged into ${master}`)
  }
  if (!deleteOn)
    return setLinkState(ctx, link, 'broken', 'B-CON-22: deleted in Salesforce; delete setting is off')
  ctx.deletingHubSpot.add(link.hubspotId)
  ctx.actions.push({
    kind: 'delete-hubspot',
    hubspotId: link.hubspotId,
    reason: 'B-CON-22: deleted in Salesforce',
  })
  setLinkState(ctx, link, 'tombstoned', 'B-CON-22: deleted in Salesforce')
}

/**
 * A new or unlinked Salesforce record: dedup by email into an existing HS contact (B-CON-6) or create one
 * (B-CON-3), even outside the inclusion list (B-CON-19). When the HS contact is already linked to another
 * record with this email, the link follows this one, the most recently modified (B-CON-8).
 */
function planUnlinked(ctx: PlanContext, sf: SalesforceContactRecord): void {
  if (sf.isConverted === true) return skip(ctx, 'salesforce', sf.id, 'lead-converted')
  const email = salesforceEmail(ctx, sf)
  if (email === null) return skip(ctx, 'salesforce', sf.id, 'no-email')
  if (!ctx.input.settings.createInHubSpot) return skip(ctx, 'salesforce', sf.id, 'creation-disabled')
  const found = ctx.input.dedup.hubspotByEmail.get(email)
  // A contact this plan deletes no longer holds the email; the delete is applied first (action order).
  const hubspotId = found !== undefined && ctx.deletingHubSpot.has(found) ? undefined : found
  if (hubspotId === undefined) {
    if (ctx.creatingInHubSpot.has(email)) return skip(ctx, 'salesforce', sf.id, 'email-created-in-batch')
    ctx.creatingInHubSpot.add(email)
    return createInHubSpot(ctx, sf)
  }
  if (ctx.handledHubSpot.has(hubspotId))
    return skip(ctx, 'salesforce', sf.id, 'salesforce-record-linked-elsewhere')
  ctx.handledHubSpot.add(hubspotId)
  const existing = ctx.linkByHubSpot.get(hubspotId)
  const to = { hubspotId, salesforce: { type: sf.type, id: sf.id } }
  const hs = ctx.input.hubspot.get(hubspotId)
  if (existing !== undefined && existing.state !== 'active') {
    return skip(ctx, 'salesforce', sf.id, existing.state === 'broken' ? 'link-broken' : 'link-tombstoned')
  }
  if (existing !== undefined) {
    const reason = 'B-CON-8: the link follows the most recently modified record with this email'
    ctx.actions.push({ kind: 'relink', from: linkRefOf(existing), to, reason })
  } else {
    ctx.actions.push({
      kind: 'link',
      ...to,
      reason: 'B-CON-6: an HS contact has this email; linked, not created',
    })
  }
  if (hs === undefined) return
  if (!isIncluded(ctx, hs)) return skip(ctx, 'salesforce', sf.id, 'not-in-inclusion-list')
  const fields = existing === undefined ? {} : dropShadows(existing.fields, 'salesforce')
  syncPair(ctx, {
    hubspot: hs,
    salesforce: sf,
    fields,
    isNewLink: existing === undefined || isFirstSync(existing),
  })
}
