import type { ACTIVITIES_TO_SALESFORCE } from '../config/settings-schema.js'

/** A HubSpot activity type timeline sync can send to Salesforce (settings.activities.toSalesforce, B-ACT-2). */
export type TimelineActivityType = (typeof ACTIVITIES_TO_SALESFORCE)[number]

/**
 * One HubSpot activity as timeline sync sees it, whatever it came from (a CRM engagement, a marketing email
 * event, a form submission): canonical and small, so it can be parked in the store while its contact waits
 * for a link. CRM text is data: it is copied, never interpreted.
 */
export interface TimelineActivity {
  /**
   * `type:hubspotId`, unique per portal: the engagement id, or for an email event `created:eventId` (an
   * email event is read back by its creation instant).
   */
  readonly key: string
  readonly type: TimelineActivityType
  /** The HubSpot contacts the activity is associated with (each gets its own Task). */
  readonly contactIds: readonly string[]
  /** Epoch ms: when it happened (a task: when it is due). */
  readonly occurredAt: number
  /** Title or subject, as HubSpot has it. (Default: none) */
  readonly title?: string | null | undefined
  /** Body, notes or the clicked URL. (Default: none) */
  readonly body?: string | null | undefined
  /** HubSpot tasks only: done or not. (Default: done, an activity that happened) */
  readonly open?: boolean | undefined
}

/**
 * Where one (activity, contact) pair stands in the store (design.md 3.4 commit): `pending` waits for its
 * contact's link, `claimed` is about to be (or may have been) written to Salesforce, `written` holds the
 * Task's id. The sync key is `activityKey@contactId`; it is also written to the Task's custom field, so a
 * claimed pair is found again after a crash.
 */
export type TimelineItemState = 'pending' | 'claimed' | 'written'

export interface TimelineItem {
  readonly connectionId: string
  readonly syncKey: string
  readonly activityKey: string
  readonly contactId: string
  readonly state: TimelineItemState
  readonly salesforceTaskId: string | null
  readonly activity: TimelineActivity
  /** Epoch ms. */
  readonly updatedAt: number
}

/** The key of one (activity, contact) pair: one Task each. */
export const timelineSyncKey = (activityKey: string, contactId: string): string =>
  `${activityKey}@${contactId}`

/**
 * What a timeline Task carries in ACTIVITY_KEY_FIELD: the sync key behind the portal id. Several portals on
 * one org (B-MULTI-1) number their activities and contacts independently, so without the portal two portals'
 * Tasks could share a key, and a look-up after a crash could adopt another portal's Task.
 */
export const timelineTaskKey = (portalId: string, syncKey: string): string => `${portalId}:${syncKey}`

/** Whether a Task's ACTIVITY_KEY_FIELD says this portal's timeline sync wrote it. */
export const isOwnTimelineTask = (portalId: string, taskKey: string | null): boolean =>
  taskKey !== null && taskKey.startsWith(`${portalId}:`)
