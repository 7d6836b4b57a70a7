import { isSyncError } from '@crmsync/core'
import { expect, it } from 'vitest'

import { CONNECTION, type ContractContext, makeLink, T0 } from './contract-context.js'

export function describeTransactionContract(ctx: ContractContext): void {
  const cursor = {
    connectionId: CONNECTION,
    side: 'hubspot' as const,
    stream: 'contact',
    value: 'w1',
    updatedAt: T0,
  }
  const arrival = {
    connectionId: CONNECTION,
    objectKind: 'contact' as const,
    side: 'hubspot' as const,
    recordId: '101',
  }

  it('commits everything written in the transaction', async () => {
    const result = await ctx.store().transaction(async (tx) => {
      await tx.upsertLinks([makeLink()])
      await tx.setCursor(cursor)
      await tx.enqueue([arrival])
      return 'done'
    })
    expect(result).toBe('done')
    expect(await ctx.store().getLink(CONNECTION, 'contact', 'hubspot', '101')).toEqual(makeLink())
    expect(await ctx.store().getCursor(CONNECTION, 'hubspot', 'contact')).toEqual(cursor)
    expect(await ctx.store().countInbox(CONNECTION)).toBe(1)
  })

  it('leaves nothing behind when the commit step throws, and rethrows the same error', async () => {
    await ctx.store().enqueue([arrival])
    const [row] = await ctx.store().takeInbox({ connectionId: CONNECTION, limit: 1 })
    const boom = new Error('apply bookkeeping failed')
    const err: unknown = await ctx
      .store()
      .transaction(async (tx) => {
        await tx.upsertLinks([makeLink()])
        await tx.setCursor(cursor)
        await tx.appendAudit([
          {
            connectionId: CONNECTION,
            objectKind: 'contact',
            hubspotId: '101',
            salesforceId: null,
            field: 'email',
            oldValue: null,
            newValue: 'a',
            direction: 'hs->sf',
            rule: 'two-way',
            reason: 'test',
            at: T0,
          },
        ])
        await tx.recordError({
          connectionId: CONNECTION,
          objectKind: 'contact',
          side: 'hubspot',
          recordId: '101',
          code: 'STORE_QUERY_FAILED',
          message: 'm',
          at: T0,
        })
        await tx.addApiCalls(CONNECTION, 'salesforce', T0, 3)
        await tx.deleteInbox(row === undefined ? [] : [row])
        throw boom
      })
      .catch((e: unknown) => e)
    expect(err).toBe(boom)
    const store = ctx.store()
    expect(await store.getLink(CONNECTION, 'contact', 'hubspot', '101')).toBeUndefined()
    expect(await store.getCursor(CONNECTION, 'hubspot', 'contact')).toBeUndefined()
    expect(
      await store.listAudit({
        connectionId: CONNECTION,
        objectKind: 'contact',
        side: 'hubspot',
        recordId: '101',
      }),
    ).toEqual([])
    expect(await store.listErrors({ connectionId: CONNECTION })).toEqual([])
    expect(
      await store.sumApiCalls({ connectionId: CONNECTION, side: 'salesforce', from: 0, to: T0 * 2 }),
    ).toBe(0)
    expect(await store.countInbox(CONNECTION)).toBe(1)
  })

  it('rolls back the whole transaction when a store write in it fails', async () => {
    await ctx.store().upsertLinks([makeLink()])
    const err: unknown = await ctx
      .store()
      .transaction(async (tx) => {
        await tx.setCursor(cursor)
        await tx.upsertLinks([makeLink({ hubspotId: '202' })]) // same Salesforce id: refused
      })
      .catch((e: unknown) => e)
    expect(isSyncError(err) && err.code).toBe('STORE_CONSTRAINT_VIOLATION')
    expect(await ctx.store().getCursor(CONNECTION, 'hubspot', 'contact')).toBeUndefined()
  })

  it('undoes only a nested transaction that throws (savepoint)', async () => {
    await ctx.store().transaction(async (tx) => {
      await tx.setCursor(cursor)
      await tx
        .transaction(async (inner) => {
          await inner.upsertLinks([makeLink()])
          await inner.upsertLinks([makeLink({ hubspotId: '202' })]) // refused
        })
        .catch(() => undefined)
      await tx.upsertLinks([makeLink({ hubspotId: '303', salesforceId: '00Q3' })])
    })
    expect(await ctx.store().getCursor(CONNECTION, 'hubspot', 'contact')).toEqual(cursor)
    expect(await ctx.store().getLink(CONNECTION, 'contact', 'hubspot', '101')).toBeUndefined()
    expect(await ctx.store().getLink(CONNECTION, 'contact', 'hubspot', '303')).toBeDefined()
  })
}
