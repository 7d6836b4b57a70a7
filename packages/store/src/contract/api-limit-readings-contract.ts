import { expect, it } from 'vitest'

import { CONNECTION, type ContractContext, T0 } from './contract-context.js'

export function describeApiLimitReadingsContract(ctx: ContractContext): void {
  it('keeps the latest limit reading per side, Salesforce first, and nothing for a side never read', async () => {
    const store = ctx.store()
    expect(await store.listApiLimitReadings(CONNECTION)).toEqual([])
    await store.saveApiLimitReading({
      connectionId: CONNECTION,
      side: 'hubspot',
      seenAt: T0,
      daily: { used: 1_200, limit: 650_000 },
      burst: { remaining: 185, max: 190, intervalMs: 10_000 },
    })
    await store.saveApiLimitReading({
      connectionId: CONNECTION,
      side: 'salesforce',
      seenAt: T0,
      daily: { used: 900, limit: 1_000 },
      burst: undefined,
    })
    // A newer reading replaces the older one of its side; other connections are apart.
    await store.saveApiLimitReading({
      connectionId: CONNECTION,
      side: 'salesforce',
      seenAt: T0 + 5_000,
      daily: { used: 4_294_967_296, limit: 5_000_000_000 },
      burst: undefined,
    })
    await store.saveApiLimitReading({
      connectionId: 'other',
      side: 'salesforce',
      seenAt: T0,
      daily: { used: 1, limit: 2 },
      burst: undefined,
    })
    expect(await store.listApiLimitReadings(CONNECTION)).toEqual([
      {
        connectionId: CONNECTION,
        side: 'salesforce',
        seenAt: T0 + 5_000,
        daily: { used: 4_294_967_296, limit: 5_000_000_000 },
        burst: undefined,
      },
      {
        connectionId: CONNECTION,
        side: 'hubspot',
        seenAt: T0,
        daily: { used: 1_200, limit: 650_000 },
        burst: { remaining: 185, max: 190, intervalMs: 10_000 },
      },
    ])
  })

  it('keeps a HubSpot reading with only the burst window (no daily headers for the app)', async () => {
    const store = ctx.store()
    const reading = {
      connectionId: CONNECTION,
      side: 'hubspot' as const,
      seenAt: T0,
      daily: undefined,
      burst: { remaining: 0, max: 110, intervalMs: 10_000 },
    }
    await store.saveApiLimitReading(reading)
    expect(await store.listApiLimitReadings(CONNECTION)).toEqual([reading])
  })

  it('a reading saved inside a rolled-back transaction is not kept', async () => {
    const store = ctx.store()
    await expect(
      store.transaction(async (tx) => {
        await tx.saveApiLimitReading({
          connectionId: CONNECTION,
          side: 'salesforce',
          seenAt: T0,
          daily: { used: 1, limit: 2 },
          burst: undefined,
        })
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    expect(await store.listApiLimitReadings(CONNECTION)).toEqual([])
  })
}
