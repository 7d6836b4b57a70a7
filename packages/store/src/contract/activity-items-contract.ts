import type { TimelineItem } from '@crmsync/core'
import { expect, it } from 'vitest'

import { CONNECTION, type ContractContext, T0 } from './contract-context.js'

function item(syncKey: string, overrides: Partial<TimelineItem> = {}): TimelineItem {
  const [activityKey = '', contactId = ''] = syncKey.split('@')
  return {
    connectionId: CONNECTION,
    syncKey,
    activityKey,
    contactId,
    state: 'pending',
    salesforceTaskId: null,
    activity: { key: activityKey, type: 'call', contactIds: [contactId], occurredAt: T0, title: 'Intro' },
    updatedAt: T0,
    ...overrides,
  }
}

export function describeActivityItemsContract(ctx: ContractContext): void {
  it('keeps timeline pairs by sync key: found by activity, pending listed, a state change replaces the row', async () => {
    const store = ctx.store()
    await store.putTimelineItems([item('call:1@c1'), item('call:1@c2'), item('note:2@c1')])
    await store.putTimelineItems([item('other:1@c1', { connectionId: 'other' })])
    expect((await store.getTimelineItems(CONNECTION, ['call:1'])).map((i) => i.syncKey).sort()).toEqual([
      'call:1@c1',
      'call:1@c2',
    ])
    const written = item('call:1@c1', { state: 'written', salesforceTaskId: '00T1', updatedAt: T0 + 1 })
    await store.putTimelineItems([written])
    expect(await store.getTimelineItems(CONNECTION, ['call:1', 'missing'])).toContainEqual(written)
    expect((await store.listPendingTimelineItems(CONNECTION, 10)).map((i) => i.syncKey)).toEqual([
      'call:1@c2',
      'note:2@c1',
    ])
    expect(await store.countTimelineItems(CONNECTION)).toEqual({ pending: 2, claimed: 0, written: 1 })
  })
}
