import type { Link } from '../model/index.js'
import { dropShadows, linkRefOf, skip } from './link-helpers.js'
import type { PlanContext } from './plan-context.js'
import type { HubSpotContactRecord, SalesforceContactRecord } from './plan-types.js'
import { syncPair } from './sync-pair.js'

/**
 * A converted lead is read-only; the HubSpot contact keeps syncing with the contact it became (B-CON-12).
 * The link moves to ConvertedContactId and the pair is merged against the contact, with the field states
 * carried over so only what differs on the contact moves.
 */
export function followConversion(
  ctx: PlanContext,
  hs: HubSpotContactRecord,
  link: Link,
  lead: SalesforceContactRecord,
): void {
  const contactId = lead.convertedContactId
  const contact = contactId === undefined ? undefined : ctx.input.salesforce.get(contactId)
  if (contactId === undefined || contact === undefined || contact.type !== 'Contact') {
    return skip(ctx, 'salesforce', lead.id, 'lead-converted')
  }
  ctx.handledSalesforce.add(contact.id)
  ctx.actions.push({
    kind: 'relink',
    from: linkRefOf(link),
    to: { hubspotId: hs.id, salesforce: { type: 'Contact', id: contact.id } },
    reason: 'B-CON-12: the lead was converted; the link follows ConvertedContactId',
  })
  const fields = dropShadows(link.fields, 'salesforce')
  syncPair(ctx, { hubspot: hs, salesforce: contact, fields, isNewLink: Object.keys(fields).length === 0 })
}
