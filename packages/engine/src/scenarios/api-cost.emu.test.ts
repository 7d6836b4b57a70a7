// B-API-3: what one contact sync costs in Salesforce API calls in the long-running engine (`crmsync run`),
// counted by the Salesforce sandbox. The import's cost is measured through the CLI (cli api-cost.emu.test.ts).
import { describe, expect, it } from 'vitest'

import { startSandboxPair } from '../testing/sandbox-pair.js'
import { salesforceAdmin, salesforceCallsCounted } from './api-usage-helpers.js'
import { createHubSpotContact, soql } from './scenario-helpers.js'

describe('Salesforce calls per contact sync (B-API-3)', () => {
  it('B-API-3: a new HubSpot contact that creates a Lead costs at most 4 Salesforce calls', async () => {
    const pair = await startSandboxPair()
    try {
      await pair.sync()
      // The first contact of the engine reads the owners table (users and queues: 2 Salesforce calls), which
      // then serves every cycle for 10 minutes (OWNERS_MAX_AGE_MS): a cost per engine, not per contact.
      await createHubSpotContact(pair, { email: 'first@x.com', lastname: 'First', company: 'A' })
      await pair.sync()
      // A cycle with nothing to sync: capture alone costs this much.
      await pair.resetCounters()
      await pair.sync()
      const quiet = await salesforceCallsCounted(pair)
      await createHubSpotContact(pair, {
        email: 'cost@x.com',
        firstname: 'Cost',
        lastname: 'One',
        company: 'A',
      })
      await pair.resetCounters()
      await pair.sync()
      const withContact = await salesforceCallsCounted(pair)
      const counters = await salesforceAdmin<{ endpoints: Record<string, number> }>(pair, 'GET', '/counters')
      expect(await soql(pair, "SELECT Id FROM Lead WHERE Email = 'cost@x.com'")).toHaveLength(1)
      // Two email matches (Contact, then Lead), the upsert, and the read-back of what Salesforce set.
      expect(counters.endpoints).toEqual({
        'GET /services/data/:version/queryAll': 2,
        'GET /services/data/:version/query': 2,
        'PATCH /services/data/:version/composite/sobjects/:type/:field': 1,
        'POST /services/data/:version/composite/sobjects/:type': 1,
      })
      expect(quiet).toBe(2)
      expect(withContact - quiet).toBe(4)
    } finally {
      await pair.close()
    }
  })
})
