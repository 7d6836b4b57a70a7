import type {
  InboxRow,
  LifecycleContact,
  Link,
  PlanDealContactsInput,
  RoleOpportunity,
  SalesforceContactRole,
} from '@crmsync/core'
import { rawToString } from '@crmsync/core'

import type { ReadContext } from '../../engine-context.js'
import { BatchLinks } from '../../pipeline/batch-links.js'

/** A batch of deals for the contact-role pass, read. */
export interface DealContactRead {
  /** One input per active deal link the rows name. */
  readonly inputs: readonly PlanDealContactsInput[]
  /** The deal links (the commit keeps the agreed contacts on them). */
  readonly links: readonly Link[]
  /**
   * With automatic lifecycle transitions on (B-LCS-2..5): the opportunities of the batch with their contact
   * roles and state, and the HubSpot contacts of those roles with their stage. (Default: off, none)
   */
  readonly lifecycle?:
    | {
        readonly contacts: readonly LifecycleContact[]
        readonly opportunities: readonly RoleOpportunity[]
        /** `lifecyclestage` is mapped to a Salesforce field (B-LCS-1): a move goes on to the contact pass. */
        readonly mapped: boolean
      }
    | undefined
}

/**
 * The read stage of the contact-role pass (design.md 3.4 pass 3, B-DEAL-13/14): for each deal (a row names
 * its HubSpot id, or its opportunity's id), its link, its associated contacts (1 deal read and 2 association
 * reads per 100), its opportunity's contact roles (1 query per ~480 opportunities) and the contact links of
 * the contacts on either side. Reads only.
 */
export async function readDealContacts(
  ctx: ReadContext,
  rows: readonly InboxRow[],
): Promise<DealContactRead> {
  const { connectionId } = ctx.setup
  const dealLinks = new BatchLinks(ctx.store, connectionId, 'deal')
  await dealLinks.load(
    'hubspot',
    rows.filter((r) => r.side === 'hubspot').map((r) => r.recordId),
  )
  await dealLinks.load(
    'salesforce',
    rows.filter((r) => r.side === 'salesforce').map((r) => r.recordId),
  )
  const active = new Map<string, Link>()
  for (const row of rows) {
    const link = dealLinks.find(row.side, row.recordId)
    if (link?.state === 'active') active.set(link.hubspotId, link)
  }
  if (active.size === 0) return { inputs: [], links: dealLinks.all() }
  // The deals' contacts only (1 association read per 100): the deal pass read the rest. A deal HubSpot no
  // longer has is absent, and left to the deal pass. A deal or an Opportunity this cycle inserted has none.
  const created = ctx.cycle.createdDeals
  const newDeals = [...active.keys()].filter((id) => created.has(`hubspot:${id}`))
  const read = await ctx.deps.hubspot.readDealContactIds(
    [...active.keys()].filter((id) => !created.has(`hubspot:${id}`)),
  )
  const dealContacts = new Map([...read, ...newDeals.map((id) => [id, []] as const)])
  const roles = await ctx.deps.salesforce.readContactRoles(
    [...active.values()].map((l) => l.salesforceId).filter((id) => !created.has(`salesforce:${id}`)),
  )
  const rolesOf = new Map<string, SalesforceContactRole[]>()
  for (const role of roles)
    rolesOf.set(role.opportunityId, [...(rolesOf.get(role.opportunityId) ?? []), role])
  const contactLinks = new BatchLinks(ctx.store, connectionId, 'contact')
  await contactLinks.load('hubspot', [...dealContacts.values()].flat())
  await contactLinks.load(
    'salesforce',
    roles.map((r) => r.contactId),
  )
  const inputs: PlanDealContactsInput[] = []
  for (const link of active.values()) {
    const contactIds = dealContacts.get(link.hubspotId)
    if (contactIds === undefined) continue
    inputs.push({
      link,
      dealContactIds: contactIds,
      contactRoles: rolesOf.get(link.salesforceId) ?? [],
      contactLinks: contactLinks.all(),
    })
  }
  const lifecycle = ctx.setup.automaticLifecycle
    ? await lifecycleFacts(ctx, active, roles, dealContacts, contactLinks)
    : undefined
  return { inputs, links: dealLinks.all(), ...(lifecycle === undefined ? {} : { lifecycle }) }
}

/**
 * What the automatic transitions need (B-LCS-2..5): each opportunity's state (1 retrieve per 2000) and the
 * lifecycle stage of the HubSpot contacts linked to its roles' Contacts (1 read per 100).
 */
async function lifecycleFacts(
  ctx: ReadContext,
  active: ReadonlyMap<string, Link>,
  roles: readonly SalesforceContactRole[],
  dealContacts: ReadonlyMap<string, readonly string[]>,
  contactLinks: BatchLinks,
): Promise<NonNullable<DealContactRead['lifecycle']>> {
  // The contacts of roles, and the deals' contacts, which this plan may make roles.
  const linked = [
    ...roles.map((r) => contactLinks.find('salesforce', r.contactId)),
    ...[...dealContacts.values()].flat().map((id) => contactLinks.find('hubspot', id)),
  ].flatMap((link) => (link?.state === 'active' && link.salesforceType === 'Contact' ? [link] : []))
  // No linked Contact on either side: nobody can move, so the opportunities' states are not read.
  const mapped = (await ctx.state.mappings()).some((m) => m.hubspot === 'lifecyclestage')
  if (linked.length === 0) return { contacts: [], opportunities: [], mapped }
  const opportunityIds = [...active.values()].map((l) => l.salesforceId)
  const states = await ctx.deps.salesforce.retrieveOpportunities(opportunityIds, [])
  const opportunities = opportunityIds.flatMap((id): RoleOpportunity[] => {
    const record = states.get(id)
    if (record === undefined) return []
    return [
      {
        opportunityId: id,
        contactIds: roles.filter((r) => r.opportunityId === id).map((r) => r.contactId),
        isClosed: record.fields['IsClosed'] === true,
        isWon: record.fields['IsWon'] === true,
      },
    ]
  })
  const read = await ctx.deps.hubspot.readContacts({
    ids: [...new Set(linked.map((l) => l.hubspotId))],
    properties: ['lifecyclestage'],
  })
  const unique = new Map(linked.map((l) => [l.hubspotId, l]))
  const contacts = [...unique.values()].flatMap((link): LifecycleContact[] => {
    const record = read.records.get(link.hubspotId)
    if (record === undefined) return []
    const stage = rawToString(record.properties['lifecyclestage'])
    return [
      { hubspotId: link.hubspotId, lifecycleStage: stage === undefined || stage === '' ? null : stage, link },
    ]
  })
  return { contacts, opportunities, mapped }
}
