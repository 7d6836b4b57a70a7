import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createHubSpotConnector } from '@crmsync/hubspot'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { loadConnection } from '../config/load-config.js'
import { runCaptured } from '../demo/capture-cli.js'
import {
  type LocalSandboxes,
  sandboxConfigYaml,
  sandboxTokenEnv,
  startLocalSandboxes,
} from '../demo/local-sandboxes.js'
import { EXIT_CODES } from '../exit-codes.js'
import { assertHubSpotPreflight, hubspotPreflight } from './doctor-hubspot-checks.js'

// The HubSpot token's scopes and the connecting user's admin rights, through `crmsync doctor` and the
// pre-flight function the start of `run` calls (B-INST-2).
describe('crmsync doctor: HubSpot scopes and admin rights (B-INST-2)', () => {
  let sandboxes: LocalSandboxes
  let config: string
  let env: Record<string, string>
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-doctor-access-'))

  async function admin(method: string, path: string, body: unknown): Promise<void> {
    const response = await fetch(`${sandboxes.hubspot.basePath}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect(response.status).toBe(200)
  }

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    config = join(dir, 'crmsync.yaml')
    writeFileSync(config, sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'state.db')}`))
    env = sandboxTokenEnv(sandboxes)
  })
  afterEach(() => admin('PATCH', '/__sandbox/users/9000000', { superAdmin: true }))
  afterAll(() => sandboxes.close())

  it('passes a Super Admin token with every scope the contacts need', async () => {
    const run = await runCaptured(['doctor', '--config', config], env)
    expect(run.stdout).toContain('ok   hubspot: token scopes: all 5 needed')
    expect(run.stdout).toContain(
      'ok   hubspot: connecting user admin rights: integration@acme-demo.com is a Super Admin',
    )
    expect(run.code).toBe(EXIT_CODES.ok)
  })

  it('B-INST-2: a connecting user without account-level admin rights is refused with a permissions message', async () => {
    await admin('PATCH', '/__sandbox/users/9000000', { superAdmin: false })
    const run = await runCaptured(['doctor', '--config', config], env)
    expect(run.stdout).toContain(
      'FAIL hubspot: connecting user admin rights: integration@acme-demo.com has no account-level admin ' +
        'access (not a Super Admin): permission denied to connect',
    )
    expect(run.stdout).toContain('fix: Connect with a token of a HubSpot user who is a Super Admin')
    expect(run.code).toBe(EXIT_CODES.connection)

    // The start of `run` gets the same finding as fatal, with the code it refuses with.
    const connection = await loadConnection({ file: config, env })
    const hubspot = createHubSpotConnector({
      accessToken: sandboxes.hubspot.accessToken,
      basePath: sandboxes.hubspot.basePath,
    })
    const refused = await assertHubSpotPreflight(hubspot, connection).catch((err: unknown) => err)
    expect(refused).toMatchObject({ code: 'HS_USER_NOT_ADMIN', origin: 'hubspot', retryable: false })
    expect((refused as Error).message).toContain(
      'HubSpot connecting user admin rights: integration@acme-demo.com has no account-level admin access',
    )
    const findings = await hubspotPreflight(hubspot, connection)
    expect(findings.filter((f) => !f.ok)).toEqual([
      expect.objectContaining({
        name: 'connecting user admin rights',
        fatal: true,
        code: 'HS_USER_NOT_ADMIN',
      }),
    ])
  })

  it('names each scope the token lacks, and what needs it', async () => {
    await admin('POST', '/__sandbox/tokens', {
      token: 'pat-na1-narrow',
      scopes: ['crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.schemas.contacts.read'],
    })
    const run = await runCaptured(['doctor', '--config', config], {
      ...env,
      CRMSYNC_HS_TOKEN: 'pat-na1-narrow',
    })
    expect(run.stdout).toContain(
      'FAIL hubspot: token scopes: missing crm.objects.owners.read (owners), ' +
        'communication_preferences.read_write (email opt-out)',
    )
    expect(run.stdout).toContain('fix: Add the missing scopes to the private app')
    // Without settings.users.read the user's rights cannot be read: a warning, not a failure.
    expect(run.stdout).toContain(
      "warn hubspot: connecting user admin rights: could not read integration@acme-demo.com's rights",
    )
    expect(run.code).toBe(EXIT_CODES.connection)
  })

  it('the pre-flight refuses another portal than hubspot.portalId and asks the company scopes with company sync', async () => {
    const other = join(dir, 'other-portal.yaml')
    writeFileSync(
      other,
      sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'other.db')}`, 'local', { companies: true }).replace(
        '      accessToken: "${CRMSYNC_HS_TOKEN}"',
        '      accessToken: "${CRMSYNC_HS_TOKEN}"\n      portalId: 99999',
      ),
    )
    await admin('POST', '/__sandbox/tokens', {
      token: 'pat-na1-contacts-only',
      scopes: [
        'crm.objects.contacts.read',
        'crm.objects.contacts.write',
        'crm.schemas.contacts.read',
        'crm.objects.owners.read',
        'communication_preferences.read_write',
      ],
    })
    const connection = await loadConnection({ file: other, env })
    const hubspot = createHubSpotConnector({
      accessToken: 'pat-na1-contacts-only',
      basePath: sandboxes.hubspot.basePath,
    })
    const findings = await hubspotPreflight(hubspot, connection)
    expect(findings.filter((f) => !f.ok).map((f) => [f.name, f.fatal, f.code])).toEqual([
      ['token scopes', true, 'HS_MISSING_SCOPES'],
      ['portal id', true, 'ENGINE_IDENTITY_CHANGED'],
    ])
    expect(findings[0]?.detail).toBe(
      'missing crm.objects.companies.read (companies), crm.objects.companies.write (companies), ' +
        'crm.schemas.companies.read (company properties)',
    )
  })
})
