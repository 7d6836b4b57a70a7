// B-MAP-11: a Salesforce formula field (Score__c = A__c + B__c, computed by the sandbox on read) mapped to
// HubSpot. Its value reaches HubSpot when a mapped input of the formula changes on the same record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import { createLinkedHubSpotContact, hubspotContact } from './scenario-helpers.js'

const NUMBER = { type: 'Number', precision: 18, scale: 0 }

describe('formula fields (B-MAP-11)', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({
      salesforceSandbox: {
        customFields: [
          { fullName: 'Lead.A__c', metadata: { label: 'A', ...NUMBER } },
          { fullName: 'Lead.B__c', metadata: { label: 'B', ...NUMBER } },
          { fullName: 'Lead.Score__c', metadata: { label: 'Score', ...NUMBER, formula: 'A__c + B__c' } },
        ],
      },
      contacts: async (hs) => {
        for (const name of ['a_value', 'score_value'])
          await hs.crm.properties.coreApi.create('contacts', {
            name,
            label: name,
            type: 'number' as never,
            fieldType: 'number' as never,
            groupName: 'contactinformation',
          })
        return {}
      },
      mappings: {
        contact: [
          { hubspot: 'a_value', salesforce: { Lead: 'A__c' }, rule: 'two-way' },
          { hubspot: 'score_value', salesforce: { Lead: 'Score__c' }, rule: 'always-salesforce' },
        ],
      },
    })
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-MAP-11: editing a mapped input of the formula syncs the record and the new formula value reaches HubSpot', async () => {
    const { id, leadId } = await createLinkedHubSpotContact(pair, {
      email: 'formula@x.com',
      lastname: 'F',
      company: 'A',
    })
    await pair.sf.sobject('Lead').update({ Id: leadId, A__c: 1, B__c: 1 })
    await pair.sync()
    expect(await hubspotContact(pair, id, ['a_value', 'score_value'])).toMatchObject({
      a_value: '1',
      score_value: '2',
    })

    await pair.sf.sobject('Lead').update({ Id: leadId, A__c: 3 })
    await pair.sync()
    expect(await hubspotContact(pair, id, ['a_value', 'score_value'])).toMatchObject({
      a_value: '3',
      score_value: '4',
    })
  })

  // A deliberate difference from the reference connector, which leaves the formula stale in HubSpot until a
  // mapped field changes: an edit of only an unmapped input (B__c) is still an edit of the record (its
  // SystemModstamp moves), so capture reads it and the recalculated formula differs from its shadow. Keeping
  // HubSpot current costs one write and no extra read, so crmsync carries it. A recalculation with no edit of
  // the record (an input on another record) moves no SystemModstamp and is not seen until the record changes.
  it('B-MAP-11 (deliberate difference): an edit of only an unmapped input carries the recalculated formula to HubSpot', async () => {
    const { id, leadId } = await createLinkedHubSpotContact(pair, {
      email: 'formula-b@x.com',
      lastname: 'F',
      company: 'A',
    })
    await pair.sf.sobject('Lead').update({ Id: leadId, A__c: 1, B__c: 1 })
    await pair.sync()
    await pair.sf.sobject('Lead').update({ Id: leadId, B__c: 5 })
    await pair.resetCounters()
    await pair.sync()
    expect(await hubspotContact(pair, id, ['a_value', 'score_value'])).toMatchObject({
      a_value: '1',
      score_value: '6',
    })
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 1 })
  })
})
