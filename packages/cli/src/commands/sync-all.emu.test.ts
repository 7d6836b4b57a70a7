import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { Client } from '@hubspot/api-client'
import { type RunningHubSpotSandbox, startHubSpotSandbox } from 'hubspot-sandbox'
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
    let env: Record<string, string>

    beforeAll(async () => {
      salesforce = await startSalesforceSandbox({})
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
      const connection = (id: string, index: number) => [
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
      ]
      writeFileSync(
        config,
        ['connections:', ...connection('east', 0), ...connection('west', 1), ''].join('\n'),
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
  },
)
