import { describe, expect, it } from 'vitest'

import { startSandboxPair } from '../testing/sandbox-pair.js'
import {
  createHubSpotContact,
  createSalesforce,
  hubspotByEmail,
  updateHubSpotContact,
} from './scenario-helpers.js'

describe('convergence and the API budget', () => {
  it('CONVERGENCE: after creates and edits on both sides, the next sync makes zero writes on either side', async () => {
    const pair = await startSandboxPair()
    try {
      await pair.sync()
      const hsIds: string[] = []
      for (let i = 0; i < 4; i++) {
        hsIds.push(
          await createHubSpotContact(pair, { email: `hs${i}@c.com`, lastname: `H${i}`, company: 'C' }),
        )
        await createSalesforce(pair, i % 2 === 0 ? 'Lead' : 'Contact', {
          LastName: `S${i}`,
          Email: `sf${i}@c.com`,
          ...(i % 2 === 0 ? { Company: 'C' } : {}),
        })
      }
      await pair.sync()
      // Interleaved edits on both sides of linked pairs, some of the same field.
      await updateHubSpotContact(pair, hsIds[0]!, { jobtitle: 'A', phone: '1' })
      await updateHubSpotContact(pair, hsIds[1]!, { firstname: 'B' })
      const [sf0] = await hubspotByEmail(pair, 'sf0@c.com', ['salesforceleadid'])
      await pair.sf
        .sobject('Lead')
        .update({ Id: sf0!.properties['salesforceleadid']!, Title: 'T', City: 'Oslo' })
      await updateHubSpotContact(pair, sf0!.id, { jobtitle: 'H', state: 'Viken' })
      await pair.sync()
      await pair.resetCounters()
      const quiet = await pair.sync()
      expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
      expect(quiet.errors).toEqual([])
      // The echoes of the last writes were captured and left unplanned: no counterpart was read for them,
      // and the owners table read for the last cycle still serves (OWNERS_MAX_AGE_MS).
      expect(quiet.apiCalls).toEqual({ salesforce: 2, hubspot: 2 })
      // Nothing changed at all: one queryAll per object and the HubSpot capture's two searches.
      const idle = await pair.sync()
      expect(idle.apiCalls).toEqual({ salesforce: 2, hubspot: 2 })
    } finally {
      await pair.close()
    }
  })

  it('B-API-1: with the Salesforce allocation spent, the run stops as incomplete and writes nothing more', async () => {
    const pair = await startSandboxPair({ apiCallAllocation: 12 })
    try {
      await pair.sync()
      await createHubSpotContact(pair, { email: 'budget@x.com', lastname: 'B', company: 'A' })
      let summary = await pair.sync({ allowErrors: true })
      for (let i = 0; i < 3 && summary.incomplete === undefined; i++) summary = await pair.sync()
      expect(summary.incomplete).toMatch(/ENGINE_BUDGET_EXHAUSTED/)
      await pair.resetCounters()
      await createHubSpotContact(pair, { email: 'budget2@x.com', lastname: 'B', company: 'A' })
      await pair.sync()
      expect((await pair.writes()).salesforce).toBe(0)
    } finally {
      await pair.close()
    }
  })
})

describe('scheduled retries (design.md 3.5, 3.6)', () => {
  async function failedOnce(allocation: number) {
    // The org refuses Leads named R by a validation rule: a per-record error with a retry schedule.
    const refuseR = { object: 'Lead', name: 'Refuse_R', condition: "FirstName = 'R'", message: 'no R' }
    const pair = await startSandboxPair({
      apiCallAllocation: allocation,
      salesforceSandbox: { validationRules: [refuseR] },
    })
    await pair.sync()
    const id = await createHubSpotContact(pair, { email: `retry${allocation}@x.com`, firstname: 'R' })
    await pair.sync({ allowErrors: true })
    return { pair, id }
  }

  it('a per-record error is retried when its 30 minutes are up', async () => {
    const { pair, id } = await failedOnce(100_000)
    try {
      pair.advanceEngineClock(31 * 60_000)
      await pair.sync({ allowErrors: true })
      const [error] = await pair.store.listErrors({ connectionId: 'scenario' })
      expect(error).toMatchObject({ recordId: id, attempts: 2 })
    } finally {
      await pair.close()
    }
  })

  // About 20 real cycles of a second each (Salesforce stamps whole seconds) to spend 45 calls: 21 s here,
  // so the project's 30 s would be too close on a slower CI machine.
  it(
    'B-API-2: above 75 % of the Salesforce allocation automatic retries stop',
    { timeout: 90_000 },
    async () => {
      const { pair, id } = await failedOnce(60)
      try {
        const used = () =>
          pair.store.sumApiCalls({
            connectionId: 'scenario',
            side: 'salesforce',
            from: 0,
            to: Date.now() * 2,
          })
        while ((await used()) <= 45) await pair.sync({ allowErrors: true })
        pair.advanceEngineClock(31 * 60_000)
        await pair.sync({ allowErrors: true })
        const [error] = await pair.store.listErrors({ connectionId: 'scenario' })
        expect(error).toMatchObject({ recordId: id, attempts: 1 })
      } finally {
        await pair.close()
      }
    },
  )
})
