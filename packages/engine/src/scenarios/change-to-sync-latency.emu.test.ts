import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import { createLinkedHubSpotContact, updateHubSpotContact } from './scenario-helpers.js'

/**
 * The start of an edit, to the whole second: the CRMs stamp changes to the second at worst, so a latency
 * measured from such a stamp can reach back to the start of the second the edit was made in, not further.
 */
const editSecond = () => Math.floor(Date.now() / 1000) * 1000

describe('change-to-sync latency (SyncSummary.changeToSyncMs)', () => {
  let pair: SandboxPair
  let hubspotId: string
  let leadId: string
  beforeAll(async () => {
    pair = await startSandboxPair()
    await pair.sync()
    ;({ id: hubspotId, leadId } = await createLinkedHubSpotContact(pair, {
      email: 'latency@x.com',
      lastname: 'Lag',
      company: 'Acme',
    }))
  })
  afterAll(() => pair.close())

  it('a HubSpot edit synced to Salesforce gives one sample, from its lastmodifieddate to the commit', async () => {
    const start = editSecond()
    await updateHubSpotContact(pair, hubspotId, { jobtitle: 'Engineer' })
    const summary = await pair.sync()
    const elapsed = Date.now() - start
    expect(summary.objects.contact?.salesforce.updated).toBe(1)
    expect(summary.changeToSyncMs).toHaveLength(1)
    expect(summary.changeToSyncMs?.[0]).toBeGreaterThanOrEqual(0)
    expect(summary.changeToSyncMs?.[0]).toBeLessThanOrEqual(elapsed)
  })

  it('a Salesforce edit synced to HubSpot gives one sample, from its SystemModstamp to the commit', async () => {
    const start = editSecond()
    await pair.sf.sobject('Lead').update({ Id: leadId, Title: 'Manager' })
    const summary = await pair.sync()
    const elapsed = Date.now() - start
    expect(summary.objects.contact?.hubspot.updated).toBe(1)
    expect(summary.changeToSyncMs).toHaveLength(1)
    expect(summary.changeToSyncMs?.[0]).toBeGreaterThanOrEqual(0)
    expect(summary.changeToSyncMs?.[0]).toBeLessThanOrEqual(elapsed)
  })

  it('a sync with nothing to write measures nothing', async () => {
    const summary = await pair.sync()
    expect(summary.changeToSyncMs).toBeUndefined()
  })
})
