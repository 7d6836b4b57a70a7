import type { HubSpotConnector, OwnersTable, SalesforceConnector, SalesforceOwner } from '@crmsync/core'

/**
 * Pass 1 of a cycle (design.md 3.4): the owners of both sides, read once per cycle. Queues own leads and
 * flow to HubSpot only through an owner created for them (B-OWN-1); they carry no name and email to match.
 */
export async function readOwners(
  salesforce: Pick<SalesforceConnector, 'listUsers' | 'listQueues' | 'identity'>,
  hubspot: Pick<HubSpotConnector, 'readOwners'>,
): Promise<OwnersTable> {
  const [users, queues, hubspotOwners, identity] = await Promise.all([
    salesforce.listUsers(),
    salesforce.listQueues(),
    hubspot.readOwners(),
    salesforce.identity(),
  ])
  const queueOwners = queues.map((q): SalesforceOwner => ({
    id: q.id,
    kind: 'queue',
    firstName: '',
    lastName: '',
    email: q.email ?? '',
    isActive: true,
  }))
  return {
    salesforce: [...users, ...queueOwners],
    // Archived owners are deactivated users: they still receive owners flowing from Salesforce.
    hubspot: hubspotOwners.map((o) => ({
      id: o.id,
      firstName: o.firstName,
      lastName: o.lastName,
      email: o.email,
    })),
    integrationUserId: identity.userId,
  }
}
