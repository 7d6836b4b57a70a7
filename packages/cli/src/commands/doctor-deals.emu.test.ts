import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { connectSalesforce } from '@crmsync/salesforce'
import { Client } from '@hubspot/api-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import { type LocalSandboxes, sandboxTokenEnv, startLocalSandboxes } from '../demo/local-sandboxes.js'
import { EXIT_CODES } from '../exit-codes.js'
import { companyConfigYaml } from '../testing/company-sandboxes.js'
import {
  dealConfigYaml,
  opportunityRecordTypes,
  pipelinesByLabel,
  resetCounters,
  writeCalls,
} from '../testing/deal-sandboxes.js'

describe('crmsync doctor with deal sync on (B-DEAL)', { timeout: 120_000 }, () => {
  let sandboxes: LocalSandboxes
  let env: Record<string, string>
  let hs: Client
  let recordTypes: Map<string, string>
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-doctor-deals-'))
  const configWith = (name: string, deals: readonly string[] = []) => {
    const file = join(dir, `${name}.yaml`)
    writeFileSync(file, dealConfigYaml(sandboxes, `sqlite:${join(dir, `${name}.db`)}`, deals))
    return file
  }

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    env = sandboxTokenEnv(sandboxes)
    hs = new Client({
      accessToken: sandboxes.hubspot.accessToken,
      basePath: sandboxes.hubspot.basePath,
      numberOfApiCallRetries: 0,
    })
    const sf = await connectSalesforce({
      kind: 'access-token',
      instanceUrl: sandboxes.salesforce.instanceUrl,
      accessToken: sandboxes.salesforce.accessToken,
    })
    recordTypes = await opportunityRecordTypes(sf)
  })
  afterAll(() => sandboxes.close())

  it('B-DEAL-2: checks Opportunity and the deal properties, and names the pipelines the first sync will create, writing nothing', async () => {
    const newBusiness = recordTypes.get('New Business')
    const renewal = recordTypes.get('Renewal')
    await resetCounters(sandboxes)
    const run = await runCaptured(['doctor', '--config', configWith('on')], env)
    expect(run.stdout).not.toContain('FAIL')
    for (const line of [
      'ok   salesforce: Opportunity: create and edit: createable=true, updateable=true',
      'ok   salesforce: Opportunity: external-id field HubSpot_Id__c: externalId=true, unique=true',
      'ok   salesforce: Opportunity: required fields: required on create: Name, StageName, CloseDate',
      'ok   salesforce: Opportunity: mapped fields writable: 7 fields',
      'ok   hubspot: deal unique property crmsync_salesforce_id: hasUniqueValue=true',
      'ok   hubspot: deal link property salesforceopportunityid: present',
      'ok   hubspot: property group of deal salesforceopportunityid: salesforceinformation',
      'ok   hubspot: deal mapped properties: 7 mappings',
      `ok   hubspot: deal pipeline of record type New Business (${newBusiness}), the default: "Salesforce - New Business": not in HubSpot yet; the first sync with deal sync on creates it with 7 stage(s)`,
      `ok   hubspot: deal pipeline of record type Renewal (${renewal}): "Salesforce - Renewal": not in HubSpot yet`,
    ])
      expect(run.stdout).toContain(line)
    expect(run.stdout).toMatch(
      /ok {3}salesforce: Opportunity: stages: 7 active StageName value\(s\): Prospecting, /,
    )
    expect(run.code).toBe(EXIT_CODES.ok)
    // Read-only: no pipeline was created.
    expect(await writeCalls(sandboxes)).toEqual({ salesforce: 0, hubspot: 0 })
    expect([...(await pipelinesByLabel(hs)).keys()].some((label) => label.startsWith('Salesforce - '))).toBe(
      false,
    )
    // Off (the default), deals are not checked.
    const off = join(dir, 'off.yaml')
    writeFileSync(off, companyConfigYaml(sandboxes, `sqlite:${join(dir, 'off.db')}`))
    const without = await runCaptured(['doctor', '--config', off], env)
    expect(without.stdout).not.toContain('Opportunity')
    expect(without.stdout).not.toContain('hubspot: deal')
  })

  it('B-DEAL-3: record types over maxSyncedPipelines are a warning naming them; a configured pipeline is shown as configured', async () => {
    const sales = (await pipelinesByLabel(hs)).get('Sales Pipeline')!
    const renewal = recordTypes.get('Renewal')
    const run = await runCaptured(
      [
        'doctor',
        '--config',
        configWith('capped', ['maxSyncedPipelines: 1', `pipelines: { "${renewal}": "${sales.id}" }`]),
      ],
      env,
    )
    expect(run.stdout).not.toContain('FAIL')
    expect(run.code).toBe(EXIT_CODES.ok)
    // The configured record type comes first under the cap; New Business is left out.
    expect(run.stdout).toContain(
      `ok   hubspot: deal pipeline of record type Renewal (${renewal}), the default: "Sales Pipeline" (${sales.id}, configured, `,
    )
    expect(run.stdout).toContain(
      `warn hubspot: deal pipelines over settings.deals.maxSyncedPipelines: 1 record type(s) not synced: New Business (${recordTypes.get('New Business')})`,
    )
    expect(run.stdout).toContain('fix: Their opportunities and deals never cross (B-DEAL-3)')
  })

  it('a configured pipeline id HubSpot does not have fails (exit 3); after a sync the generated pipelines are found', async () => {
    const renewal = recordTypes.get('Renewal')
    const run = await runCaptured(
      ['doctor', '--config', configWith('unknown', [`pipelines: { "${renewal}": "999999" }`])],
      env,
    )
    expect(run.stdout).toContain(
      `FAIL hubspot: settings.deals.pipelines ${renewal}: pipeline 999999 for record type Renewal is not in HubSpot`,
    )
    expect(run.code).toBe(EXIT_CODES.connection)
    const config = configWith('synced')
    const synced = await runCaptured(['sync', '--once', '--config', config], env)
    expect(synced.code, synced.stderr).toBe(EXIT_CODES.ok)
    const generated = (await pipelinesByLabel(hs)).get('Salesforce - Renewal')!
    const after = await runCaptured(['doctor', '--config', config], env)
    expect(after.stdout).toContain(
      `ok   hubspot: deal pipeline of record type Renewal (${renewal}): "Salesforce - Renewal" (${generated.id}, generated, 7 stage(s))`,
    )
  })

  it('a missing deal link property fails with what to create, and exits 3', async () => {
    const removed = await fetch(
      `${sandboxes.hubspot.basePath}/crm/v3/properties/deals/salesforceopportunityid`,
      { method: 'DELETE', headers: { authorization: `Bearer ${sandboxes.hubspot.accessToken}` } },
    )
    expect(removed.ok).toBe(true)
    const run = await runCaptured(['doctor', '--config', configWith('on')], env)
    expect(run.stdout).toContain('FAIL hubspot: deal link property salesforceopportunityid: missing')
    expect(run.stdout).toContain(
      'fix: Create a single-line text deal property salesforceopportunityid in the group "Salesforce information"',
    )
    expect(run.stdout).toContain('ok   hubspot: company link property salesforceaccountid: present')
    expect(run.code).toBe(EXIT_CODES.connection)
  })

  it('B-INST-5: an integration user with neither Modify All Data nor Modify Metadata fails, naming both, and exits 3', async () => {
    const set = (body: Record<string, boolean>) =>
      fetch(`${sandboxes.salesforce.instanceUrl}/__sandbox/user-permissions`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const ok = await runCaptured(['doctor', '--config', configWith('perm-ok')], env)
    expect(ok.stdout).toContain(
      'ok   salesforce: integration user: permission for deal sync: Modify All Data',
    )
    await set({ PermissionsModifyAllData: false, PermissionsModifyMetadata: false })
    try {
      const run = await runCaptured(['doctor', '--config', configWith('perm')], env)
      expect(run.stdout).toContain(
        'FAIL salesforce: integration user: permission for deal sync: has neither Modify All Data nor Modify Metadata Through Metadata API Functions',
      )
      expect(run.code).toBe(EXIT_CODES.connection)
    } finally {
      await set({ PermissionsModifyAllData: true, PermissionsModifyMetadata: true })
    }
  })
})
