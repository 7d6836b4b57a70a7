import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { Client } from '@hubspot/api-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import {
  type LocalSandboxes,
  sandboxConfigYaml,
  sandboxTokenEnv,
  startLocalSandboxes,
} from '../demo/local-sandboxes.js'
import { EXIT_CODES } from '../exit-codes.js'
import { companyConfigYaml } from '../testing/company-sandboxes.js'

describe('crmsync doctor with company sync on (B-CMP)', () => {
  let sandboxes: LocalSandboxes
  let env: Record<string, string>
  let config: string
  let off: string
  let hs: Client
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-doctor-companies-'))

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    env = sandboxTokenEnv(sandboxes)
    config = join(dir, 'crmsync.yaml')
    writeFileSync(config, companyConfigYaml(sandboxes, `sqlite:${join(dir, 'state.db')}`))
    off = join(dir, 'off.yaml')
    writeFileSync(off, sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'off.db')}`))
    hs = new Client({
      accessToken: sandboxes.hubspot.accessToken,
      basePath: sandboxes.hubspot.basePath,
      numberOfApiCallRetries: 0,
    })
  })
  afterAll(() => sandboxes.close())

  it('passes on a sandbox pair, checking the Account external-id and mapped fields and the company properties', async () => {
    const run = await runCaptured(['doctor', '--config', config], env)
    expect(run.stdout).not.toContain('FAIL')
    for (const line of [
      'ok   salesforce: Account: create and edit',
      'ok   salesforce: Account: external-id field HubSpot_Id__c',
      'ok   salesforce: Account: required fields',
      'ok   salesforce: Account: mapped fields writable: 13 fields',
      'ok   hubspot: company properties readable',
      'ok   hubspot: company unique property crmsync_salesforce_id: hasUniqueValue=true',
      'ok   hubspot: company link property salesforceaccountid: present',
      'ok   hubspot: property group of company salesforceaccountid: salesforceinformation',
      'ok   hubspot: company mapped properties: 13 mappings',
    ])
      expect(run.stdout).toContain(line)
    expect(run.code).toBe(EXIT_CODES.ok)
    // Off (the default), companies are not checked.
    const without = await runCaptured(['doctor', '--config', off], env)
    expect(without.stdout).not.toContain('Account:')
    expect(without.stdout).not.toContain('hubspot: company')
  })

  it('a static or contact list as the company inclusion list (B-CMP-15) fails with its fix', async () => {
    const withList = async (objectTypeId: string, processingType: string, name: string) => {
      const { list } = await hs.crm.lists.listsApi.create({ name, objectTypeId, processingType })
      const file = join(dir, `${name}.yaml`)
      writeFileSync(
        file,
        companyConfigYaml(sandboxes, `sqlite:${join(dir, `${name}.db`)}`).replace(
          'companies: { sync: true }',
          `companies: { sync: true, inclusionList: "${list.listId}" }`,
        ),
      )
      return { file, listId: list.listId }
    }
    const manual = await withList('0-2', 'MANUAL', 'Handpicked accounts')
    const run = await runCaptured(['doctor', '--config', manual.file], env)
    expect(run.stdout).toContain(
      `FAIL hubspot: company inclusion list ${manual.listId}: "Handpicked accounts", MANUAL (a static list)`,
    )
    expect(run.stdout).toContain(
      'fix: Only an active (DYNAMIC) company list can be the company inclusion list (B-CMP-15)',
    )
    expect(run.code).toBe(EXIT_CODES.connection)
    const people = await withList('0-1', 'MANUAL', 'People')
    const contacts = await runCaptured(['doctor', '--config', people.file], env)
    expect(contacts.stdout).toContain(`"People", MANUAL (a list of contacts, not companies)`)
  })

  it('a missing company link property fails with what to create, and exits 3', async () => {
    const removed = await fetch(
      `${sandboxes.hubspot.basePath}/crm/v3/properties/companies/salesforceaccountid`,
      {
        method: 'DELETE',
        headers: { authorization: `Bearer ${sandboxes.hubspot.accessToken}` },
      },
    )
    expect(removed.ok).toBe(true)
    const run = await runCaptured(['doctor', '--config', config], env)
    expect(run.stdout).toContain('FAIL hubspot: company link property salesforceaccountid: missing')
    expect(run.stdout).toContain(
      'fix: Create a single-line text company property salesforceaccountid in the group ' +
        '"Salesforce information" (salesforceinformation); crmsync writes the linked Account id there.',
    )
    // The contact checks are unaffected.
    expect(run.stdout).toContain('ok   hubspot: link property salesforcecontactid: present')
    expect(run.code).toBe(EXIT_CODES.connection)
  })
})
