import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { Client } from '@hubspot/api-client'
import { type RunningHubSpotSandbox, startHubSpotSandbox } from 'hubspot-sandbox'
import { Connection } from 'jsforce'
import { type RunningSandbox, startSalesforceSandbox } from 'salesforce-sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import { EXIT_CODES } from '../exit-codes.js'

const dir = mkdtempSync(join(tmpdir(), 'crmsync-sync-all-'))

const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 30))

describe(
  'crmsync sync --once on a file with two connections on one org (B-MULTI)',
  { timeout: 120_000 },
  () => {
    let salesforce: RunningSandbox
    let portals: RunningHubSpotSandbox[]
    let config: string
    const runConfig = join(dir, 'run.yaml')
    let sf: Connection
    let env: Record<string, string>

    beforeAll(async () => {
      salesforce = await startSalesforceSandbox({})
      sf = new Connection({ instanceUrl: salesforce.instanceUrl, accessToken: salesforce.accessToken })
      portals = await Promise.all(
        [7001, 7002].map((portalId) =>
          startHubSpotSandbox({
            portalId,
            accessToken: `pat-na1-cli-${portalId}`,
            rateLimits: { tier: 'unlimited' },
          }),
        ),
      )
      config = join(dir, 'crmsync.yaml')
      const connection = (id: string, index: number, extra: string[] = []) => [
        `  - id: ${id}`,
        '    salesforce:',
        `      instanceUrl: ${salesforce.instanceUrl}`,
        '      accessToken: ${SALESFORCE_ACCESS_TOKEN}',
        '    hubspot:',
        `      basePath: ${portals[index]!.basePath}`,
        `      accessToken: \${HUBSPOT_TOKEN_${index + 1}}`,
        `      portalId: ${portals[index]!.portalId}`,
        `    store: sqlite:${join(dir, 'crmsync.db')}`,
        '    settings:',
        '      contacts:',
        '        createInHubSpot: false',
        ...extra,
      ]
      writeFileSync(
        config,
        ['connections:', ...connection('east', 0), ...connection('west', 1), ''].join('\n'),
      )
      // `run` polls every second.
      const fast = ['      capture:', '        pollSeconds: 1']
      writeFileSync(
        runConfig,
        ['connections:', ...connection('east', 0, fast), ...connection('west', 1, fast), ''].join('\n'),
      )
      env = {
        SALESFORCE_ACCESS_TOKEN: salesforce.accessToken,
        HUBSPOT_TOKEN_1: portals[0]!.accessToken,
        HUBSPOT_TOKEN_2: portals[1]!.accessToken,
      }
    })

    afterAll(async () => {
      await Promise.all([salesforce?.close(), ...(portals ?? []).map((p) => p.close())])
    })

    it('B-MULTI-1: without --connection every connection syncs, one summary each; --json is keyed by id', async () => {
      const first = await runCaptured(['sync', '--once', '--config', config], env)
      expect(first.stderr).toBe('')
      expect(first.code).toBe(EXIT_CODES.ok)
      expect(first.stdout).toContain('Sync of connection east:')
      expect(first.stdout).toContain('Sync of connection west:')

      for (const [index, portal] of portals.entries()) {
        const hs = new Client({ accessToken: portal.accessToken, basePath: portal.basePath })
        await hs.crm.contacts.basicApi.create({
          properties: { email: `cli${index}@multi.com`, lastname: `Cli${index}`, company: 'M' },
          associations: [],
        })
      }
      await nextSecond()
      const second = await runCaptured(['sync', '--once', '--config', config, '--json'], env)
      expect(second.code).toBe(EXIT_CODES.ok)
      const outcomes = JSON.parse(second.stdout) as Record<
        string,
        { connectionId: string; objects: Record<string, { salesforce: { created: number } }> }
      >
      expect(Object.keys(outcomes)).toEqual(['east', 'west'])
      expect(outcomes['east']?.connectionId).toBe('east')
      expect(outcomes['east']?.objects['contact']?.salesforce.created).toBe(1)
      expect(outcomes['west']?.objects['contact']?.salesforce.created).toBe(1)

      // --connection still picks one, with the single-connection output.
      const one = await runCaptured(
        ['sync', '--once', '--config', config, '--json', '--connection', 'west'],
        env,
      )
      expect(one.code).toBe(EXIT_CODES.ok)
      expect((JSON.parse(one.stdout) as { connectionId: string }).connectionId).toBe('west')
    })

    it('B-MULTI-1: one connection that cannot connect does not stop the other; the exit code is the worst', async () => {
      const broken = { ...env, HUBSPOT_TOKEN_1: 'pat-na1-wrong-token' }
      const run = await runCaptured(['sync', '--once', '--config', config, '--json'], broken)
      expect(run.code).toBe(EXIT_CODES.connection)
      const outcomes = JSON.parse(run.stdout) as Record<
        string,
        { failure?: { exitCode: number }; cycles?: number }
      >
      expect(outcomes['east']?.failure?.exitCode).toBe(EXIT_CODES.connection)
      expect(outcomes['west']?.cycles).toBeGreaterThan(0)
      expect(run.stderr).toContain('connection east:')
    })

    it('B-MULTI-1: crmsync run without --connection runs every connection until stopped; a failing one does not stop the other', async () => {
      const leads = async (email: string) =>
        (await sf.query<{ Id: string }>(`SELECT Id FROM Lead WHERE Email = '${email}'`)).records.length
      // Re-read until the run has synced: the run's own timing, no fixed sleep.
      const until = async (check: () => Promise<boolean>) => {
        const deadline = Date.now() + 30_000
        while (!(await check())) {
          if (Date.now() > deadline) throw new Error('timed out waiting for the run to sync')
          await new Promise((resolve) => setTimeout(resolve, 250))
        }
      }
      const contact = async (index: number, email: string) => {
        const portal = portals[index]!
        const hs = new Client({ accessToken: portal.accessToken, basePath: portal.basePath })
        await hs.crm.contacts.basicApi.create({
          properties: { email, lastname: 'Run', company: 'R' },
          associations: [],
        })
      }

      // Connected first: a connection's first cycle starts its cursors and copies nothing (B-INST-6).
      expect((await runCaptured(['sync', '--once', '--config', runConfig], env)).code).toBe(EXIT_CODES.ok)
      const stop = new AbortController()
      const running = runCaptured(['run', '--no-console', '--config', runConfig], env, stop.signal)
      await contact(0, 'run-east@multi.com')
      await contact(1, 'run-west@multi.com')
      await until(
        async () => (await leads('run-east@multi.com')) === 1 && (await leads('run-west@multi.com')) === 1,
      )
      // A later change is picked up by a later poll of the same process.
      await contact(0, 'run-east-2@multi.com')
      await until(async () => (await leads('run-east-2@multi.com')) === 1)
      stop.abort()
      const done = await running
      expect(done.code).toBe(EXIT_CODES.ok)
      expect(done.stderr).toContain('"connection":"east"')
      expect(done.stderr).toContain('"connection":"west"')

      // East's token is refused: east is logged and left out, west goes on syncing.
      const broken = new AbortController()
      const partial = runCaptured(
        ['run', '--no-console', '--config', runConfig],
        { ...env, HUBSPOT_TOKEN_1: 'pat-na1-wrong' },
        broken.signal,
      )
      await contact(1, 'run-west-2@multi.com')
      await until(async () => (await leads('run-west-2@multi.com')) === 1)
      broken.abort()
      const stopped = await partial
      expect(stopped.code).toBe(EXIT_CODES.connection)
      const stops = stopped.stderr.split('\n').filter((line) => line.includes('connection stopped'))
      expect(stops).toHaveLength(1)
      expect(stops[0]).toContain('"connection":"east"')
    })
  },
)
