import type { ACTIVITIES_FROM_SALESFORCE } from '../config/settings-schema.js'
import type { HubSpotEngagementType } from '../ports/activity-ports.js'
import { isOwnTimelineTask } from './activity-types.js'

/** A Salesforce activity kind with its own switch (settings.activities.fromSalesforce, B-ACT-5). */
export type FromSalesforceKind = (typeof ACTIVITIES_FROM_SALESFORCE)[number]

/** A Salesforce Task or Event as Salesforce -> HubSpot activity sync reads it. Text is data. */
export interface SalesforceActivityRecord {
  readonly id: string
  readonly object: 'Task' | 'Event'
  /** The Lead or Contact it is about. */
  readonly whoId: string | null
  readonly subject: string | null
  readonly description: string | null
  /** Task due date / Event date, `YYYY-MM-DD`. */
  readonly activityDate: string | null
  readonly status: string | null
  /** TaskSubtype (Task, Email, Call, ...) or EventSubtype. */
  readonly subtype: string | null
  /** Events: ISO date-times. */
  readonly start: string | null
  readonly end: string | null
  /** ACTIVITY_KEY_FIELD: set on the Tasks timeline sync wrote, which must not come back (echo). */
  readonly timelineKey: string | null
}

/** Create or update the HubSpot engagement keyed by the Salesforce id (B-ACT-5), on the linked contact. */
export interface UpsertEngagement {
  readonly kind: 'upsert-engagement'
  readonly salesforceId: string
  readonly engagement: HubSpotEngagementType
  readonly contactId: string
  readonly properties: Readonly<Record<string, string>>
}

export interface FromSalesforcePlanInput {
  /** The HubSpot portal: the Tasks its own timeline sync wrote are skipped (echo). */
  readonly portalId: string
  readonly enabled: ReadonlySet<FromSalesforceKind>
  readonly records: readonly SalesforceActivityRecord[]
  /** Active contact links by Salesforce id (Lead or Contact) -> HubSpot contact id. */
  readonly contactOf: ReadonlyMap<string, string>
}

/** Which switch a record falls under: Events are meetings; Tasks by their subtype. */
export function fromSalesforceKind(record: SalesforceActivityRecord): FromSalesforceKind {
  if (record.object === 'Event') return 'meeting'
  if (record.subtype === 'Email') return 'email'
  if (record.subtype === 'Call') return 'call'
  return 'task'
}

const ENGAGEMENT: Readonly<Record<FromSalesforceKind, HubSpotEngagementType>> = {
  task: 'tasks',
  email: 'emails',
  call: 'calls',
  meeting: 'meetings',
}

/** A date-only value as HubSpot's datetime (midnight UTC), or null. */
const dayStart = (date: string | null): string | null => (date === null ? null : `${date}T00:00:00.000Z`)

/**
 * The HubSpot properties of one record (docs/sync-rules.md "Activities"): subject, body and dates; never the
 * owner (B-ACT-7). Values absent in Salesforce are sent blank, so an edit that clears one clears it in HubSpot.
 */
export function engagementProperties(record: SalesforceActivityRecord): Record<string, string> {
  const kind = fromSalesforceKind(record)
  const subject = record.subject ?? ''
  const body = record.description ?? ''
  const when = (kind === 'meeting' ? record.start : dayStart(record.activityDate)) ?? ''
  switch (kind) {
    case 'task':
      return {
        hs_task_subject: subject,
        hs_task_body: body,
        hs_timestamp: when,
        hs_task_status: record.status === 'Completed' ? 'COMPLETED' : 'NOT_STARTED',
      }
    case 'email':
      return {
        hs_email_subject: subject,
        hs_email_text: body,
        hs_timestamp: when,
        hs_email_direction: 'EMAIL',
      }
    case 'call':
      return { hs_call_title: subject, hs_call_body: body, hs_timestamp: when }
    case 'meeting':
      return {
        hs_meeting_title: subject,
        hs_meeting_body: body,
        hs_timestamp: when,
        hs_meeting_start_time: record.start ?? '',
        hs_meeting_end_time: record.end ?? '',
      }
  }
}

/**
 * Salesforce Tasks and Events to HubSpot (B-ACT-5, 8), pure: each record of an enabled kind about a linked
 * Lead or Contact is upserted as the HubSpot engagement keyed by its Salesforce id, so a replay or an edit
 * updates the same one. Skipped: kinds switched off, records about no linked Lead or Contact, and the Tasks
 * timeline sync of this portal wrote (they carry its timeline key: copying them back would echo; another
 * portal's timeline Task on a linked record is a Salesforce task like any other, B-MULTI-1).
 */
export function planFromSalesforce(input: FromSalesforcePlanInput): UpsertEngagement[] {
  const actions: UpsertEngagement[] = []
  for (const record of input.records) {
    if (isOwnTimelineTask(input.portalId, record.timelineKey)) continue
    const kind = fromSalesforceKind(record)
    if (!input.enabled.has(kind) || record.whoId === null) continue
    const contactId = input.contactOf.get(record.whoId)
    if (contactId === undefined) continue
    actions.push({
      kind: 'upsert-engagement',
      salesforceId: record.id,
      engagement: ENGAGEMENT[kind],
      contactId,
      properties: engagementProperties(record),
    })
  }
  return actions
}
