// B-MAP-12: with Salesforce's State and Country/Territory Picklists on, a free-text HubSpot state that
// Salesforce rejects becomes a per-record error (B-ERR-7); the record is not partially written and the rest
// of the batch syncs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import { createLinkedHubSpotContact, salesforceRecord, updateHubSpotContact } from './scenario-helpers.js'

describe('state/country picklists (B-MAP-12, B-ERR-7)', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({ salesforceSandbox: { stateCountryPicklists: true } })
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-MAP-12: state "Calif." with no country is a stored typed error, nothing of the edit reaches Salesforce, the other contact syncs', async () => {
    const bad = await createLinkedHubSpotContact(pair, { email: 'calif@x.com', lastname: 'C', company: 'A' })
    const good = await createLinkedHubSpotContact(pair, { email: 'ok@x.com', lastname: 'O', company: 'A' })
    await updateHubSpotContact(pair, bad.id, { state: 'Calif.', jobtitle: 'CTO' })
    await updateHubSpotContact(pair, good.id, {
      state: 'California',
      country: 'United States',
      jobtitle: 'VP',
    })

    const summary = await pair.sync({ allowErrors: true })
    expect(summary.errors).toEqual([
      expect.objectContaining({ side: 'salesforce', recordId: bad.leadId, code: 'SF_BAD_PICKLIST' }),
    ])
    const errors = await pair.store.listErrors({ connectionId: 'scenario' })
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: 'SF_BAD_PICKLIST', attempts: 1 })
    expect(errors[0]!.message).toContain(
      'A country must be specified before specifying a state value for field: State/Province',
    )
    // Not partially written: the job title edited together with the state did not reach Salesforce either.
    expect(await salesforceRecord(pair, 'Lead', bad.leadId)).toMatchObject({ State: null, Title: null })
    expect(await salesforceRecord(pair, 'Lead', good.leadId)).toMatchObject({
      State: 'California',
      StateCode: 'CA',
      CountryCode: 'US',
      Title: 'VP',
    })

    // A valid state with its country fixes the record and resolves the error.
    await updateHubSpotContact(pair, bad.id, { state: 'California', country: 'United States' })
    await pair.sync()
    expect(await salesforceRecord(pair, 'Lead', bad.leadId)).toMatchObject({
      State: 'California',
      Country: 'United States',
      Title: 'CTO',
    })
    expect(await pair.store.listErrors({ connectionId: 'scenario' })).toEqual([])
  })
})
