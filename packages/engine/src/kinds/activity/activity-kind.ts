import { planFromSalesforce, planTimeline } from '@crmsync/core'

import type { ObjectKindDescriptor } from '../../pipeline/object-kind.js'
import { type ActivityCache, createActivityCache } from './activity-cache.js'
import { ACTIVITY_CAPTURE } from './activity-capture.js'
import { ACTIVITY_HANDLERS, type ActivityAction, type ActivityIo } from './activity-handlers.js'
import { type ActivityRead, lookUpClaimed, readActivities } from './read-activities.js'

/**
 * Activity sync (B-ACT-1..10). Timeline sync: HubSpot activities of the enabled types become Salesforce
 * Tasks on the Lead or Contact their contact is linked to now, one way; it runs after the contacts, so an
 * activity that triggered its contact's sync (B-ACT-9) finds the link that sync made. Its HubSpot rows are
 * activity keys (`type:id`) and its state the store's activity_items, not links. Salesforce rows are Task and
 * Event ids, upserted as HubSpot engagements keyed by that id (B-ACT-5).
 */
export const ACTIVITY_KIND: ObjectKindDescriptor<ActivityCache, ActivityRead, ActivityAction, ActivityIo> = {
  kind: 'activity',
  createCache: createActivityCache,
  capture: ACTIVITY_CAPTURE,
  read: readActivities,
  links: () => [],
  plan(read) {
    const timeline = planTimeline({ ...read, enabled: new Set(read.enabled) })
    return { actions: [...timeline.actions, ...planFromSalesforce(read.fromSalesforce)], more: timeline.more }
  },
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
