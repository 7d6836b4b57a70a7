// Set-up the deal commands' emulator tests share: a config with company and deal sync on (B-INST-5), and
// opportunities and deals made through the official clients, as an admin's org and portal would hold them.
import type { Link } from '@crmsync/core'
import { createStateStore } from '@crmsync/store'
import type { Client } from '@hubspot/api-client'
import type { Connection } from 'jsforce'

import { type LocalSandboxes, sandboxConfigYaml } from '../demo/local-sandboxes.js'

/**
 * The sandboxes' one-connection config with company and deal sync on; `deals` adds lines under
 * `settings.deals` (each indented by the caller's intent, e.g. `maxSyncedPipelines: 1`).
 */
export function dealConfigYaml(
  sandboxes: LocalSandboxes,
  storeUrl: string,
  deals: readonly string[] = [],
): string {
  return (
    sandboxConfigYaml(sandboxes, storeUrl) +
    [
      '    settings:',
      '      companies: { sync: true }',
      '      deals:',
      '        sync: true',
      ...deals.map((line) => `        ${line}`),
      '      contacts: { createInSalesforceAs: contact }',
      '',
    ].join('\n')
  )
}

/** An Opportunity created through jsforce (CloseDate and StageName filled unless given); returns its id. */
export async function createOpportunity(sf: Connection, fields: Record<string, unknown>): Promise<string> {
  const result = await sf
    .sobject('Opportunity')
    .create({ CloseDate: '2027-03-31', StageName: 'Prospecting', ...fields })
  if (!result.success) throw new Error(`create Opportunity failed: ${JSON.stringify(result)}`)
  return result.id
}

/** The org's Opportunity record types by name. */
export async function opportunityRecordTypes(sf: Connection): Promise<Map<string, string>> {
  const rows = await sf.query<{ Id: string; Name: string }>(
    "SELECT Id, Name FROM RecordType WHERE SobjectType = 'Opportunity'",
  )
  return new Map(rows.records.map((r) => [r.Name, r.Id]))
}

/** A HubSpot deal created through @hubspot/api-client; returns its id. */
export async function createDeal(hs: Client, properties: Record<string, string>): Promise<string> {
  return (await hs.crm.deals.basicApi.create({ properties, associations: [] })).id
}

/** Every HubSpot deal id, through the list endpoint. */
export async function hubspotDealIds(hs: Client): Promise<string[]> {
  const page = await hs.crm.deals.basicApi.getPage(100)
  return page.results.map((d) => d.id)
}

/** The HubSpot deal pipelines by label, each with its id and its stages' ids by label. */
export async function pipelinesByLabel(
  hs: Client,
): Promise<Map<string, { id: string; stages: Map<string, string> }>> {
  const { results } = await hs.crm.pipelines.pipelinesApi.getAll('deals')
  return new Map(
    results.map((p) => [p.label, { id: p.id, stages: new Map(p.stages.map((s) => [s.label, s.id])) }]),
  )
}

/** Every deal link of the connection `local`, read from the store the commands write. */
export async function dealLinks(storeUrl: string): Promise<Link[]> {
  const store = createStateStore(storeUrl)
  try {
    return [...(await store.listLinks({ connectionId: 'local', objectKind: 'deal', limit: 10_000 }))]
  } finally {
    await store.close()
  }
}

/** Write calls counted by both sandboxes since their counters were last reset (reads and searches left out). */
export async function writeCalls(
  sandboxes: LocalSandboxes,
): Promise<{ salesforce: number; hubspot: number }> {
  const count = async (base: string, isSalesforce: boolean) => {
    const body = (await (await fetch(`${base}/__sandbox/counters`)).json()) as {
      endpoints: Record<string, number | { calls: number }>
    }
    return Object.entries(body.endpoints)
      .filter(([key]) => {
        const [method = '', route = ''] = key.split(' ')
        if (method === 'GET' || route.startsWith('/__sandbox')) return false
        if (/\/search$|\/batch\/read$|\/oauth|\/token/.test(route)) return false
        // POST composite/sobjects/{type} is Salesforce's retrieve; without a type it creates.
        return !(isSalesforce && method === 'POST' && /\/composite\/sobjects\/:[^/]+$/.test(route))
      })
      .reduce((sum, [, v]) => sum + (typeof v === 'number' ? v : v.calls), 0)
  }
  return {
    salesforce: await count(sandboxes.salesforce.instanceUrl, true),
    hubspot: await count(sandboxes.hubspot.basePath, false),
  }
}

export async function resetCounters(sandboxes: LocalSandboxes): Promise<void> {
  await fetch(`${sandboxes.salesforce.instanceUrl}/__sandbox/counters`, { method: 'DELETE' })
  await fetch(`${sandboxes.hubspot.basePath}/__sandbox/counters`, { method: 'DELETE' })
}
