import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { RecordCard } from '@crmsync/server'
import { recordCardOf } from '@crmsync/server/queries'
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
import { BLOCKED_LEADS_RULE, setValidationRules } from '../testing/validation-rules.js'
import { type ConnectionRuntime, createConnectionRuntime } from '../wiring/create-connection-runtime.js'
import type { ExplainCards } from './explain-cards.js'

// The console's sync card and `crmsync explain --json` are one read model (B-ERR-8), after a real sync.
describe('the sync card and explain --json over both sandboxes (B-ERR-8)', { timeout: 60_000 }, () => {
  let sandboxes: LocalSandboxes
  let runtime: ConnectionRuntime
  let config: string
  let env: Record<string, string>
  let hs: Client
  let hubspotId: string
  let leadId: string

  const card = () =>
    recordCardOf(
      {
        connection: runtime.connection,
        store: runtime.store,
        crm: { salesforce: runtime.salesforce, hubspot: runtime.hubspot },
      },
      { objectKind: 'contact', side: 'hubspot', recordId: hubspotId },
    )
  const explainJson = async (environment: Record<string, string>) => {
    const run = await runCaptured(['explain', hubspotId, '--json', '--config', config], environment)
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    return JSON.parse(run.stdout) as ExplainCards
  }
  const field = (c: RecordCard, property: string) => c.fields.find((f) => f.hubspot === property)

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    const dir = mkdtempSync(join(tmpdir(), 'crmsync-card-'))
    config = join(dir, 'crmsync.yaml')
    writeFileSync(config, sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'state.db')}`))
    env = sandboxTokenEnv(sandboxes)
    runtime = await createConnectionRuntime({ connection: await loadConnection({ file: config, env }) })
    await runtime.engine.syncOnce()
    hs = new Client({ accessToken: sandboxes.hubspot.accessToken, basePath: sandboxes.hubspot.basePath })
    hubspotId = (
      await hs.crm.contacts.basicApi.create({
        properties: { email: 'cara@x.com', firstname: 'Cara', lastname: 'Diaz', company: 'Acme' },
        associations: [],
      })
    ).id
    // What `crmsync import` does for one record: the engine then syncs it like any change.
    await runtime.store.enqueue([
      { connectionId: 'local', objectKind: 'contact', side: 'hubspot', recordId: hubspotId },
    ])
    expect((await runtime.engine.syncOnce()).errors).toEqual([])
    leadId = (await runtime.store.getLink('local', 'contact', 'hubspot', hubspotId))!.salesforceId
  })
  afterAll(async () => {
    await runtime.close()
    await sandboxes.close()
  })

  it('B-ERR-8: the card shows both sides read now, side by side, synced; explain --json is the same card', async () => {
    const live = await card()
    expect(live).toMatchObject({
      hubspotId,
      salesforceId: leadId,
      salesforceType: 'Lead',
      label: 'Cara Diaz cara@x.com',
      valuesFrom: 'live',
      status: { state: 'synced' },
    })
    expect(field(live, 'lastname')).toMatchObject({
      salesforce: 'LastName',
      hubspotValue: 'Diaz',
      salesforceValue: 'Diaz',
      ancestor: 'Diaz',
      status: 'in-sync',
    })
    expect(live.history.some((h) => h.field === 'lastname' && h.newValue === 'Diaz')).toBe(true)
    const explained = await explainJson(env)
    expect(explained).toMatchObject({ argument: hubspotId, kind: 'hubspot id', valuesFrom: 'live' })
    expect(explained.records).toEqual([live])
  })

  it('with the CRM tokens unset, explain and status read the store and say so', async () => {
    const stored = await explainJson({})
    expect(stored.valuesFrom).toBe('store')
    expect(field(stored.records[0]!, 'lastname')).toMatchObject({
      hubspotValue: 'Diaz',
      salesforceValue: 'Diaz',
    })
    const text = await runCaptured(['explain', 'CARA@x.com', '--config', config], {})
    expect(text.code, text.stderr).toBe(EXIT_CODES.ok)
    expect(text.stdout).toContain('values from the store: the CRM tokens are not set')
    expect(text.stdout).toContain(`HubSpot contact ${hubspotId} <-> Salesforce Lead ${leadId}`)
    expect(text.stdout).toContain('sync status: synced')
    const status = await runCaptured(['status', '--json', '--config', config], {})
    expect(status.code, status.stderr).toBe(EXIT_CODES.ok)
    expect(
      (JSON.parse(status.stdout) as { objects: { kind: string; linked: number }[] }).objects[0],
    ).toMatchObject({
      kind: 'contact',
      linked: 1,
    })
  })

  it('B-ERR-8: a record Salesforce refuses shows the error on its card, in explain --json and in the text', async () => {
    await setValidationRules(sandboxes, [BLOCKED_LEADS_RULE])
    // A new contact whose Lead the org refuses: it stays unlinked, in error on its HubSpot record.
    const blockedId = (
      await hs.crm.contacts.basicApi.create({
        properties: { email: 'blocked@x.com', lastname: 'Blocked', company: 'Acme' },
        associations: [],
      })
    ).id
    await runtime.store.enqueue([
      { connectionId: 'local', objectKind: 'contact', side: 'hubspot', recordId: blockedId },
    ])
    expect((await runtime.engine.syncOnce()).errors).not.toEqual([])
    const failing = await recordCardOf(
      {
        connection: runtime.connection,
        store: runtime.store,
        crm: { salesforce: runtime.salesforce, hubspot: runtime.hubspot },
      },
      { objectKind: 'contact', side: 'hubspot', recordId: blockedId },
    )
    expect(failing).toMatchObject({ hubspotId: blockedId, salesforceId: null, valuesFrom: 'live' })
    expect(failing.status.state).toBe('error')
    expect(failing.status.errors.map((e) => e.message).join(' ')).toContain('Blocked names are refused')
    expect(field(failing, 'lastname')).toMatchObject({
      hubspotValue: 'Blocked',
      salesforceValue: null,
      status: 'not-synced',
    })
    const run = await runCaptured(['explain', blockedId, '--json', '--config', config], env)
    expect((JSON.parse(run.stdout) as ExplainCards).records).toEqual([failing])
    const text = await runCaptured(['explain', blockedId, '--config', config], env)
    expect(text.stdout).toMatch(/sync status: error \(1 open\)/)
    expect(text.stdout).toContain('Blocked names are refused')
  })
})
