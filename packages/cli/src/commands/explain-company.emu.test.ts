import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { connectSalesforce } from '@crmsync/salesforce'
import { Client } from '@hubspot/api-client'
import type { Connection } from 'jsforce'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { loadConnection } from '../config/load-config.js'
import { runCaptured } from '../demo/capture-cli.js'
import {
  type LocalSandboxes,
  sandboxConfigYaml,
  sandboxTokenEnv,
  startLocalSandboxes,
} from '../demo/local-sandboxes.js'
import { EXIT_CODES } from '../exit-codes.js'
import { HOSTILE_TEXT, HOSTILE_TEXT_PRINTED, RAW_CONTROL } from '../format/hostile-text.js'
import { companyConfigYaml, createAccount, createCompany } from '../testing/company-sandboxes.js'
import { type ConnectionRuntime, createConnectionRuntime } from '../wiring/create-connection-runtime.js'

describe('crmsync explain for companies (B-CMP)', () => {
  let sandboxes: LocalSandboxes
  let runtime: ConnectionRuntime
  let config: string
  let off: string
  let env: Record<string, string>
  let sf: Connection
  let hs: Client
  let accountId: string
  let companyId: string
  let contactId: string

  const rowOf = (stdout: string, property: string) =>
    stdout.split('\n').filter((line) => line.trim().startsWith(`${property} `))

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    const dir = mkdtempSync(join(tmpdir(), 'crmsync-explain-company-'))
    const storeUrl = `sqlite:${join(dir, 'state.db')}`
    config = join(dir, 'crmsync.yaml')
    writeFileSync(config, companyConfigYaml(sandboxes, storeUrl))
    off = join(dir, 'off.yaml')
    writeFileSync(off, sandboxConfigYaml(sandboxes, storeUrl))
    env = sandboxTokenEnv(sandboxes)
    runtime = await createConnectionRuntime({ connection: await loadConnection({ file: config, env }) })
    await runtime.engine.syncOnce()
    sf = await connectSalesforce({
      kind: 'access-token',
      instanceUrl: sandboxes.salesforce.instanceUrl,
      accessToken: sandboxes.salesforce.accessToken,
    })
    hs = new Client({ accessToken: sandboxes.hubspot.accessToken, basePath: sandboxes.hubspot.basePath })
    // A new account syncs by itself (B-CMP-2); its description holds what a hostile user could type.
    accountId = await createAccount(sf, {
      Name: 'Explain Co',
      Website: 'https://www.explain.example/',
      Phone: '+47 22 00 00 00',
      Description: HOSTILE_TEXT,
    })
    const first = await runtime.engine.syncOnce()
    expect(first.errors).toEqual([])
    companyId = (await runtime.store.getLink('local', 'company', 'salesforce', accountId))!.hubspotId
    // A contact of the account: its HubSpot contact gets the company as primary (pass 3).
    const created = await sf
      .sobject('Contact')
      .create({ LastName: 'Kim', Email: 'kim@explain.example', AccountId: accountId })
    contactId = created.success ? created.id : ''
    const second = await runtime.engine.syncOnce()
    expect(second.errors).toEqual([])
  })
  afterAll(async () => {
    await runtime.close()
    await sandboxes.close()
  })

  it('explain company HUBSPOT_ID: the link, each company mapping on both sides with rule and ancestor, the history', async () => {
    const run = await runCaptured(['explain', 'company', companyId, '--config', config], env)
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain(`${companyId} (hubspot company id): 1 link(s)`)
    expect(run.stdout).toContain(
      `link active: HubSpot company ${companyId} <-> Salesforce Account ${accountId}`,
    )
    expect(
      rowOf(run.stdout, 'name')[0]
        ?.trim()
        .split(/\s{2,}/),
    ).toEqual(['name', 'Explain Co', 'Name', 'Explain Co', 'prefer-salesforce', 'Explain Co'])
    const domain = rowOf(run.stdout, 'domain')[0]
      ?.trim()
      .split(/\s{2,}/)
    expect(domain?.slice(0, 3)).toEqual(['domain', 'explain.example', 'Website'])
    expect(domain?.[4]).toBe('prefer-salesforce')
    expect(run.stdout).toMatch(/associated HubSpot contacts: 1 \(\d+\)/)
    expect(run.stdout).toContain('history (newest first):')
    expect(run.stdout.split('\n').some((line) => / name +.*-> Explain Co +sf->hs/.test(line))).toBe(true)
  })

  it('hostile text in a company value is printed escaped, on its own row, in the table and the history', async () => {
    const run = await runCaptured(['explain', 'company', companyId, '--config', config], env)
    expect(run.stdout).not.toMatch(RAW_CONTROL)
    const rows = rowOf(run.stdout, 'description')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain(HOSTILE_TEXT_PRINTED)
    const lines = run.stdout.split('\n')
    // Nothing forged a line: every line holding the value's tail is the row or a decision about it.
    const tails = lines.filter((line) => line.includes('esrever'))
    expect(tails.length).toBeGreaterThan(1)
    for (const line of tails) expect(line).toMatch(/^ +description +|^ +\S+ +description +/)
  })

  it('an Account id, alone or as `company ID`, explains the same company', async () => {
    const plain = await runCaptured(['explain', accountId, '--config', config], env)
    expect(plain.code, plain.stderr).toBe(EXIT_CODES.ok)
    expect(plain.stdout).toContain(`${accountId} (salesforce account id): 1 link(s)`)
    expect(plain.stdout).toContain(`HubSpot company ${companyId} <-> Salesforce Account ${accountId}`)
    const named = await runCaptured(['explain', 'company', accountId, '--config', config], env)
    expect(named.stdout).toContain(`HubSpot company ${companyId} <-> Salesforce Account ${accountId}`)
  })

  it("a contact shows its company association: its primary company, its Contact's AccountId and the link's state", async () => {
    const run = await runCaptured(['explain', 'contact', contactId, '--config', config], env)
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain(
      `company association (pass 3): HubSpot primary company ${companyId} (linked to Account ${accountId}); ` +
        `Salesforce Contact.AccountId ${accountId} (linked to company ${companyId}): in step`,
    )
    expect(run.stdout).toMatch(/association state on the link \(salesforceaccountid\): agreed \S+;/)
    // With company sync off the association is not part of the report.
    const withoutCompanies = await runCaptured(['explain', 'contact', contactId, '--config', off], env)
    expect(withoutCompanies.stdout).not.toContain('company association')
  })

  it('an unlinked company says so and how to give it an account (B-CMP-9); a name is not an id (exit 2)', async () => {
    const lonely = await createCompany(hs, { name: 'Lonely Explained' })
    const run = await runCaptured(['explain', 'company', lonely, '--config', config], env)
    expect(run.code).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain(`${lonely} (hubspot company id): 0 link(s)`)
    expect(run.stdout).toContain(`crmsync resync company ${lonely} creates one now (B-CMP-9)`)
    const byName = await runCaptured(['explain', 'company', 'Explain Co', '--config', config], env)
    expect(byName.code).toBe(EXIT_CODES.usage)
  })
})
