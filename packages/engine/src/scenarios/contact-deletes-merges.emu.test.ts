import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import {
  createHubSpotContact,
  hubspotContact,
  salesforceRecord,
  soql,
  updateHubSpotContact,
} from './scenario-helpers.js'

async function isArchived(pair: SandboxPair, id: string): Promise<boolean> {
  try {
    await pair.hs.crm.contacts.basicApi.getById(id)
    return false
  } catch {
    return true
  }
}

/** A synced HS contact and the id of the Lead (or Contact) created for it. */
async function linkedContact(pair: SandboxPair, email: string, property = 'salesforceleadid') {
  const id = await createHubSpotContact(pair, { email, lastname: 'Del', company: 'A' })
  await pair.sync()
  const sfId = (await hubspotContact(pair, id, [property]))[property]
  if (typeof sfId !== 'string') throw new Error(`${email} was not linked`)
  return { id, sfId }
}

async function linkState(pair: SandboxPair, hubspotId: string) {
  return (await pair.store.getLink('scenario', 'contact', 'hubspot', hubspotId))?.state
}

async function mergeLeads(pair: SandboxPair, master: string, loser: string): Promise<void> {
  await pair.sf.soap.merge({ masterRecord: { type: 'Lead', Id: master }, recordToMergeIds: [loser] } as never)
}

describe('deletes and merges with deleteInHubSpotWhenDeletedInSalesforce: true', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({ contacts: { deleteInHubSpotWhenDeletedInSalesforce: true } })
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-CON-22: deleting the linked Lead deletes the HS contact', async () => {
    const { id, sfId } = await linkedContact(pair, 'del22@x.com')
    await pair.sf.sobject('Lead').destroy(sfId)
    await pair.sync()
    expect(await isArchived(pair, id)).toBe(true)
  })

  it('B-CON-24: merging L2 into L1 deletes C2 and keeps C1 linked to L1', async () => {
    const c1 = await linkedContact(pair, 'm1@x.com')
    const c2 = await linkedContact(pair, 'm2@x.com')
    await mergeLeads(pair, c1.sfId, c2.sfId)
    await pair.sync()
    expect(await isArchived(pair, c2.id)).toBe(true)
    expect(await isArchived(pair, c1.id)).toBe(false)
    expect((await pair.store.getLink('scenario', 'contact', 'hubspot', c1.id))?.salesforceId).toBe(c1.sfId)
  })
})

describe('deletes and merges with the delete setting off (default)', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({ contacts: { createInHubSpot: false } })
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-CON-22: with the setting off the HS contact stays and its link is marked broken', async () => {
    const { id, sfId } = await linkedContact(pair, 'keep22@x.com')
    await pair.sf.sobject('Lead').destroy(sfId)
    await pair.sync()
    expect(await isArchived(pair, id)).toBe(false)
    expect(await linkState(pair, id)).toBe('broken')
  })

  it('B-CON-23: deleting the HS contact leaves the Salesforce record untouched', async () => {
    const { id, sfId } = await linkedContact(pair, 'del23@x.com')
    await pair.hs.crm.contacts.basicApi.archive(id)
    await pair.sync()
    expect((await salesforceRecord(pair, 'Lead', sfId))['Id']).toBe(sfId)
  })

  it('B-CON-23: a new HS contact with a deleted contact’s email links to the record that stayed', async () => {
    const { id, sfId } = await linkedContact(pair, 'again23@x.com')
    await pair.hs.crm.contacts.basicApi.archive(id)
    await pair.sync()
    const again = await createHubSpotContact(pair, { email: 'again23@x.com', lastname: 'Again' })
    await pair.sync()
    expect((await hubspotContact(pair, again, ['salesforceleadid']))['salesforceleadid']).toBe(sfId)
    expect((await pair.store.getLink('scenario', 'contact', 'salesforce', sfId))?.hubspotId).toBe(again)
  })

  it('B-CON-25: when the merge survivor is not linked, the contact stops syncing (broken link)', async () => {
    const c = await linkedContact(pair, 'm25@x.com')
    const survivor = await pair.sf
      .sobject('Lead')
      .create({ LastName: 'Survivor', Company: 'A', Email: 's25@x.com' })
    await mergeLeads(pair, survivor.id!, c.sfId)
    await pair.sync()
    expect(await linkState(pair, c.id)).toBe('broken')
    expect(await isArchived(pair, c.id)).toBe(false)
  })

  it('B-CON-26: an SF merge never merges HS contacts: both stay', async () => {
    const c1 = await linkedContact(pair, 'n1@x.com')
    const c2 = await linkedContact(pair, 'n2@x.com')
    await mergeLeads(pair, c1.sfId, c2.sfId)
    await pair.sync()
    expect(await isArchived(pair, c1.id)).toBe(false)
    expect(await isArchived(pair, c2.id)).toBe(false)
  })

  it('B-CON-27: merging an unlinked contact into the linked one keeps the link; Salesforce is unchanged', async () => {
    const c1 = await linkedContact(pair, 'h1@x.com')
    const c2 = await createHubSpotContact(pair, { email: 'h2@x.com', lastname: 'Other' })
    const merged = await pair.hs.crm.contacts.basicApi.merge({ primaryObjectId: c1.id, objectIdToMerge: c2 })
    await pair.resetCounters()
    await pair.sync()
    const link = await pair.store.getLink('scenario', 'contact', 'salesforce', c1.sfId)
    expect(link?.hubspotId).toBe(merged.id)
    expect(link?.state).toBe('active')
    expect((await pair.writes()).salesforce).toBe(0)
  })

  it('B-CON-25: a manual resync re-links the broken contact to the merge survivor', async () => {
    const c = await linkedContact(pair, 'r25@x.com')
    const survivor = await pair.sf
      .sobject('Lead')
      .create({ LastName: 'Keep', Company: 'A', Email: 'r25@x.com' })
    await pair.sync()
    await mergeLeads(pair, survivor.id!, c.sfId)
    await pair.sync()
    expect(await linkState(pair, c.id)).toBe('broken')
    await pair.engine.resync([c.id])
    expect((await hubspotContact(pair, c.id, ['salesforceleadid']))['salesforceleadid']).toBe(survivor.id)
    expect(await pair.store.getLink('scenario', 'contact', 'hubspot', c.id)).toMatchObject({
      salesforceId: survivor.id,
      state: 'active',
    })
  })
  it('B-CON-28: a restored HS contact resumes syncing with the same record: its edit updates it, no insert', async () => {
    const { id, sfId } = await linkedContact(pair, 'restore28@x.com')
    await pair.hs.crm.contacts.basicApi.archive(id)
    // HubSpot search does not return deleted contacts, so a polling engine learns of a delete when it reads
    // the contact itself (here a resync of it): it tombstones the link (B-CON-23, design.md 3.1).
    await pair.engine.resync([id])
    expect(await linkState(pair, id)).toBe('tombstoned')
    expect(await isArchived(pair, id)).toBe(true)
    // "Restore" in the HubSpot UI (no public endpoint): the contact comes back with its link properties.
    const restored = await fetch(`${pair.hubspot.basePath}/__sandbox/objects/contacts/${id}/restore`, {
      method: 'POST',
    })
    expect(restored.status).toBe(200)
    expect((await hubspotContact(pair, id, ['salesforceleadid']))['salesforceleadid']).toBe(sfId)
    await pair.sync()
    expect(await linkState(pair, id)).toBe('active')
    await updateHubSpotContact(pair, id, { jobtitle: 'Restored' })
    await pair.sync()
    expect((await salesforceRecord(pair, 'Lead', sfId))['Title']).toBe('Restored')
    const leads = await soql<{ Id: string }>(pair, "SELECT Id FROM Lead WHERE Email = 'restore28@x.com'")
    expect(leads.map((l) => l.Id)).toEqual([sfId])
  })
})
