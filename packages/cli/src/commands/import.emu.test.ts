import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

import { createDynamicList } from '@crmsync/hubspot/testing/list-filters'
import { connectSalesforce } from '@crmsync/salesforce'
import { createStateStore } from '@crmsync/store'
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
  HOSTILE_NAME,
  HOSTILE_UNICODE,
  HOSTILE_UNICODE_PRINTED,
  RAW_CONTROL,
} from '../format/hostile-text.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('crmsync import (B-INST-6, B-BULK)', () => {
  let sandboxes: LocalSandboxes
  let config: string
  let storeUrl: string
  let env: Record<string, string>
  let sf: Connection
  let hs: Client

  async function hubspotContacts(): Promise<Array<{ id: string; email: string | null }>> {
    const page = await hs.crm.contacts.basicApi.getPage(100, undefined, [
      'email',
      'salesforceleadid',
      'salesforcecontactid',
    ])
    return page.results.map((c) => ({ id: c.id, email: c.properties['email'] ?? null }))
  }

  async function linkCount(): Promise<number> {
    const store = createStateStore(storeUrl)
    const links = await store.listLinks({ connectionId: 'local', objectKind: 'contact', limit: 1000 })
    const inbox = await store.countInbox('local')
    await store.close()
    expect(inbox).toBe(0)
    return links.length
  }

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    const dir = mkdtempSync(join(tmpdir(), 'crmsync-import-'))
    config = join(dir, 'crmsync.yaml')
    storeUrl = `sqlite:${join(dir, 'state.db')}`
    writeFileSync(config, sandboxConfigYaml(sandboxes, storeUrl))
    env = sandboxTokenEnv(sandboxes)
    sf = await connectSalesforce({
      kind: 'access-token',
      instanceUrl: sandboxes.salesforce.instanceUrl,
      accessToken: sandboxes.salesforce.accessToken,
    })
    hs = new Client({ accessToken: sandboxes.hubspot.accessToken, basePath: sandboxes.hubspot.basePath })
    await sf
      .sobject('Lead')
      .create([1, 2, 3].map((i) => ({ LastName: `Lead${i}`, Company: 'Acme', Email: `lead${i}@x.com` })))
    await sf
      .sobject('Contact')
      .create([1, 2].map((i) => ({ LastName: `Contact${i}`, Email: `contact${i}@x.com` })))
    // B-BULK-4: three Salesforce records share an email that an existing HubSpot contact has.
    await sf.sobject('Contact').create({ LastName: 'Dup', Email: 'dup@x.com' })
    await sf
      .sobject('Lead')
      .create([1, 2].map((i) => ({ LastName: `Dup${i}`, Company: 'Acme', Email: 'dup@x.com' })))
    await hs.crm.contacts.basicApi.create({
      properties: { email: 'dup@x.com', firstname: 'Dee' },
      associations: [],
    })
    // Records older than the connection: its first sync starts the cursors after them.
    await sleep(1100)
  })
  afterAll(() => sandboxes.close())

  it('B-INST-6: connecting copies nothing by itself', async () => {
    const run = await runCaptured(['sync', '--once', '--config', config, '--json'], env)
    expect(run.code).toBe(EXIT_CODES.ok)
    expect(await hubspotContacts()).toHaveLength(1)
    expect(await linkCount()).toBe(0)
  })

  it('--dry-run shows what would happen and writes nothing', async () => {
    const run = await runCaptured(
      ['import', 'salesforce', '--object', 'contacts', '--config', config, '--dry-run'],
      env,
    )
    expect(run.code).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('Dry run of the import of salesforce contacts: 8 record(s) found')
    expect(run.stdout).toMatch(/would do: .*create hubspot/)
    expect(await hubspotContacts()).toHaveLength(1)
    expect(await linkCount()).toBe(0)
  })

  it('B-BULK-1 (contacts): every Salesforce lead and contact gets a linked HubSpot contact', async () => {
    const run = await runCaptured(['import', 'salesforce', '--object', 'contacts', '--config', config], env)
    expect(run.stderr).not.toContain('"level":"error"')
    expect(run.code).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('Import of salesforce contacts: 8 record(s) found')
    const contacts = await hubspotContacts()
    for (const email of ['lead1@x.com', 'lead2@x.com', 'lead3@x.com', 'contact1@x.com', 'contact2@x.com'])
      expect(contacts.filter((c) => c.email === email)).toHaveLength(1)
    const created = /^ {2}hubspot +(\d+)/m.exec(run.stdout)?.[1]
    expect(created).toBe('5')
  })

  it('B-BULK-4: three Salesforce records with one email and an existing HubSpot contact create nothing new', async () => {
    const contacts = await hubspotContacts()
    expect(contacts.filter((c) => c.email === 'dup@x.com')).toHaveLength(1)
    const result = await sf.query<{ Id: string }>("SELECT Id FROM Contact WHERE Email = 'dup@x.com'")
    const dupContactId = result.records[0]?.Id ?? ''
    const store = createStateStore(storeUrl)
    const link = await store.getLink('local', 'contact', 'salesforce', dupContactId)
    await store.close()
    expect(link?.hubspotId).toBe(contacts.find((c) => c.email === 'dup@x.com')?.id)
  })

  it('import hubspot: unlinked HubSpot contacts become Salesforce leads; linked ones write nothing', async () => {
    await hs.crm.contacts.batchApi.create({
      inputs: [1, 2].map((i) => ({
        properties: { email: `hs${i}@x.com`, lastname: `Hs${i}`, company: 'Beta' },
        associations: [],
      })),
    })
    const run = await runCaptured(['import', 'hubspot', '--object', 'contacts', '--config', config], env)
    expect(run.code).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('Import of hubspot contacts: 8 record(s) found')
    const leads = await sf.query<{ Id: string }>(
      "SELECT Id FROM Lead WHERE Email IN ('hs1@x.com', 'hs2@x.com')",
    )
    expect(leads.records).toHaveLength(2)
    // Salesforce: 2 leads created, nothing updated; HubSpot: only the 2 new contacts' link properties.
    expect(/^ {2}salesforce +(\d+) +(\d+)/m.exec(run.stdout)?.slice(1)).toEqual(['2', '0'])
    expect(/^ {2}hubspot +(\d+) +(\d+)/m.exec(run.stdout)?.slice(1)).toEqual(['0', '2'])
  })

  it('other objects exit 2, naming the three it takes', async () => {
    // Companies and deals are built (import-companies.emu.test.ts, import-deals.emu.test.ts).
    const run = await runCaptured(['import', 'salesforce', '--object', 'tasks', '--config', config], env)
    expect(run.code).toBe(EXIT_CODES.usage)
    expect(run.stderr).toContain('--object must be contacts, companies or deals (got tasks)')
  })

  // A field the rules kept apart has its shadow recorded, so an unchanged Salesforce value is not propagated
  // when its mapping is switched on (design.md 3.1, B-MAP-8/10); an import plans its arrivals with fresh
  // Salesforce values (engine syncOnce salesforceImport), so it backfills.
  it('B-BULK-6: after a mapping is switched on, a Salesforce import fills it in HubSpot', async () => {
    // Switched off at first: the linked contacts' HubSpot job titles stay blank while Salesforce has them.
    const off = sandboxConfigYaml(sandboxes, storeUrl).replace(
      '      contact:\n',
      '      contact:\n        - { hubspot: jobtitle, salesforce: Title, rule: none }\n',
    )
    const offConfig = join(dirname(config), 'jobtitle-off.yaml')
    writeFileSync(offConfig, off)
    const leads = await sf.query<{ Id: string }>("SELECT Id FROM Lead WHERE Email = 'lead1@x.com'")
    const leadId = leads.records[0]?.Id ?? ''
    await sf.sobject('Lead').update({ Id: leadId, Title: 'CTO' })
    await runCaptured(['sync', '--once', '--config', offConfig], env)
    const before = await hubspotContacts()
    const id = before.find((c) => c.email === 'lead1@x.com')?.id ?? ''
    const read = async () => (await hs.crm.contacts.basicApi.getById(id, ['jobtitle'])).properties['jobtitle']
    expect(await read()).toBeFalsy()
    // The mapping is on again (the default config): the import backfills it.
    const run = await runCaptured(['import', 'salesforce', '--object', 'contacts', '--config', config], env)
    expect(run.code).toBe(EXIT_CODES.ok)
    expect(await read()).toBe('CTO')
  })
})

describe('crmsync import with an inclusion list (B-BULK-3)', () => {
  let sandboxes: LocalSandboxes
  let config: string
  let env: Record<string, string>
  let sf: Connection
  let hs: Client

  /** Every contact's mapped properties that an import could fill, by email. */
  async function hubspotByEmail(): Promise<Map<string, Record<string, string | null>>> {
    const page = await hs.crm.contacts.basicApi.getPage(100, undefined, [
      'email',
      'lastname',
      'jobtitle',
      'company',
      'phone',
    ])
    return new Map(page.results.map((c) => [c.properties['email'] ?? '', c.properties]))
  }

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    const dir = mkdtempSync(join(tmpdir(), 'crmsync-import-list-'))
    config = join(dir, 'crmsync.yaml')
    env = sandboxTokenEnv(sandboxes)
    hs = new Client({ accessToken: sandboxes.hubspot.accessToken, basePath: sandboxes.hubspot.basePath })
    // The segment: a DYNAMIC list of contacts whose email contains "inside" (B-CON-15/16).
    const listId = await createDynamicList(hs, 'Inside', 'email', {
      operationType: 'STRING',
      operator: 'CONTAINS',
      value: 'inside',
      includeObjectsWithNoValueSet: false,
    })
    const yaml = sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'state.db')}`)
    writeFileSync(config, `${yaml}    settings:\n      contacts: { inclusionList: "${listId}" }\n`)
    sf = await connectSalesforce({
      kind: 'access-token',
      instanceUrl: sandboxes.salesforce.instanceUrl,
      accessToken: sandboxes.salesforce.accessToken,
    })
    await sf.sobject('Lead').create([
      { LastName: 'Inside', Company: 'Acme', Title: 'CTO', Email: 'inside@x.com' },
      { LastName: 'Outside', Company: 'Beta', Title: 'CEO', Email: 'outside@x.com' },
    ])
    await sleep(1100)
  })
  afterAll(() => sandboxes.close())

  it('B-BULK-3: a lead outside the segment brings only its email; one inside has all mapped fields', async () => {
    const run = await runCaptured(['import', 'salesforce', '--object', 'contacts', '--config', config], env)
    expect(run.stderr).not.toContain('"level":"error"')
    expect(run.code).toBe(EXIT_CODES.ok)
    const contacts = await hubspotByEmail()
    expect(contacts.get('inside@x.com')).toMatchObject({
      lastname: 'Inside',
      jobtitle: 'CTO',
      company: 'Acme',
    })
    const outside = contacts.get('outside@x.com')
    expect(outside).toBeDefined()
    for (const property of ['lastname', 'jobtitle', 'company']) expect(outside?.[property] ?? '').toBe('')
  })

  it('B-BULK-3 / B-CON-19: a later sync of the outside lead leaves its HubSpot properties blank', async () => {
    const leads = await sf.query<{ Id: string }>("SELECT Id FROM Lead WHERE Email = 'outside@x.com'")
    await sf.sobject('Lead').update({ Id: leads.records[0]?.Id ?? '', Phone: '555-0100' })
    const run = await runCaptured(['sync', '--once', '--config', config], env)
    expect(run.code).toBe(EXIT_CODES.ok)
    const outside = (await hubspotByEmail()).get('outside@x.com')
    for (const property of ['lastname', 'jobtitle', 'company', 'phone'])
      expect(outside?.[property] ?? '').toBe('')
  })
})

describe('crmsync import prints CRM text escaped (safe-text)', () => {
  let sandboxes: LocalSandboxes
  let config: string
  let env: Record<string, string>

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    const dir = mkdtempSync(join(tmpdir(), 'crmsync-import-hostile-'))
    config = join(dir, 'crmsync.yaml')
    writeFileSync(config, sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'state.db')}`))
    env = sandboxTokenEnv(sandboxes)
    const hs = new Client({
      accessToken: sandboxes.hubspot.accessToken,
      basePath: sandboxes.hubspot.basePath,
    })
    await hs.crm.contacts.batchApi.create({
      inputs: [1, 2].map((i) => ({
        properties: { email: `hostile${i}@x.com`, lastname: HOSTILE_NAME, company: 'Acme' },
        associations: [],
      })),
    })
    // A Salesforce validation rule rejects a lead with this last name; its message (org text) quotes it.
    const rules = await fetch(`${sandboxes.salesforce.instanceUrl}/__sandbox/validation-rules`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        rules: [
          {
            object: 'Lead',
            name: 'No_Ann',
            condition: "LastName LIKE 'Ann%'",
            message: `Last name not allowed: ${HOSTILE_UNICODE}`,
          },
        ],
      }),
    })
    expect(rules.ok).toBe(true)
    await sleep(1100)
    const connected = await runCaptured(['sync', '--once', '--config', config], env)
    expect(connected.code, connected.stderr).toBe(EXIT_CODES.ok)
  })
  afterAll(() => sandboxes.close())

  it('failure messages: one line per error, no raw control character', async () => {
    const run = await runCaptured(['import', 'hubspot', '--object', 'contacts', '--config', config], env)
    expect(run.code, run.stderr).toBe(EXIT_CODES.recordsInError)
    expect(run.stdout).not.toMatch(RAW_CONTROL)
    expect(run.stderr).not.toMatch(RAW_CONTROL)
    const lines = run.stdout.split('\n')
    const errors = lines.filter((line) => line.startsWith('  error SF_VALIDATION on salesforce '))
    expect(errors).toHaveLength(2)
    for (const line of errors) expect(line).toContain(`Last name not allowed: ${HOSTILE_UNICODE_PRINTED}`)
    // Every line that quotes the value is an error row: nothing forged a row of its own.
    expect(lines.filter((line) => line.includes('esrever'))).toEqual(errors)
  })
})
