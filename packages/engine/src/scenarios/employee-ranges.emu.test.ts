import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import {
  createHubSpotContact,
  createLinkedHubSpotContact,
  createSalesforce,
  hubspotByEmail,
  hubspotContact,
  salesforceRecord,
  updateHubSpotContact,
} from './scenario-helpers.js'

/**
 * HubSpot's `numemployees` is a dropdown of ranges ("25-50"), Salesforce's `NumberOfEmployees` a number. The
 * default mapping (prefer-salesforce) compares them as the HubSpot range (design.md 3.3, docs/sync-rules.md).
 */
describe('numemployees: employee ranges <-> NumberOfEmployees (default mapping)', () => {
  let pair: SandboxPair
  let insideLeadId: string
  beforeAll(async () => {
    pair = await startSandboxPair()
    insideLeadId = await createSalesforce(pair, 'Lead', {
      LastName: 'Inside',
      Company: 'A',
      Email: 'range-inside@x.com',
      NumberOfEmployees: 42,
    })
    await pair.sync()
  })
  afterAll(() => pair.close())

  async function syncWritesNothing(): Promise<void> {
    await pair.resetCounters()
    await pair.sync()
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  }

  it('Salesforce -> HubSpot writes the range that holds the number; a second sync writes nothing', async () => {
    const leadId = await createSalesforce(pair, 'Lead', {
      LastName: 'Range',
      Company: 'A',
      Email: 'range-sf@x.com',
      NumberOfEmployees: 30,
    })
    await pair.sync()
    const [contact] = await hubspotByEmail(pair, 'range-sf@x.com', ['numemployees', 'salesforceleadid'])
    expect(contact!.properties).toMatchObject({ numemployees: '25-50', salesforceleadid: leadId })
    await syncWritesNothing()
    // Another number in the same range is no difference: HubSpot is not written.
    await pair.sf.sobject('Lead').update({ Id: leadId, NumberOfEmployees: 45 })
    await syncWritesNothing()
    await pair.sf.sobject('Lead').update({ Id: leadId, NumberOfEmployees: 5 })
    await pair.sync()
    expect((await hubspotContact(pair, contact!.id, ['numemployees']))['numemployees']).toBe('5-25')
    expect((await salesforceRecord(pair, 'Lead', leadId))['NumberOfEmployees']).toBe(5)
  })

  it('HubSpot -> Salesforce writes the lower bound of the range; a second sync writes nothing', async () => {
    const { id, leadId } = await createLinkedHubSpotContact(pair, {
      email: 'range-hs@x.com',
      lastname: 'Range',
      company: 'A',
      numemployees: '100-500',
    })
    expect((await salesforceRecord(pair, 'Lead', leadId))['NumberOfEmployees']).toBe(100)
    await syncWritesNothing()
    expect((await hubspotContact(pair, id, ['numemployees']))['numemployees']).toBe('100-500')
  })

  it('a HubSpot range edit reaches a blank Salesforce field (prefer-salesforce) and then converges', async () => {
    const { id, leadId } = await createLinkedHubSpotContact(pair, {
      email: 'range-edit@x.com',
      lastname: 'Range',
      company: 'A',
    })
    expect((await salesforceRecord(pair, 'Lead', leadId))['NumberOfEmployees'] ?? null).toBeNull()
    await updateHubSpotContact(pair, id, { numemployees: '1000+' })
    await pair.sync()
    expect((await salesforceRecord(pair, 'Lead', leadId))['NumberOfEmployees']).toBe(1000)
    await syncWritesNothing()
  })

  it('a HubSpot range that already holds the Salesforce number writes nothing to Salesforce when they link', async () => {
    // The Lead predates the connection (beforeAll), so only the HubSpot contact below brings it in (B-CON-9).
    await createHubSpotContact(pair, {
      email: 'range-inside@x.com',
      lastname: 'Inside',
      company: 'A',
      numemployees: '25-50',
    })
    await pair.resetCounters()
    await pair.sync()
    const [contact] = await hubspotByEmail(pair, 'range-inside@x.com', ['numemployees', 'salesforceleadid'])
    expect(contact!.properties).toMatchObject({ numemployees: '25-50', salesforceleadid: insideLeadId })
    expect((await pair.writes()).salesforce).toBe(0)
    expect((await salesforceRecord(pair, 'Lead', insideLeadId))['NumberOfEmployees']).toBe(42)
    await syncWritesNothing()
  })
})
