import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, SCENARIO_MAPPINGS, startSandboxPair } from '../testing/sandbox-pair.js'
import {
  createHubSpotContact,
  hubspotContact,
  salesforceRecord,
  soql,
  updateHubSpotContact,
} from './scenario-helpers.js'

const RULE_MAPPINGS = {
  contact: [
    ...SCENARIO_MAPPINGS.contact,
    { hubspot: 'jobtitle', salesforce: 'Title', rule: 'two-way' },
    { hubspot: 'phone', salesforce: 'Phone', rule: 'always-salesforce' },
    { hubspot: 'city', salesforce: { Lead: 'City', Contact: 'MailingCity' }, rule: 'none' },
  ],
}

describe('sync rules per field (B-MAP-1..4, B-TRIG-3/4/9)', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({ mappings: RULE_MAPPINGS })
    await pair.sync()
  })
  afterAll(() => pair.close())

  async function linked(email: string, properties: Record<string, string> = {}) {
    const id = await createHubSpotContact(pair, { email, lastname: 'R', company: 'A', ...properties })
    await pair.sync()
    const leadId = (await hubspotContact(pair, id, ['salesforceleadid']))['salesforceleadid']!
    return { id, leadId }
  }

  it('B-MAP-1 / B-TRIG-4: prefer-salesforce fills an empty SF field, then SF values and clears win', async () => {
    const { id, leadId } = await linked('map1@x.com', { firstname: 'Ann' })
    expect((await salesforceRecord(pair, 'Lead', leadId))['FirstName']).toBe('Ann')
    await pair.sf.sobject('Lead').update({ Id: leadId, FirstName: 'Anna' })
    await pair.sync()
    expect((await hubspotContact(pair, id, ['firstname']))['firstname']).toBe('Anna')
    await updateHubSpotContact(pair, id, { firstname: 'Hanna' })
    await pair.sync()
    expect((await salesforceRecord(pair, 'Lead', leadId))['FirstName']).toBe('Anna')
    expect((await hubspotContact(pair, id, ['firstname']))['firstname']).toBe('Anna')
    await pair.sf.sobject('Lead').update({ Id: leadId, FirstName: null })
    await pair.sync()
    expect((await hubspotContact(pair, id, ['firstname']))['firstname'] ?? '').toBe('')
  })

  it('B-MAP-2 / B-TRIG-3: always-salesforce never writes HS to SF, even into an empty field; SF sets and clears', async () => {
    const { id, leadId } = await linked('map2@x.com', { phone: '111' })
    expect((await salesforceRecord(pair, 'Lead', leadId))['Phone'] ?? null).toBeNull()
    expect((await hubspotContact(pair, id, ['phone']))['phone']).toBe('111')
    await pair.sf.sobject('Lead').update({ Id: leadId, Phone: '222' })
    await pair.sync()
    expect((await hubspotContact(pair, id, ['phone']))['phone']).toBe('222')
    await pair.sf.sobject('Lead').update({ Id: leadId, Phone: null })
    await pair.sync()
    expect((await hubspotContact(pair, id, ['phone']))['phone'] ?? '').toBe('')
  })

  it('B-MAP-3: two-way moves the latest change either way, clears included', async () => {
    const { id, leadId } = await linked('map3@x.com', { jobtitle: 'CTO' })
    expect((await salesforceRecord(pair, 'Lead', leadId))['Title']).toBe('CTO')
    await pair.sf.sobject('Lead').update({ Id: leadId, Title: 'CEO' })
    await pair.sync()
    expect((await hubspotContact(pair, id, ['jobtitle']))['jobtitle']).toBe('CEO')
    await updateHubSpotContact(pair, id, { jobtitle: '' })
    await pair.sync()
    expect((await salesforceRecord(pair, 'Lead', leadId))['Title'] ?? null).toBeNull()
  })

  it('B-MAP-3: both sides changed: the later change wins, by HubSpot property history and Salesforce SystemModstamp', async () => {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 1100))
    // Edits "in the HubSpot UI": history leaves out this connection's own writes, and the test client's are.
    const asUser = async (jobtitle: string) => {
      const res = await fetch(`${pair.hubspot.basePath}/__sandbox/objects/contacts/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ properties: { jobtitle } }),
      })
      expect(res.ok).toBe(true)
    }
    const { id, leadId } = await linked('map3-both@x.com', { jobtitle: 'A' })
    const titles = async () => [
      (await hubspotContact(pair, id, ['jobtitle']))['jobtitle'],
      (await salesforceRecord(pair, 'Lead', leadId))['Title'],
    ]
    // HubSpot first, Salesforce a second later, both before the sync: Salesforce's change is the later one
    // (without history HubSpot's change would count from the capture, after both, and win).
    await asUser('HS first')
    await pause()
    await pair.sf.sobject('Lead').update({ Id: leadId, Title: 'SF later' })
    await pair.sync()
    expect(await titles()).toEqual(['SF later', 'SF later'])
    // The other way round HubSpot wins (with the capture time as Salesforce's change time, Salesforce would).
    await pair.sf.sobject('Lead').update({ Id: leadId, Title: 'SF first' })
    await pause()
    await asUser('HS later')
    await pair.sync()
    expect(await titles()).toEqual(['HS later', 'HS later'])
  })

  it('B-MAP-4: none passes no values and no clears either way', async () => {
    const { id, leadId } = await linked('map4@x.com', { city: 'Oslo' })
    expect((await salesforceRecord(pair, 'Lead', leadId))['City'] ?? null).toBeNull()
    await pair.sf.sobject('Lead').update({ Id: leadId, City: 'Bergen' })
    await pair.sync()
    expect((await hubspotContact(pair, id, ['city']))['city']).toBe('Oslo')
  })

  it('B-TRIG-9: with a two-way and an always-salesforce field both changed in HS, only the two-way one is written', async () => {
    const { id, leadId } = await linked('trig9@x.com')
    await updateHubSpotContact(pair, id, { jobtitle: 'Head', phone: '999' })
    await pair.sync()
    const lead = await salesforceRecord(pair, 'Lead', leadId)
    expect(lead['Title']).toBe('Head')
    expect(lead['Phone'] ?? null).toBeNull()
  })

  it('B-MAP-10: an edit of an unmapped property writes nothing to Salesforce', async () => {
    const { id } = await linked('map10@x.com')
    await pair.sync()
    await pair.resetCounters()
    await updateHubSpotContact(pair, id, { lifecyclestage: 'lead' })
    await pair.sync()
    expect((await pair.writes()).salesforce).toBe(0)
  })
})

describe('per-record errors (B-ERR-7, design.md 3.5)', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    // A contact with only an email is no longer refused (required fields get "[not provided]"), so the org
    // refuses a Lead by a validation rule instead, as an admin's rule would.
    pair = await startSandboxPair({ salesforceSandbox: { validationRules: [REFUSE_FIRST_NAME_NO] } })
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('a record Salesforce rejects becomes a stored typed error while the rest of the batch syncs; a fix resolves it', async () => {
    // The org's validation rule refuses a Lead whose first name is "No".
    const bad = await createHubSpotContact(pair, { email: 'bad@x.com', firstname: 'No', lastname: 'Bad' })
    await createHubSpotContact(pair, { email: 'good@x.com', lastname: 'Good', company: 'A' })
    const summary = await pair.sync({ allowErrors: true })
    expect(summary.errors).toEqual([expect.objectContaining({ side: 'salesforce', recordId: bad })])
    expect(await soql(pair, "SELECT Id FROM Lead WHERE Email = 'good@x.com'")).toHaveLength(1)
    const [stored] = await pair.store.listErrors({ connectionId: 'scenario' })
    expect(stored).toMatchObject({
      side: 'hubspot',
      recordId: bad,
      code: 'SF_VALIDATION',
      attempts: 1,
    })
    // Retried on the 30-minute schedule of design.md 3.5.
    expect(stored!.nextRetryAt! - stored!.lastSeenAt).toBe(30 * 60_000)
    // ... and at once when the record changes.
    await updateHubSpotContact(pair, bad, { firstname: 'Fixed' })
    await pair.sync()
    expect(await soql(pair, "SELECT Id FROM Lead WHERE Email = 'bad@x.com'")).toHaveLength(1)
    expect(await pair.store.listErrors({ connectionId: 'scenario' })).toEqual([])
  })

  it('a connection whose org id changed is refused (design.md 3.1)', async () => {
    const identity = await pair.store.getIdentity('scenario')
    await pair.store.setIdentity({ ...identity!, salesforceOrgId: '00D000000000OTHER' })
    await expect(pair.engine.syncOnce()).rejects.toMatchObject({ code: 'ENGINE_IDENTITY_CHANGED' })
    await pair.store.setIdentity(identity!)
  })
})

/** A validation rule an admin might add: Salesforce refuses a Lead whose first name is "No". */
const REFUSE_FIRST_NAME_NO = {
  object: 'Lead',
  name: 'Refuse_First_Name_No',
  condition: "FirstName = 'No'",
  message: 'Leads named No are refused',
}

describe('behaviours not observable through the engine yet', () => {
  it.todo(
    'B-TRIG-10: latency targets (measured by `npm run bench -- engine-contacts`, not by a timed test; B-TRIG-1 is in runtime/in-process-runtime.test.ts)',
  )
  it.todo('B-TRIG-2 / B-TRIG-7: form submissions and campaigns (no form or campaign sync yet)')
})
