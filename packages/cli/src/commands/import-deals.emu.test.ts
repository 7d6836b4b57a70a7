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
import { companyConfigYaml } from '../testing/company-sandboxes.js'
import {
  createDeal,
  createOpportunity,
  dealConfigYaml,
  dealLinks,
  hubspotDealIds,
  opportunityRecordTypes,
  pipelinesByLabel,
  resetCounters,
  writeCalls,
} from '../testing/deal-sandboxes.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('crmsync import --object deals (B-DEAL-1, B-BULK-1)', () => {
  let sandboxes: LocalSandboxes
  let env: Record<string, string>
  /** Company and deal sync on. */
  let config: string
  /** The same connection and store with company sync on and deal sync off (the default). */
  let off: string
  let storeUrl: string
  let sf: Connection
  let hs: Client
  let recordTypes: Map<string, string>
  const opportunities: { id: string; recordType: string; stage: string }[] = []
  /** A deal in HubSpot's own "Sales Pipeline", which no record type pairs with. */
  let unpaired = ''

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    env = sandboxTokenEnv(sandboxes)
    const dir = mkdtempSync(join(tmpdir(), 'crmsync-import-deals-'))
    storeUrl = `sqlite:${join(dir, 'state.db')}`
    config = join(dir, 'crmsync.yaml')
    writeFileSync(config, dealConfigYaml(sandboxes, storeUrl))
    off = join(dir, 'off.yaml')
    writeFileSync(off, companyConfigYaml(sandboxes, storeUrl))
    sf = await connectSalesforce({
      kind: 'access-token',
      instanceUrl: sandboxes.salesforce.instanceUrl,
      accessToken: sandboxes.salesforce.accessToken,
    })
    hs = new Client({ accessToken: sandboxes.hubspot.accessToken, basePath: sandboxes.hubspot.basePath })
    recordTypes = await opportunityRecordTypes(sf)
    // Opportunities older than the connection: only an import brings them (B-DEAL-1).
    for (const [name, recordType, stage] of [
      ['Fjord renewal', 'Renewal', 'Qualification'],
      ['Acme first order', 'New Business', 'Needs Analysis'],
    ] as const) {
      const id = await createOpportunity(sf, {
        Name: name,
        Amount: 1200,
        StageName: stage,
        RecordTypeId: recordTypes.get(recordType),
      })
      opportunities.push({ id, recordType, stage })
    }
    const sales = (await pipelinesByLabel(hs)).get('Sales Pipeline')!
    unpaired = await createDeal(hs, {
      dealname: 'Own pipeline deal',
      pipeline: sales.id,
      dealstage: [...sales.stages.values()][0] ?? '',
    })
    await sleep(1100)
  })
  afterAll(() => sandboxes.close())

  it('B-DEAL-1: while deal sync is off an opportunity or deal import is refused (exit 2) and creates nothing', async () => {
    const connected = await runCaptured(['sync', '--once', '--config', off], env)
    expect(connected.code, connected.stderr).toBe(EXIT_CODES.ok)
    for (const side of ['salesforce', 'hubspot']) {
      const run = await runCaptured(['import', side, '--object', 'deals', '--config', off], env)
      expect(run.code).toBe(EXIT_CODES.usage)
      expect(run.stdout).toBe('')
      expect(run.stderr).toContain('set settings.deals.sync: true')
      expect(run.stderr).toContain('nothing was imported')
    }
    expect(await hubspotDealIds(hs)).toEqual([unpaired])
    expect(await dealLinks(storeUrl)).toEqual([])
  })

  it('--dry-run lists the deals it would create and writes nothing', async () => {
    // Switching deal sync on: the first cycle sets up the pipelines and copies no opportunity (B-DEAL-1).
    const on = await runCaptured(['sync', '--once', '--config', config], env)
    expect(on.code, on.stderr).toBe(EXIT_CODES.ok)
    expect(await hubspotDealIds(hs)).toEqual([unpaired])
    const run = await runCaptured(
      ['import', 'salesforce', '--object', 'deals', '--config', config, '--dry-run'],
      env,
    )
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('Dry run of the import of salesforce opportunities: 2 record(s) found')
    expect(run.stdout).toMatch(/would do: .*2 x create hubspot/)
    expect(await hubspotDealIds(hs)).toEqual([unpaired])
    expect(await dealLinks(storeUrl)).toEqual([])
  })

  it("B-DEAL-1 / B-DEAL-2: every opportunity becomes a linked deal in its record type's generated pipeline; the next sync writes nothing", async () => {
    const run = await runCaptured(['import', 'salesforce', '--object', 'deals', '--config', config], env)
    expect(run.stderr).not.toContain('"level":"error"')
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('Import of salesforce opportunities: 2 record(s) found')
    expect(/^ {2}hubspot +(\d+)/m.exec(run.stdout)?.[1]).toBe('2')
    const links = await dealLinks(storeUrl)
    expect(links.map((l) => l.salesforceId).sort()).toEqual(opportunities.map((o) => o.id).sort())
    const pipelines = await pipelinesByLabel(hs)
    for (const o of opportunities) {
      const link = links.find((l) => l.salesforceId === o.id)!
      expect(link.state).toBe('active')
      const pipeline = pipelines.get(`Salesforce - ${o.recordType}`)!
      const deal = await hs.crm.deals.basicApi.getById(link.hubspotId, [
        'pipeline',
        'dealstage',
        'amount',
        'salesforceopportunityid',
      ])
      expect(deal.properties).toMatchObject({
        pipeline: pipeline.id,
        dealstage: pipeline.stages.get(o.stage),
        amount: '1200.00',
        salesforceopportunityid: o.id,
      })
    }
    await resetCounters(sandboxes)
    const again = await runCaptured(['sync', '--once', '--config', config], env)
    expect(again.code, again.stderr).toBe(EXIT_CODES.ok)
    expect(await writeCalls(sandboxes)).toEqual({ salesforce: 0, hubspot: 0 })
  })

  it('B-DEAL-6: a HubSpot import creates no opportunity for a deal outside the synced pipelines, and says so', async () => {
    const run = await runCaptured(['import', 'hubspot', '--object', 'deals', '--config', config], env)
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('Import of hubspot deals: 3 record(s) found')
    expect(/^ {2}salesforce +(\d+) +(\d+)/m.exec(run.stdout)?.slice(1)).toEqual(['0', '0'])
    expect(run.stdout).toContain('1 HubSpot deal(s) skipped: only deals in a pipeline paired')
    const named = await sf.query<{ Id: string }>(
      "SELECT Id FROM Opportunity WHERE Name = 'Own pipeline deal'",
    )
    expect(named.records).toEqual([])
    expect((await dealLinks(storeUrl)).some((l) => l.hubspotId === unpaired)).toBe(false)
  })

  it('an unknown object is a usage error naming the three', async () => {
    const run = await runCaptured(['import', 'salesforce', '--object', 'tasks', '--config', config], env)
    expect(run.code).toBe(EXIT_CODES.usage)
    expect(run.stderr).toContain('--object must be contacts, companies or deals (got tasks)')
  })
})
