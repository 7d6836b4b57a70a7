import { isSyncError } from '@crmsync/core'
import { expect, it } from 'vitest'

import { CONNECTION, type ContractContext, makeLink, T0 } from './contract-context.js'

export function describeLinksContract(ctx: ContractContext): void {
  it('stores a link and finds it by either id, with per-field ancestors and shadows intact', async () => {
    const link = makeLink()
    await ctx.store().upsertLinks([link])
    expect(await ctx.store().getLink(CONNECTION, 'contact', 'hubspot', '101')).toEqual(link)
    expect(await ctx.store().getLink(CONNECTION, 'contact', 'salesforce', link.salesforceId)).toEqual(link)
    expect(await ctx.store().getLink(CONNECTION, 'company', 'hubspot', '101')).toBeUndefined()
    expect(await ctx.store().getLink('conn-b', 'contact', 'hubspot', '101')).toBeUndefined()
  })

  it('finds links by ids in batch, beyond one statement chunk', async () => {
    const links = Array.from({ length: 620 }, (_, i) =>
      makeLink({ hubspotId: `h${String(i)}`, salesforceId: `s${String(i)}`, fields: {} }),
    )
    await ctx.store().upsertLinks(links)
    const ids = [...links.map((l) => l.salesforceId), 'missing']
    const found = await ctx
      .store()
      .getLinks({ connectionId: CONNECTION, objectKind: 'contact', side: 'salesforce', ids })
    expect(found).toHaveLength(620)
    expect(new Set(found.map((l) => l.hubspotId))).toEqual(new Set(links.map((l) => l.hubspotId)))
  })

  it('walks the links of one kind in pages by HubSpot id', async () => {
    const ids = ['10', '2', '30', '4', '5']
    await ctx.store().upsertLinks(ids.map((id) => makeLink({ hubspotId: id, salesforceId: `s${id}` })))
    await ctx.store().upsertLinks([makeLink({ objectKind: 'deal', hubspotId: '1', salesforceId: 'o1' })])
    const page = { connectionId: CONNECTION, objectKind: 'contact' as const, limit: 2 }
    const seen: string[] = []
    let after: string | undefined
    for (;;) {
      const links = await ctx.store().listLinks({ ...page, afterHubspotId: after })
      if (links.length === 0) break
      seen.push(...links.map((l) => l.hubspotId))
      after = links.at(-1)?.hubspotId
    }
    expect(seen).toEqual(['10', '2', '30', '4', '5']) // text order, not numeric
  })

  it('upsert replaces the link of the same HubSpot id and keeps createdAt', async () => {
    await ctx.store().upsertLinks([makeLink()])
    const relinked = makeLink({
      salesforceType: 'Contact',
      salesforceId: '003000000000001AAA',
      createdAt: T0 + 5,
      updatedAt: T0 + 9,
      fields: {},
    })
    await ctx.store().upsertLinks([relinked])
    expect(await ctx.store().getLink(CONNECTION, 'contact', 'hubspot', '101')).toEqual({
      ...relinked,
      createdAt: T0,
    })
    expect(
      await ctx.store().getLink(CONNECTION, 'contact', 'salesforce', '00Q000000000001AAA'),
    ).toBeUndefined()
  })

  it('refuses a second link to the same Salesforce id in a connection (STORE_CONSTRAINT_VIOLATION)', async () => {
    await ctx.store().upsertLinks([makeLink()])
    const err: unknown = await ctx
      .store()
      .upsertLinks([makeLink({ hubspotId: '202' })])
      .catch((e: unknown) => e)
    expect(isSyncError(err) && err.code).toBe('STORE_CONSTRAINT_VIOLATION')
    expect(isSyncError(err) && err.origin).toBe('store')
    // Same ids in another connection, and the same HubSpot id in another kind, are separate links.
    await ctx.store().upsertLinks([makeLink({ connectionId: 'conn-b' })])
    await ctx
      .store()
      .upsertLinks([makeLink({ objectKind: 'company', salesforceType: 'Account', salesforceId: '001A' })])
    expect(await ctx.store().getLink('conn-b', 'contact', 'hubspot', '101')).toBeDefined()
    expect(await ctx.store().getLink(CONNECTION, 'company', 'hubspot', '101')).toBeDefined()
  })

  it('sets a link state by either id and reports a missing link', async () => {
    await ctx.store().upsertLinks([makeLink()])
    expect(
      await ctx
        .store()
        .setLinkState(CONNECTION, 'contact', 'salesforce', '00Q000000000001AAA', 'tombstoned', T0 + 7),
    ).toBe(true)
    const link = await ctx.store().getLink(CONNECTION, 'contact', 'hubspot', '101')
    expect(link?.state).toBe('tombstoned')
    expect(link?.updatedAt).toBe(T0 + 7)
    expect(await ctx.store().setLinkState(CONNECTION, 'contact', 'hubspot', 'nope', 'broken', T0)).toBe(false)
  })

  it('re-keys a link to the merge survivor on HubSpot (B-CON-27) and to the converted contact on Salesforce', async () => {
    await ctx.store().upsertLinks([makeLink()])
    const merged = {
      connectionId: CONNECTION,
      objectKind: 'contact' as const,
      side: 'hubspot' as const,
      fromId: '101',
      toId: '999',
      at: T0 + 1,
    }
    expect(await ctx.store().rekeyLink(merged)).toBe('rekeyed')
    expect(await ctx.store().getLink(CONNECTION, 'contact', 'hubspot', '101')).toBeUndefined()
    expect((await ctx.store().getLink(CONNECTION, 'contact', 'hubspot', '999'))?.salesforceId).toBe(
      '00Q000000000001AAA',
    )

    const converted = await ctx.store().rekeyLink({
      connectionId: CONNECTION,
      objectKind: 'contact',
      side: 'salesforce',
      fromId: '00Q000000000001AAA',
      toId: '003000000000009AAA',
      salesforceType: 'Contact',
      at: T0 + 2,
    })
    expect(converted).toBe('rekeyed')
    const link = await ctx.store().getLink(CONNECTION, 'contact', 'salesforce', '003000000000009AAA')
    expect(link).toMatchObject({
      hubspotId: '999',
      salesforceType: 'Contact',
      updatedAt: T0 + 2,
      fields: makeLink().fields,
    })
    expect(await ctx.store().rekeyLink({ ...merged, fromId: 'gone' })).toBe('not-found')
  })

  it('never re-keys onto an id another link holds (B-CON-25: the engine decides)', async () => {
    await ctx
      .store()
      .upsertLinks([makeLink(), makeLink({ hubspotId: '202', salesforceId: '00Q000000000002AAA' })])
    const result = await ctx.store().rekeyLink({
      connectionId: CONNECTION,
      objectKind: 'contact',
      side: 'salesforce',
      fromId: '00Q000000000002AAA',
      toId: '00Q000000000001AAA',
      at: T0,
    })
    expect(result).toBe('target-linked')
    expect((await ctx.store().getLink(CONNECTION, 'contact', 'hubspot', '202'))?.salesforceId).toBe(
      '00Q000000000002AAA',
    )
    expect((await ctx.store().getLink(CONNECTION, 'contact', 'hubspot', '101'))?.salesforceId).toBe(
      '00Q000000000001AAA',
    )
  })
}
