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
  companyConfigYaml,
  companyLinks,
  createAccount,
  createCompany,
} from '../testing/company-sandboxes.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const BULK = 7

interface JsonResync {
  readonly resync: string
  readonly companies: number
  readonly resynced: number
  readonly referenceCap?: number
  readonly pastReferenceCap?: boolean
  readonly cycles: number
  readonly objects: { company?: { salesforce: { updated: number } } }
  readonly plan?: { actions: unknown[] }
}

describe('crmsync resync company (B-CMP-9, B-BULK-5)', { timeout: 120_000 }, () => {
  let sandboxes: LocalSandboxes
  let env: Record<string, string>
  let config: string
  let storeUrl: string
  let sf: Connection
  let hs: Client
  const accounts: string[] = []

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
      'SELECT Id, Description FROM Account',
    )
    const byId = new Map(result.records.map((r) => [r.Id, r.Description ?? null]))
    return ids.map((id) => byId.get(id) ?? null)
  }

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    env = sandboxTokenEnv(sandboxes)
    const dir = mkdtempSync(join(tmpdir(), 'crmsync-resync-companies-'))
    storeUrl = `sqlite:${join(dir, 'state.db')}`
    config = join(dir, 'crmsync.yaml')
    writeFileSync(config, companyConfigYaml(sandboxes, storeUrl))
    sf = await connectSalesforce({
      kind: 'access-token',
      instanceUrl: sandboxes.salesforce.instanceUrl,
      accessToken: sandboxes.salesforce.accessToken,
    })
    hs = new Client({ accessToken: sandboxes.hubspot.accessToken, basePath: sandboxes.hubspot.basePath })
    for (let i = 0; i < BULK; i++) accounts.push(await createAccount(sf, { Name: `Bulk ${i}` }))
    await sleep(1100)
    const connected = await runCaptured(['sync', '--once', '--config', config], env)
    expect(connected.code, connected.stderr).toBe(EXIT_CODES.ok)
    const imported = await runCaptured(
      ['import', 'salesforce', '--object', 'companies', '--config', config],
      env,
    )
    expect(imported.code, imported.stderr).toBe(EXIT_CODES.ok)
    expect(await companyLinks(storeUrl)).toHaveLength(BULK)
  })
  afterAll(() => sandboxes.close())

  it('B-CMP-9: resync company HUBSPOT_ID creates the account of a company that does not qualify by itself', async () => {
    const solo = await createCompany(hs, { name: 'Solo AS', domain: 'solo.example' })
    const synced = await runCaptured(['sync', '--once', '--config', config], env)
    expect(synced.code, synced.stderr).toBe(EXIT_CODES.ok)
    // No contacts: a cycle skips it (B-CMP-8).
    expect((await companyLinks(storeUrl)).some((l) => l.hubspotId === solo)).toBe(false)
    const run = await runCaptured(['resync', 'company', solo, '--config', config], env)
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain(`Resync of company ${solo} (hubspot company id): 1 company(ies)`)
    expect(run.stdout).toContain('resynced 1 of 1 company(ies)')
    expect(run.stdout).toMatch(/company -> salesforce: created 1,/)
    const link = (await companyLinks(storeUrl)).find((l) => l.hubspotId === solo)
    expect(link?.state).toBe('active')
    expect(await sf.sobject('Account').retrieve(link!.salesforceId)).toMatchObject({ Name: 'Solo AS' })
    const company = await hs.crm.companies.basicApi.getById(solo, ['salesforceaccountid'])
    expect(company.properties['salesforceaccountid']).toBe(link!.salesforceId)
  })

  it('resync company ACCOUNT_ID resyncs the company linked to that account; an unlinked account is refused with the import to run', async () => {
    await hideEditsFromSearch()
    const link = (await companyLinks(storeUrl)).find((l) => l.salesforceId === accounts[0])!
    await hs.crm.companies.basicApi.update(link.hubspotId, {
      properties: { description: 'Edited in HubSpot' },
    })
    const run = await runCaptured(['resync', 'company', accounts[0] ?? '', '--config', config], env)
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain(`Resync of company ${accounts[0]} (salesforce account id): 1 company(ies)`)
    expect(await descriptions([accounts[0] ?? ''])).toEqual(['Edited in HubSpot'])
    const unlinked = await createAccount(sf, { Name: 'Not Yet Linked' })
    const refused = await runCaptured(['resync', 'company', unlinked, '--config', config], env)
    expect(refused.code).toBe(EXIT_CODES.usage)
    expect(refused.stderr).toContain(
      `salesforce Account ${unlinked} is not linked: crmsync import salesforce --object companies syncs it`,
    )
    const byName = await runCaptured(['resync', 'company', 'Bulk 1', '--config', config], env)
    expect(byName.code).toBe(EXIT_CODES.usage)
    expect(byName.stderr).toContain(
      'a company is named by its HubSpot company id (digits) or its Salesforce Account id',
    )
  })

  it('B-BULK-5: resync company --mapping pages past the reference cap (injected: 3) and resyncs every linked company', async () => {
    await hideEditsFromSearch()
    const links = (await companyLinks(storeUrl)).filter((l) => l.state === 'active')
    expect(links.length).toBeGreaterThan(3)
    // Every company gets a HubSpot value its search does not show; a manual resync merges as for a new link
    // (prefer-salesforce): a blank Account field takes HubSpot's value, a filled one wins and goes to HubSpot.
    // Either way both sides end equal only for a company the resync processed.
    const before = await descriptions(links.map((l) => l.salesforceId))
    const expected = links.map((_, i) => before[i] ?? `Backfill ${i}`)
    expect(expected.filter((d) => d.startsWith('Backfill')).length).toBeGreaterThan(3)
    await hs.crm.companies.batchApi.update({
      inputs: links.map((l, i) => ({ id: l.hubspotId, properties: { description: `Backfill ${i}` } })),
    })
    const tuning = { referenceBulkResyncCap: 3, linkPageSize: 2, resyncPageSize: 2 }
    const args = ['resync', 'company', '--mapping', 'description', '--config', config]
    const run = await runCaptured(args, env, undefined, tuning)
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    const n = links.length
    expect(run.stdout).toContain(`Resync of linked companies, to backfill description: ${n} company(ies)`)
    expect(run.stdout).toContain(`resynced ${n} of ${n} company(ies)`)
    expect(run.stdout).toContain(
      `${n} company(ies) is more than the 3 at which HubSpot's connector stops a bulk resync of a company ` +
        `mapping with "We couldn't sync all your updates for this mapping" (B-BULK-5); crmsync went on past it: ${n} resynced`,
    )
    expect(run.stdout).not.toContain('STOPPED')
    expect(await descriptions(links.map((l) => l.salesforceId))).toEqual(expected)
    const read = await hs.crm.companies.batchApi.read({
      inputs: links.map((l) => ({ id: l.hubspotId })),
      properties: ['description'],
      propertiesWithHistory: [],
    })
    const hubspot = new Map(read.results.map((c) => [c.id, c.properties['description']]))
    expect(links.map((l) => hubspot.get(l.hubspotId))).toEqual(expected)
    // The same as JSON, planned only: every company was resynced, a page of 2 per engine cycle, none left to do.
    const json = await runCaptured([...args, '--json', '--dry-run'], env, undefined, tuning)
    expect(json.code, json.stderr).toBe(EXIT_CODES.ok)
    const summary = JSON.parse(json.stdout) as JsonResync
    // The account created meanwhile ("Not Yet Linked") was captured by that run and is linked now.
    const now = (await companyLinks(storeUrl)).filter((l) => l.state === 'active').length
    expect(now).toBe(n + 1)
    expect(summary).toMatchObject({ companies: now, resynced: now, referenceCap: 3, pastReferenceCap: true })
    expect(summary.cycles).toBe(Math.ceil(now / 2))
    expect(summary.plan?.actions ?? []).toEqual([])
  })

  it('--list resyncs the members of a company list; a contact list is refused with the command that takes it', async () => {
    const { list } = await hs.crm.lists.listsApi.create({
      name: 'Key accounts',
      objectTypeId: '0-2',
      processingType: 'MANUAL',
    })
    const links = await companyLinks(storeUrl)
    const members = links.slice(0, 2).map((l) => l.hubspotId)
    await hs.crm.lists.membershipsApi.add(list.listId, members)
    const run = await runCaptured(
      ['resync', 'company', '--list', list.listId, '--config', config, '--json'],
      env,
    )
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    expect(JSON.parse(run.stdout)).toMatchObject({
      resync: `members of company list ${list.listId}`,
      companies: 2,
      resynced: 2,
    })
    const contacts = await hs.crm.lists.listsApi.create({
      name: 'People',
      objectTypeId: '0-1',
      processingType: 'MANUAL',
    })
    const refused = await runCaptured(
      ['resync', 'company', '--list', contacts.list.listId, '--config', config],
      env,
    )
    expect(refused.code).toBe(EXIT_CODES.usage)
    expect(refused.stderr).toContain(
      `holds objects of type 0-1, not companies (0-2): crmsync resync contact --list ${contacts.list.listId} resyncs its contacts`,
    )
  })

  it('--errors TYPE resyncs the companies with an open error of that code once its cause is fixed', async () => {
    // A name longer than Account.Name (255): the account create fails, stored on the company.
    const long = await createCompany(hs, { name: 'N'.repeat(300) })
    const failed = await runCaptured(['resync', 'company', long, '--config', config], env)
    expect(failed.code).toBe(EXIT_CODES.recordsInError)
    expect(failed.stdout).toMatch(new RegExp(`error VALUE_TOO_LONG on salesforce record ${long}:`))
    await hs.crm.companies.basicApi.update(long, { properties: { name: 'Short Name AS' } })
    const run = await runCaptured(
      ['resync', 'company', '--errors', 'VALUE_TOO_LONG', '--config', config],
      env,
    )
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('Resync of companies with open VALUE_TOO_LONG errors: 1 company(ies)')
    const link = (await companyLinks(storeUrl)).find((l) => l.hubspotId === long)
    expect(await sf.sobject('Account').retrieve(link!.salesforceId)).toMatchObject({ Name: 'Short Name AS' })
  })

  it("--mapping takes only a company mapping's HubSpot property (exit 2)", async () => {
    const run = await runCaptured(['resync', 'company', '--mapping', 'jobtitle', '--config', config], env)
    expect(run.code).toBe(EXIT_CODES.usage)
    expect(run.stderr).toContain('--mapping jobtitle: no company mapping has this HubSpot property')
  })
})
