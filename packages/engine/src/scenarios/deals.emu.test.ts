import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import { companyLink, createAccount } from './company-helpers.js'
import {
  createHubSpotDeal,
  createOpportunity,
  dealLink,
  dealPrimaryCompany,
  dealsNamed,
  hubspotDeal,
  opportunitiesNamed,
  opportunity,
  pipelinesByLabel,
  updateHubSpotDeal,
} from './deal-helpers.js'
import { people, soql } from './scenario-helpers.js'

const DEAL_PROPERTIES = [
  'dealname',
  'amount',
  'closedate',
  'dealstage',
  'pipeline',
  'dealtype',
  'description',
  'hubspot_owner_id',
  'salesforceopportunityid',
]

describe('deals with opportunities (B-DEAL)', () => {
  let pair: SandboxPair
  let recordTypes: Map<string, string>
  beforeAll(async () => {
    pair = await startSandboxPair({
      settings: { companies: { sync: true }, deals: { sync: true } },
      contacts: { createInSalesforceAs: 'contact' },
    })
    await pair.sync()
    const rows = await soql<{ Id: string; Name: string }>(
      pair,
      "SELECT Id, Name FROM RecordType WHERE SobjectType = 'Opportunity'",
    )
    recordTypes = new Map(rows.map((r) => [r.Name, r.Id]))
  })
  afterAll(() => pair.close())

  async function quiet() {
    await pair.resetCounters()
    await pair.sync()
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  }

  it('B-DEAL-2 / B-DEAL-20: a pipeline per record type, "Salesforce - <record type>", its stages the StageName values', async () => {
    const pipelines = await pipelinesByLabel(pair)
    const stageNames = (
      await soql<{ ApiName: string }>(
        pair,
        'SELECT ApiName FROM OpportunityStage WHERE IsActive = true ORDER BY SortOrder',
      )
    ).map((s) => s.ApiName)
    expect(recordTypes.size).toBe(2)
    for (const name of recordTypes.keys()) {
      const pipeline = pipelines.get(`Salesforce - ${name}`)
      expect(pipeline, name).toBeDefined()
      expect([...(pipeline?.stages.keys() ?? [])]).toEqual(stageNames)
    }
  })

  it("B-DEAL-4 / B-DEAL-2: a new opportunity becomes a linked deal in its record type's pipeline, stage by StageName", async () => {
    const renewal = recordTypes.get('Renewal') ?? ''
    const id = await createOpportunity(pair, {
      Name: 'Acme renewal 2027',
      Amount: 1200,
      StageName: 'Qualification',
      RecordTypeId: renewal,
      Description: 'Second year',
    })
    await pair.sync()
    const link = await dealLink(pair, 'salesforce', id)
    expect(link?.state).toBe('active')
    const pipeline = (await pipelinesByLabel(pair)).get('Salesforce - Renewal')
    expect(await hubspotDeal(pair, link!.hubspotId, DEAL_PROPERTIES)).toMatchObject({
      dealname: 'Acme renewal 2027',
      amount: '1200.00',
      pipeline: pipeline?.id,
      dealstage: pipeline?.stages.get('Qualification'),
      description: 'Second year',
      salesforceopportunityid: id,
    })
    await quiet()
  })

  it('B-DEAL-5 / B-DEAL-10 / B-OWN-10: a HubSpot deal in a synced pipeline with the seven values becomes an opportunity with them', async () => {
    const team = await people(pair)
    const pipeline = (await pipelinesByLabel(pair)).get('Salesforce - New Business')!
    const deal = await createHubSpotDeal(pair, {
      dealname: 'Fjord expansion',
      amount: '5000',
      closedate: '2027-06-30T12:00:00Z',
      pipeline: pipeline.id,
      dealstage: pipeline.stages.get('Needs Analysis') ?? '',
      dealtype: 'newbusiness',
      description: 'Phase two',
      hubspot_owner_id: team.bjorn.hs!,
    })
    await pair.sync()
    const link = await dealLink(pair, 'hubspot', deal)
    expect(link?.state).toBe('active')
    expect(await opportunity(pair, link!.salesforceId)).toMatchObject({
      Name: 'Fjord expansion',
      Amount: 5000,
      CloseDate: '2027-06-30',
      StageName: 'Needs Analysis',
      Type: 'New Customer',
      Description: 'Phase two',
      OwnerId: team.bjorn.sf,
      RecordTypeId: recordTypes.get('New Business'),
    })
    await quiet()
    // And back: a Salesforce edit of amount and stage reaches the deal.
    await pair.sf
      .sobject('Opportunity')
      .update({ Id: link!.salesforceId, Amount: 6500, StageName: 'Closed Won' })
    await pair.sync()
    const after = await hubspotDeal(pair, deal, ['amount', 'dealstage'])
    expect(Number(after['amount'])).toBe(6500)
    expect(after['dealstage']).toBe(pipeline.stages.get('Closed Won'))
    await quiet()
  })

  it('B-DEAL-6: a deal moved to an unsynced pipeline stops syncing both ways', async () => {
    const id = await createOpportunity(pair, { Name: 'Moved away', Amount: 100 })
    await pair.sync()
    const link = await dealLink(pair, 'salesforce', id)
    const sales = (await pipelinesByLabel(pair)).get('Sales Pipeline')!
    await updateHubSpotDeal(pair, link!.hubspotId, {
      pipeline: sales.id,
      dealstage: sales.stages.get('Appointment Scheduled') ?? 'appointmentscheduled',
    })
    await pair.sync()
    await updateHubSpotDeal(pair, link!.hubspotId, { amount: '111' })
    await pair.sf.sobject('Opportunity').update({ Id: id, Amount: 222 })
    await pair.sync()
    expect((await opportunity(pair, id))['Amount']).toBe(222)
    expect((await hubspotDeal(pair, link!.hubspotId, ['amount']))['amount']).toBe('111')
  })

  it('B-DEAL-7: a deal and an opportunity with the same name and amount are never matched', async () => {
    const pipeline = (await pipelinesByLabel(pair)).get('Salesforce - New Business')!
    await createHubSpotDeal(pair, {
      dealname: 'Twin deal',
      amount: '100',
      closedate: '2027-05-01',
      pipeline: pipeline.id,
      dealstage: pipeline.stages.get('Prospecting') ?? '',
    })
    await createOpportunity(pair, { Name: 'Twin deal', Amount: 100 })
    await pair.sync()
    expect(await dealsNamed(pair, 'Twin deal')).toHaveLength(2)
    expect(await opportunitiesNamed(pair, 'Twin deal')).toHaveLength(2)
    await quiet()
  })

  it('B-DEAL-8: deleting a linked opportunity deletes its deal', async () => {
    const id = await createOpportunity(pair, { Name: 'Doomed' })
    await pair.sync()
    const link = await dealLink(pair, 'salesforce', id)
    await pair.sf.sobject('Opportunity').destroy(id)
    await pair.sync()
    await expect(hubspotDeal(pair, link!.hubspotId, ['dealname'])).rejects.toThrow()
    expect((await dealLink(pair, 'salesforce', id))?.state).toBe('tombstoned')
  })

  it('B-DEAL-9: deleting a deal never deletes its opportunity', async () => {
    const id = await createOpportunity(pair, { Name: 'Survivor' })
    await pair.sync()
    const link = await dealLink(pair, 'salesforce', id)
    await pair.hs.crm.deals.basicApi.archive(link!.hubspotId)
    await pair.sync()
    expect((await opportunity(pair, id))['Name']).toBe('Survivor')
    // HubSpot's search never shows a deleted deal: its opportunity's next edit finds it gone, and the link is
    // tombstoned instead of the deal being created again.
    await pair.sf.sobject('Opportunity').update({ Id: id, Amount: 9 })
    await pair.sync()
    expect((await dealLink(pair, 'salesforce', id))?.state).toBe('tombstoned')
    expect(await dealsNamed(pair, 'Survivor')).toEqual([])
    expect((await opportunity(pair, id))['Amount']).toBe(9)
  })

  it("B-DEAL-15: the opportunity's account gives the deal its primary company, and AccountId stays", async () => {
    const accountId = await createAccount(pair, { Name: 'Deal Account AS' })
    await pair.sync()
    const company = (await companyLink(pair, 'salesforce', accountId))!.hubspotId
    const id = await createOpportunity(pair, { Name: 'With account', AccountId: accountId })
    await pair.sync()
    const link = await dealLink(pair, 'salesforce', id)
    expect(await dealPrimaryCompany(pair, link!.hubspotId)).toBe(company)
    expect((await opportunity(pair, id))['AccountId']).toBe(accountId)
    await quiet()
  })

  it('B-DEAL-20: an HS stage with no StageName counterpart is a stored property-value error for the deal', async () => {
    const id = await createOpportunity(pair, { Name: 'Odd stage' })
    await pair.sync()
    const link = await dealLink(pair, 'salesforce', id)
    const pipeline = (await pipelinesByLabel(pair)).get('Salesforce - New Business')!
    const stage = await pair.hs.crm.pipelines.pipelineStagesApi.create('deals', pipeline.id, {
      label: 'Only in HubSpot',
      displayOrder: 99,
      metadata: { probability: '0.5', isClosed: 'false' },
    })
    await updateHubSpotDeal(pair, link!.hubspotId, { dealstage: stage.id })
    await pair.sync({ allowErrors: true })
    const errors = await pair.store.listErrors({ connectionId: 'scenario' })
    expect(errors.find((e) => e.recordId === link!.hubspotId)).toMatchObject({ code: 'SF_BAD_PICKLIST' })
    expect((await opportunity(pair, id))['StageName']).toBe('Prospecting')
  })
})
