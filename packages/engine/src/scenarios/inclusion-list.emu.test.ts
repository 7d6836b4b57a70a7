import { createDynamicList } from '@crmsync/hubspot/testing/list-filters'
import type { Client } from '@hubspot/api-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import {
  countSalesforce,
  createHubSpotContact,
  createLinkedHubSpotContact,
  createSalesforce,
  hubspotByEmail,
  hubspotContact,
  salesforceRecord,
  updateHubSpotContact,
} from './scenario-helpers.js'

/** A DYNAMIC list of marketing-qualified leads, the inclusion list of these scenarios (B-CON-15/16). */
async function mqlList(hs: Client): Promise<Record<string, unknown>> {
  const listId = await createDynamicList(hs, 'MQLs', 'lifecyclestage', {
    operationType: 'ENUMERATION',
    operator: 'IS_ANY_OF',
    values: ['marketingqualifiedlead'],
    includeObjectsWithNoValueSet: false,
  })
  return { inclusionList: listId }
}

/** A HubSpot contact at a lifecycle stage: the stage is what puts it inside or outside the segment. */
function createAtStage(pair: SandboxPair, email: string, lastname: string, lifecyclestage: string) {
  return createHubSpotContact(pair, { email, lastname, company: 'A', lifecyclestage })
}

describe('inclusion list (B-CON-15..20, B-OPT-5)', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({ contacts: mqlList })
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-CON-15 / B-TRIG-6: only members are written to Salesforce', async () => {
    await createAtStage(pair, 'sub@x.com', 'S', 'subscriber')
    await createAtStage(pair, 'mql@x.com', 'M', 'marketingqualifiedlead')
    await pair.sync()
    expect(await countSalesforce(pair, 'Lead', 'sub@x.com')).toBe(0)
    expect(await countSalesforce(pair, 'Lead', 'mql@x.com')).toBe(1)
  })

  it('B-CON-18 / B-OPT-5: joining the list is a trigger; the created record carries an earlier opt-out', async () => {
    const id = await createHubSpotContact(pair, { email: 'join@x.com', lastname: 'J', company: 'A' })
    await fetch(
      `${pair.hubspot.basePath}/communication-preferences/v4/statuses/batch/unsubscribe-all?channel=EMAIL`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${pair.hubspot.accessToken}` },
        body: JSON.stringify({ inputs: ['join@x.com'] }),
      },
    )
    await pair.sync()
    expect(await countSalesforce(pair, 'Lead', 'join@x.com')).toBe(0)
    await updateHubSpotContact(pair, id, { lifecyclestage: 'marketingqualifiedlead' })
    await pair.sync()
    const leadId = (await hubspotContact(pair, id, ['salesforceleadid']))['salesforceleadid']!
    expect((await salesforceRecord(pair, 'Lead', leadId))['HasOptedOutOfEmail']).toBe(true)
  })

  it('B-CON-19: a new SF Lead creates an HS contact outside the list; later changes do not cross', async () => {
    const leadId = await createSalesforce(pair, 'Lead', { LastName: 'Out', Company: 'A', Email: 'out@x.com' })
    await pair.sync()
    const [contact] = await hubspotByEmail(pair, 'out@x.com', ['salesforceleadid'])
    expect(contact!.properties['salesforceleadid']).toBe(leadId)
    await pair.sf.sobject('Lead').update({ Id: leadId, Title: 'Not crossing' })
    await updateHubSpotContact(pair, contact!.id, { firstname: 'Nor this' })
    await pair.sync()
    expect((await hubspotContact(pair, contact!.id, ['jobtitle']))['jobtitle'] ?? null).toBeNull()
    expect((await salesforceRecord(pair, 'Lead', leadId))['FirstName'] ?? null).toBeNull()
  })

  it('B-CON-20: an edit that leaves the list and changes a mapped field is not written', async () => {
    const { id, leadId } = await createLinkedHubSpotContact(pair, {
      email: 'leave@x.com',
      lastname: 'L',
      company: 'A',
      lifecyclestage: 'marketingqualifiedlead',
    })
    // Forward to SQL: HubSpot ignores backward lifecycle moves, and SQL is outside the MQL list.
    await updateHubSpotContact(pair, id, { lifecyclestage: 'salesqualifiedlead', jobtitle: 'Gone' })
    await pair.sync()
    expect((await salesforceRecord(pair, 'Lead', leadId))['Title'] ?? null).toBeNull()
  })

  it('B-CON-17: choosing the list pushes nothing: a cycle without changes writes nothing', async () => {
    await pair.sync()
    await pair.resetCounters()
    await pair.sync()
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  })

  it('B-CON-16: a static (MANUAL) list is refused: the engine does not start a sync with it', async () => {
    let listId = ''
    const manual = await startSandboxPair({
      contacts: async (hs) => {
        const { list } = await hs.crm.lists.listsApi.create({
          name: 'Handpicked',
          objectTypeId: '0-1',
          processingType: 'MANUAL',
        })
        listId = list.listId
        return { inclusionList: listId }
      },
    })
    try {
      const id = await createHubSpotContact(manual, { email: 'static@x.com', lastname: 'S', company: 'A' })
      await manual.hs.crm.lists.membershipsApi.add(listId, [id])
      await manual.resetCounters()
      const refused = manual.sync()
      await expect(refused).rejects.toMatchObject({ code: 'INCLUSION_LIST_NOT_DYNAMIC' })
      await expect(refused).rejects.toThrow(`inclusion list ${listId} ("Handpicked") is a MANUAL list`)
      expect(await countSalesforce(manual, 'Lead', 'static@x.com')).toBe(0)
      expect(await manual.writes()).toEqual({ salesforce: 0, hubspot: 0 })
    } finally {
      await manual.close()
    }
  })

  it('B-CON-21: legacyDefaultInclusion without a list: a Subscriber is not created in Salesforce, another stage is', async () => {
    const legacy = await startSandboxPair({ contacts: { legacyDefaultInclusion: true } })
    try {
      await legacy.sync()
      await createAtStage(legacy, 'legacy-sub@x.com', 'S', 'subscriber')
      await createAtStage(legacy, 'legacy-other@x.com', 'O', 'other')
      await legacy.sync()
      expect(await countSalesforce(legacy, 'Lead', 'legacy-sub@x.com')).toBe(0)
      expect(await countSalesforce(legacy, 'Lead', 'legacy-other@x.com')).toBe(1)
    } finally {
      await legacy.close()
    }
  })
})
