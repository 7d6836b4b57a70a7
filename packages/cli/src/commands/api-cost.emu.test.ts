// B-API-3: what a Salesforce import costs in Salesforce API calls, counted by the Salesforce sandbox (every
// API request it answers), through the real command. A contact sync's cost: engine api-cost.emu.test.ts.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { connectSalesforce } from '@crmsync/salesforce'
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

const LEADS = 1000

describe('B-API-3: Salesforce API calls per imported lead', { timeout: 240_000 }, () => {
  let sandboxes: LocalSandboxes
  let config: string
  let env: Record<string, string>
  let sf: Connection

  async function salesforceAdmin(method: string, path: string): Promise<{ apiUsage: { used: number } }> {
    const res = await fetch(`${sandboxes.salesforce.instanceUrl}/__sandbox${path}`, { method })
    if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status}`)
    return (await res.json()) as { apiUsage: { used: number } }
  }

  /** Salesforce API calls `argv` makes, as the org counts them, and what it printed. */
  async function salesforceCallsOf(argv: string[]): Promise<{ calls: number; stdout: string }> {
    await salesforceAdmin('DELETE', '/counters')
    const run = await runCaptured([...argv, '--config', config], env)
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    return { calls: (await salesforceAdmin('GET', '/counters')).apiUsage.used, stdout: run.stdout }
  }

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    const dir = mkdtempSync(join(tmpdir(), 'crmsync-api-cost-'))
    config = join(dir, 'crmsync.yaml')
    writeFileSync(config, sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'state.db')}`))
    env = sandboxTokenEnv(sandboxes)
    sf = await connectSalesforce({
      kind: 'access-token',
      instanceUrl: sandboxes.salesforce.instanceUrl,
      accessToken: sandboxes.salesforce.accessToken,
    })
    const connected = await runCaptured(['sync', '--once', '--config', config], env)
    expect(connected.code, connected.stderr).toBe(EXIT_CODES.ok)
  })
  afterAll(() => sandboxes.close())

  it(`B-API-3: importing ${LEADS} Salesforce leads costs at most 3 calls per lead (far fewer)`, async () => {
    for (let i = 0; i < LEADS; i += 200) {
      const batch = Array.from({ length: Math.min(200, LEADS - i) }, (_, k) => ({
        LastName: `Imported${i + k}`,
        Company: 'Acme',
        Email: `imported${i + k}@x.com`,
      }))
      await sf.sobject('Lead').create(batch, { allOrNone: true })
    }
    const { calls, stdout } = await salesforceCallsOf(['import', 'salesforce', '--object', 'contacts'])
    expect(stdout).toContain(`Import of salesforce contacts: ${LEADS} record(s) found`)
    expect(/^ {2}hubspot +(\d+)/m.exec(stdout)?.[1]).toBe(String(LEADS))
    expect(calls).toBeLessThanOrEqual(3 * LEADS)
    // The budget allows 3 per lead; Collections and 2,000-row queries make it a small fraction of one.
    expect(calls).toBeLessThan(LEADS / 10)
  })
})
