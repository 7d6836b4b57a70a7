import type { SandboxPair } from '../testing/sandbox-pair.js'
import { soql } from './scenario-helpers.js'

/** A HubSpot company created through @hubspot/api-client; returns its id. */
export async function createHubSpotCompany(
  pair: SandboxPair,
  properties: Record<string, string>,
): Promise<string> {
  return (await pair.hs.crm.companies.basicApi.create({ properties, associations: [] })).id
}

export async function hubspotCompany(pair: SandboxPair, id: string, properties: string[]) {
  return (await pair.hs.crm.companies.basicApi.getById(id, properties)).properties
}

/** Makes the company the contact's primary company (v4 associations, label Primary). */
export async function associatePrimary(
  pair: SandboxPair,
  contactId: string,
  companyId: string,
): Promise<void> {
  await pair.hs.apiRequest({
    method: 'PUT',
    path: `/crm/v4/objects/contacts/${contactId}/associations/companies/${companyId}`,
    body: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }],
  })
}

/** An Account created through jsforce; returns its id. */
export async function createAccount(pair: SandboxPair, fields: Record<string, unknown>): Promise<string> {
  const result = await pair.sf.sobject('Account').create(fields)
  if (!result.success) throw new Error(`create Account failed: ${JSON.stringify(result)}`)
  return result.id
}

export async function account(pair: SandboxPair, id: string): Promise<Record<string, unknown>> {
  return await pair.sf.sobject('Account').retrieve(id)
}

export async function accountsNamed(pair: SandboxPair, name: string) {
  return soql<{ Id: string }>(pair, `SELECT Id FROM Account WHERE Name = '${name.replace(/'/g, "\\\\'")}'`)
}

/** HubSpot companies holding a name, through search. */
export async function companiesNamed(pair: SandboxPair, name: string): Promise<string[]> {
  const page = await pair.hs.crm.companies.searchApi.doSearch({
    filterGroups: [{ filters: [{ propertyName: 'name', operator: 'EQ' as never, value: name }] }],
    properties: ['name'],
    limit: 100,
  })
  return page.results.map((r) => r.id)
}

export async function companyLink(pair: SandboxPair, side: 'hubspot' | 'salesforce', id: string) {
  return pair.store.getLink('scenario', 'company', side, id)
}
