import { SyncError } from '@crmsync/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import { createSalesforce, soql } from './scenario-helpers.js'

const DEALS_ON = { companies: { sync: true }, deals: { sync: true } }

const LIFECYCLE_VALUES = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
]
const lifecycleField = (object: 'Lead' | 'Contact') => ({
  fullName: `${object}.Lifecycle__c`,
  metadata: {
    label: 'Lifecycle',
    type: 'Picklist',
    valueSet: { valueSetDefinition: { value: LIFECYCLE_VALUES.map((fullName) => ({ fullName })) } },
  },
})

async function lifecycleOf(pair: SandboxPair, contactId: string): Promise<unknown> {
  const [row] = await soql<Record<string, unknown>>(
    pair,
    `SELECT Lifecycle__c FROM Contact WHERE Id = '${contactId}'`,
  )
  return row?.['Lifecycle__c'] ?? null
}

describe('lifecycle stage and Salesforce (B-LCS-1, B-LCS-7)', () => {
  it('B-LCS-1: Salesforce has no lifecycle field: without a mapping a HubSpot lifecycle change writes nothing to Salesforce', async () => {
    const pair = await startSandboxPair({ settings: DEALS_ON, contacts: { createInSalesforceAs: 'contact' } })
    try {
      await pair.sync()
      const k = await createSalesforce(pair, 'Contact', { LastName: 'Nolc', Email: 'nolc@x.com' })
      await pair.sync()
      const link = await pair.store.getLink('scenario', 'contact', 'salesforce', k)
      await pair.hs.crm.contacts.basicApi.update(link!.hubspotId, { properties: { lifecyclestage: 'lead' } })
      await pair.resetCounters()
      await pair.sync()
      expect((await pair.writes()).salesforce).toBe(0)
    } finally {
      await pair.close()
    }
  })

  describe('with a Lifecycle__c picklist mapped', () => {
    let pair: SandboxPair
    beforeAll(async () => {
      pair = await startSandboxPair({
        settings: DEALS_ON,
        contacts: { createInSalesforceAs: 'contact' },
        salesforceSandbox: { customFields: [lifecycleField('Lead'), lifecycleField('Contact')] },
        mappings: {
          contact: [{ hubspot: 'lifecyclestage', salesforce: 'Lifecycle__c', rule: 'two-way' }],
        },
      })
      await pair.sync()
    })
    afterAll(() => pair.close())

    it('B-LCS-1 / B-LCS-7: a change of only the lifecycle stage is a sync trigger and reaches the mapped field', async () => {
      const k = await createSalesforce(pair, 'Contact', { LastName: 'Lc', Email: 'lc7@x.com' })
      await pair.sync()
      const link = await pair.store.getLink('scenario', 'contact', 'salesforce', k)
      await pair.hs.crm.contacts.basicApi.update(link!.hubspotId, {
        properties: { lifecyclestage: 'marketingqualifiedlead' },
      })
      await pair.sync()
      expect(await lifecycleOf(pair, k)).toBe('marketingqualifiedlead')
    })

    it('B-LCS-2 / B-LCS-7: an automatic move to opportunity is written to the mapped field in the same sync as it happens', async () => {
      const k = await createSalesforce(pair, 'Contact', { LastName: 'Auto', Email: 'auto7@x.com' })
      await pair.sync()
      const opportunity = await pair.sf
        .sobject('Opportunity')
        .create({ Name: 'Auto lifecycle', StageName: 'Prospecting', CloseDate: '2027-02-28' })
      await pair.sf.sobject('OpportunityContactRole').create({ OpportunityId: opportunity.id, ContactId: k })
      await pair.sync()
      const link = await pair.store.getLink('scenario', 'contact', 'salesforce', k)
      const { properties } = await pair.hs.crm.contacts.basicApi.getById(link!.hubspotId, ['lifecyclestage'])
      expect(properties['lifecyclestage']).toBe('opportunity')
      expect(await lifecycleOf(pair, k)).toBe('opportunity')
      await pair.resetCounters()
      await pair.sync()
      expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
    })
  })
})

describe("B-INST-5: the integration user's permission for deal sync", () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({ settings: DEALS_ON })
  })
  afterAll(() => pair.close())

  it('B-INST-5: without Modify All Data and Modify Metadata the engine refuses with a pre-flight error naming them; with one it syncs', async () => {
    await fetch(`${pair.salesforce.instanceUrl}/__sandbox/user-permissions`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ PermissionsModifyAllData: false, PermissionsModifyMetadata: false }),
    })
    const error = await pair.sync().catch((err: unknown) => err)
    expect(error).toBeInstanceOf(SyncError)
    expect((error as SyncError).code).toBe('DEAL_SYNC_PERMISSION_MISSING')
    expect((error as SyncError).message).toContain(
      '"Modify All Data" or "Modify Metadata Through Metadata API Functions"',
    )
    // Nothing was set up in HubSpot.
    const { results } = await pair.hs.crm.pipelines.pipelinesApi.getAll('deals')
    expect(results.map((p) => p.label)).toEqual(['Sales Pipeline'])
    await fetch(`${pair.salesforce.instanceUrl}/__sandbox/user-permissions`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ PermissionsModifyMetadata: true }),
    })
    pair.restartEngine()
    await pair.sync()
    const after = await pair.hs.crm.pipelines.pipelinesApi.getAll('deals')
    expect(after.results.map((p) => p.label)).toContain('Salesforce - New Business')
  })
})
