import type { HubSpotOwner, OwnersTable, SalesforceOwner } from './owner-types.js'

/** Look-ups between HubSpot owners and Salesforce users, built once per plan. */
export interface OwnerIndex {
  /** The ACTIVE Salesforce user (or linked queue) an HS owner matches by first name, last name and email. */
  salesforceFor(hubspotOwnerId: string): string | undefined
  /**
   * The Salesforce user an HS owner is, active or not: what the owner is compared as. An HS owner whose
   * user was deactivated still equals that user's id, so an inactive Salesforce owner that flowed to
   * HubSpot reads back unchanged; only `salesforceFor` may be written to Salesforce.
   */
  sameUserAs(hubspotOwnerId: string): string | undefined
  /** The HS owner a Salesforce user or queue flows to, active or not (B-OWN-1: any SF owner may flow). */
  hubspotFor(salesforceOwnerId: string): string | undefined
  isActiveSalesforceOwner(salesforceOwnerId: string): boolean
  /** Queues own leads only: Salesforce refuses a queue as the owner of a contact, account or opportunity. */
  isQueue(salesforceOwnerId: string): boolean
  readonly integrationUserId: string
}

const norm = (text: string): string => text.trim().toLowerCase()

function personKey(o: { firstName: string; lastName: string; email: string }): string {
  return `${norm(o.firstName)}\u0000${norm(o.lastName)}\u0000${norm(o.email)}`
}

/**
 * Matching is by first name, last name AND email (B-OWN-3, seed 001: "navn og e-postadresse"); case and
 * surrounding spaces are ignored. When two Salesforce users match one HS owner the match is ambiguous and
 * counts as none, so an owner is never written to the wrong person.
 */
export function buildOwnerIndex(table: OwnersTable): OwnerIndex {
  const sfById = new Map<string, SalesforceOwner>(table.salesforce.map((o) => [o.id, o]))
  const hsByKey = groupBy(table.hubspot, personKey)
  const users = table.salesforce.filter((o) => o.kind === 'user')
  const activeByKey = groupBy(
    users.filter((o) => o.isActive),
    personKey,
  )
  const anyByKey = groupBy(users, personKey)
  const hsById = new Map<string, HubSpotOwner>(table.hubspot.map((o) => [o.id, o]))
  const queueOwner = queueOwners(table, (hs) => anyByKey.has(personKey(hs)))
  const linkedQueue = new Map<string, string>()
  for (const [queueId, hubspotOwnerId] of queueOwner) linkedQueue.set(hubspotOwnerId, queueId)

  return {
    integrationUserId: table.integrationUserId,
    salesforceFor(hubspotOwnerId) {
      const linked = linkedQueue.get(hubspotOwnerId)
      if (linked !== undefined) return linked
      const owner = hsById.get(hubspotOwnerId)
      if (owner === undefined) return undefined
      const matches = activeByKey.get(personKey(owner)) ?? []
      return matches.length === 1 ? matches[0]?.id : undefined
    },
    sameUserAs(hubspotOwnerId) {
      const active = this.salesforceFor(hubspotOwnerId)
      if (active !== undefined) return active
      const owner = hsById.get(hubspotOwnerId)
      const matches = owner === undefined ? [] : (anyByKey.get(personKey(owner)) ?? [])
      return matches.length === 1 ? matches[0]?.id : undefined
    },
    hubspotFor(salesforceOwnerId) {
      const sf = sfById.get(salesforceOwnerId)
      if (sf === undefined) return undefined
      if (sf.kind === 'queue') return queueOwner.get(sf.id)
      if (sf.hubspotOwnerId !== undefined) return sf.hubspotOwnerId
      const matches = hsByKey.get(personKey(sf)) ?? []
      return matches.length === 1 ? matches[0]?.id : undefined
    },
    isActiveSalesforceOwner(salesforceOwnerId) {
      return sfById.get(salesforceOwnerId)?.isActive === true
    },
    isQueue(salesforceOwnerId) {
      return sfById.get(salesforceOwnerId)?.kind === 'queue'
    },
  }
}

/**
 * The HubSpot owner of each queue (B-OWN-1). HubSpot's public API cannot create owners, so a queue flows to
 * the owner set on it (`hubspotOwnerId`) or else to the one HubSpot owner whose email is the queue's email
 * (a HubSpot user added for the queue's mailbox). An owner that is also some Salesforce user's match by name
 * and email stays that user's: reading it back as the queue would make the two sides differ for ever.
 */
function queueOwners(
  table: OwnersTable,
  isUsersOwner: (owner: HubSpotOwner) => boolean,
): Map<string, string> {
  const byEmail = groupBy(
    table.hubspot.filter((o) => o.email !== '' && !isUsersOwner(o)),
    (o) => norm(o.email),
  )
  const hubspotIds = new Set(table.hubspot.map((o) => o.id))
  const linked = new Map<string, string>()
  for (const queue of table.salesforce) {
    if (queue.kind !== 'queue' || !queue.isActive) continue
    const matches = queue.email === '' ? [] : (byEmail.get(norm(queue.email)) ?? [])
    const owner =
      queue.hubspotOwnerId !== undefined && hubspotIds.has(queue.hubspotOwnerId)
        ? queue.hubspotOwnerId
        : matches.length === 1
          ? matches[0]?.id
          : undefined
    if (owner !== undefined) linked.set(queue.id, owner)
  }
  return linked
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    groups.set(k, [...(groups.get(k) ?? []), item])
  }
  return groups
}
