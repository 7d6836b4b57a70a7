import type { HubSpotConnector, Link, SalesforceConnector, Side, StateStore } from '@crmsync/core'

export interface ExplainTarget {
  /** What the argument was taken for. */
  readonly kind: 'salesforce id' | 'hubspot id' | 'email'
  readonly links: readonly Link[]
  /** Records the argument names that have no link (yet). */
  readonly unlinked: readonly string[]
}

interface LookupDeps {
  readonly connectionId: string
  readonly store: StateStore
  readonly salesforce: SalesforceConnector
  readonly hubspot: HubSpotConnector
}

/** A Salesforce Lead (00Q) or Contact (003) id, 15 or 18 characters. */
const SALESFORCE_ID = /^(00Q|003)[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/

/** A Salesforce Account id (001, business and person accounts alike), 15 or 18 characters. */
export const ACCOUNT_ID = /^001[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/

/** What names a company: a HubSpot company id (digits) or an Account id. Never a name or domain (B-CMP-10). */
export function isCompanyArgument(argument: string): boolean {
  return /^\d+$/.test(argument) || ACCOUNT_ID.test(argument)
}

/** A Salesforce Opportunity id (006), 15 or 18 characters. */
export const OPPORTUNITY_ID = /^006[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/

/** What names a deal: a HubSpot deal id (digits) or an Opportunity id. Never a name (B-DEAL-7). */
export function isDealArgument(argument: string): boolean {
  return /^\d+$/.test(argument) || OPPORTUNITY_ID.test(argument)
}

/** A deal named by one of its ids, and its link when it has one. */
export interface DealTarget {
  readonly kind: 'hubspot deal id' | 'salesforce opportunity id'
  /** The side and id the argument named. */
  readonly side: Side
  readonly id: string
  readonly link: Link | undefined
}

/** Resolves a HubSpot deal id or an Opportunity id (isDealArgument) to the deal link holding it. */
export async function findDealTarget(
  deps: Pick<LookupDeps, 'connectionId' | 'store'>,
  argument: string,
): Promise<DealTarget> {
  const side: Side = OPPORTUNITY_ID.test(argument) ? 'salesforce' : 'hubspot'
  const link = await deps.store.getLink(deps.connectionId, 'deal', side, argument)
  return {
    kind: side === 'salesforce' ? 'salesforce opportunity id' : 'hubspot deal id',
    side,
    id: argument,
    link,
  }
}

/** A company named by one of its ids, and its link when it has one. */
export interface CompanyTarget {
  readonly kind: 'hubspot company id' | 'salesforce account id'
  /** The side and id the argument named. */
  readonly side: Side
  readonly id: string
  readonly link: Link | undefined
}

/** Resolves a HubSpot company id or an Account id (isCompanyArgument) to the company link holding it. */
export async function findCompanyTarget(
  deps: Pick<LookupDeps, 'connectionId' | 'store'>,
  argument: string,
): Promise<CompanyTarget> {
  const side: Side = ACCOUNT_ID.test(argument) ? 'salesforce' : 'hubspot'
  const link = await deps.store.getLink(deps.connectionId, 'company', side, argument)
  return {
    kind: side === 'salesforce' ? 'salesforce account id' : 'hubspot company id',
    side,
    id: argument,
    link,
  }
}

/**
 * Resolves an HS id (digits), an SF Lead or Contact id, or an email (both sides' dedup look-ups, so every
 * record with that email is found, B-CON-8) to the links that hold those records.
 */
export async function findExplainTarget(deps: LookupDeps, argument: string): Promise<ExplainTarget> {
  const { connectionId, store } = deps
  if (/^\d+$/.test(argument)) {
    const link = await store.getLink(connectionId, 'contact', 'hubspot', argument)
    return { kind: 'hubspot id', links: link ? [link] : [], unlinked: link ? [] : [`hubspot ${argument}`] }
  }
  if (SALESFORCE_ID.test(argument)) {
    const link = await store.getLink(connectionId, 'contact', 'salesforce', argument)
    return {
      kind: 'salesforce id',
      links: link ? [link] : [],
      unlinked: link ? [] : [`salesforce ${argument}`],
    }
  }
  const email = argument.trim().toLowerCase()
  const [sf, hs] = await Promise.all([
    deps.salesforce.findContactsByEmail([email]),
    deps.hubspot.findContactsByEmail([email], ['email']),
  ])
  const sfIds = (sf.get(email) ?? []).map((c) => c.id)
  const hsId = hs.get(email)?.id
  const links = new Map<string, Link>()
  for (const link of await store.getLinks({
    connectionId,
    objectKind: 'contact',
    side: 'salesforce',
    ids: sfIds,
  }))
    links.set(link.hubspotId, link)
  if (hsId !== undefined) {
    const link = await store.getLink(connectionId, 'contact', 'hubspot', hsId)
    if (link !== undefined) links.set(link.hubspotId, link)
  }
  const linked = [...links.values()]
  const unlinked = [
    ...sfIds.filter((id) => !linked.some((l) => l.salesforceId === id)).map((id) => `salesforce ${id}`),
    ...(hsId !== undefined && !links.has(hsId) ? [`hubspot ${hsId}`] : []),
  ]
  return { kind: 'email', links: linked, unlinked }
}

/**
 * The same look-up from the store only (the CRM tokens are not set): an id is looked up in the links; an
 * email in what the contact links hold (contactLinksByEmail), so a record with no link cannot be found by it.
 */
export async function findStoredContactTarget(
  deps: Pick<LookupDeps, 'connectionId' | 'store'>,
  argument: string,
): Promise<ExplainTarget> {
  if (/^\d+$/.test(argument) || SALESFORCE_ID.test(argument)) {
    const side: Side = SALESFORCE_ID.test(argument) ? 'salesforce' : 'hubspot'
    const link = await deps.store.getLink(deps.connectionId, 'contact', side, argument)
    return {
      kind: side === 'salesforce' ? 'salesforce id' : 'hubspot id',
      links: link ? [link] : [],
      unlinked: link ? [] : [`${side} ${argument}`],
    }
  }
  // Loaded here, not at the top: it loads the store's drivers (program.ts).
  const { contactLinksByEmail } = await import('@crmsync/server/queries')
  return {
    kind: 'email',
    links: await contactLinksByEmail(deps.store, deps.connectionId, argument),
    unlinked: [],
  }
}
