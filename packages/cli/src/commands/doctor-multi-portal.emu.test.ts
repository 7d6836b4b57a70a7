import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { type RunningHubSpotSandbox, startHubSpotSandbox } from 'hubspot-sandbox'
import { type RunningSandbox, startSalesforceSandbox } from 'salesforce-sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'crmsync-doctor-multi-'))

describe('crmsync doctor on a file with two portals on one org', { timeout: 120_000 }, () => {
  let salesforce: RunningSandbox
  let portals: RunningHubSpotSandbox[]
  let env: Record<string, string>

  beforeAll(async () => {
    // An org whose daily limit is 1,000 calls, as Sforce-Limit-Info reports it.
    salesforce = await startSalesforceSandbox({ apiLimit: 1000 })
    portals = await Promise.all(
      [8001, 8002].map((portalId) =>
        startHubSpotSandbox({
          portalId,
          accessToken: `pat-na1-doctor-${portalId}`,
          rateLimits: { tier: 'unlimited' },
        }),
      ),
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

  function configFile(name: string, westCreates: boolean, shares: [number, number]): string {
    const connection = (id: string, index: number, creates: boolean) => [
      `  - id: ${id}`,
      '    salesforce:',
      `      instanceUrl: ${salesforce.instanceUrl}`,
      '      accessToken: ${SALESFORCE_ACCESS_TOKEN}',
      `      apiCallAllocation: ${shares[index]}`,
      '    hubspot:',
      `      basePath: ${portals[index]!.basePath}`,
      `      accessToken: \${HUBSPOT_TOKEN_${index + 1}}`,
      `      portalId: ${portals[index]!.portalId}`,
      `    store: sqlite:${join(dir, `${name}.db`)}`,
      '    settings:',
      '      contacts:',
      `        createInHubSpot: ${creates}`,
    ]
    const file = join(dir, `${name}.yaml`)
    writeFileSync(
      file,
      ['connections:', ...connection('east', 0, true), ...connection('west', 1, westCreates), ''].join('\n'),
    )
    return file
  }

  it('B-MULTI-2, B-MULTI-4: warns about two portals creating contacts and shares above the org limit', async () => {
    const both = configFile('both', true, [600, 500])
    const run = await runCaptured(['doctor', '--config', both, '--connection', 'east'], env)
    const warnings = run.stdout.split('\n').filter((line) => line.startsWith('WARN'))
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toContain('2 connections on this org (east, west) create HubSpot contacts')
    expect(warnings[1]).toContain("adding up to 1100, more than the org's daily limit of 1000")

    const advised = configFile('advised', false, [600, 400])
    const quiet = await runCaptured(['doctor', '--config', advised, '--connection', 'east'], env)
    expect(quiet.stdout.split('\n').filter((line) => line.startsWith('WARN'))).toEqual([])
  })
})
