import { activeConnectionState, type ConnectionState } from '@crmsync/core'
import { expect, it } from 'vitest'

import { CONNECTION, type ContractContext, makeLink, T0 } from './contract-context.js'

const SUSPENDED: ConnectionState = {
  connectionId: CONNECTION,
  paused: false,
  suspension: {
    side: 'salesforce',
    reason: 'api_limit',
    code: 'SF_RATE_LIMITED',
    message: 'REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.',
    since: T0,
    lastProbeAt: undefined,
  },
  disconnectedAt: undefined,
}

export function describeConnectionStateContract(ctx: ContractContext): void {
  it('B-INST-7: a connection nothing was decided about is active; pause and resume round-trip', async () => {
    const store = ctx.store()
    expect(await store.getConnectionState(CONNECTION)).toEqual(activeConnectionState(CONNECTION))
    await store.setConnectionState({ ...activeConnectionState(CONNECTION), paused: true })
    expect((await store.getConnectionState(CONNECTION)).paused).toBe(true)
    expect((await store.getConnectionState('conn-b')).paused).toBe(false)
    await store.setConnectionState(activeConnectionState(CONNECTION))
    expect(await store.getConnectionState(CONNECTION)).toEqual(activeConnectionState(CONNECTION))
  })

  it('B-API-4: keeps a suspension whole (side, typed reason, code, message, since, last probe)', async () => {
    const store = ctx.store()
    await store.setConnectionState(SUSPENDED)
    expect(await store.getConnectionState(CONNECTION)).toEqual(SUSPENDED)
    const probed = { ...SUSPENDED, suspension: { ...SUSPENDED.suspension!, lastProbeAt: T0 + 300_000 } }
    await store.setConnectionState(probed)
    expect(await store.getConnectionState(CONNECTION)).toEqual(probed)
  })

  it('B-INST-12: forgetting a connection removes its links, inbox, snapshots, timeline items, identity and open errors only', async () => {
    const store = ctx.store()
    for (const connectionId of [CONNECTION, 'conn-b']) {
      await store.upsertLinks([makeLink({ connectionId })])
      await store.setCursor({ connectionId, side: 'hubspot', stream: 'contact', value: '{}', updatedAt: T0 })
      await store.enqueue([{ connectionId, objectKind: 'contact', side: 'hubspot', recordId: '7' }])
      await store.saveSettingsSnapshot({ connectionId, takenAt: T0, json: '{}' })
      await store.putTimelineItems([
        {
          connectionId,
          syncKey: 'call:1@c1',
          activityKey: 'call:1',
          contactId: 'c1',
          state: 'pending',
          salesforceTaskId: null,
          activity: { key: 'call:1', type: 'call', contactIds: ['c1'], occurredAt: T0 },
          updatedAt: T0,
        },
      ])
      await store.setIdentity({
        connectionId,
        salesforceOrgId: '00D000000000001AAA',
        hubspotPortalId: '62515',
      })
      await store.recordError({
        connectionId,
        objectKind: 'contact',
        side: 'hubspot',
        recordId: '7',
        code: 'HS_VALIDATION',
        message: 'bad',
        at: T0,
        retry: { everyMs: 1000, maxRetries: 3 },
      })
    }
    await store.setConnectionState({ ...activeConnectionState(CONNECTION), disconnectedAt: T0 + 5 })
    await store.forgetConnection(CONNECTION, T0 + 5)

    expect(await store.listLinks({ connectionId: CONNECTION, objectKind: 'contact', limit: 10 })).toEqual([])
    // Cursors stay: a reconnect moves them to its own moment rather than capturing all history again.
    expect(await store.getCursor(CONNECTION, 'hubspot', 'contact')).toBeDefined()
    expect(await store.countInbox(CONNECTION)).toBe(0)
    expect(await store.getSettingsSnapshot(CONNECTION)).toBeUndefined()
    expect(await store.listPendingTimelineItems(CONNECTION, 10)).toEqual([])
    expect(await store.getIdentity(CONNECTION)).toBeUndefined()
    expect(await store.countOpenErrors(CONNECTION)).toEqual([])
    expect(await store.listErrorsDue(CONNECTION, T0 + 10_000, 10)).toEqual([])
    // The state itself stays: the connection is still known as disconnected.
    expect((await store.getConnectionState(CONNECTION)).disconnectedAt).toBe(T0 + 5)

    expect(await store.listLinks({ connectionId: 'conn-b', objectKind: 'contact', limit: 10 })).toHaveLength(
      1,
    )
    expect(await store.getCursor('conn-b', 'hubspot', 'contact')).toBeDefined()
    expect(await store.listPendingTimelineItems('conn-b', 10)).toHaveLength(1)
    expect(await store.countInbox('conn-b')).toBe(1)
    expect(await store.getSettingsSnapshot('conn-b')).toBeDefined()
    expect(await store.getIdentity('conn-b')).toBeDefined()
    expect(await store.countOpenErrors('conn-b')).toHaveLength(1)
  })
}
