import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
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
import { verifySignature } from '../notifications/notification-payload.js'

// `crmsync pause`, `resume`, `disconnect` and `status` in process, against both sandboxes, with a real local
// webhook receiver for the notifications (B-INST-7, B-API-4, B-ERR-9, B-ERR-11, B-INST-12..14).

const SECRET = 'cli-webhook-secret-123'
// HubSpot capture stays 5 s behind the server (the search indexing lag, the connector's default).
const SEARCH_LAG_WAIT_MS = 6500
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function admin(base: string, method: string, path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${base}/__sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${await res.text()}`)
}

describe('crmsync pause / resume / disconnect / status (both sandboxes)', { timeout: 240_000 }, () => {
  let sandboxes: LocalSandboxes
  let env: Record<string, string>
  let config: string
  let hs: Client
  let hook: Server
  const posts: Array<{ body: string; signature: string; timestamp: string }> = []

  const cli = (...argv: string[]) => runCaptured([...argv, '--config', config], env)
  const leadsWith = async (email: string) => {
    const res = await fetch(
      `${sandboxes.salesforce.instanceUrl}/services/data/v59.0/query?q=${encodeURIComponent(`SELECT Id FROM Lead WHERE Email = '${email}'`)}`,
      { headers: { authorization: `Bearer ${sandboxes.salesforce.accessToken}` } },
    )
    return ((await res.json()) as { totalSize: number }).totalSize
  }
  const newContact = async (email: string) =>
    (
      await hs.crm.contacts.basicApi.create({
        properties: { email, lastname: 'L', company: 'A' },
        associations: [],
      })
    ).id

  beforeAll(async () => {
    hook = createServer((request, response) => {
      let body = ''
      request.setEncoding('utf8')
      request.on('data', (chunk: string) => (body += chunk))
      request.on('end', () => {
        posts.push({
          body,
          signature: String(request.headers['x-crmsync-signature']),
          timestamp: String(request.headers['x-crmsync-timestamp']),
        })
        response.end()
      })
    })
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve))
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`
    sandboxes = await startLocalSandboxes()
    env = { ...sandboxTokenEnv(sandboxes), CRMSYNC_WEBHOOK_SECRET: SECRET }
    const dir = mkdtempSync(join(tmpdir(), 'crmsync-life-'))
    config = join(dir, 'crmsync.yaml')
    writeFileSync(
      config,
      sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'state.db')}`) +
        [
          '    notifications:',
          '      webhook:',
          `        url: "${hookUrl}"`,
          '        secret: "${CRMSYNC_WEBHOOK_SECRET}"',
          '',
        ].join('\n'),
    )
    hs = new Client({ accessToken: sandboxes.hubspot.accessToken, basePath: sandboxes.hubspot.basePath })
    expect((await cli('sync', '--once')).code).toBe(EXIT_CODES.ok)
  })

  afterAll(async () => {
    await sandboxes?.close()
    await new Promise<void>((resolve) => hook.close(() => resolve()))
  })

  it('B-INST-7: pause switches the connection off (status says so, sync writes nothing); resume switches it on', async () => {
    expect((await cli('status')).stdout).toContain('state: active')
    const paused = await cli('pause')
    expect(paused.code).toBe(EXIT_CODES.ok)
    expect(paused.stdout).toContain('connection local paused')
    expect((await cli('status')).stdout).toContain('state: paused by `crmsync pause`')

    await newContact('while-paused@x.com')
    await sleep(SEARCH_LAG_WAIT_MS)
    expect((await cli('sync', '--once')).code).toBe(EXIT_CODES.ok)
    expect(await leadsWith('while-paused@x.com')).toBe(0)

    const resumed = await cli('resume')
    expect(resumed.code).toBe(EXIT_CODES.ok)
    expect(resumed.stdout).toContain('connection local active (was paused); credentials checked')
    expect((await cli('sync', '--once')).code).toBe(EXIT_CODES.ok)
    expect(await leadsWith('while-paused@x.com')).toBe(1)
  })

  it('B-INST-7: a running `crmsync run` stops syncing at its next cycle after `crmsync pause`, and syncs again after `crmsync resume`', async () => {
    // The same connection and store, polling every second.
    const fast = config.replace(/\.yaml$/, '-fast.yaml')
    writeFileSync(
      fast,
      `${readFileSync(config, 'utf8')}    settings:\n      capture:\n        pollSeconds: 1\n`,
    )
    const shutdown = new AbortController()
    const running = runCaptured(['run', '--no-console', '--config', fast], env, shutdown.signal)
    try {
      await sleep(2000)
      expect((await cli('pause')).code).toBe(EXIT_CODES.ok)
      await newContact('run-paused@x.com')
      await sleep(SEARCH_LAG_WAIT_MS + 2000)
      expect(await leadsWith('run-paused@x.com')).toBe(0)
      expect((await cli('resume')).code).toBe(EXIT_CODES.ok)
      for (let i = 0; i < 30 && (await leadsWith('run-paused@x.com')) === 0; i++) await sleep(500)
      expect(await leadsWith('run-paused@x.com')).toBe(1)
    } finally {
      shutdown.abort()
    }
    expect((await running).code).toBe(EXIT_CODES.ok)
  })

  it('B-API-4 / B-ERR-11 / B-ERR-9: a suspension shows in status with its reason, is notified once (signed), and resume re-checks the credentials', async () => {
    await admin(sandboxes.salesforce.instanceUrl, 'PUT', '/limits', { apiMax: 10, apiUsed: 10 })
    const before = posts.length
    const first = await cli('sync', '--once')
    expect(first.code).toBe(EXIT_CODES.incomplete)
    expect(await cli('sync', '--once')).toMatchObject({ code: EXIT_CODES.incomplete })
    const status = await cli('status')
    expect(status.stdout).toMatch(
      /state: suspended:api_limit since \S+ \(SF_RATE_LIMITED: .*\); next probe at \S+/,
    )

    // Exactly one notification for the suspension, whatever the number of cycles, and it verifies.
    const sent = posts.slice(before)
    expect(sent.map((p) => (JSON.parse(p.body) as { type: string }).type)).toEqual(['suspension_entered'])
    expect(verifySignature({ secret: SECRET, ...sent[0]!, nowS: Math.floor(Date.now() / 1000) })).toBe(true)

    // The credentials cannot be checked while Salesforce refuses every call: resume refuses, nothing changes.
    const refused = await cli('resume')
    expect(refused.code).toBe(EXIT_CODES.connection)
    expect(refused.stderr).toContain('SF_RATE_LIMITED')
    expect((await cli('status')).stdout).toContain('state: suspended:api_limit')

    await admin(sandboxes.salesforce.instanceUrl, 'PUT', '/limits', { apiMax: 1_000_000, apiUsed: 0 })
    const resumed = await cli('resume')
    expect(resumed.code).toBe(EXIT_CODES.ok)
    expect(resumed.stdout).toContain('(was suspended:api_limit)')
    expect((await cli('status')).stdout).toContain('state: active')
    expect(posts.slice(before).map((p) => (JSON.parse(p.body) as { type: string }).type)).toEqual([
      'suspension_entered',
      'suspension_cleared',
    ])
  })

  it('B-INST-12 / B-INST-13 / B-INST-14: disconnect asks for --yes, reports as JSON, and sync refuses until resume --reconnect', async () => {
    const unconfirmed = await cli('disconnect')
    expect(unconfirmed.code).toBe(EXIT_CODES.usage)
    expect(unconfirmed.stderr).toContain('Run again with --yes')

    const done = await cli('disconnect', '--yes', '--json')
    expect(done.code).toBe(EXIT_CODES.ok)
    const report = JSON.parse(done.stdout) as { connectionId: string; linksRemoved: { contact?: number } }
    expect(report.connectionId).toBe('local')
    // The contacts the tests above synced: while-paused@ and run-paused@.
    expect(report.linksRemoved.contact).toBe(2)
    expect((await cli('status')).stdout).toContain('state: disconnected since')

    const refused = await cli('sync', '--once')
    expect(refused.code).toBe(EXIT_CODES.connection)
    expect(refused.stderr).toContain('ENGINE_DISCONNECTED')
    expect((await cli('resume')).code).toBe(EXIT_CODES.usage)

    const reconnected = await cli('resume', '--reconnect')
    expect(reconnected.code).toBe(EXIT_CODES.ok)
    expect(reconnected.stdout).toContain(
      'no record is linked again until you run `crmsync import` or `crmsync resync`',
    )
    expect((await cli('sync', '--once')).code).toBe(EXIT_CODES.ok)
    expect((await cli('status')).stdout).toContain('state: active')
  })
})
