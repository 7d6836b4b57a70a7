import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from './testing/harness.js'
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver.js'

let h: Harness
let receiver: WebhookReceiver
beforeAll(async () => {
  receiver = await startWebhookReceiver()
  h = await startHarness({ webhooks: { targetUrl: receiver.url, clientSecret: 's', flushDelayMs: 10 } })
})
afterAll(async () => {
  await h.close()
  await receiver.close()
})

const DEFINED = 'HUBSPOT_DEFINED' as never
const primary = [{ associationCategory: DEFINED, associationTypeId: 1 }]

describe('company merge (api-surface.md 3.10, 8.4)', () => {
  it('mints a survivor that old ids resolve to, moves every contact and deal, and fires company.merge', async () => {
    const companies = h.client.crm.companies.basicApi
    const keep = await companies.create({ properties: { name: 'Keep Inc', phone: '1' }, associations: [] })
    const lose = await companies.create({
      properties: { name: 'Lose Inc', domain: 'lose.example' },
      associations: [],
    })
    const contact = (email: string, company: string) =>
      h.client.crm.contacts.basicApi.create({
        properties: { email },
        associations: [{ to: { id: company }, types: primary }],
      })
    const staff = [
      await contact('k1@example.com', keep.id),
      await contact('k2@example.com', keep.id),
      await contact('l1@example.com', lose.id),
    ].map((c) => c.id)
    const deal = await h.client.crm.deals.basicApi.create({
      properties: { dealname: 'Moving deal' },
      associations: [
        { to: { id: lose.id }, types: [{ associationCategory: DEFINED, associationTypeId: 5 }] },
      ],
    })

    const survivor = await companies.merge({ primaryObjectId: keep.id, objectIdToMerge: lose.id })

    expect([keep.id, lose.id]).not.toContain(survivor.id)
    expect(survivor.properties).toMatchObject({ name: 'Keep Inc', phone: '1', domain: 'lose.example' })
    expect(survivor.properties['hs_merged_object_ids']?.split(';').sort()).toEqual([keep.id, lose.id].sort())
    for (const old of [keep.id, lose.id]) expect((await companies.getById(old)).id).toBe(survivor.id)
    const links = await h.client.crm.associations.v4.basicApi.getPage('companies', survivor.id, 'contacts')
    expect(
      links.results.map((r) => [String(r.toObjectId), r.associationTypes.map((t) => t.typeId).sort()]),
    ).toEqual(staff.map((id) => [id, [2, 280]]))
    for (const id of staff) {
      const read = await h.client.crm.contacts.basicApi.getById(id, ['associatedcompanyid'])
      expect(read.properties['associatedcompanyid']).toBe(survivor.id)
    }
    const counted = await companies.getById(survivor.id, ['num_associated_contacts'])
    expect(counted.properties['num_associated_contacts']).toBe('3')
    const deals = await h.client.crm.associations.v4.basicApi.getPage('deals', deal.id, 'companies')
    expect(deals.results.map((r) => String(r.toObjectId))).toEqual([survivor.id])

    await h.call('POST', '/__sandbox/webhooks/flush')
    expect(receiver.events.find((e) => e['subscriptionType'] === 'company.merge')).toMatchObject({
      objectId: Number(survivor.id),
      primaryObjectId: Number(keep.id),
      mergedObjectIds: [Number(lose.id)],
      newObjectId: Number(survivor.id),
    })
  })
})
