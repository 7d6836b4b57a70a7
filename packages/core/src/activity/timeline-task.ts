import type { TimelineActivity, TimelineActivityType } from './activity-types.js'

/** The Task custom text field holding the sync key (design.md 3.4): Task fields cannot be External IDs. */
export const ACTIVITY_KEY_FIELD = 'crmsync_HubSpot_Activity_Id__c'

/** What a type's Task looks like (docs/sync-rules.md "Activities" lists the same table). */
interface TaskShape {
  /** Subject prefix; the activity's title follows it. */
  readonly label: string
  /** Salesforce's TaskSubtype (Task, Email or Call): how the Task shows in the activity timeline. */
  readonly subtype: 'Task' | 'Email' | 'Call'
  /** Task.Type. */
  readonly type: 'Call' | 'Email' | 'Meeting' | 'Other'
}

const SHAPES: Readonly<Record<TimelineActivityType, TaskShape>> = {
  form_submission: { label: 'Form submission', subtype: 'Task', type: 'Other' },
  marketing_email_send: { label: 'Marketing email sent', subtype: 'Email', type: 'Email' },
  marketing_email_open: { label: 'Marketing email opened', subtype: 'Email', type: 'Email' },
  marketing_email_click: { label: 'Marketing email clicked', subtype: 'Email', type: 'Email' },
  sales_email_send: { label: 'Email', subtype: 'Email', type: 'Email' },
  sales_email_open: { label: 'Email opened', subtype: 'Email', type: 'Email' },
  sales_email_click: { label: 'Email clicked', subtype: 'Email', type: 'Email' },
  meeting: { label: 'Meeting', subtype: 'Task', type: 'Meeting' },
  call: { label: 'Call', subtype: 'Call', type: 'Call' },
  note: { label: 'Note', subtype: 'Task', type: 'Other' },
  sales_document_view: { label: 'Document viewed', subtype: 'Task', type: 'Other' },
  task: { label: 'Task', subtype: 'Task', type: 'Other' },
  integration_event: { label: 'Integration event', subtype: 'Task', type: 'Other' },
}

/** Task.Subject is 255 characters at most. */
const SUBJECT_MAX = 255
/** Task.Description is a 32,000-character text area. */
const DESCRIPTION_MAX = 32_000

/** `YYYY-MM-DD` of an instant, in UTC (Task.ActivityDate is a date). */
function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10)
}

/**
 * The fields of the Salesforce Task for one activity on one Lead or Contact (B-ACT-1): no OwnerId, so
 * Salesforce makes the integration user the owner (B-ACT-7); the portal's sync key (timelineTaskKey) in
 * ACTIVITY_KEY_FIELD. Only a
 * HubSpot task that is still open stays open in Salesforce; everything else already happened.
 */
export function timelineTaskFields(
  activity: TimelineActivity,
  whoId: string,
  taskKey: string,
): Record<string, string> {
  const shape = SHAPES[activity.type]
  const title = activity.title?.trim() ?? ''
  const subject = title === '' ? shape.label : `${shape.label}: ${title}`
  const fields: Record<string, string> = {
    WhoId: whoId,
    Subject: subject.slice(0, SUBJECT_MAX),
    ActivityDate: isoDate(activity.occurredAt),
    Status: activity.open === true ? 'Not Started' : 'Completed',
    TaskSubtype: shape.subtype,
    Type: shape.type,
    [ACTIVITY_KEY_FIELD]: taskKey,
  }
  const body = activity.body?.trim() ?? ''
  if (body !== '') fields['Description'] = body.slice(0, DESCRIPTION_MAX)
  return fields
}
