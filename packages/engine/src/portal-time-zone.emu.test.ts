import { createHubSpotConnector } from '@crmsync/hubspot'
import { type RunningHubSpotSandbox, startHubSpotSandbox } from 'hubspot-sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type PortalTimeZoneDeps, portalTimeZoneReader } from './portal-time-zone.js'

// One reader per engine, as EngineState holds it: the same deps object stands for the same engine here.
const readers = new WeakMap<PortalTimeZoneDeps, () => Promise<string>>()
function portalTimeZone(deps: PortalTimeZoneDeps): Promise<string> {
  let read = readers.get(deps)
  if (read === undefined) {
    read = portalTimeZoneReader(deps)
    readers.set(deps, read)
  }
  return read()
}

let sandbox: RunningHubSpotSandbox
beforeAll(async () => {
  sandbox = await startHubSpotSandbox({
    seed: 'none',
    timeZone: 'Europe/Oslo',
    rateLimits: { tier: 'unlimited' },
  })
})
afterAll(async () => {
  await sandbox.close()
})

async function accountInfoCalls(): Promise<number> {
  const response = await fetch(`${sandbox.basePath}/__sandbox/counters`)
  const counters = (await response.json()) as { endpoints: Record<string, { calls: number }> }
  return counters.endpoints['GET /account-info/v3/details']?.calls ?? 0
}

describe('portal time zone through the real connector (B-MAP-5)', () => {
  it("reads the sandbox portal's zone with one account-info call for any number of cycles", async () => {
    const ignore = () => undefined
    const deps = {
      connection: { id: 'tz' },
      logger: { debug: ignore, info: ignore, warn: ignore, error: ignore },
      hubspot: createHubSpotConnector({ accessToken: sandbox.accessToken, basePath: sandbox.basePath }),
    }
    expect(await portalTimeZone(deps)).toBe('Europe/Oslo')
    expect(await portalTimeZone(deps)).toBe('Europe/Oslo')
    expect(await accountInfoCalls()).toBe(1)
  })
})
