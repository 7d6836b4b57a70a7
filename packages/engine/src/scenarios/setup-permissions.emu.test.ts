// B-INST-4 through both sandboxes: the integration user cannot edit Opportunity, so a linked deal's change
// fails for that deal alone with a permission error, while a contact change in the same cycle reaches
// Salesforce.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import { createOpportunity, dealLink, opportunity, updateHubSpotDeal } from './deal-helpers.js'
import { createSalesforce, salesforceRecord, updateHubSpotContact } from './scenario-helpers.js'

const DEALS_ON = { companies: { sync: true }, deals: { sync: true } }

async function setObjectPermissions(pair: SandboxPair, body: unknown): Promise<void> {
  const response = await fetch(`${pair.salesforce.instanceUrl}/__sandbox/object-permissions`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`object-permissions: ${response.status} ${await response.text()}`)
}

describe('B-INST-4: an object the integration user cannot edit fails per record', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({ settings: DEALS_ON, contacts: { createInSalesforceAs: 'contact' } })
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-INST-4: with Edit on Opportunity revoked, a deal amount change stores a permission error for that deal and a contact update in the same cycle still reaches Salesforce', async () => {
    const account = await pair.sf.sobject('Account').create({ Name: 'Permissions Inc' })
    const oppId = await createOpportunity(pair, { Name: 'Locked deal', AccountId: account.id, Amount: 100 })
    const contactId = await createSalesforce(pair, 'Contact', { LastName: 'Free', Email: 'free@perm.com' })
    await pair.sync()
    const deal = await dealLink(pair, 'salesforce', oppId)
    const contact = await pair.store.getLink('scenario', 'contact', 'salesforce', contactId)
    expect(deal).toBeDefined()
    expect(contact).toBeDefined()

    await setObjectPermissions(pair, { Opportunity: { PermissionsEdit: false } })
    await updateHubSpotDeal(pair, deal!.hubspotId, { amount: '250' })
    await updateHubSpotContact(pair, contact!.hubspotId, { jobtitle: 'Chief Permissions Officer' })
    const summary = await pair.sync({ allowErrors: true })

    expect((await salesforceRecord(pair, 'Contact', contactId))['Title']).toBe('Chief Permissions Officer')
    expect((await opportunity(pair, oppId))['Amount']).toBe(100)
    const errors = await pair.store.listErrors({ connectionId: 'scenario' })
    const dealErrors = errors.filter((e) => e.code === 'SF_INSUFFICIENT_ACCESS')
    expect(dealErrors).toHaveLength(1)
    expect(dealErrors[0]?.objectKind).toBe('deal')
    expect([oppId, deal!.hubspotId]).toContain(dealErrors[0]?.recordId)
    expect(errors.filter((e) => e.objectKind === 'contact')).toEqual([])
    expect(summary.errors.map((e) => e.code)).toContain('SF_INSUFFICIENT_ACCESS')

    // Granted again, the deal's change goes through on a later cycle; the link stayed.
    await setObjectPermissions(pair, { Opportunity: { PermissionsModifyAllRecords: true } })
    await updateHubSpotDeal(pair, deal!.hubspotId, { amount: '300' })
    await pair.sync()
    expect((await opportunity(pair, oppId))['Amount']).toBe(300)
    expect(await dealLink(pair, 'salesforce', oppId)).toMatchObject({ hubspotId: deal!.hubspotId })
  })
})
