import type { ContactAction, InboxArrival, StateStore } from '@crmsync/core'

/**
 * A sync run for `crmsync import salesforce` (B-BULK-3/6): its batches are planned as an import, and the
 * Salesforce records whose HubSpot contacts it created are remembered for the follow-up sync.
 */
export interface SalesforceImport {
  /** Arrivals enqueued at the start of the cycle: the records a previous cycle of the run created. */
  readonly followUp: readonly InboxArrival[]
  /** Filled while planning: Salesforce records a HubSpot contact was planned for. */
  readonly created: InboxArrival[]
}

/** The Salesforce records of a plan's HubSpot creates, as inbox arrivals. */
export function createdInHubSpot(connectionId: string, actions: readonly ContactAction[]): InboxArrival[] {
  const created: InboxArrival[] = []
  for (const a of actions) {
    if (a.kind !== 'create-hubspot') continue
    created.push({ connectionId, objectKind: 'contact', side: 'salesforce', recordId: a.salesforce.id })
  }
  return created
}

/**
 * The planned creates that were applied: only records with an active link now. A create that failed is a
 * per-record error with its own retry; enqueueing it again would try the create a second time.
 */
export async function createdAndLinked(
  store: StateStore,
  created: readonly InboxArrival[],
): Promise<InboxArrival[]> {
  const [first] = created
  if (first === undefined) return []
  const links = await store.getLinks({
    connectionId: first.connectionId,
    objectKind: 'contact',
    side: 'salesforce',
    ids: created.map((c) => c.recordId),
  })
  const linked = new Set(links.filter((l) => l.state === 'active').map((l) => l.salesforceId))
  return created.filter((c) => linked.has(c.recordId))
}
