import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

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
  HOSTILE_NAME,
  HOSTILE_UNICODE,
  HOSTILE_UNICODE_PRINTED,
  RAW_CONTROL,
} from '../format/hostile-text.js'

const bin = fileURLToPath(new URL('../../bin/crmsync.js', import.meta.url))
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
// HubSpot capture stays 5 s behind the server (the search indexing lag, the connector's default).
const SEARCH_LAG_WAIT_MS = 6500
const CONTACTS = 10

/** The real executable in a child process; asynchronous, because the sandboxes answer from this process. */
function crmsync(args: string[], env: Record<string, string>) {
  const base = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' }
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...base, ...env } }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1
      resolve({ code, stdout, stderr })
    })
  })
}

interface JsonSummary {
  readonly contacts: number
  readonly objects: { contact?: { salesforce: { updated: number }; hubspot: { updated: number } } }
  readonly plan?: { actions: Array<{ kind: string; side: string; hubspotId: string | null }> }
}

describe('crmsync resync (the real binary, both sandboxes)', { timeout: 240_000 }, () => {
  let sandboxes: LocalSandboxes
  let env: Record<string, string>
  let base: string
  /** The same connection with the mapping favorite_color <-> Favorite_Color__c saved (B-MAP-8). */
  let mapped: string
  let sf: Connection
  let hs: Client
  /** Per contact i: the Salesforce lead id and the HubSpot contact id. */
  const leads: string[] = []
  const contacts: string[] = []

  /** Favorite_Color__c of every lead, in contact order. */
  async function salesforceColors(): Promise<Array<string | null>> {
    const result = await sf.query<{ Id: string; Favorite_Color__c: string | null }>(
      'SELECT Id, Favorite_Color__c FROM Lead',
    )
    const byId = new Map(result.records.map((r) => [r.Id, r.Favorite_Color__c ?? null]))
    return leads.map((id) => byId.get(id) ?? null)
  }
  const color = (i: number) => `color${i}`
  const filled = (...indexes: number[]) => leads.map((_, i) => (indexes.includes(i) ? color(i) : null))

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    env = sandboxTokenEnv(sandboxes)
    const dir = mkdtempSync(join(tmpdir(), 'crmsync-resync-'))
    const yaml = sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'state.db')}`)
    base = join(dir, 'base.yaml')
    writeFileSync(base, yaml)
    mapped = join(dir, 'mapped.yaml')
    writeFileSync(mapped, `${yaml}        - { hubspot: favorite_color, salesforce: Favorite_Color__c }\n`)
    sf = await connectSalesforce({
      kind: 'access-token',
      instanceUrl: sandboxes.salesforce.instanceUrl,
      accessToken: sandboxes.salesforce.accessToken,
    })
    hs = new Client({ accessToken: sandboxes.hubspot.accessToken, basePath: sandboxes.hubspot.basePath })
    // The field and property of the mapping added later; neither is mapped at first.
    for (const object of ['Lead', 'Contact']) {
      await sf.tooling.sobject('CustomField').create({
        FullName: `${object}.Favorite_Color__c`,
        Metadata: { type: 'Text', length: 80, label: 'Favorite Color' },
      })
    }
    await hs.crm.properties.coreApi.create('contacts', {
      name: 'favorite_color',
      label: 'Favorite color',
      type: 'string',
      fieldType: 'text',
      groupName: 'contactinformation',
    } as never)
    // Ten linked contacts with values on both sides: Salesforce leads imported into HubSpot.
    const created = await sf.sobject('Lead').create(
      Array.from({ length: CONTACTS }, (_, i) => ({
        LastName: `Person${i}`,
        Company: 'Acme',
        Email: `p${i}@x.com`,
      })),
    )
    for (const r of created) leads.push(r.success ? r.id : '')
    const imported = await crmsync(['import', 'salesforce', '--object', 'contacts', '--config', base], env)
    expect(imported.code, imported.stderr).toBe(EXIT_CODES.ok)
    const page = await hs.crm.contacts.basicApi.getPage(100, undefined, ['email'])
    const byEmail = new Map(page.results.map((c) => [c.properties['email'], c.id]))
    for (let i = 0; i < CONTACTS; i++) contacts.push(byEmail.get(`p${i}@x.com`) ?? '')
    // HubSpot holds a color for each before the mapping exists; Salesforce's field is blank.
    await hs.crm.contacts.batchApi.update({
      inputs: contacts.map((id, i) => ({ id, properties: { favorite_color: color(i) } })),
    })
  })
  afterAll(() => sandboxes.close())

  it('B-MAP-8: a new mapping saved and one cycle with no edits moves nothing', async () => {
    // The capture sees the contacts written before the mapping was saved, so the pairs are planned.
    await sleep(SEARCH_LAG_WAIT_MS)
    const run = await crmsync(['sync', '--once', '--config', mapped, '--json'], env)
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    const summary = JSON.parse(run.stdout) as JsonSummary
    expect(summary.objects.contact?.salesforce.updated ?? 0).toBe(0)
    expect(await salesforceColors()).toEqual(filled())
  })

  it('B-TRIG-8: a single contact is resynced by email, Salesforce id or HubSpot id; no other moves', async () => {
    const byEmail = await crmsync(['resync', 'contact', 'p0@x.com', '--config', mapped], env)
    expect(byEmail.code, byEmail.stderr).toBe(EXIT_CODES.ok)
    expect(byEmail.stdout).toContain('Resync of contact p0@x.com (email): 1 contact(s)')
    expect(byEmail.stdout).toMatch(/contact -> salesforce: created 0, updated 1,/)
    expect(await salesforceColors()).toEqual(filled(0))
    const bySalesforceId = await crmsync(['resync', 'contact', leads[1] ?? '', '--config', mapped], env)
    expect(bySalesforceId.code, bySalesforceId.stderr).toBe(EXIT_CODES.ok)
    const byHubSpotId = await crmsync(['resync', 'contact', contacts[2] ?? '', '--config', mapped], env)
    expect(byHubSpotId.code, byHubSpotId.stderr).toBe(EXIT_CODES.ok)
    expect(await salesforceColors()).toEqual(filled(0, 1, 2))
  })

  it('B-TRIG-8: --list resyncs each member of a HubSpot list once, and no one else', async () => {
    const { list } = await hs.crm.lists.listsApi.create({
      name: 'Resync these',
      objectTypeId: '0-1',
      processingType: 'MANUAL',
    })
    const members = [3, 4, 5].map((i) => contacts[i] ?? '')
    await hs.crm.lists.membershipsApi.add(list.listId, members)
    const args = ['resync', 'contact', '--list', list.listId, '--config', mapped, '--json']
    const dry = await crmsync([...args, '--dry-run'], env)
    expect(dry.code, dry.stderr).toBe(EXIT_CODES.ok)
    const plan = (JSON.parse(dry.stdout) as JsonSummary).plan?.actions ?? []
    const updates = plan.filter((a) => a.kind === 'update' && a.side === 'salesforce')
    expect(updates.map((a) => a.hubspotId).sort()).toEqual([...members].sort())
    expect(await salesforceColors()).toEqual(filled(0, 1, 2))
    const run = await crmsync(args, env)
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    const summary = JSON.parse(run.stdout) as JsonSummary
    expect(summary.contacts).toBe(3)
    expect(summary.objects.contact?.salesforce.updated).toBe(3)
    expect(await salesforceColors()).toEqual(filled(0, 1, 2, 3, 4, 5))
  })

  it('B-MAP-8: resync contact --mapping PROP fills Salesforce from HubSpot for every linked contact', async () => {
    const run = await crmsync(['resync', 'contact', '--mapping', 'favorite_color', '--config', mapped], env)
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain(
      `Resync of linked contacts, to backfill favorite_color: ${CONTACTS} contact(s)`,
    )
    expect(run.stdout).toMatch(/contact -> salesforce: created 0, updated 4,/)
    expect(await salesforceColors()).toEqual(filled(...leads.map((_, i) => i)))
    // The backfill is done: another resync of everyone writes nothing.
    const again = await crmsync(['resync', 'contact', '--mapping', 'favorite_color', '--config', mapped], env)
    expect(again.code, again.stderr).toBe(EXIT_CODES.ok)
    expect(again.stdout).toContain('nothing changed')
  })

  it('B-TRIG-8: --errors TYPE resyncs the contacts with an open error of that code once its cause is fixed', async () => {
    // A job title longer than Lead.Title (128): the create fails with VALUE_TOO_LONG.
    const long = 'T'.repeat(200)
    const created = await hs.crm.contacts.basicApi.create({
      properties: { email: 'long@x.com', lastname: 'Long', company: 'Acme', jobtitle: long },
      associations: [],
    })
    await sleep(SEARCH_LAG_WAIT_MS)
    const failed = await crmsync(['sync', '--once', '--config', mapped], env)
    expect(failed.code).toBe(EXIT_CODES.recordsInError)
    expect(failed.stdout).toContain(`error VALUE_TOO_LONG on salesforce record ${created.id}`)
    // The cause is fixed in HubSpot; the capture lags 5 s behind, so only the resync can sync it now.
    await hs.crm.contacts.basicApi.update(created.id, { properties: { jobtitle: 'CTO' } })
    const run = await crmsync(['resync', 'contact', '--errors', 'VALUE_TOO_LONG', '--config', mapped], env)
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('Resync of contacts with open VALUE_TOO_LONG errors: 1 contact(s)')
    const lead = await sf.query<{ Title: string }>("SELECT Title FROM Lead WHERE Email = 'long@x.com'")
    expect(lead.records.map((r) => r.Title)).toEqual(['CTO'])
    const open = await crmsync(['errors', '--config', mapped], env)
    expect(open.stdout).toMatch(/^0 open error\(s\)/)
  })

  it('failure messages quoting CRM text: --json on one line and the text summary escaped, no raw control character', async () => {
    const rules = (list: unknown[]) =>
      fetch(`${sandboxes.salesforce.instanceUrl}/__sandbox/validation-rules`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rules: list }),
      })
    // A Salesforce validation rule rejects a lead with this last name; its message (org text) quotes it.
    const rule = {
      object: 'Lead',
      name: 'No_Ann',
      condition: "LastName LIKE 'Ann%'",
      message: `Last name not allowed: ${HOSTILE_UNICODE}`,
    }
    expect((await rules([rule])).ok).toBe(true)
    try {
      const created = await hs.crm.contacts.basicApi.create({
        properties: { email: 'hostile@x.com', lastname: HOSTILE_NAME, company: 'Acme' },
        associations: [],
      })
      const json = await crmsync(['resync', 'contact', created.id, '--config', mapped, '--json'], env)
      expect(json.code, json.stderr).toBe(EXIT_CODES.recordsInError)
      expect(json.stdout).not.toMatch(RAW_CONTROL)
      expect(json.stderr).not.toMatch(RAW_CONTROL)
      expect(json.stdout.split('\n')).toHaveLength(2)
      const summary = JSON.parse(json.stdout) as { errors: Array<{ code: string; message: string }> }
      expect(summary.errors.map((e) => e.code)).toEqual(['SF_VALIDATION'])
      expect(summary.errors[0]?.message).toContain(`Last name not allowed: ${HOSTILE_UNICODE}`)

      const text = await crmsync(['resync', 'contact', created.id, '--config', mapped], env)
      expect(text.code, text.stderr).toBe(EXIT_CODES.recordsInError)
      expect(text.stdout).not.toMatch(RAW_CONTROL)
      expect(text.stderr).not.toMatch(RAW_CONTROL)
      const lines = text.stdout.split('\n')
      const errors = lines.filter((line) => line.startsWith('  error SF_VALIDATION on salesforce record '))
      expect(errors).toHaveLength(1)
      expect(errors[0]).toContain(`Last name not allowed: ${HOSTILE_UNICODE_PRINTED}`)
      expect(lines.filter((line) => line.includes('esrever'))).toEqual(errors)
    } finally {
      await rules([])
    }
  })

  // In process (the same program the binary runs): usage errors need no child process each.
  it('usage: deals need deal sync on (B-DEAL-1), companies company sync (B-CMP-1); the selection must be exactly one; exit 2', async () => {
    const deal = await runCaptured(['resync', 'deal', '006000000000001', '--config', base], env)
    expect(deal.code).toBe(EXIT_CODES.usage)
    expect(deal.stderr).toContain('deal sync is off for connection local: set settings.deals.sync: true')
    expect(deal.stderr).toContain('nothing was resynced')
    const task = await runCaptured(['resync', 'task', '00T000000000001', '--config', base], env)
    expect(task.code).toBe(EXIT_CODES.usage)
    expect(task.stderr).toContain('the object must be contact, company or deal (got task)')
    const company = await runCaptured(['resync', 'company', '001000000000001', '--config', base], env)
    expect(company.code).toBe(EXIT_CODES.usage)
    expect(company.stderr).toContain(
      'company sync is off for connection local: set settings.companies.sync: true',
    )
    expect(company.stderr).toContain('nothing was resynced')
    const none = await runCaptured(['resync', 'contact', '--config', base], env)
    expect(none.code).toBe(EXIT_CODES.usage)
    const two = await runCaptured(['resync', 'contact', 'p0@x.com', '--list', '1', '--config', base], env)
    expect(two.code).toBe(EXIT_CODES.usage)
    const unmapped = await runCaptured(['resync', 'contact', '--mapping', 'nosuch', '--config', base], env)
    expect(unmapped.code).toBe(EXIT_CODES.usage)
    expect(unmapped.stderr).toContain('no contact mapping has this HubSpot property')
  })
})
