import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { connectSalesforce } from '@crmsync/salesforce'
import { Client } from '@hubspot/api-client'
import type { Connection } from 'jsforce'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import { type LocalSandboxes, sandboxTokenEnv, startLocalSandboxes } from '../demo/local-sandboxes.js'
import { EXIT_CODES } from '../exit-codes.js'
import {
  createOpportunity,
  dealConfigYaml,
  dealLinks,
  resetCounters,
  writeCalls,
} from '../testing/deal-sandboxes.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const BULK = 3

describe('crmsync resync deal (B-TRIG-8 for deals, B-DEAL)', { timeout: 120_000 }, () => {
  let sandboxes: LocalSandboxes
  let env: Record<string, string>
  let config: string
  let storeUrl: string
  let sf: Connection
  let hs: Client
  const opportunities: string[] = []

  /** HubSpot's search shows no edit made from now on, so capture cannot see it: only a resync syncs it. */
  async function hideEditsFromSearch(): Promise<void> {
    const response = await fetch(`${sandboxes.hubspot.basePath}/__sandbox/knobs`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ searchLagMs: 3_600_000 }),
    })
    expect(response.ok).toBe(true)
  }

  async function descriptions(ids: readonly string[]): Promise<Array<string | null>> {
    const result = await sf.query<{ Id: string; Description: string | null }>(
      'SELECT Id, Description FROM Opportunity',
    )
    const byId = new Map(result.records.map((r) => [r.Id, r.Description ?? null]))
    return ids.map((id) => byId.get(id) ?? null)
  }

  async function hubspotIdOf(opportunityId: string): Promise<string> {
    return (await dealLinks(storeUrl)).find((l) => l.salesforceId === opportunityId)!.hubspotId
  }

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    env = sandboxTokenEnv(sandboxes)
    const dir = mkdtempSync(join(tmpdir(), 'crmsync-resync-deals-'))
    storeUrl = `sqlite:${join(dir, 'state.db')}`
    config = join(dir, 'crmsync.yaml')
    writeFileSync(config, dealConfigYaml(sandboxes, storeUrl))
    sf = await connectSalesforce({
      kind: 'access-token',
      instanceUrl: sandboxes.salesforce.instanceUrl,
      accessToken: sandboxes.salesforce.accessToken,
    })
    hs = new Client({ accessToken: sandboxes.hubspot.accessToken, basePath: sandboxes.hubspot.basePath })
    for (let i = 0; i < BULK; i++) opportunities.push(await createOpportunity(sf, { Name: `Bulk deal ${i}` }))
    await sleep(1100)
    const connected = await runCaptured(['sync', '--once', '--config', config], env)
    expect(connected.code, connected.stderr).toBe(EXIT_CODES.ok)
    const imported = await runCaptured(['import', 'salesforce', '--object', 'deals', '--config', config], env)
    expect(imported.code, imported.stderr).toBe(EXIT_CODES.ok)
    expect(await dealLinks(storeUrl)).toHaveLength(BULK)
    await hideEditsFromSearch()
  })
  afterAll(() => sandboxes.close())

  it('resync deal OPPORTUNITY_ID resyncs its linked deal; --dry-run first writes nothing', async () => {
    const deal = await hubspotIdOf(opportunities[0] ?? '')
    await hs.crm.deals.basicApi.update(deal, { properties: { description: 'Edited in HubSpot' } })
    await resetCounters(sandboxes)
    const dry = await runCaptured(
      ['resync', 'deal', opportunities[0] ?? '', '--config', config, '--dry-run'],
      env,
    )
    expect(dry.code, dry.stderr).toBe(EXIT_CODES.ok)
    expect(dry.stdout).toContain(`Resync of deal ${opportunities[0]} (salesforce opportunity id): 1 deal(s)`)
    expect(dry.stdout).toMatch(/plan \(nothing was written\): [1-9]\d* action\(s\)/)
    expect(await writeCalls(sandboxes)).toEqual({ salesforce: 0, hubspot: 0 })
    expect(await descriptions([opportunities[0] ?? ''])).toEqual([null])
    const run = await runCaptured(['resync', 'deal', opportunities[0] ?? '', '--config', config], env)
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('resynced 1 of 1 deal(s)')
    expect(run.stdout).toMatch(/deal -> salesforce: created 0, updated 1,/)
    expect(await descriptions([opportunities[0] ?? ''])).toEqual(['Edited in HubSpot'])
  })

  it('resync deal HUBSPOT_ID, and --mapping PROP backfills every linked deal (--json)', async () => {
    const second = await hubspotIdOf(opportunities[1] ?? '')
    await hs.crm.deals.basicApi.update(second, { properties: { description: 'Second edit' } })
    const one = await runCaptured(['resync', 'deal', second, '--config', config], env)
    expect(one.code, one.stderr).toBe(EXIT_CODES.ok)
    expect(one.stdout).toContain(`Resync of deal ${second} (hubspot deal id): 1 deal(s)`)
    expect(await descriptions([opportunities[1] ?? ''])).toEqual(['Second edit'])
    const third = await hubspotIdOf(opportunities[2] ?? '')
    await hs.crm.deals.basicApi.update(third, { properties: { description: 'Third edit' } })
    const bulk = await runCaptured(
      ['resync', 'deal', '--mapping', 'description', '--config', config, '--json'],
      env,
    )
    expect(bulk.code, bulk.stderr).toBe(EXIT_CODES.ok)
    const json = JSON.parse(bulk.stdout) as {
      resync: string
      deals: number
      resynced: number
      objects: { deal?: { salesforce: { updated: number } } }
    }
    expect(json).toMatchObject({
      resync: 'linked deals, to backfill description',
      deals: BULK,
      resynced: BULK,
    })
    expect(json.objects.deal?.salesforce.updated).toBe(1)
    expect(await descriptions(opportunities)).toEqual(['Edited in HubSpot', 'Second edit', 'Third edit'])
  })

  it('usage: an unlinked Opportunity names the import; a name, a --list or an unmapped property is refused; exit 2', async () => {
    const unlinked = await createOpportunity(sf, { Name: 'Not yet linked' })
    const refused = await runCaptured(['resync', 'deal', unlinked, '--config', config], env)
    expect(refused.code).toBe(EXIT_CODES.usage)
    expect(refused.stderr).toContain(
      `salesforce Opportunity ${unlinked} is not linked: crmsync import salesforce --object deals syncs it`,
    )
    const named = await runCaptured(['resync', 'deal', 'Bulk deal 0', '--config', config], env)
    expect(named.code).toBe(EXIT_CODES.usage)
    expect(named.stderr).toContain(
      'a deal is named by its HubSpot deal id (digits) or its Salesforce Opportunity id',
    )
    const list = await runCaptured(['resync', 'deal', '--list', '7', '--config', config], env)
    expect(list.code).toBe(EXIT_CODES.usage)
    expect(list.stderr).toContain('--list takes contact or company lists')
    const unmapped = await runCaptured(['resync', 'deal', '--mapping', 'nosuch', '--config', config], env)
    expect(unmapped.code).toBe(EXIT_CODES.usage)
    expect(unmapped.stderr).toContain('no deal mapping has this HubSpot property')
    const missing = await runCaptured(['resync', 'deal', '999999999', '--config', config], env)
    expect(missing.code).toBe(EXIT_CODES.usage)
    expect(missing.stderr).toContain('no HubSpot deal 999999999')
  })
})
