// B-ERR-6 through both sandboxes: an opportunity whose account was deleted in Salesforce.
import { syncHealthReport } from '@crmsync/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import { companyLink, createAccount } from './company-helpers.js'
import { createOpportunity, dealLink, opportunity, updateHubSpotDeal } from './deal-helpers.js'

describe('a lookup to a deleted record (B-ERR-6)', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({ settings: { companies: { sync: true }, deals: { sync: true } } })
    await pair.sync()
  })
  afterAll(() => pair.close())

  // The reference writes the stale lookup and stores an "insufficient access / missing record" error. The
  // engine reads Salesforce's deletes before it plans writes, so the deleted account's company link is
  // tombstoned first and no write names the deleted account: the deal's other changes sync and nothing is
  // left in error. (Such an error can still come from a race; its codes, SF_INVALID_CROSS_REFERENCE,
  // SF_ENTITY_DELETED and SF_NOT_FOUND, are the Sync Health type missing-record.)
  it('B-ERR-6: HubSpot moves a deal to the company of a deleted account and changes its amount: the amount syncs, no lookup to the deleted account is written, no error', async () => {
    const gone = await createAccount(pair, { Name: 'Gone Inc' })
    const kept = await createAccount(pair, { Name: 'Kept Inc' })
    const opp = await createOpportunity(pair, { Name: 'Orphan deal', AccountId: kept })
    await pair.sync()
    const deal = (await dealLink(pair, 'salesforce', opp))!.hubspotId
    const company = (await companyLink(pair, 'salesforce', gone))!.hubspotId
    await pair.sf.sobject('Account').destroy(gone)
    await pair.hs.crm.associations.v4.basicApi.create('deals', deal, 'companies', company, [
      { associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 5 },
    ])
    await updateHubSpotDeal(pair, deal, { amount: '4200' })
    const summary = await pair.sync({ allowErrors: true })
    expect(summary.errors).toEqual([])
    expect((await companyLink(pair, 'salesforce', gone))?.state).toBe('tombstoned')
    expect(await opportunity(pair, opp)).toMatchObject({ Amount: 4200, AccountId: kept })
    expect((await syncHealthReport(pair.store, 'scenario')).rows).toEqual([])
  })
})
