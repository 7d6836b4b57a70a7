import { planTimeline, type TimelineAction } from '@crmsync/core'

import type { ObjectKindDescriptor } from '../../pipeline/object-kind.js'
import { type ActivityCache, createActivityCache } from './activity-cache.js'
import { ACTIVITY_CAPTURE } from './activity-capture.js'
import { ACTIVITY_HANDLERS, type ActivityIo } from './activity-handlers.js'
import { type ActivityRead, lookUpClaimed, readActivities } from './read-activities.js'

/**
 * Timeline sync (B-ACT-1..10): HubSpot activities of the enabled types become Salesforce Tasks on the Lead
 * or Contact their contact is linked to now, one way. It runs after the contacts, so an activity that
 * triggered its contact's sync (B-ACT-9) finds the link that sync made. Its rows are activity keys
 * (`type:id`); its state is the store's activity_items, not links.
 */
export const ACTIVITY_KIND: ObjectKindDescriptor<ActivityCache, ActivityRead, TimelineAction, ActivityIo> = {
  kind: 'activity',
  createCache: createActivityCache,
  capture: ACTIVITY_CAPTURE,
  read: readActivities,
  links: () => [],
  plan: (read) => planTimeline({ ...read, enabled: new Set(read.enabled) }),
  readMore: (ctx, read, plan) => lookUpClaimed(ctx, read, plan.more),
  io: (ctx) => ({ deps: ctx.deps }),
  handlers: ACTIVITY_HANDLERS,
  afterCommit(_ctx, cache, _read, batch) {
    for (const action of batch.actions) {
      if (action.kind === 'claim') for (const p of action.pairs) cache.claimedNow.add(p.syncKey)
      // Tried: from now on only a look-up can tell whether it was inserted.
      if (action.kind === 'create-task') cache.claimedNow.delete(action.pair.syncKey)
    }
  },
}
