import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { connectSalesforce } from '@crmsync/salesforce'
import type { Connection } from 'jsforce'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import { type LocalSandboxes, sandboxTokenEnv, startLocalSandboxes } from '../demo/local-sandboxes.js'
import { EXIT_CODES } from '../exit-codes.js'
import { HOSTILE_TEXT, HOSTILE_TEXT_PRINTED, RAW_CONTROL } from '../format/hostile-text.js'
import { companyLinks, createAccount } from '../testing/company-sandboxes.js'
import {
  createOpportunity,
  dealConfigYaml,
  dealLinks,
  opportunityRecordTypes,
} from '../testing/deal-sandboxes.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('crmsync explain deal (B-DEAL)', { timeout: 120_000 }, () => {
  let sandboxes: LocalSandboxes
  let env: Record<string, string>
  let config: string
  let storeUrl: string
  let sf: Connection
  let opportunityId = ''
  let accountId = ''
  let contactId = ''

  const sync = async () => {
    await sleep(1100)
    const run = await runCaptured(['sync', '--once', '--config', config], env)
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
  }
  const rowOf = (stdout: string, property: string) =>
    stdout.split('\n').filter((line) => line.trim().startsWith(`${property} `))

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    env = sandboxTokenEnv(sandboxes)
    const dir = mkdtempSync(join(tmpdir(), 'crmsync-explain-deal-'))
    storeUrl = `sqlite:${join(dir, 'state.db')}`
    config = join(dir, 'crmsync.yaml')
    writeFileSync(config, dealConfigYaml(sandboxes, storeUrl))
    sf = await connectSalesforce({
      kind: 'access-token',
      instanceUrl: sandboxes.salesforce.instanceUrl,
      accessToken: sandboxes.salesforce.accessToken,
    })
    await sync()
    // An account (synced by itself, B-CMP-2) with a contact, then an opportunity of that account with the
    // contact in a role, its description what a hostile user could type.
    accountId = await createAccount(sf, { Name: 'Explain Deals AS' })
    const contact = await sf
      .sobject('Contact')
      .create({ LastName: 'Role', Email: 'role@explain.example', AccountId: accountId })
    if (!contact.success) throw new Error('create Contact failed')
    contactId = contact.id
    await sync()
    const renewal = (await opportunityRecordTypes(sf)).get('Renewal')
    opportunityId = await createOpportunity(sf, {
      Name: 'Explained renewal',
      Amount: 4200,
      StageName: 'Needs Analysis',
      RecordTypeId: renewal,
      AccountId: accountId,
      Description: HOSTILE_TEXT,
    })
    const role = await sf
      .sobject('OpportunityContactRole')
      .create({ OpportunityId: opportunityId, ContactId: contactId, Role: 'Decision Maker', IsPrimary: true })
    if (!role.success) throw new Error('create OpportunityContactRole failed')
    await sync()
    await sync()
  }, 120_000)
  afterAll(() => sandboxes.close())

  it('explain deal OPPORTUNITY_ID: link, values both sides with the stage label, pipeline, account and contact roles', async () => {
    const link = (await dealLinks(storeUrl)).find((l) => l.salesforceId === opportunityId)!
    expect(link.state).toBe('active')
    const company = (await companyLinks(storeUrl)).find((l) => l.salesforceId === accountId)!
    const run = await runCaptured(['explain', 'deal', opportunityId, '--config', config], env)
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain(`${opportunityId} (salesforce opportunity id): 1 link(s)`)
    expect(run.stdout).toContain(
      `link active: HubSpot deal ${link.hubspotId} <-> Salesforce Opportunity ${opportunityId}`,
    )
    const [stage] = rowOf(run.stdout, 'dealstage')
    expect(stage).toMatch(
      /^ {2}dealstage +\S+ \(Needs Analysis\) +StageName +Needs Analysis +two-way +Needs Analysis/,
    )
    expect(rowOf(run.stdout, 'amount')[0]).toMatch(/amount +4200(\.00)? +Amount +4200 +two-way/)
    expect(run.stdout).toContain(`pipeline: HubSpot pipeline "Salesforce - Renewal" (`)
    expect(run.stdout).toMatch(
      /Opportunity record type "Renewal" \(\w+\), syncs with "Salesforce - Renewal" \(\d+\)/,
    )
    expect(run.stdout).toContain(
      `account (pass 3): HubSpot primary company ${company.hubspotId} (linked to Account ${accountId}); ` +
        `Salesforce Opportunity.AccountId ${accountId} (linked to company ${company.hubspotId}): in step`,
    )
    const contact = (await runCaptured(['explain', contactId, '--config', config], env)).stdout.match(
      /HubSpot contact (\d+) <->/,
    )?.[1]
    expect(run.stdout).toContain(
      `contact roles (pass 3): Salesforce Opportunity contact roles 1 (${contactId} = contact ${contact}); HubSpot deal contacts 1 (${contact})`,
    )
    expect(run.stdout).toMatch(/contacts state on the link \(deal:contacts\): agreed/)
    expect(run.stdout).toMatch(/account state on the link \(deal:account\): agreed/)
    // CRM text is printed escaped, on its own line.
    const [description] = rowOf(run.stdout, 'description')
    expect(description).toContain(HOSTILE_TEXT_PRINTED)
    expect(run.stdout).not.toContain(RAW_CONTROL)
    expect(run.stdout).toMatch(/history|no decisions recorded/)
  })

  it('a bare Opportunity id is a deal; the HubSpot deal id finds the same link; the history shows a decision', async () => {
    const link = (await dealLinks(storeUrl)).find((l) => l.salesforceId === opportunityId)!
    await sf.sobject('Opportunity').update({ Id: opportunityId, Amount: 5100 })
    await sync()
    const bare = await runCaptured(['explain', opportunityId, '--config', config], env)
    expect(bare.code, bare.stderr).toBe(EXIT_CODES.ok)
    expect(bare.stdout).toContain(`${opportunityId} (salesforce opportunity id): 1 link(s)`)
    const byDeal = await runCaptured(['explain', 'deal', link.hubspotId, '--config', config], env)
    expect(byDeal.code, byDeal.stderr).toBe(EXIT_CODES.ok)
    expect(byDeal.stdout).toContain(`${link.hubspotId} (hubspot deal id): 1 link(s)`)
    expect(byDeal.stdout).toContain('history (newest first):')
    expect(byDeal.stdout).toMatch(/amount +4200\.00 -> 5100\.00 +sf->hs +two-way/)
  })

  it('an unlinked opportunity says how to sync it; a name is refused (exit 2)', async () => {
    const unlinked = await createOpportunity(sf, { Name: 'Older than the link' })
    const run = await runCaptured(['explain', 'deal', unlinked, '--config', config], env)
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain(
      `salesforce Opportunity ${unlinked}: not linked: crmsync import salesforce --object deals syncs it`,
    )
    const named = await runCaptured(['explain', 'deal', 'Explained renewal', '--config', config], env)
    expect(named.code).toBe(EXIT_CODES.usage)
    expect(named.stderr).toContain(
      'a deal is named by its HubSpot deal id (digits) or its Salesforce Opportunity id',
    )
  })
})
