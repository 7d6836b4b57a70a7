import type { HubSpotConnector, Link, SalesforceConnector, StateStore } from '@crmsync/core'

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
