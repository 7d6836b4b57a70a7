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
