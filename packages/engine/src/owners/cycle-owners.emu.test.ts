import { createHubSpotConnector } from '@crmsync/hubspot'
import { connectSalesforce, createSalesforceConnector } from '@crmsync/salesforce'
import { startHubSpotSandbox } from 'hubspot-sandbox'
import { startSalesforceSandbox } from 'salesforce-sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ReadContext, StepContext } from '../engine-context.js'
import type { EngineState } from '../engine-state.js'
import { cycleOwners, OWNERS_MAX_AGE_MS } from './cycle-owners.js'

let close: () => Promise<void>
let deps: StepContext['deps']
let now = 1_700_000_000_000

beforeAll(async () => {
  const salesforce = await startSalesforceSandbox({})
  const hubspot = await startHubSpotSandbox({ rateLimits: { tier: 'unlimited' } })
  close = async () => {
    await Promise.all([salesforce.close(), hubspot.close()])
  }
  const connection = await connectSalesforce({
    kind: 'access-token',
    instanceUrl: salesforce.instanceUrl,
    accessToken: salesforce.accessToken,
  })
  // Only what cycleOwners reads of an engine's deps: both connectors and the clock.
  deps = {
    salesforce: createSalesforceConnector({ connection }),
    hubspot: createHubSpotConnector({ accessToken: hubspot.accessToken, basePath: hubspot.basePath }),
    clock: { now: () => now },
  } as unknown as StepContext['deps']
})
afterAll(() => close())

/** A fresh cycle of the same engine: the cycle state is new, the engine's state (and so the kept table) is not. */
// Only what cycleOwners touches of a read context: the deps, the engine's state and the cycle's.
const engineState: Pick<EngineState, 'owners'> = { owners: undefined }
const cycle = () =>
  ({
    deps,
    state: engineState,
    cycle: { owners: undefined, ownersReread: false, ownersFresh: false },
  }) as unknown as ReadContext
const calls = () => deps.salesforce.apiUsage().calls + deps.hubspot.apiUsage().calls

describe('owners table across cycles (design.md 3.4 pass 1)', () => {
  it('is read once, serves later cycles until OWNERS_MAX_AGE_MS, and is read again at once for an unknown owner id', async () => {
    const first = cycle()
    let before = calls()
    const table = await cycleOwners(first)
    expect(table.salesforce.length).toBeGreaterThan(0)
    expect(calls() - before).toBeGreaterThan(0)

    // A later cycle within the age: no call.
    before = calls()
    now += OWNERS_MAX_AGE_MS - 1
    expect(await cycleOwners(cycle())).toBe(table)
    expect(calls()).toBe(before)

    // A batch naming an owner the table does not know (created since): read again, once per cycle.
    const third = cycle()
    before = calls()
    const known = { hubspot: [table.hubspot[0]!.id], salesforce: [table.salesforce[0]!.id] }
    await cycleOwners(third, known)
    expect(calls()).toBe(before)
    await cycleOwners(third, { hubspot: ['999999999'], salesforce: [] })
    const reread = calls() - before
    expect(reread).toBeGreaterThan(0)
    await cycleOwners(third, { hubspot: ['999999999'], salesforce: ['005000000000999AAA'] })
    expect(calls() - before).toBe(reread)

    // Past the age, the next cycle reads it again.
    before = calls()
    now += OWNERS_MAX_AGE_MS
    await cycleOwners(cycle())
    expect(calls()).toBeGreaterThan(before)
  })
})
