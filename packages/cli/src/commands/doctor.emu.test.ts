import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { propertyFilterBranch } from '@crmsync/hubspot/testing/list-filters'
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

/** An active list's filter: every contact with an email. */
const ANY_EMAIL = propertyFilterBranch('email', { operationType: 'ALL_PROPERTY', operator: 'IS_KNOWN' })

describe('crmsync doctor against both sandboxes', () => {
  let sandboxes: LocalSandboxes
  let config: string
  let env: Record<string, string>
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-doctor-'))

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    config = join(dir, 'crmsync.yaml')
    writeFileSync(config, sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'state.db')}`))
    env = sandboxTokenEnv(sandboxes)
  })
  afterAll(() => sandboxes.close())

  it('passes every check on a sandbox pair set up as the seeds do, and exits 0', async () => {
    const run = await runCaptured(['doctor', '--config', config], env)
    expect(run.stdout).not.toContain('FAIL')
    expect(run.stdout).toContain('ok   salesforce: Lead: external-id field')
    expect(run.stdout).toContain('ok   hubspot: unique property crmsync_salesforce_id')
    expect(run.stdout).toContain('ok   hubspot: link property salesforcecontactid')
    expect(run.stdout).toMatch(/ok {3}store: org and portal identity: .*recorded at the first sync/)
    expect(run.code).toBe(EXIT_CODES.ok)
  })

  it('B-OWN-1: warns, without failing, of Salesforce owners with no HubSpot owner, and stops once one is added', async () => {
    const run = await runCaptured(['doctor', '--config', config], env)
    const warning = run.stdout.split('\n').find((line) => line.startsWith('warn salesforce: owners:')) ?? ''
    expect(warning).toContain('queues: Inbound Leads Queue (inbound-leads@acme-demo.com)')
    expect(warning).toContain('active users: Hannah Iversen (hannah.iversen@acme-demo.com)')
    expect(run.stdout).toContain("for a queue, a HubSpot user with the queue's email")
    expect(run.code).toBe(EXIT_CODES.ok)
    const added = await fetch(`${sandboxes.hubspot.basePath}/__sandbox/owners`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'inbound-leads@acme-demo.com', firstName: 'Inbound', lastName: 'Leads' }),
    })
    expect(added.status).toBe(200)
    const after = await runCaptured(['doctor', '--config', config], env)
    const line = after.stdout.split('\n').find((l) => l.includes('salesforce: owners:')) ?? ''
    expect(line).not.toContain('Inbound Leads Queue')
    expect(line).toContain('Hannah Iversen')
  })

  it('a wrong HubSpot token fails the credentials check with what to fix, and exits 3', async () => {
    const run = await runCaptured(['doctor', '--config', config], { ...env, CRMSYNC_HS_TOKEN: 'wrong' })
    expect(run.stdout).toMatch(/FAIL hubspot: credentials: /)
    expect(run.stdout).toContain('fix: Use a private app token')
    expect(run.code).toBe(EXIT_CODES.connection)
  })

  it('B-MAP-14: the link properties sit in the Salesforce information group; another group is a problem with a fix', async () => {
    const hs = new Client({
      accessToken: sandboxes.hubspot.accessToken,
      basePath: sandboxes.hubspot.basePath,
      numberOfApiCallRetries: 0,
    })
    for (const name of ['salesforceleadid', 'salesforcecontactid']) {
      expect((await hs.crm.properties.coreApi.getByName('contacts', name)).groupName).toBe(
        'salesforceinformation',
      )
    }
    const before = await runCaptured(['doctor', '--config', config], env)
    expect(before.stdout).toContain('ok   hubspot: property group of salesforceleadid: salesforceinformation')
    expect(before.stdout).toContain(
      'ok   hubspot: property group of salesforcecontactid: salesforceinformation',
    )
    await hs.crm.properties.coreApi.update('contacts', 'salesforcecontactid', {
      groupName: 'contactinformation',
    })
    try {
      const run = await runCaptured(['doctor', '--config', config], env)
      expect(run.stdout).toContain('FAIL hubspot: property group of salesforcecontactid: contactinformation')
      expect(run.stdout).toContain(
        'fix: Move the contact property salesforcecontactid to the group "Salesforce information" (salesforceinformation)',
      )
      expect(run.code).toBe(EXIT_CODES.connection)
    } finally {
      await hs.crm.properties.coreApi.update('contacts', 'salesforcecontactid', {
        groupName: 'salesforceinformation',
      })
    }
  })

  it('a missing unique property is named with the fix', async () => {
    await fetch(`${sandboxes.hubspot.basePath}/crm/v3/properties/contacts/salesforceleadid`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${sandboxes.hubspot.accessToken}` },
    })
    const run = await runCaptured(['doctor', '--config', config], env)
    expect(run.stdout).toContain('FAIL hubspot: link property salesforceleadid: missing')
    expect(run.stdout).toContain('fix: Create a single-line text contact property salesforceleadid')
    expect(run.code).toBe(EXIT_CODES.connection)
  })

  it('a store that recorded another org fails the identity check (design.md 3.1)', async () => {
    const other = join(dir, 'other.yaml')
    const storeUrl = `sqlite:${join(dir, 'other.db')}`
    writeFileSync(other, sandboxConfigYaml(sandboxes, storeUrl))
    const { createStateStore } = await import('@crmsync/store')
    const store = createStateStore(storeUrl)
    await store.migrate()
    await store.setIdentity({ connectionId: 'local', salesforceOrgId: '00Dother', hubspotPortalId: '1' })
    await store.close()
    const run = await runCaptured(['doctor', '--config', other], env)
    expect(run.stdout).toMatch(
      /FAIL store: org and portal identity: salesforceOrgId and hubspotPortalId changed/,
    )
    expect(run.code).toBe(EXIT_CODES.connection)
  })

  it('a mapping to a field and property that do not exist fails both mapped-field checks', async () => {
    const extra = join(dir, 'extra.yaml')
    writeFileSync(
      extra,
      sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'extra.db')}`).replace(
        '      contact:\n',
        '      contact:\n        - { hubspot: favorite_color, salesforce: Favorite_Color__c }\n',
      ),
    )
    const run = await runCaptured(['doctor', '--config', extra], env)
    expect(run.stdout).toMatch(
      /FAIL salesforce: Lead: mapped fields writable: not found or not writable: Favorite_Color__c/,
    )
    expect(run.stdout).toMatch(/FAIL hubspot: mapped properties: missing: favorite_color/)
    expect(run.code).toBe(EXIT_CODES.connection)
  })

  it('B-CON-16: a static (MANUAL) inclusion list is a problem with a fix; an active one passes', async () => {
    const hs = new Client({
      accessToken: sandboxes.hubspot.accessToken,
      basePath: sandboxes.hubspot.basePath,
      numberOfApiCallRetries: 0,
    })
    const withList = async (processingType: 'MANUAL' | 'DYNAMIC', name: string) => {
      const { list } = await hs.crm.lists.listsApi.create({
        name,
        objectTypeId: '0-1',
        processingType,
        ...(processingType === 'DYNAMIC' ? { filterBranch: ANY_EMAIL } : {}),
      } as never)
      const file = join(dir, `${name}.yaml`)
      writeFileSync(
        file,
        `${sandboxConfigYaml(sandboxes, `sqlite:${join(dir, `${name}.db`)}`)}` +
          `    settings:\n      contacts:\n        inclusionList: "${list.listId}"\n`,
      )
      return { file, listId: list.listId }
    }
    const manual = await withList('MANUAL', 'Handpicked')
    const run = await runCaptured(['doctor', '--config', manual.file], env)
    expect(run.stdout).toContain(
      `FAIL hubspot: inclusion list ${manual.listId}: "Handpicked", MANUAL (a static list)`,
    )
    expect(run.stdout).toContain('fix: Only an active (DYNAMIC) list can be the inclusion list (B-CON-16)')
    expect(run.code).toBe(EXIT_CODES.connection)
    const active = await withList('DYNAMIC', 'Everyone')
    const ok = await runCaptured(['doctor', '--config', active.file], env)
    expect(ok.stdout).toContain(`ok   hubspot: inclusion list ${active.listId}: "Everyone", DYNAMIC`)
  })

  it('B-OPT-1: a config that edits or switches off the locked opt-out mapping is refused with file, path and message', async () => {
    for (const rule of ['two-way', 'none']) {
      const file = join(dir, `optout-${rule}.yaml`)
      writeFileSync(
        file,
        sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'optout.db')}`).replace(
          '      contact:\n',
          `      contact:\n        - { hubspot: hs_email_optout, salesforce: HasOptedOutOfEmail, rule: ${rule} }\n`,
        ),
      )
      const run = await runCaptured(['doctor', '--config', file], env)
      expect(run.stderr).toContain(file)
      expect(run.stderr).toMatch(
        /mappings\.contact\[0\]\.hubspot: hs_email_optout is mapped by crmsync with the locked rule opt-out/,
      )
      expect(run.code).toBe(EXIT_CODES.usage)
    }
  })

  it('a config error exits 2', async () => {
    const bad = join(dir, 'bad.yaml')
    writeFileSync(bad, 'connections: 3\n')
    expect((await runCaptured(['doctor', '--config', bad], env)).code).toBe(EXIT_CODES.usage)
  })
})
