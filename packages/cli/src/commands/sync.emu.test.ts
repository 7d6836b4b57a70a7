import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { Client } from '@hubspot/api-client'
import { type RunningHubSpotSandbox, startHubSpotSandbox } from 'hubspot-sandbox'
import { Connection } from 'jsforce'
import { type RunningSandbox, startSalesforceSandbox } from 'salesforce-sandbox'
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
import { runCli } from '../program.js'

const bin = fileURLToPath(new URL('../../bin/crmsync.js', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'crmsync-sync-'))

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

async function writeCalls(base: string, isSalesforce: boolean): Promise<number> {
  const body = (await (await fetch(`${base}/__sandbox/counters`)).json()) as {
    endpoints: Record<string, number | { calls: number }>
  }
  return Object.entries(body.endpoints)
    .filter(([key]) => {
      const [method = '', route = ''] = key.split(' ')
      if (method === 'GET' || /\/search$|\/batch\/read$/.test(route)) return false
      return !(isSalesforce && method === 'POST' && /\/composite\/sobjects\/:[^/]+$/.test(route))
    })
    .reduce((sum, [, v]) => sum + (typeof v === 'number' ? v : v.calls), 0)
}

describe('crmsync sync --once (the real binary, both sandboxes)', { timeout: 240_000 }, () => {
  let salesforce: RunningSandbox
  let hubspot: RunningHubSpotSandbox
  let config: string
  let env: Record<string, string>

  beforeAll(async () => {
    salesforce = await startSalesforceSandbox({})
    hubspot = await startHubSpotSandbox({})
    config = join(dir, 'crmsync.yaml')
    writeFileSync(
      config,
      [
        'salesforce:',
        `  instanceUrl: ${salesforce.instanceUrl}`,
        '  accessToken: ${SALESFORCE_ACCESS_TOKEN}',
        'hubspot:',
        `  basePath: ${hubspot.basePath}`,
        '  accessToken: ${HUBSPOT_ACCESS_TOKEN}',
        // Every default mapping is on, hs_lead_status <-> Status included: the Lead Status Salesforce sets
        // on create reaches HubSpot in the same run, so the third run below still writes nothing.
        `store: sqlite:${join(dir, 'crmsync.db')}`,
        '',
      ].join('\n'),
    )
    env = { SALESFORCE_ACCESS_TOKEN: salesforce.accessToken, HUBSPOT_ACCESS_TOKEN: hubspot.accessToken }
  })
  const resetCounters = async () => {
    await fetch(`${salesforce.instanceUrl}/__sandbox/counters`, { method: 'DELETE' })
    await fetch(`${hubspot.basePath}/__sandbox/counters`, { method: 'DELETE' })
  }
  afterAll(async () => {
    await Promise.all([salesforce.close(), hubspot.close()])
  })

  it('connects without copying (B-INST-6), plans a dry run that writes nothing, syncs both ways, then converges', async () => {
    const first = await crmsync(['sync', '--once', '--config', config, '--json'], env)
    expect(first.code, first.stderr).toBe(0)

    const sf = new Connection({ instanceUrl: salesforce.instanceUrl, accessToken: salesforce.accessToken })
    const hs = new Client({ accessToken: hubspot.accessToken, basePath: hubspot.basePath })
    const lead = await sf.sobject('Lead').create({ LastName: 'Sforce', Company: 'Acme', Email: 'sf@x.com' })
    expect(lead.success).toBe(true)
    const contact = await hs.crm.contacts.basicApi.create({
      properties: { email: 'hs@x.com', lastname: 'Hub', company: 'Acme' },
      associations: [],
    })
    await resetCounters()

    const dry = await crmsync(['sync', '--once', '--dry-run', '--config', config], env)
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toContain('plan (nothing was written): 2 action(s)')
    // Salesforce: the Lead's upsert and the read-back of what Salesforce set on it (one retrieve).
    expect(dry.stdout).toMatch(/would cost salesforce 2 and hubspot 1 API call/)
    expect(await writeCalls(salesforce.instanceUrl, true)).toBe(0)
    expect(await writeCalls(hubspot.basePath, false)).toBe(0)

    const second = await crmsync(['sync', '--once', '--config', config, '--json'], env)
    expect(second.code, second.stderr).toBe(0)
    const summary = JSON.parse(second.stdout) as { objects: { contact: Record<string, { created: number }> } }
    expect(summary.objects.contact['salesforce']?.created).toBe(1)
    expect(summary.objects.contact['hubspot']?.created).toBe(1)
    const created = await sf.query<{ Id: string; Status: string }>(
      "SELECT Id, Status FROM Lead WHERE Email = 'hs@x.com'",
    )
    expect(created.records).toHaveLength(1)
    const linked = await hs.crm.contacts.basicApi.getById(contact.id, ['salesforceleadid', 'hs_lead_status'])
    expect(linked.properties['salesforceleadid']).toBe(created.records[0]?.Id)
    // B-CON-2: the Status Salesforce defaulted on create is in HubSpot after this same run.
    expect(created.records[0]?.Status).toBe('Open - Not Contacted')
    expect(linked.properties['hs_lead_status']).toBe('Open - Not Contacted')

    // The third run reads back the second's writes (the echoes) and must write nothing on either side.
    await resetCounters()
    const third = await crmsync(['sync', '--once', '--config', config, '--json'], env)
    expect(third.code, third.stderr).toBe(0)
    expect(await writeCalls(salesforce.instanceUrl, true)).toBe(0)
    expect(await writeCalls(hubspot.basePath, false)).toBe(0)
  })

  it('a HubSpot edit made one second before sync --once starts is written to Salesforce by that run (design.md 3.4)', async () => {
    // HubSpot's search index trails writes by a few seconds; here the sandbox's by 2.5 s, and the
    // configuration says 3 s (hubspot.searchIndexLagSeconds).
    const lagging = join(dir, 'lagging.yaml')
    writeFileSync(
      lagging,
      `${readFileSync(config, 'utf8')}\n`.replace('hubspot:\n', 'hubspot:\n  searchIndexLagSeconds: 3\n'),
    )
    const knobs = (searchLagMs: number) =>
      fetch(`${hubspot.basePath}/__sandbox/knobs`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ searchLagMs }),
      })
    await knobs(2500)
    try {
      const hs = new Client({ accessToken: hubspot.accessToken, basePath: hubspot.basePath })
      const sf = new Connection({ instanceUrl: salesforce.instanceUrl, accessToken: salesforce.accessToken })
      const contact = await hs.crm.contacts.basicApi.create({
        properties: { email: 'late@x.com', lastname: 'Late', company: 'Acme' },
        associations: [],
      })
      const linking = await crmsync(['sync', '--once', '--config', lagging, '--json'], env)
      expect(linking.code, linking.stderr).toBe(0)
      const [lead] = (await sf.query<{ Id: string }>("SELECT Id FROM Lead WHERE Email = 'late@x.com'"))
        .records
      expect(lead).toBeDefined()

      await hs.crm.contacts.basicApi.update(contact.id, { properties: { jobtitle: 'Edited just before' } })
      await new Promise((resolve) => setTimeout(resolve, 1000))
      const run = await crmsync(['sync', '--once', '--config', lagging, '--json'], env)
      expect(run.code, run.stderr).toBe(0)
      // The run said it waits for the index, then synced the edit search did not show when it started.
      expect(run.stderr).toMatch(/waiting \d+\.\d s for HubSpot's search index/)
      const after = await sf.sobject('Lead').retrieve(lead!.Id)
      expect(after['Title']).toBe('Edited just before')
    } finally {
      await knobs(0)
    }
  })

  it('exits 2 naming the problem when --once is missing', async () => {
    let stderr = ''
    const code = await runCli({
      argv: ['sync', '--config', config],
      env,
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
    })
    expect(code).toBe(2)
    expect(stderr).toContain('--once')
  })
})

// In process (the same program the binary runs), so stdout and stderr are read as written.
describe('crmsync sync --once prints CRM text escaped, as text and as --json (safe-text, safe-json)', () => {
  let sandboxes: LocalSandboxes
  let config: string
  let env: Record<string, string>
  let hs: Client

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    config = join(dir, 'hostile.yaml')
    writeFileSync(config, sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'hostile.db')}`))
    env = sandboxTokenEnv(sandboxes)
    hs = new Client({ accessToken: sandboxes.hubspot.accessToken, basePath: sandboxes.hubspot.basePath })
    const connected = await runCaptured(['sync', '--once', '--config', config], env)
    expect(connected.code, connected.stderr).toBe(EXIT_CODES.ok)
    // A Salesforce validation rule rejects a lead with this last name; its message quotes it (the error text
    // an org's admin writes reaches the summary as Salesforce sends it).
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
  })
  afterAll(() => sandboxes.close())

  const createHostile = (email: string) =>
    hs.crm.contacts.basicApi.create({
      properties: { email, lastname: HOSTILE_NAME, company: 'Acme' },
      associations: [],
    })

  it('--json: one line, no raw control character, the exact message when parsed', async () => {
    await createHostile('hostile-json@x.com')
    const run = await runCaptured(['sync', '--once', '--config', config, '--json'], env)
    expect(run.code, run.stderr).toBe(EXIT_CODES.recordsInError)
    expect(run.stdout).not.toMatch(RAW_CONTROL)
    expect(run.stderr).not.toMatch(RAW_CONTROL)
    expect(run.stdout.split('\n')).toHaveLength(2)
    const summary = JSON.parse(run.stdout) as { errors: Array<{ code: string; message: string }> }
    expect(summary.errors).toHaveLength(1)
    expect(summary.errors[0]?.code).toBe('SF_VALIDATION')
    expect(summary.errors[0]?.message).toContain(`Last name not allowed: ${HOSTILE_UNICODE}`)
  })

  it('text: each error on its one line, escaped', async () => {
    await createHostile('hostile-text@x.com')
    const run = await runCaptured(['sync', '--once', '--config', config], env)
    expect(run.code, run.stderr).toBe(EXIT_CODES.recordsInError)
    expect(run.stdout).not.toMatch(RAW_CONTROL)
    expect(run.stderr).not.toMatch(RAW_CONTROL)
    const lines = run.stdout.split('\n')
    const errors = lines.filter((line) => line.startsWith('  error SF_VALIDATION on salesforce record '))
    expect(errors.length).toBeGreaterThan(0)
    for (const line of errors) expect(line).toContain(`Last name not allowed: ${HOSTILE_UNICODE_PRINTED}`)
    // Every line that quotes the value is an error row: nothing forged a row of its own.
    expect(lines.filter((line) => line.includes('esrever'))).toEqual(errors)
  })
})
