// The setup checks through the CLI and both sandboxes (official clients behind the connectors): the start of
// `crmsync run` and `sync --once` refuses an org without API access (B-INST-1) or of the wrong kind (B-INST-9)
// with exit 3 and schedules nothing; a changed integration user is warned about with what it lost, and links
// are kept (B-INST-8); doctor shows each.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createStateStore } from '@crmsync/store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import {
  type LocalSandboxes,
  sandboxConfigYaml,
  sandboxTokenEnv,
  startLocalSandboxes,
} from '../demo/local-sandboxes.js'
import { EXIT_CODES } from '../exit-codes.js'

async function sfAdmin(sandboxes: LocalSandboxes, method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandboxes.salesforce.instanceUrl}/__sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return (await response.json()) as Record<string, unknown>
}

async function hsWrites(sandboxes: LocalSandboxes): Promise<number> {
  const response = await fetch(`${sandboxes.hubspot.basePath}/__sandbox/counters`)
  const counters = (await response.json()) as { endpoints?: Record<string, number> }
  return Object.entries(counters.endpoints ?? {})
    .filter(([key]) => !key.startsWith('GET '))
    .reduce((sum, [, n]) => sum + n, 0)
}

async function storedIdentity(storeUrl: string) {
  const store = createStateStore(storeUrl)
  try {
    return await store.getIdentity('local')
  } finally {
    await store.close()
  }
}

async function contactLinks(storeUrl: string) {
  const store = createStateStore(storeUrl)
  try {
    return await store.listLinks({ connectionId: 'local', objectKind: 'contact', limit: 1000 })
  } finally {
    await store.close()
  }
}

describe('setup checks at the start of run and sync --once', () => {
  let sandboxes: LocalSandboxes
  let dir: string
  let storeUrl: string
  let config: string
  let env: Record<string, string>

  const writeConfig = (sandbox?: boolean) => {
    let yaml = sandboxConfigYaml(sandboxes, storeUrl)
    if (sandbox !== undefined)
      yaml = yaml.replace(
        '      accessToken: "${CRMSYNC_SF_TOKEN}"\n',
        `$&      sandbox: ${String(sandbox)}\n`,
      )
    writeFileSync(config, yaml)
  }

  beforeEach(async () => {
    sandboxes = await startLocalSandboxes()
    dir = mkdtempSync(join(tmpdir(), 'crmsync-setup-'))
    storeUrl = `sqlite:${join(dir, 'state.db')}`
    config = join(dir, 'crmsync.yaml')
    writeConfig()
    env = sandboxTokenEnv(sandboxes)
  })
  afterEach(() => sandboxes.close())

  it('B-INST-1: a Group Edition org is refused by run and sync --once with exit 3, nothing scheduled or written; Enterprise connects', async () => {
    await sfAdmin(sandboxes, 'PUT', '/org', { edition: 'Group' })
    const run = await runCaptured(['run', '--no-console', '--config', config], env)
    expect(run.code).toBe(EXIT_CODES.connection)
    expect(run.stderr).toContain('SF_EDITION_UNSUPPORTED')
    expect(run.stderr).toContain('unsupported edition or API disabled')
    expect(run.stderr).not.toContain('crmsync run: started')
    const sync = await runCaptured(['sync', '--once', '--config', config], env)
    expect(sync.code).toBe(EXIT_CODES.connection)
    expect(sync.stderr).toContain('SF_EDITION_UNSUPPORTED')
    expect(await hsWrites(sandboxes)).toBe(0)
    // Not even the identity: the connection was never made.
    expect(await storedIdentity(storeUrl)).toBeUndefined()
    const doctor = await runCaptured(['doctor', '--config', config], env)
    expect(doctor.stdout).toMatch(
      /FAIL salesforce: org edition and API access: unsupported edition or API disabled/,
    )
    expect(doctor.code).toBe(EXIT_CODES.connection)

    await sfAdmin(sandboxes, 'PUT', '/org', { edition: 'Enterprise' })
    const ok = await runCaptured(['sync', '--once', '--config', config], env)
    expect(ok.stderr).not.toContain('SF_EDITION_UNSUPPORTED')
    expect(ok.code).toBe(EXIT_CODES.ok)
    expect(await storedIdentity(storeUrl)).toMatchObject({ salesforceIsSandbox: false })
    // The long-running service starts too (stopped at once by an aborted signal).
    const stop = new AbortController()
    stop.abort()
    const started = await runCaptured(['run', '--no-console', '--config', config], env, stop.signal)
    expect(started.code).toBe(EXIT_CODES.ok)
    expect(started.stderr).toContain('crmsync run: started')
  })

  it('B-INST-1: an integration user without API Enabled is refused the same way', async () => {
    await sfAdmin(sandboxes, 'PUT', '/user-permissions', { PermissionsApiEnabled: false })
    const sync = await runCaptured(['sync', '--once', '--config', config], env)
    expect(sync.code).toBe(EXIT_CODES.connection)
    expect(sync.stderr).toContain('API_DISABLED_FOR_ORG')
    expect(await storedIdentity(storeUrl)).toBeUndefined()
  })

  it('B-INST-1: a connection that already ran and then loses API access is not refused as unsupported (B-ERR-9 suspends it)', async () => {
    expect((await runCaptured(['sync', '--once', '--config', config], env)).code).toBe(EXIT_CODES.ok)
    await sfAdmin(sandboxes, 'PUT', '/user-permissions', { PermissionsApiEnabled: false })
    const sync = await runCaptured(['sync', '--once', '--config', config], env)
    expect(sync.stderr).not.toContain('SF_EDITION_UNSUPPORTED')
    expect(sync.stderr).toContain('Salesforce refuses API access')
    expect(sync.stdout + sync.stderr).toContain('SF_API_DISABLED')
  })

  it('B-INST-2: a connecting HubSpot user without account-level admin rights is refused at the start with exit 3, nothing written; restored, it syncs', async () => {
    const response = await fetch(`${sandboxes.hubspot.basePath}/__sandbox/users/9000000`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ superAdmin: false }),
    })
    expect(response.ok).toBe(true)
    const sync = await runCaptured(['sync', '--once', '--config', config], env)
    expect(sync.code).toBe(EXIT_CODES.connection)
    expect(sync.stderr).toContain('HS_USER_NOT_ADMIN')
    expect(await hsWrites(sandboxes)).toBe(0)
    await fetch(`${sandboxes.hubspot.basePath}/__sandbox/users/9000000`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ superAdmin: true }),
    })
    expect((await runCaptured(['sync', '--once', '--config', config], env)).code).toBe(EXIT_CODES.ok)
  })

  it('B-INST-4: no Read on Contact refuses the start; no Modify All only fails in doctor', async () => {
    await sfAdmin(sandboxes, 'PUT', '/object-permissions', { Contact: { PermissionsRead: false } })
    const sync = await runCaptured(['sync', '--once', '--config', config], env)
    expect(sync.code).toBe(EXIT_CODES.connection)
    expect(sync.stderr).toContain('SF_OBJECT_PERMISSION_MISSING')
    expect(sync.stderr).toContain('no Read on Contact')
    await sfAdmin(sandboxes, 'PUT', '/object-permissions', {
      Contact: { PermissionsCreate: true, PermissionsEdit: true },
    })
    const doctor = await runCaptured(['doctor', '--config', config], env)
    expect(doctor.stdout).toContain(
      'FAIL salesforce: Contact: object permissions: missing Delete, View All, Modify All',
    )
    expect(doctor.stdout).toContain('ok   salesforce: Lead: object permissions: Modify All')
    expect((await runCaptured(['sync', '--once', '--config', config], env)).code).toBe(EXIT_CODES.ok)
  })

  it('B-INST-9: salesforce.sandbox true against a production org is refused; against a sandbox org it syncs and the identity says sandbox', async () => {
    writeConfig(true)
    const refused = await runCaptured(['sync', '--once', '--config', config], env)
    expect(refused.code).toBe(EXIT_CODES.connection)
    expect(refused.stderr).toContain('SF_ORG_KIND_MISMATCH')
    expect(refused.stderr).toContain('the org is production')
    const doctor = await runCaptured(['doctor', '--config', config], env)
    expect(doctor.stdout).toContain('FAIL salesforce: sandbox or production: the org is production')

    await sfAdmin(sandboxes, 'PUT', '/org', { isSandbox: true })
    const ok = await runCaptured(['sync', '--once', '--config', config], env)
    expect(ok.code).toBe(EXIT_CODES.ok)
    expect(await storedIdentity(storeUrl)).toMatchObject({ salesforceIsSandbox: true })
    // The default (production) is now the mismatch.
    writeConfig()
    expect((await runCaptured(['sync', '--once', '--config', config], env)).stderr).toContain(
      'SF_ORG_KIND_MISMATCH',
    )
  })

  it('B-INST-8: a new integration user with fewer object permissions is warned about with the diff; links are kept', async () => {
    // Connecting copies nothing (B-INST-6): the contact is made after the first run.
    expect((await runCaptured(['sync', '--once', '--config', config], env)).code).toBe(EXIT_CODES.ok)
    const create = await fetch(`${sandboxes.salesforce.instanceUrl}/services/data/v59.0/sobjects/Contact`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env['CRMSYNC_SF_TOKEN']!}`, 'content-type': 'application/json' },
      body: JSON.stringify({ LastName: 'Kept', Email: 'kept@inst8.com' }),
    })
    expect(create.status).toBe(201)
    expect((await runCaptured(['sync', '--once', '--config', config], env)).code).toBe(EXIT_CODES.ok)
    const before = await storedIdentity(storeUrl)
    expect(before?.salesforceUser?.objectPermissions['Lead']).toContain('Modify All')
    const linksBefore = await contactLinks(storeUrl)
    expect(linksBefore).toHaveLength(1)

    const users = await fetch(
      `${sandboxes.salesforce.instanceUrl}/services/data/v59.0/query?q=${encodeURIComponent("SELECT Id FROM User WHERE Email = 'avery.lindqvist@acme-demo.com'")}`,
      { headers: { authorization: `Bearer ${env['CRMSYNC_SF_TOKEN']!}` } },
    )
    const avery = ((await users.json()) as { records: { Id: string }[] }).records[0]!.Id
    const swapped = await sfAdmin(sandboxes, 'PUT', '/integration-user', { userId: avery })
    await sfAdmin(sandboxes, 'PUT', '/object-permissions', { Lead: { PermissionsDelete: false } })
    const newEnv = { ...env, CRMSYNC_SF_TOKEN: String(swapped['accessToken']) }

    const doctor = await runCaptured(['doctor', '--config', config], newEnv)
    const line = doctor.stdout.split('\n').find((l) => l.includes('store: integration user:')) ?? ''
    expect(line).toMatch(
      /^warn store: integration user: changed from 005\w+ to 005\w+ since the last run; links are kept/,
    )
    expect(line).toContain('the new user lacks Lead: Delete, Modify All')

    const sync = await runCaptured(['sync', '--once', '--config', config], newEnv)
    expect(sync.code).toBe(EXIT_CODES.ok)
    expect(sync.stderr).toContain('fewer object permissions')
    expect(sync.stderr).toContain('Lead: Delete, Modify All')
    expect(await contactLinks(storeUrl)).toEqual(linksBefore)
    expect((await storedIdentity(storeUrl))?.salesforceUser?.userId).toBe(avery)
    // Recorded: the next doctor has nothing to say about the user.
    const again = await runCaptured(['doctor', '--config', config], newEnv)
    expect(again.stdout).not.toContain('store: integration user:')
  })
})
