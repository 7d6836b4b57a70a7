import type { ErrorOccurrence } from '@crmsync/core'
import { expect, it } from 'vitest'

import { CONNECTION, type ContractContext, T0 } from './contract-context.js'

const HALF_HOUR = 30 * 60_000
const retry = { everyMs: HALF_HOUR, maxRetries: 2 }

function occurrence(overrides: Partial<ErrorOccurrence> = {}): ErrorOccurrence {
  return {
    connectionId: CONNECTION,
    objectKind: 'contact',
    side: 'hubspot',
    recordId: '101',
    code: 'STORE_QUERY_FAILED',
    message: 'first',
    at: T0,
    retry,
    ...overrides,
  }
}

export function describeErrorsContract(ctx: ContractContext): void {
  it('records an error once per record and code, bumping attempts and rescheduling the retry (B-API-2)', async () => {
    const store = ctx.store()
    const first = await store.recordError(occurrence())
    expect(first).toMatchObject({
      attempts: 1,
      nextRetryAt: T0 + HALF_HOUR,
      firstSeenAt: T0,
      lastSeenAt: T0,
      resolvedAt: null,
    })
    const second = await store.recordError(occurrence({ message: 'second', at: T0 + HALF_HOUR }))
    expect(second).toMatchObject({
      id: first.id,
      attempts: 2,
      message: 'second',
      firstSeenAt: T0,
      nextRetryAt: T0 + 2 * HALF_HOUR,
    })
    const third = await store.recordError(occurrence({ at: T0 + 2 * HALF_HOUR }))
    expect(third).toMatchObject({ attempts: 3, nextRetryAt: null }) // two retries spent
    expect(await store.listErrors({ connectionId: CONNECTION })).toEqual([third])
    const other = await store.recordError(occurrence({ code: 'STORE_BUSY', retry: undefined }))
    expect(other.id).not.toBe(first.id)
    expect(other.nextRetryAt).toBeNull()
  })

  it('lists errors by code and by record, and counts errors and records per code (B-ERR-1)', async () => {
    const store = ctx.store()
    await store.recordError(occurrence({ recordId: '1' }))
    await store.recordError(occurrence({ recordId: '1', side: 'salesforce' }))
    await store.recordError(occurrence({ recordId: '2', at: T0 + 1 }))
    await store.recordError(occurrence({ recordId: '2', code: 'STORE_BUSY', at: T0 + 2 }))
    const failed = await store.listErrors({ connectionId: CONNECTION, codes: ['STORE_QUERY_FAILED'] })
    // Most recently seen first; ties in reverse insertion order.
    expect(failed.map((e) => [e.side, e.recordId])).toEqual([
      ['hubspot', '2'],
      ['salesforce', '1'],
      ['hubspot', '1'],
    ])
    const ofRecord = await store.listErrors({
      connectionId: CONNECTION,
      record: { objectKind: 'contact', side: 'hubspot', recordId: '2' },
    })
    expect(ofRecord.map((e) => e.code)).toEqual(['STORE_BUSY', 'STORE_QUERY_FAILED'])
    expect(await store.listErrors({ connectionId: CONNECTION, codes: [] })).toEqual([])
    expect(await store.countOpenErrors(CONNECTION)).toEqual([
      { code: 'STORE_BUSY', errors: 1, records: 1 },
      { code: 'STORE_QUERY_FAILED', errors: 3, records: 3 },
    ])
  })

  it('resolves by record or id, hides resolved errors, and reopens on recurrence', async () => {
    const store = ctx.store()
    const a = await store.recordError(occurrence())
    await store.recordError(occurrence({ code: 'STORE_BUSY' }))
    const b = await store.recordError(occurrence({ recordId: '202' }))
    const record = {
      connectionId: CONNECTION,
      objectKind: 'contact' as const,
      side: 'hubspot' as const,
      recordId: '101',
    }
    expect(await store.resolveErrors({ record }, T0 + 5)).toBe(2)
    expect(await store.resolveErrors({ record }, T0 + 6)).toBe(0)
    expect((await store.listErrors({ connectionId: CONNECTION })).map((e) => e.id)).toEqual([b.id])
    const all = await store.listErrors({ connectionId: CONNECTION, includeResolved: true })
    expect(all.find((e) => e.id === a.id)).toMatchObject({ resolvedAt: T0 + 5, nextRetryAt: null })
    expect(await store.resolveErrors({ ids: [b.id] }, T0 + 7)).toBe(1)
    expect(await store.countOpenErrors(CONNECTION)).toEqual([])
    const reopened = await store.recordError(occurrence({ at: T0 + 100 }))
    expect(reopened).toMatchObject({ id: a.id, attempts: 1, firstSeenAt: T0 + 100, resolvedAt: null })
  })

  it('lists errors due for retry at a time, earliest first, open only (B-ERR-12)', async () => {
    const store = ctx.store()
    await store.recordError(occurrence({ recordId: 'late', at: T0 + 10 }))
    await store.recordError(occurrence({ recordId: 'early', at: T0 }))
    await store.recordError(occurrence({ recordId: 'never', retry: undefined }))
    const solved = await store.recordError(occurrence({ recordId: 'solved' }))
    await store.resolveErrors({ ids: [solved.id] }, T0 + 1)
    expect(await store.listErrorsDue(CONNECTION, T0 + HALF_HOUR - 1, 10)).toEqual([])
    const due = await store.listErrorsDue(CONNECTION, T0 + HALF_HOUR + 10, 10)
    expect(due.map((e) => e.recordId)).toEqual(['early', 'late'])
    expect((await store.listErrorsDue(CONNECTION, T0 + HALF_HOUR + 10, 1)).map((e) => e.recordId)).toEqual([
      'early',
    ])
  })
}
