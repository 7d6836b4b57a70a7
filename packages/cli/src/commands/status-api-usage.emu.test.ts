import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import {
  type LocalSandboxes,
  sandboxConfigYaml,
  sandboxTokenEnv,
  startLocalSandboxes,
} from '../demo/local-sandboxes.js'
import { EXIT_CODES } from '../exit-codes.js'

async function salesforceAdmin<T>(sandboxes: LocalSandboxes, method: string, path: string, body?: unknown) {
  const res = await fetch(`${sandboxes.salesforce.instanceUrl}/__sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

const orgUsed = async (sandboxes: LocalSandboxes) =>
  (await salesforceAdmin<{ apiUsage: { used: number } }>(sandboxes, 'GET', '/counters')).apiUsage.used

describe('crmsync status: API usage as each side reported it (both sandboxes)', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-status-usage-'))
  const config = join(dir, 'crmsync.yaml')
  let sandboxes: LocalSandboxes
  let env: Record<string, string>

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    writeFileSync(config, sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'state.db')}`))
    env = sandboxTokenEnv(sandboxes)
    const first = await runCaptured(['sync', '--once', '--config', config], env)
    expect(first.code, first.stderr).toBe(EXIT_CODES.ok)
  })

  afterAll(() => sandboxes.close())

  it('B-API-6: the org answers Sforce-Limit-Info api-usage=900/1000: status shows 900 of 1,000', async () => {
    // What a quiet sync costs the org (the sandbox counts each API call), so the last answer says 900.
    await salesforceAdmin(sandboxes, 'DELETE', '/counters')
    const quiet = await runCaptured(['sync', '--once', '--config', config], env)
    expect(quiet.code, quiet.stderr).toBe(EXIT_CODES.ok)
    const cost = await orgUsed(sandboxes)
    expect(cost).toBeGreaterThan(0)
    await salesforceAdmin(sandboxes, 'PUT', '/limits', { apiMax: 1000, apiUsed: 900 - cost })
    const synced = await runCaptured(['sync', '--once', '--config', config], env)
    expect(synced.code, synced.stderr).toBe(EXIT_CODES.ok)
    expect(await orgUsed(sandboxes)).toBe(900)

    const status = await runCaptured(['status', '--config', config], env)
    expect(status.code).toBe(EXIT_CODES.ok)
    expect(status.stdout).toMatch(
      /org \(Sforce-Limit-Info\): 900 of 1,000 used in 24 h \(90 %\), as of \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/,
    )
    // No allocation in this file: retries stop at the default 5,000 calls (B-API-2).
    expect(status.stdout).toContain('allocated to crmsync: no limit set (salesforce.apiCallAllocation)')
    expect(status.stdout).toContain('automatic retries stop above 5,000 calls in 24 h (no allocation set)')
    // The HubSpot sandbox answers as a Professional portal with a private-app token.
    expect(status.stdout).toMatch(/daily: [\d,]+ of 650,000 used/)
    expect(status.stdout).toMatch(/burst: [\d,]+ of 190 left per 10 s, as of \d{4}-/)
  })
})
