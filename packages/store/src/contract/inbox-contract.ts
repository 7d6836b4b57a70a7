import type { InboxArrival } from '@crmsync/core'
import { expect, it } from 'vitest'

import { CONNECTION, type ContractContext } from './contract-context.js'

function arrival(recordId: string, overrides: Partial<InboxArrival> = {}): InboxArrival {
  return { connectionId: CONNECTION, objectKind: 'contact', side: 'hubspot', recordId, ...overrides }
}

export function describeInboxContract(ctx: ContractContext): void {
  it('coalesces arrivals for one record into one row with the newest seq', async () => {
    const store = ctx.store()
    await store.enqueue([arrival('1')])
    await store.enqueue([arrival('2')])
    await store.enqueue([arrival('1'), arrival('3'), arrival('1')])
    const rows = await store.takeInbox({ connectionId: CONNECTION, limit: 10 })
    expect(rows.map((r) => r.recordId)).toEqual(['2', '3', '1'])
    const seqs = rows.map((r) => r.seq)
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs)
    expect(new Set(seqs).size).toBe(3)
    expect(await store.countInbox(CONNECTION)).toBe(3)
    // The same id on the other side, or of another kind, is another record.
    await store.enqueue([arrival('1', { side: 'salesforce' }), arrival('1', { objectKind: 'company' })])
    expect(await store.countInbox(CONNECTION)).toBe(5)
  })

  it('takes a batch ordered by seq, limited, and filtered by kind', async () => {
    const store = ctx.store()
    await store.enqueue([
      arrival('a'),
      arrival('b', { objectKind: 'deal' }),
      arrival('c'),
      arrival('d', { objectKind: 'company' }),
    ])
    expect((await store.takeInbox({ connectionId: CONNECTION, limit: 2 })).map((r) => r.recordId)).toEqual([
      'a',
      'b',
    ])
    const companiesAndDeals = await store.takeInbox({
      connectionId: CONNECTION,
      limit: 10,
      objectKinds: ['company', 'deal'],
    })
    expect(companiesAndDeals.map((r) => r.recordId)).toEqual(['b', 'd'])
    expect(await store.takeInbox({ connectionId: CONNECTION, limit: 10, objectKinds: [] })).toEqual([])
    expect(await store.takeInbox({ connectionId: 'other', limit: 10 })).toEqual([])
  })

  it('deletes WHERE seq <= seqRead, so a change that arrived during apply stays', async () => {
    const store = ctx.store()
    await store.enqueue([arrival('1'), arrival('2')])
    const batch = await store.takeInbox({ connectionId: CONNECTION, limit: 10 })
    // While the batch is applied, record 1 changes again.
    await store.enqueue([arrival('1')])
    await store.deleteInbox(batch)
    const left = await store.takeInbox({ connectionId: CONNECTION, limit: 10 })
    expect(left.map((r) => r.recordId)).toEqual(['1'])
    expect(left[0]?.seq).toBeGreaterThan(Math.max(...batch.map((r) => r.seq)))
    await store.deleteInbox(left)
    expect(await store.countInbox(CONNECTION)).toBe(0)
  })

  it('keeps seqs increasing across many arrivals in one call', async () => {
    const store = ctx.store()
    await store.enqueue(Array.from({ length: 450 }, (_, i) => arrival(String(i))))
    const rows = await store.takeInbox({ connectionId: CONNECTION, limit: 1000 })
    expect(rows.map((r) => r.recordId)).toEqual(Array.from({ length: 450 }, (_, i) => String(i)))
    await store.deleteInbox(rows)
    expect(await store.countInbox(CONNECTION)).toBe(0)
  })
}
