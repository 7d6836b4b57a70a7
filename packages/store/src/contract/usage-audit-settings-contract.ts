import type { AuditEntry } from '@crmsync/core'
import { expect, it } from 'vitest'

import { CONNECTION, type ContractContext, T0 } from './contract-context.js'

const MINUTE = 60_000
const M0 = Math.floor(T0 / MINUTE) * MINUTE

function entry(overrides: Partial<AuditEntry>): AuditEntry {
  return {
    connectionId: CONNECTION,
    objectKind: 'contact',
    hubspotId: '101',
    salesforceId: '00Q1',
    field: 'email',
    oldValue: null,
    newValue: 'a@example.com',
    direction: 'hs->sf',
    rule: 'two-way',
    reason: 'only HubSpot changed',
    at: T0,
    ...overrides,
  }
}

export function describeUsageAuditSettingsContract(ctx: ContractContext): void {
  it('counts API calls per side per minute and sums them over a window (design.md 3.6)', async () => {
    const store = ctx.store()
    await store.addApiCalls(CONNECTION, 'salesforce', M0 + 1_000, 2)
    await store.addApiCalls(CONNECTION, 'salesforce', M0 + 59_999, 3)
    await store.addApiCalls(CONNECTION, 'salesforce', M0 + MINUTE, 4)
    await store.addApiCalls(CONNECTION, 'hubspot', M0, 100)
    await store.addApiCalls('other', 'salesforce', M0, 1000)
    const window = {
      connectionId: CONNECTION,
      side: 'salesforce' as const,
      from: M0 + 30_000,
      to: M0 + 2 * MINUTE,
    }
    expect(await store.listApiUsage(window)).toEqual([
      { connectionId: CONNECTION, side: 'salesforce', minute: M0, calls: 5 },
      { connectionId: CONNECTION, side: 'salesforce', minute: M0 + MINUTE, calls: 4 },
    ])
    expect(await store.sumApiCalls(window)).toBe(9)
    expect(await store.sumApiCalls({ ...window, to: M0 + MINUTE })).toBe(5)
    expect(await store.sumApiCalls({ ...window, side: 'hubspot' })).toBe(100)
    expect(await store.sumApiCalls({ ...window, from: M0 + 5 * MINUTE, to: M0 + 6 * MINUTE })).toBe(0)
  })

  it('appends audit entries and lists them by record from either side, newest first', async () => {
    const store = ctx.store()
    await store.appendAudit([
      entry({ field: 'email' }),
      entry({ field: 'phone', direction: 'none', rule: 'always-salesforce', newValue: null }),
      entry({ field: 'email', at: T0 + 5, direction: 'sf->hs' }),
      entry({ hubspotId: '202', salesforceId: null, at: T0 + 9 }),
    ])
    const byHubspot = await store.listAudit({
      connectionId: CONNECTION,
      objectKind: 'contact',
      side: 'hubspot',
      recordId: '101',
    })
    expect(byHubspot.map((e) => [e.field, e.at])).toEqual([
      ['email', T0 + 5],
      ['phone', T0],
      ['email', T0],
    ])
    expect(byHubspot[1]).toEqual(
      entry({ field: 'phone', direction: 'none', rule: 'always-salesforce', newValue: null }),
    )
    const bySalesforce = await store.listAudit({
      connectionId: CONNECTION,
      objectKind: 'contact',
      side: 'salesforce',
      recordId: '00Q1',
      limit: 2,
    })
    expect(bySalesforce).toHaveLength(2)
    expect(
      await store.listAudit({
        connectionId: CONNECTION,
        objectKind: 'company',
        side: 'hubspot',
        recordId: '101',
      }),
    ).toEqual([])
  })

  it("lists a connection's audit entries written in a window of time, oldest first (the console's live feed)", async () => {
    const store = ctx.store()
    await store.appendAudit([
      entry({ field: 'email', at: T0 - 1 }),
      entry({ field: 'phone', at: T0 }),
      entry({ field: 'firstname', at: T0 + 5 }),
      entry({ field: 'lastname', at: T0 + 5 }),
      entry({ field: 'email', at: T0 + 6 }),
      entry({ connectionId: 'other', field: 'phone', at: T0 + 1 }),
    ])
    const window = { connectionId: CONNECTION, from: T0, to: T0 + 5 }
    expect((await store.listAuditWindow(window)).map((e) => [e.field, e.at])).toEqual([
      ['phone', T0],
      ['firstname', T0 + 5],
      ['lastname', T0 + 5],
    ])
    expect((await store.listAuditWindow({ ...window, limit: 2 })).map((e) => e.field)).toEqual([
      'phone',
      'firstname',
    ])
    expect(await store.listAuditWindow({ ...window, connectionId: 'none' })).toEqual([])
  })

  it('keeps settings snapshots and returns the one in force at a time', async () => {
    const store = ctx.store()
    expect(await store.getSettingsSnapshot(CONNECTION)).toBeUndefined()
    await store.saveSettingsSnapshot({ connectionId: CONNECTION, takenAt: T0, json: '{"v":1}' })
    await store.saveSettingsSnapshot({ connectionId: CONNECTION, takenAt: T0 + 100, json: '{"v":2}' })
    expect(await store.getSettingsSnapshot(CONNECTION)).toEqual({
      connectionId: CONNECTION,
      takenAt: T0 + 100,
      json: '{"v":2}',
    })
    expect((await store.getSettingsSnapshot(CONNECTION, T0 + 99))?.json).toBe('{"v":1}')
    expect(await store.getSettingsSnapshot(CONNECTION, T0 - 1)).toBeUndefined()
  })
}
