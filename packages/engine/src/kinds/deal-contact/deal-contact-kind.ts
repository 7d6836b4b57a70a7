import {
  type ContactRoleAction,
  planDealContacts,
  planLifecycleTransitions,
  type RoleOpportunity,
} from '@crmsync/core'
import { captureCursorFrom } from '@crmsync/salesforce'

import type { CaptureStream, ObjectKindDescriptor } from '../../pipeline/object-kind.js'
import { DEAL_CONTACT_HANDLERS, type DealContactAction, type DealContactIo } from './deal-contact-handlers.js'
import { type DealContactRead, readDealContacts } from './read-deal-contacts.js'

/** The cursor stream of contact roles (their own SystemModstamp, design.md 3.4). */
export const CONTACT_ROLE_STREAM = 'OpportunityContactRole'

/**
 * Contact roles created, changed or deleted: each names its opportunity, whose deal's contacts are then
 * compared with its roles. Starts now, like the opportunity stream.
 */
const contactRoleStream: CaptureStream<undefined> = {
  side: 'salesforce',
  stream: CONTACT_ROLE_STREAM,
  async readPage(ctx, cursor) {
    if (cursor === undefined) {
      const now = ctx.deps.salesforce.apiUsage().serverTime ?? ctx.deps.clock.now()
      return { ids: [], cursor: captureCursorFrom(now), more: false }
    }
    const page = await ctx.deps.salesforce.captureContactRoles(cursor)
    const ids = [...new Set([...page.records, ...page.deletions].map((r) => r.opportunityId))]
    return { ids, cursor: page.cursor, more: page.hasMore }
  },
}

/**
 * Each opportunity's contact roles as this plan leaves them (read, plus created, minus deleted), so a contact
 * the plan makes a role moves forward in the same sync, not the next one.
 */
function rolesAfter(
  opportunities: readonly RoleOpportunity[],
  actions: readonly ContactRoleAction[],
): RoleOpportunity[] {
  return opportunities.map((o) => {
    const ids = new Set(o.contactIds)
    for (const a of actions) {
      if (a.kind === 'create-contact-role' && a.opportunityId === o.opportunityId) ids.add(a.contactId)
      if (a.kind === 'delete-contact-role' && a.opportunityId === o.opportunityId) ids.delete(a.contactId)
    }
    return { ...o, contactIds: [...ids] }
  })
}

/**
 * Pass 3's deal contacts (B-DEAL-13, 14): a deal's associated contacts with its opportunity's contact
 * roles, applied as a diff against what was read in the same batch and the set the two last agreed on. The
 * deal pass sends it every deal it syncs; contact-role capture sends it every opportunity whose roles
 * changed. With automatic lifecycle transitions on, the HubSpot contacts of the roles move forward to
 * opportunity or customer (B-LCS-2..5). Its state lives on the deal links; its errors and inbox rows are its
 * own kind.
 */
export const DEAL_CONTACT_KIND: ObjectKindDescriptor<
  undefined,
  DealContactRead,
  DealContactAction,
  DealContactIo
> = {
  kind: 'deal-contact',
  linkKind: 'deal',
  createCache: () => undefined,
  capture: [contactRoleStream],
  read: (ctx, _cache, rows) => readDealContacts(ctx, rows),
  links: (read) => read.links,
  plan(read) {
    const roles = read.inputs.flatMap((input) => planDealContacts(input))
    const lifecycle =
      read.lifecycle === undefined
        ? []
        : planLifecycleTransitions({
            enabled: true,
            contacts: read.lifecycle.contacts,
            opportunities: rolesAfter(read.lifecycle.opportunities, roles),
          })
    const moved = lifecycle.map((a) => a.hubspotId)
    const copy: DealContactAction[] = []
    if (moved.length > 0) {
      copy.push({
        kind: 'requeue',
        objectKind: 'contact-company',
        side: 'hubspot',
        ids: moved,
        reason: "B-CMP-14: the contact's lifecycle stage moved; its company's follows",
      })
      if (read.lifecycle?.mapped === true)
        copy.push({
          kind: 'requeue',
          objectKind: 'contact',
          side: 'hubspot',
          ids: moved,
          reason: 'B-LCS-1: the moved lifecycle stage is mapped to a Salesforce field',
        })
    }
    return { actions: [...roles, ...lifecycle, ...copy], more: [] }
  },
  readMore: (_ctx, read) => Promise.resolve(read),
  io: (ctx, read) => ({
    deps: ctx.deps,
    dealOf: new Map(read.links.map((l) => [l.salesforceId, l.hubspotId])),
  }),
  handlers: DEAL_CONTACT_HANDLERS,
  afterCommit: () => undefined,
}
