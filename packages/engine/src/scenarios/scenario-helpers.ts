import type { SandboxPair } from '../testing/sandbox-pair.js'

/** A HubSpot contact created through @hubspot/api-client; returns its id. */
export async function createHubSpotContact(
  pair: SandboxPair,
  properties: Record<string, string>,
): Promise<string> {
  const created = await pair.hs.crm.contacts.basicApi.create({ properties, associations: [] })
  return created.id
}

export async function hubspotContact(pair: SandboxPair, id: string, properties: string[]) {
  return (await pair.hs.crm.contacts.basicApi.getById(id, properties)).properties
}

export async function updateHubSpotContact(
  pair: SandboxPair,
  id: string,
  properties: Record<string, string>,
) {
  await pair.hs.crm.contacts.basicApi.update(id, { properties })
}

/**
 * A HubSpot contact created and then synced once, for a contact the sync writes to Salesforce as a Lead;
 * returns both ids. Throws when the sync left no link, so a test never goes on with an undefined Lead id.
 */
export async function createLinkedHubSpotContact(
  pair: SandboxPair,
  properties: Record<string, string>,
): Promise<{ id: string; leadId: string }> {
  const id = await createHubSpotContact(pair, properties)
  await pair.sync()
  const leadId = (await hubspotContact(pair, id, ['salesforceleadid']))['salesforceleadid']
  if (leadId == null) throw new Error(`HubSpot contact ${id} has no Salesforce Lead after a sync`)
  return { id, leadId }
}

/** HubSpot contacts holding an email, through search. */
export async function hubspotByEmail(pair: SandboxPair, email: string, properties: string[] = []) {
  const page = await pair.hs.crm.contacts.searchApi.doSearch({
    filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ' as never, value: email }] }],
    properties: ['email', ...properties],
    limit: 100,
  })
  return page.results
}

/** A Lead or Contact created through jsforce; returns its id. */
export async function createSalesforce(
  pair: SandboxPair,
  type: 'Lead' | 'Contact',
  fields: Record<string, unknown>,
): Promise<string> {
  const result = await pair.sf.sobject(type).create(fields)
  if (!result.success) throw new Error(`create ${type} failed: ${JSON.stringify(result)}`)
  return result.id
}

export async function soql<T = Record<string, unknown>>(pair: SandboxPair, query: string): Promise<T[]> {
  return (await pair.sf.query<T & Record<string, unknown>>(query)).records
}

export async function salesforceRecord(pair: SandboxPair, type: 'Lead' | 'Contact', id: string) {
  return (await pair.sf.sobject(type).retrieve(id)) as unknown as Record<string, unknown>
}

export async function countSalesforce(pair: SandboxPair, type: 'Lead' | 'Contact', email: string) {
  const rows = await soql<{ Id: string }>(pair, `SELECT Id FROM ${type} WHERE Email = '${email}'`)
  return rows.length
}

/** Active users and owners of the sandboxes' shared sales team (design.md 4.3), by email. */
export async function people(pair: SandboxPair) {
  const users = await soql<{ Id: string; Email: string; IsActive: boolean }>(
    pair,
    'SELECT Id, Email, IsActive FROM User',
  )
  const owners = (await pair.hs.crm.owners.ownersApi.getPage(undefined, undefined, 100, false)).results
  const byEmail = (email: string) => ({
    sf: users.find((u) => u.Email.toLowerCase() === email)?.Id,
    hs: owners.find((o) => o.email?.toLowerCase() === email)?.id,
  })
  return {
    avery: byEmail('avery.lindqvist@acme-demo.com'),
    bjorn: byEmail('bjorn.nakamura@acme-demo.com'),
    camila: byEmail('camila.okafor@acme-demo.com'),
    /** Active in Salesforce, no HubSpot owner. */
    hannah: byEmail('hannah.iversen@acme-demo.com'),
    /** A HubSpot owner with no Salesforce user. */
    farah: byEmail('farah.solberg@acme-demo.com'),
    /** Inactive in Salesforce; the HubSpot owner still exists. */
    gustav: byEmail('gustav.reyes@acme-demo.com'),
  }
}

/** A user added in HubSpot's settings (the public API cannot create owners): the new owner's id. */
export async function addHubSpotOwner(
  pair: SandboxPair,
  person: { email: string; firstName: string; lastName: string },
): Promise<string> {
  const response = await fetch(`${pair.hubspot.basePath}/__sandbox/owners`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(person),
  })
  if (!response.ok) throw new Error(`add owner: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { id: string }).id
}
