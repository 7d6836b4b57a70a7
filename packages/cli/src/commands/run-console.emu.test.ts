// `crmsync run` serves the web console (issue #13): it refuses to start without CRMSYNC_CONSOLE_PASSWORD,
// serves /healthz, /readyz and /metrics while the loop runs (the loop's cycles reach the console through its
// observer), logs each cycle that did work at info, and never logs the password.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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
import { freePort, holdPort } from '../testing/free-port.js'

const PASSWORD = 'run-console-test-password'

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('crmsync run serves the web console (issue #13)', { timeout: 60_000 }, () => {
  let sandboxes: LocalSandboxes
  let dir: string
  let config: string
  let env: Record<string, string>
  let port: number

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    dir = mkdtempSync(join(tmpdir(), 'crmsync-run-console-'))
    config = join(dir, 'crmsync.yaml')
    port = await freePort()
    writeFileSync(
      config,
      `${sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'state.db')}`)}` +
        '    settings:\n      capture:\n        pollSeconds: 1\n' +
        `console:\n  port: ${String(port)}\n  host: 127.0.0.1\n`,
    )
    env = sandboxTokenEnv(sandboxes)
  })

  afterAll(async () => {
    await sandboxes.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('refuses to start without CRMSYNC_CONSOLE_PASSWORD (exit 2), naming the variable and --no-console', async () => {
    const run = await runCaptured(['run', '--config', config], env)
    expect(run.code).toBe(EXIT_CODES.usage)
    expect(run.stderr).toContain('CRMSYNC_CONSOLE_PASSWORD')
    expect(run.stderr).toContain('--no-console')
    expect(run.stderr).not.toContain('crmsync run: started')
  })

  it("refuses with exit 2 when the console's port is taken, naming console.port and --no-console", async () => {
    const taken = await holdPort(port)
    try {
      const run = await runCaptured(['run', '--config', config], {
        ...env,
        CRMSYNC_CONSOLE_PASSWORD: PASSWORD,
      })
      expect(run.code).toBe(EXIT_CODES.usage)
      expect(run.stderr).toContain(`port ${String(port)} on 127.0.0.1 is in use`)
      expect(run.stderr).toContain('console.port')
      expect(run.stderr).toContain('--no-console')
    } finally {
      await taken.close()
    }
  })

  it('serves /healthz, /readyz and /metrics while it syncs, logs a cycle that did work at info, never the password', async () => {
    // Connected first: the first cycle of a connection starts its cursors and copies nothing (B-INST-6).
    expect((await runCaptured(['sync', '--once', '--config', config], env)).code).toBe(EXIT_CODES.ok)
    const hubspot = new Client({
      accessToken: sandboxes.hubspot.accessToken,
      basePath: sandboxes.hubspot.basePath,
    })
    await hubspot.crm.contacts.basicApi.create({
      properties: { email: 'console-run@x.com', lastname: 'Run', company: 'R' },
      associations: [],
    })
    const stop = new AbortController()
    const running = runCaptured(
      ['run', '--config', config],
      { ...env, CRMSYNC_CONSOLE_PASSWORD: PASSWORD },
      stop.signal,
    )
    const base = `http://127.0.0.1:${String(port)}`
    try {
      await until('/healthz', async () => (await fetch(`${base}/healthz`)).status === 200)
      expect((await fetch(`${base}/readyz`)).status).toBe(200)
      expect((await fetch(`${base}/api/connections`)).status).toBe(401)
      // The loop's cycles reach the console: the contact made before the run is counted as written to Salesforce.
      await until('the synced contact in /metrics', async () =>
        /crmsync_records_synced_total\{connection="local",object="contact",direction="to_salesforce"\} [1-9]/.test(
          await (await fetch(`${base}/metrics`)).text(),
        ),
      )
    } finally {
      stop.abort()
    }
    const done = await running
    expect(done.code, done.stderr).toBe(EXIT_CODES.ok)
    const lines = done.stderr
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'console: listening', url: `http://127.0.0.1:${String(port)}/` }),
    )
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        msg: 'crmsync run: cycle',
        connection: 'local',
        records: { contact: expect.objectContaining({ toSalesforce: 1 }) as unknown },
      }),
    )
    // The per-cycle JSON summary on stdout is gone: run reports through the log.
    expect(done.stdout).toBe('')
    expect(done.stderr).not.toContain(PASSWORD)
    expect(readFileSync(config, 'utf8')).not.toContain(PASSWORD)
  })
})
