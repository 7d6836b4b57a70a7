import type { SandboxPair } from '../testing/sandbox-pair.js'
import { soql } from './scenario-helpers.js'

/** A HubSpot deal created through @hubspot/api-client; returns its id. */
export async function createHubSpotDeal(
  pair: SandboxPair,
  properties: Record<string, string>,
): Promise<string> {
  return (await pair.hs.crm.deals.basicApi.create({ properties, associations: [] })).id
}

export async function hubspotDeal(pair: SandboxPair, id: string, properties: string[]) {
  return (await pair.hs.crm.deals.basicApi.getById(id, properties)).properties
}

export async function updateHubSpotDeal(pair: SandboxPair, id: string, properties: Record<string, string>) {
  await pair.hs.crm.deals.basicApi.update(id, { properties })
}

/** An Opportunity created through jsforce; returns its id. */
export async function createOpportunity(pair: SandboxPair, fields: Record<string, unknown>): Promise<string> {
  const result = await pair.sf
    .sobject('Opportunity')
    .create({ CloseDate: '2027-03-31', StageName: 'Prospecting', ...fields })
  if (!result.success) throw new Error(`create Opportunity failed: ${JSON.stringify(result)}`)
  return result.id
}

export async function opportunity(pair: SandboxPair, id: string): Promise<Record<string, unknown>> {
  return await pair.sf.sobject('Opportunity').retrieve(id)
}

export async function opportunitiesNamed(pair: SandboxPair, name: string) {
  return soql<{ Id: string }>(
    pair,
    `SELECT Id FROM Opportunity WHERE Name = '${name.replace(/'/g, "\\\\'")}'`,
  )
}

/** HubSpot deals holding a name, through search. */
export async function dealsNamed(pair: SandboxPair, name: string): Promise<string[]> {
  const page = await pair.hs.crm.deals.searchApi.doSearch({
    filterGroups: [{ filters: [{ propertyName: 'dealname', operator: 'EQ' as never, value: name }] }],
    properties: ['dealname'],
    limit: 100,
  })
  return page.results.map((r) => r.id)
}

export async function dealLink(pair: SandboxPair, side: 'hubspot' | 'salesforce', id: string) {
  return pair.store.getLink('scenario', 'deal', side, id)
}

/** The HubSpot deal pipelines by label, each with its stages by label (stage id values). */
export async function pipelinesByLabel(pair: SandboxPair) {
  const { results } = await pair.hs.crm.pipelines.pipelinesApi.getAll('deals')
  return new Map(
    results.map(
      (p) => [p.label, { id: p.id, stages: new Map(p.stages.map((s) => [s.label, s.id])) }] as const,
    ),
  )
}

/** The deal's primary company (v4 type 5), or null. */
export async function dealPrimaryCompany(pair: SandboxPair, dealId: string): Promise<string | null> {
  const page = await pair.hs.crm.associations.v4.basicApi.getPage('deals', dealId, 'companies')
  const primary = page.results.find((r) => r.associationTypes.some((t) => t.typeId === 5))
  return primary === undefined ? null : String(primary.toObjectId)
}
