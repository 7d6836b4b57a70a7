import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { connectSalesforce } from '@crmsync/salesforce'
import { Client } from '@hubspot/api-client'
import type { Connection } from 'jsforce'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import {
  type LocalSandboxes,
  sandboxConfigYaml,
  sandboxTokenEnv,
  startLocalSandboxes,
} from '../demo/local-sandboxes.js'
import { EXIT_CODES } from '../exit-codes.js'
import {
  associatePrimary,
  companyConfigYaml,
  companyLinks,
  createAccount,
  createCompany,
  hubspotCompanyIds,
  inboxDepth,
} from '../testing/company-sandboxes.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('crmsync import --object companies (B-CMP-1, B-BULK-1)', () => {
  let sandboxes: LocalSandboxes
  let env: Record<string, string>
  /** Company sync on. */
  let config: string
  /** The same connection and store with company sync off (the default). */
  let off: string
  let storeUrl: string
  let sf: Connection
  let hs: Client
  const accounts: string[] = []
  let lonely = ''
  let shared = ''

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    env = sandboxTokenEnv(sandboxes)
    const dir = mkdtempSync(join(tmpdir(), 'crmsync-import-companies-'))
    storeUrl = `sqlite:${join(dir, 'state.db')}`
    config = join(dir, 'crmsync.yaml')
    writeFileSync(config, companyConfigYaml(sandboxes, storeUrl))
    off = join(dir, 'off.yaml')
    writeFileSync(off, sandboxConfigYaml(sandboxes, storeUrl))
    sf = await connectSalesforce({
      kind: 'access-token',
      instanceUrl: sandboxes.salesforce.instanceUrl,
      accessToken: sandboxes.salesforce.accessToken,
    })
    hs = new Client({ accessToken: sandboxes.hubspot.accessToken, basePath: sandboxes.hubspot.basePath })
    // Accounts and companies older than the connection: only an import brings them (B-CMP-3).
    accounts.push(
      await createAccount(sf, { Name: 'Acme AS', Website: 'https://www.acme.no/', Industry: 'Banking' }),
    )
    accounts.push(await createAccount(sf, { Name: 'Beta GmbH', Phone: '+49 30 1234' }))
    // A company with no contact does not qualify for an account (B-CMP-8).
    lonely = await createCompany(hs, { name: 'Lonely Ltd', domain: 'lonely.example' })
    // A company whose contact syncs to a Salesforce Contact does (B-CMP-5/6).
    shared = await createCompany(hs, { name: 'Shared Inc', domain: 'shared.example' })
    const contact = await hs.crm.contacts.basicApi.create({
      properties: { email: 'pat@shared.example', lastname: 'Pat' },
      associations: [],
    })
    await associatePrimary(hs, contact.id, shared)
    await sleep(1100)
    const connected = await runCaptured(['sync', '--once', '--config', config], env)
    expect(connected.code, connected.stderr).toBe(EXIT_CODES.ok)
  })
  afterAll(() => sandboxes.close())

  it('B-CMP-1: while company sync is off an account import is refused (exit 2) and creates nothing', async () => {
    for (const side of ['salesforce', 'hubspot']) {
      const run = await runCaptured(['import', side, '--object', 'companies', '--config', off], env)
      expect(run.code).toBe(EXIT_CODES.usage)
      expect(run.stdout).toBe('')
      expect(run.stderr).toContain('set settings.companies.sync: true before importing')
      expect(run.stderr).toContain('nothing was imported')
    }
    expect(await hubspotCompanyIds(hs)).toHaveLength(2)
    expect(await companyLinks(storeUrl)).toEqual([])
  })

  it('--dry-run lists the companies it would create and writes nothing', async () => {
    const run = await runCaptured(
      ['import', 'salesforce', '--object', 'companies', '--config', config, '--dry-run'],
      env,
    )
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('Dry run of the import of salesforce accounts: 2 record(s) found')
    expect(run.stdout).toMatch(/would do: .*2 x create hubspot/)
    expect(await hubspotCompanyIds(hs)).toHaveLength(2)
    expect(await companyLinks(storeUrl)).toEqual([])
    // Its own inbox rows are taken out again: nothing waits for the next cycle either.
    expect(await inboxDepth(storeUrl)).toBe(0)
  })

  it('B-BULK-1 (accounts): every Salesforce account becomes a linked HubSpot company', async () => {
    const run = await runCaptured(['import', 'salesforce', '--object', 'companies', '--config', config], env)
    expect(run.stderr).not.toContain('"level":"error"')
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('Import of salesforce accounts: 2 record(s) found')
    expect(/^ {2}hubspot +(\d+)/m.exec(run.stdout)?.[1]).toBe('2')
    const links = await companyLinks(storeUrl)
    expect(links.map((l) => l.salesforceId).sort()).toEqual([...accounts].sort())
    const acme = links.find((l) => l.salesforceId === accounts[0])!
    const company = await hs.crm.companies.basicApi.getById(acme.hubspotId, [
      'name',
      'domain',
      'industry',
      'salesforceaccountid',
    ])
    expect(company.properties).toMatchObject({
      name: 'Acme AS',
      domain: 'acme.no',
      industry: 'BANKING',
      salesforceaccountid: accounts[0],
    })
    // Imported once: a second import of the same accounts writes nothing.
    const again = await runCaptured(
      ['import', 'salesforce', '--object', 'companies', '--config', config],
      env,
    )
    expect(again.code, again.stderr).toBe(EXIT_CODES.ok)
    expect(/^ {2}salesforce +(\d+) +(\d+)/m.exec(again.stdout)?.slice(1)).toEqual(['0', '0'])
    expect(/^ {2}hubspot +(\d+) +(\d+)/m.exec(again.stdout)?.slice(1)).toEqual(['0', '0'])
    expect(await companyLinks(storeUrl)).toHaveLength(2)
  })

  it('B-CMP-8: a HubSpot import gives accounts to qualifying companies and counts the others as skipped', async () => {
    const run = await runCaptured(['import', 'hubspot', '--object', 'companies', '--config', config], env)
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('Import of hubspot companies: 4 record(s) found')
    // One account created (Shared Inc); Lonely Ltd skipped, counted, and the way to push it said.
    expect(/^ {2}salesforce +(\d+) +(\d+)/m.exec(run.stdout)?.slice(1)).toEqual(['1', '0'])
    const hubspotRow = /^ {2}hubspot +(\d+) +(\d+) +(\d+) +(\d+)/m.exec(run.stdout)?.slice(1)
    expect(hubspotRow?.[3]).toBe('1')
    expect(run.stdout).toContain('1 HubSpot company(ies) skipped')
    expect(run.stdout).toContain(
      '`crmsync resync company ID` creates the account of one that does not qualify (B-CMP-9)',
    )
    const links = await companyLinks(storeUrl)
    const sharedLink = links.find((l) => l.hubspotId === shared)
    expect(sharedLink?.state).toBe('active')
    const account = await sf.sobject('Account').retrieve(sharedLink!.salesforceId)
    expect(account).toMatchObject({ Name: 'Shared Inc', Website: 'shared.example' })
    expect(links.some((l) => l.hubspotId === lonely)).toBe(false)
    const named = await sf.query<{ Id: string }>("SELECT Id FROM Account WHERE Name = 'Lonely Ltd'")
    expect(named.records).toEqual([])
  })
})
