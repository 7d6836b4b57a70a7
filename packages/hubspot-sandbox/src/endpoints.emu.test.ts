import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { apiError, type Harness, startHarness } from './testing/harness.js'

// The less travelled endpoints of api-surface.md 3.14, each through the client with its expected code.
let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})

describe('objects', () => {
  it('GDPR-deletes a contact (204): it is gone even from archived reads', async () => {
    const contact = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'gdpr@example.com' },
      associations: [],
    })
    await h.client.crm.contacts.basicApi.purge({ objectId: 'gdpr@example.com', idProperty: 'email' })
    expect(
      (
        await apiError(
          h.client.crm.contacts.basicApi.getById(contact.id, undefined, undefined, undefined, true),
        )
      ).code,
    ).toBe(404)
  })

  it('merges companies into a new id and keeps the primary name', async () => {
    const api = h.client.crm.companies.basicApi
    const a = await api.create({
      properties: { name: 'Primary Inc', domain: 'primary.example' },
      associations: [],
    })
    const b = await api.create({ properties: { name: 'Secondary Inc', phone: '555' }, associations: [] })
    const survivor = await api.merge({ primaryObjectId: a.id, objectIdToMerge: b.id })
    expect(survivor.id).not.toBe(a.id)
    expect(survivor.properties).toMatchObject({
      name: 'Primary Inc',
      domain: 'primary.example',
      phone: '555',
    })
  })
})

describe('properties, pipelines, labels', () => {
  it('updates (200) and archives (204) a custom property; HubSpot-defined ones cannot be archived', async () => {
    const core = h.client.crm.properties.coreApi
    await core.create('deals', {
      name: 'region',
      label: 'Region',
      type: 'enumeration' as never,
      fieldType: 'select' as never,
      groupName: 'dealinformation',
      options: [{ label: 'EU', value: 'eu', displayOrder: 0, hidden: false }],
    })
    const updated = await core.update('deals', 'region', {
      label: 'Sales region',
      options: [
        { label: 'EU', value: 'eu', displayOrder: 0, hidden: false },
        { label: 'US', value: 'us', displayOrder: 1, hidden: false },
      ],
    })
    expect(updated.options.map((o) => o.value)).toEqual(['eu', 'us'])
    const deal = await h.client.crm.deals.basicApi.create({
      properties: { dealname: 'R', region: 'us' },
      associations: [],
    })
    expect(deal.properties['region']).toBe('us')
    expect(
      (await apiError(h.client.crm.deals.basicApi.update(deal.id, { properties: { region: 'apac' } }))).body[
        'errors'
      ],
    ).toMatchObject([{ code: 'INVALID_OPTION' }])
    const batch = await h.client.crm.properties.batchApi.read('deals', {
      inputs: [{ name: 'region' }, { name: 'nope' }],
      archived: false,
      properties: [],
    } as never)
    expect(batch.results.map((p) => p.name)).toEqual(['region'])
    await core.archive('deals', 'region')
    expect((await apiError(core.getByName('deals', 'region'))).code).toBe(404)
    expect((await apiError(core.archive('deals', 'dealname'))).code).toBe(400)
  })

  it('updates (200) and deletes (204) pipelines and stages', async () => {
    const api = h.client.crm.pipelines
    const pipeline = await api.pipelinesApi.create('deals', {
      label: 'Temp',
      displayOrder: 5,
      stages: [{ label: 'One', displayOrder: 0, metadata: { probability: '0.5' } }],
    })
    const renamed = await api.pipelinesApi.update('deals', pipeline.id, { label: 'Temp 2' })
    expect(renamed.label).toBe('Temp 2')
    const stage = pipeline.stages[0]
    const stageUpdated = await api.pipelineStagesApi.update('deals', pipeline.id, stage?.id ?? '', {
      label: 'Uno',
      metadata: { probability: '0.6' },
    })
    expect(stageUpdated).toMatchObject({ label: 'Uno', metadata: { probability: '0.6' } })
    await api.pipelineStagesApi.archive('deals', pipeline.id, stage?.id ?? '')
    expect((await api.pipelineStagesApi.getAll('deals', pipeline.id)).results).toEqual([])
    await api.pipelinesApi.archive('deals', pipeline.id)
    expect((await apiError(api.pipelinesApi.getById('deals', pipeline.id))).code).toBe(404)
  })

  it('renames a user-defined association label (204)', async () => {
    const definitions = h.client.crm.associations.v4.schema.definitionsApi
    const created = await definitions.create('deals', 'contacts', { label: 'Champion', name: 'champion' })
    const typeId = created.results[0]?.typeId ?? 0
    await definitions.update('deals', 'contacts', { associationTypeId: typeId, label: 'Executive champion' })
    const labels = await definitions.getAll('deals', 'contacts')
    expect(labels.results.find((l) => l.typeId === typeId)?.label).toBe('Executive champion')
  })
})

describe('lists', () => {
  it('add-and-remove, join order, add-from another list, clear (204), and search', async () => {
    const lists = h.client.crm.lists
    const { results } = await h.client.crm.contacts.batchApi.create({
      inputs: ['l1', 'l2', 'l3'].map((name) => ({
        properties: { email: `${name}@example.com` },
        associations: [],
      })),
    })
    const [a, b, c] = results.map((r) => r.id).sort((x, y) => Number(x) - Number(y))
    const source = (
      await lists.listsApi.create({ name: 'Source', objectTypeId: '0-1', processingType: 'MANUAL' })
    ).list
    const target = (
      await lists.listsApi.create({ name: 'Target', objectTypeId: '0-1', processingType: 'MANUAL' })
    ).list
    await lists.membershipsApi.add(source.listId, [c ?? ''])
    const changed = await lists.membershipsApi.addAndRemove(target.listId, {
      recordIdsToAdd: [b ?? '', a ?? ''],
      recordIdsToRemove: [],
    })
    expect(changed.recordsIdsAdded.sort()).toEqual([a, b].sort())
    await lists.membershipsApi.addAllFromList(target.listId, source.listId)
    const joined = await lists.membershipsApi.getPageOrderedByAddedToListDate(target.listId)
    expect(joined.results.at(-1)?.recordId).toBe(c)
    const found = await lists.listsApi.doSearch({ query: 'targ', offset: 0, count: 10 })
    expect(found.lists.map((l) => l.listId)).toEqual([target.listId])
    await lists.membershipsApi.removeAll(target.listId)
    expect((await lists.membershipsApi.getPage(target.listId)).results).toEqual([])
    const all = await lists.listsApi.getAll([source.listId, target.listId])
    expect(all.lists.map((l) => l.name).sort()).toEqual(['Source', 'Target'])
  })
})

describe('OAuth', () => {
  it('refreshes a token, reads and deletes the refresh token', async () => {
    const oauth = h.client.oauth
    const first = await oauth.tokensApi.create(
      'authorization_code',
      'code-1',
      'http://localhost/cb',
      'cid',
      'secret',
    )
    const refreshed = await oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      'cid',
      'secret',
      first.refreshToken,
    )
    expect(refreshed.accessToken).not.toBe(first.accessToken)
    expect((await oauth.refreshTokensApi.get(first.refreshToken)).hubId).toBe(62515)
    await oauth.refreshTokensApi.archive(first.refreshToken)
    expect((await apiError(oauth.refreshTokensApi.get(first.refreshToken))).code).toBe(404)
  })
})
