import type { TimelineActivity, TimelineActivityType, TimelineItem } from './activity-types.js'
import { timelineSyncKey, timelineTaskKey } from './activity-types.js'
import { timelineTaskFields } from './timeline-task.js'

/** One (activity, contact) pair as the actions name it. */
export interface TimelinePair {
  readonly syncKey: string
  readonly activityKey: string
  readonly contactId: string
  readonly activity: TimelineActivity
}

/**
 * What timeline sync does with a batch (B-ACT-1..10). Creating a Task is two steps, so a crash never
 * duplicates one and never loses one: `claim` commits the pair as claimed first, then `create-task` inserts
 * the Task (with the sync key in its custom field) and the commit stores its id. A pair found claimed by an
 * earlier cycle may have been inserted before a crash: it is looked up by its key first (`more`).
 */
export type TimelineAction =
  /** Insert the Task on the contact's linked Lead or Contact. */
  | {
      readonly kind: 'create-task'
      readonly pair: TimelinePair
      readonly salesforceType: string
      readonly whoId: string
      readonly fields: Readonly<Record<string, string>>
    }
  /** A claimed pair whose Task the look-up found (inserted before a crash): store its id, insert nothing. */
  | { readonly kind: 'adopt-task'; readonly pair: TimelinePair; readonly taskId: string }
  /** Pairs about to be written: stored as claimed, and their activities planned again this cycle. */
  | { readonly kind: 'claim'; readonly pairs: readonly TimelinePair[] }
  /** Pairs whose contact has no link yet: they wait in the store until it has one. */
  | { readonly kind: 'park'; readonly pairs: readonly TimelinePair[] }
  /** B-ACT-9: an activity of an enabled type is a sync trigger for its contact. */
  | { readonly kind: 'trigger-contacts'; readonly contactIds: readonly string[] }
  /** Activities to plan again in this cycle (after their claim, or after their contact's sync). */
  | { readonly kind: 'requeue'; readonly activityKeys: readonly string[] }

/** A contact's link as the plan needs it: the record its Tasks attach to now (B-ACT-10). */
export interface TimelineLink {
  readonly salesforceType: string
  readonly salesforceId: string
}

export interface TimelinePlanInput {
  /** The HubSpot portal, which the Task's key names (timelineTaskKey). */
  readonly portalId: string
  /** settings.activities.toSalesforce. */
  readonly enabled: ReadonlySet<TimelineActivityType>
  /** The batch's activities as read (an activity HubSpot no longer has is absent: nothing to send). */
  readonly activities: readonly TimelineActivity[]
  /** Stored pairs, by sync key. */
  readonly items: ReadonlyMap<string, TimelineItem>
  /** Active contact links by HubSpot contact id. */
  readonly links: ReadonlyMap<string, TimelineLink>
  /** Sync keys this cycle claimed itself and has not tried to write yet: no look-up needed. */
  readonly claimedNow: ReadonlySet<string>
  /** Claimed keys looked up in Salesforce by their custom field: the Task found, or null for none. */
  readonly lookedUp: ReadonlyMap<string, string | null>
}

export interface TimelinePlan {
  readonly actions: readonly TimelineAction[]
  /** Claimed keys from an earlier cycle to look up before the plan is final (in doubt after a crash). */
  readonly more: readonly string[]
}

/**
 * Timeline sync of one batch (pure). Per activity of an enabled type and per associated contact: a pair
 * already written is done (a replay never duplicates); a contact without a link parks the pair and
 * triggers the contact's sync (B-ACT-9), and the activity is planned again after it; a linked contact gets
 * its pair claimed, then written to the Lead or Contact it is linked to now (B-ACT-10). A disabled type does
 * nothing at all, not even trigger its contact (B-ACT-9).
 */
export function planTimeline(input: TimelinePlanInput): TimelinePlan {
  const creates: TimelineAction[] = []
  const claim: TimelinePair[] = []
  const park: TimelinePair[] = []
  const trigger = new Set<string>()
  const requeue = new Set<string>()
  const more: string[] = []
  for (const activity of input.activities) {
    if (!input.enabled.has(activity.type)) continue
    for (const contactId of new Set(activity.contactIds)) {
      const syncKey = timelineSyncKey(activity.key, contactId)
      const pair: TimelinePair = { syncKey, activityKey: activity.key, contactId, activity }
      const stored = input.items.get(syncKey)
      if (stored?.state === 'written') continue
      if (stored === undefined) trigger.add(contactId)
      const link = input.links.get(contactId)
      if (link === undefined) {
        if (stored?.state !== 'pending') park.push(pair)
        // Planned again once, after the contact pass has synced the contact it just triggered.
        if (stored === undefined) requeue.add(activity.key)
        continue
      }
      if (stored?.state !== 'claimed') {
        claim.push(pair)
        requeue.add(activity.key)
        continue
      }
      if (!input.claimedNow.has(syncKey)) {
        const found = input.lookedUp.get(syncKey)
        if (found === undefined) {
          more.push(syncKey)
          continue
        }
        if (found !== null) {
          creates.push({ kind: 'adopt-task', pair, taskId: found })
          continue
        }
      }
      creates.push({
        kind: 'create-task',
        pair,
        salesforceType: link.salesforceType,
        whoId: link.salesforceId,
        fields: timelineTaskFields(activity, link.salesforceId, timelineTaskKey(input.portalId, syncKey)),
      })
    }
  }
  const actions: TimelineAction[] = [...creates]
  if (claim.length > 0) actions.push({ kind: 'claim', pairs: claim })
  if (park.length > 0) actions.push({ kind: 'park', pairs: park })
  if (trigger.size > 0) actions.push({ kind: 'trigger-contacts', contactIds: [...trigger] })
  if (requeue.size > 0) actions.push({ kind: 'requeue', activityKeys: [...requeue] })
  return { actions, more }
}
