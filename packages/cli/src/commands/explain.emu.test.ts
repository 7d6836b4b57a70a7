import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { connectSalesforce } from '@crmsync/salesforce'
import { Client } from '@hubspot/api-client'
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
import { type ConnectionRuntime, createConnectionRuntime } from '../wiring/create-connection-runtime.js'

describe('crmsync explain after a real sync', () => {
  let sandboxes: LocalSandboxes
  let runtime: ConnectionRuntime
  let config: string
  let env: Record<string, string>
  let hubspotId: string
  let leadId: string

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    const dir = mkdtempSync(join(tmpdir(), 'crmsync-explain-'))
    config = join(dir, 'crmsync.yaml')
    writeFileSync(config, sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'state.db')}`))
    env = sandboxTokenEnv(sandboxes)
    runtime = await createConnectionRuntime({ connection: await loadConnection({ file: config, env }) })
    await runtime.engine.syncOnce()
    const hs = new Client({
      accessToken: sandboxes.hubspot.accessToken,
      basePath: sandboxes.hubspot.basePath,
    })
    const created = await hs.crm.contacts.basicApi.create({
      properties: { email: 'ann@x.com', firstname: 'Ann', lastname: 'Lee', company: 'Acme', phone: '111' },
      associations: [],
    })
    hubspotId = created.id
    // What `crmsync import` does for one record: the engine then syncs it like any change.
    await runtime.store.enqueue([
      { connectionId: 'local', objectKind: 'contact', side: 'hubspot', recordId: hubspotId },
    ])
    const first = await runtime.engine.syncOnce()
    expect(first.errors).toEqual([])
    leadId = (await runtime.store.getLink('local', 'contact', 'hubspot', hubspotId))!.salesforceId
    // Both sides edit the phone to different values: prefer-salesforce (the default rule) decides.
    await hs.crm.contacts.basicApi.update(hubspotId, { properties: { phone: '222' } })
    const sf = await connectSalesforce({
      kind: 'access-token',
      instanceUrl: sandboxes.salesforce.instanceUrl,
      accessToken: sandboxes.salesforce.accessToken,
    })
    await sf.sobject('Lead').update({ Id: leadId, Phone: '333' })
    const second = await runtime.engine.syncOnce()
    expect(second.errors).toEqual([])
  })
  afterAll(async () => {
    await runtime.close()
    await sandboxes.close()
  })

  it('by HubSpot id: the link, both sides now, the rule and the decision that kept Salesforce', async () => {
    const run = await runCaptured(['explain', hubspotId, '--config', config], env)
    expect(run.code).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain(`link active: HubSpot contact ${hubspotId} <-> Salesforce Lead ${leadId}`)
    const phoneRow = run.stdout.split('\n').find((l) => l.trim().startsWith('phone '))
    expect(phoneRow?.trim().split(/\s{2,}/)).toEqual([
      'phone',
      '333',
      'Phone',
      '333',
      'prefer-salesforce',
      '333',
    ])
    const decision = run.stdout.split('\n').find((l) => / phone +.*-> 333/.test(l))
    expect(decision).toContain('sf->hs')
    expect(decision).toContain('prefer-salesforce')
    expect(decision).toContain('conflict')
  })

  it('by email and by Salesforce id (also as `explain contact ID`): the same link', async () => {
    const byEmail = await runCaptured(['explain', 'ANN@x.com', '--config', config], env)
    expect(byEmail.stdout).toContain(`<-> Salesforce Lead ${leadId}`)
    const bySf = await runCaptured(['explain', 'contact', leadId, '--config', config], env)
    expect(bySf.stdout).toContain(`HubSpot contact ${hubspotId} <->`)
  })

  it('prints values holding newlines and escape sequences escaped, one row per field', async () => {
    const hs = new Client({
      accessToken: sandboxes.hubspot.accessToken,
      basePath: sandboxes.hubspot.basePath,
    })
    const created = await hs.crm.contacts.basicApi.create({
      properties: {
        email: 'evil@x.com',
        lastname: 'Evil',
        jobtitle: HOSTILE_TEXT,
        description: HOSTILE_TEXT,
      },
      associations: [],
    })
    await runtime.store.enqueue([
      { connectionId: 'local', objectKind: 'contact', side: 'hubspot', recordId: created.id },
    ])
    const sync = await runtime.engine.syncOnce()
    expect(sync.errors).toEqual([])
    const run = await runCaptured(['explain', 'evil@x.com', '--config', config], env)
    expect(run.code).toBe(EXIT_CODES.ok)
    expect(run.stdout).not.toMatch(RAW_CONTROL)
    const lines = run.stdout.split('\n')
    for (const property of ['jobtitle', 'description']) {
      const rows = lines.filter((line) => line.trim().startsWith(`${property} `))
      expect(rows, property).toHaveLength(1)
      expect(rows[0], property).toContain(HOSTILE_TEXT_PRINTED)
    }
    // The history shows the value too (as the engine recorded it: a lone \r read as a line break), on the
    // decision's own line.
    const decisions = lines.filter((line) => / jobtitle +/.test(line) && line.includes('->'))
    expect(decisions.length).toBeGreaterThan(0)
    for (const line of decisions) expect(line).toContain('\\x1b[31mred\\x1b]8;;http://evil\\x07link\\u202e')
  })

  it('an unknown email says nothing is linked', async () => {
    const run = await runCaptured(['explain', 'nobody@x.com', '--config', config], env)
    expect(run.stdout).toContain('nobody@x.com (email): 0 link(s)')
    expect(run.code).toBe(EXIT_CODES.ok)
  })
})
