// `crmsync doctor --fix` through both sandboxes and the official clients (B-INST-11): an unmapped Account
// custom field is listed as a suggestion, then --fix creates the matching HubSpot company dropdown and writes
// the mapping into the config file with its comments kept; a missing HubSpot link property is created too.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { Client } from '@hubspot/api-client'
import jsforce from 'jsforce'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import { type LocalSandboxes, sandboxTokenEnv, startLocalSandboxes } from '../demo/local-sandboxes.js'
import { EXIT_CODES } from '../exit-codes.js'
import { companyConfigYaml, createAccount } from '../testing/company-sandboxes.js'

const TIERS = ['Gold', 'Silver', 'Bronze']

describe('crmsync doctor --fix (B-INST-11)', () => {
  let sandboxes: LocalSandboxes
  let config: string
  let env: Record<string, string>
  let hs: Client
  let sf: jsforce.Connection
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-doctor-fix-'))

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    config = join(dir, 'crmsync.yaml')
    writeFileSync(config, companyConfigYaml(sandboxes, `sqlite:${join(dir, 'state.db')}`))
    env = sandboxTokenEnv(sandboxes)
    hs = new Client({
      accessToken: sandboxes.hubspot.accessToken,
      basePath: sandboxes.hubspot.basePath,
      numberOfApiCallRetries: 0,
    })
    sf = new jsforce.Connection({
      instanceUrl: sandboxes.salesforce.instanceUrl,
      accessToken: sandboxes.salesforce.accessToken,
      version: '59.0',
    })
    // Tier__c: a picklist an admin added to Account, with no HubSpot counterpart.
    await sf.tooling.sobject('CustomField').create({
      FullName: 'Account.Tier__c',
      Metadata: {
        label: 'Tier',
        type: 'Picklist',
        valueSet: { valueSetDefinition: { value: TIERS.map((fullName) => ({ fullName })) } },
      },
    })
  })
  afterAll(() => sandboxes.close())

  it('B-INST-11: without --fix the unmapped Account field is only suggested and nothing changes', async () => {
    const before = readFileSync(config, 'utf8')
    const run = await runCaptured(['doctor', '--config', config], env)
    expect(run.stdout).toContain('warn salesforce: unmapped custom fields: Account.Tier__c -> companies tier')
    expect(run.stdout).toContain('crmsync doctor --fix')
    expect(readFileSync(config, 'utf8')).toBe(before)
    await expect(hs.crm.properties.coreApi.getByName('companies', 'tier')).rejects.toThrow()
  })

  it('B-INST-11: --fix creates the HubSpot dropdown with the same options, maps it in the file with its comments kept, and the field syncs', async () => {
    // A link property gone missing is created again as well.
    await hs.crm.properties.coreApi.archive('contacts', 'salesforceleadid')
    const run = await runCaptured(['doctor', '--fix', '--config', config], env)
    expect(run.stdout).toContain(
      'ok   hubspot: fix: Account.Tier__c: created companies property tier (select)',
    )
    expect(run.stdout).toContain(
      'ok   hubspot: fix: contacts property salesforceleadid: created in salesforceinformation',
    )
    expect(run.stdout).toContain(`ok   store: fix: mappings: added to ${config}: tier`)
    expect(run.stdout).toContain('ok   hubspot: link property salesforceleadid: present')
    const tier = await hs.crm.properties.coreApi.getByName('companies', 'tier')
    expect(tier.type).toBe('enumeration')
    expect(tier.fieldType).toBe('select')
    expect(tier.options.map((o) => o.value)).toEqual(TIERS)
    const file = readFileSync(config, 'utf8')
    expect(file).toContain('# every default mapping (B-MAP-9); add or override entries here')
    expect(file).toMatch(/company:\n\s+- hubspot: tier\n\s+salesforce: Tier__c/)
    expect(file).toContain('accessToken: "${CRMSYNC_SF_TOKEN}"')

    const again = await runCaptured(['doctor', '--config', config], env)
    expect(again.stdout).not.toContain('unmapped custom fields')
    expect(again.stdout).toContain('ok   hubspot: mapped properties')

    // The mapping is live: a Salesforce account's tier reaches its HubSpot company (made after the first run,
    // since connecting copies nothing, B-INST-6).
    expect((await runCaptured(['sync', '--once', '--config', config], env)).code).toBe(EXIT_CODES.ok)
    const account = await createAccount(sf, { Name: 'Tiered Co', Tier__c: 'Silver' })
    // An account syncs once a contact of it does (B-CMP-5).
    await sf.sobject('Contact').create({ LastName: 'Tiered', Email: 'tiered@tiered.com', AccountId: account })
    const sync = await runCaptured(['sync', '--once', '--config', config], env)
    expect(sync.code).toBe(EXIT_CODES.ok)
    const companies = await hs.crm.companies.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'name', operator: 'EQ' as never, value: 'Tiered Co' }] }],
      properties: ['tier'],
      limit: 10,
    })
    expect(companies.results.map((c) => c.properties['tier'])).toEqual(['Silver'])
  })
})
