import { expect, it } from 'vitest'

import { CONNECTION, type ContractContext, makeLink } from './contract-context.js'

/** Year 2286 in epoch ms: well past 32 bits, still a safe integer. */
const FAR = 9_999_999_999_999

export function describeEpochMsContract(ctx: ContractContext): void {
  it('returns every epoch-ms timestamp as the same number it was given', async () => {
    const store = ctx.store()
    await store.upsertLinks([makeLink({ createdAt: FAR - 1, updatedAt: FAR })])
    await store.setCursor({
      connectionId: CONNECTION,
      side: 'hubspot',
      stream: 'contact',
      value: 'v',
      updatedAt: FAR,
    })
    const error = await store.recordError({
      connectionId: CONNECTION,
      objectKind: 'contact',
      side: 'hubspot',
      recordId: '1',
      code: 'STORE_BUSY',
      message: 'm',
      at: FAR - 60_000,
      retry: { everyMs: 60_000, maxRetries: 1 },
    })
    await store.addApiCalls(CONNECTION, 'salesforce', FAR, 1)
    await store.enqueue([{ connectionId: CONNECTION, objectKind: 'contact', side: 'hubspot', recordId: '1' }])

    const link = await store.getLink(CONNECTION, 'contact', 'hubspot', '101')
    const cursor = await store.getCursor(CONNECTION, 'hubspot', 'contact')
    const [listed] = await store.listErrors({ connectionId: CONNECTION })
    const [usage] = await store.listApiUsage({
      connectionId: CONNECTION,
      side: 'salesforce',
      from: FAR - 60_000,
      to: FAR + 1,
    })
    const [row] = await store.takeInbox({ connectionId: CONNECTION, limit: 1 })
    const values = [
      link?.createdAt,
      link?.updatedAt,
      cursor?.updatedAt,
      listed?.firstSeenAt,
      listed?.nextRetryAt,
      listed?.id,
      usage?.minute,
      usage?.calls,
      row?.seq,
    ]
    for (const value of values) expect(typeof value).toBe('number')
    expect([link?.createdAt, link?.updatedAt, cursor?.updatedAt, listed?.nextRetryAt]).toEqual([
      FAR - 1,
      FAR,
      FAR,
      FAR,
    ])
    expect(listed).toEqual(error)
    expect(usage?.minute).toBe(Math.floor(FAR / 60_000) * 60_000)
  })
}
