import type {
  HubSpotEmailEvent,
  HubSpotEngagementRecord,
  HubSpotEngagementType,
  HubSpotForm,
  HubSpotFormSubmission,
  HubSpotPropertyChange,
  TimelineActivity,
  TimelineActivityType,
} from '@crmsync/core'

import { hubSpotInstant } from '../../hubspot-instant.js'

/** The timeline type of each engagement object type (B-ACT-2); `emails` are logged or sent sales emails. */
export const ENGAGEMENT_ACTIVITY: Readonly<Record<HubSpotEngagementType, TimelineActivityType>> = {
  calls: 'call',
  notes: 'note',
  meetings: 'meeting',
  tasks: 'task',
  emails: 'sales_email_send',
}

/** Marketing email event types (the events API's `type`) and the timeline type each is (B-ACT-2, 4). */
export const EMAIL_EVENT_ACTIVITY: Readonly<Record<string, TimelineActivityType>> = {
  SENT: 'marketing_email_send',
  OPEN: 'marketing_email_open',
  CLICK: 'marketing_email_click',
}

/** Title, body and time of each engagement type, by the properties HubSpot gives it. */
const ENGAGEMENT_FIELDS: Readonly<
  Record<HubSpotEngagementType, { title?: string; body: string; at?: string }>
> = {
  calls: { title: 'hs_call_title', body: 'hs_call_body' },
  notes: { body: 'hs_note_body' },
  meetings: { title: 'hs_meeting_title', body: 'hs_meeting_body', at: 'hs_meeting_start_time' },
  tasks: { title: 'hs_task_subject', body: 'hs_task_body' },
  emails: { title: 'hs_email_subject', body: 'hs_email_text' },
}

export const engagementKey = (type: HubSpotEngagementType, id: string): string =>
  `${ENGAGEMENT_ACTIVITY[type]}:${id}`

export function fromEngagement(
  type: HubSpotEngagementType,
  record: HubSpotEngagementRecord,
): TimelineActivity {
  const p = record.properties
  const fields = ENGAGEMENT_FIELDS[type]
  const occurredAt =
    hubSpotInstant(fields.at === undefined ? undefined : p[fields.at]) ??
    hubSpotInstant(p['hs_timestamp']) ??
    hubSpotInstant(p['hs_createdate']) ??
    hubSpotInstant(p['hs_lastmodifieddate']) ??
    0
  return {
    key: engagementKey(type, record.id),
    type: ENGAGEMENT_ACTIVITY[type],
    contactIds: record.contactIds,
    occurredAt,
    title: fields.title === undefined ? null : (p[fields.title] ?? null),
    body: p[fields.body] ?? null,
    ...(type === 'tasks' ? { open: p['hs_task_status'] !== 'COMPLETED' } : {}),
  }
}

/** An email event's key holds its creation instant: the events API reads an event back by it. */
export const emailEventKey = (type: TimelineActivityType, event: HubSpotEmailEvent): string =>
  `${type}:${event.created}:${event.id}`

/** The parts of an email event key, or undefined for another key. */
export function parseEmailEventKey(key: string): { created: number; id: string } | undefined {
  const match = /^marketing_email_(?:send|open|click):(\d+):(.+)$/.exec(key)
  return match === null ? undefined : { created: Number(match[1]), id: match[2]! }
}

/** One Task per event, opens and clicks too (B-ACT-4), on the recipient's contact (a forward counts as theirs). */
export function fromEmailEvent(
  event: HubSpotEmailEvent,
  contactId: string | undefined,
): TimelineActivity | undefined {
  const type = EMAIL_EVENT_ACTIVITY[event.type]
  if (type === undefined) return undefined
  return {
    key: emailEventKey(type, event),
    type,
    contactIds: contactId === undefined ? [] : [contactId],
    occurredAt: event.created,
    title: event.emailCampaignId === null ? null : `campaign ${event.emailCampaignId}`,
    body: event.url ?? null,
  }
}

/**
 * An engagement crmsync wrote from a Salesforce Task or Event (it carries the Salesforce id): sending it to
 * Salesforce as a Task would echo it back.
 */
export const fromSalesforce = (record: HubSpotEngagementRecord): boolean =>
  (record.properties['crmsync_salesforce_id'] ?? '') !== ''

/** A form submission's key holds its form and time, so it can be found again in the form's newest-first list. */
export const formSubmissionKey = (formId: string, submission: HubSpotFormSubmission): string =>
  `form_submission:${formId}:${submission.submittedAt}:${submission.conversionId}`

export function parseFormSubmissionKey(
  key: string,
): { formId: string; submittedAt: number; conversionId: string } | undefined {
  const match = /^form_submission:([^:]+):(\d+):(.+)$/.exec(key)
  return match === null
    ? undefined
    : { formId: match[1]!, submittedAt: Number(match[2]), conversionId: match[3]! }
}

/** The address a submission was made with (HubSpot finds the contact by it; the submission names none). */
export const submittedEmail = (submission: HubSpotFormSubmission): string | undefined =>
  submission.values.find((v) => v.name === 'email')?.value.toLowerCase()

/** One Task per submission, titled with the form's name; the submitted values are its body. */
export function fromFormSubmission(
  form: HubSpotForm,
  submission: HubSpotFormSubmission,
  contactId: string | undefined,
): TimelineActivity {
  const lines = submission.values.map((v) => `${v.name}: ${v.value}`)
  if (submission.pageUrl !== undefined) lines.push(`page: ${submission.pageUrl}`)
  return {
    key: formSubmissionKey(form.id, submission),
    type: 'form_submission',
    contactIds: contactId === undefined ? [] : [contactId],
    occurredAt: submission.submittedAt,
    title: form.name,
    body: lines.join('\n'),
  }
}

/** The count properties of a sales email, each change one open or click (B-ACT-4). */
export const SALES_EMAIL_EVENTS = {
  hs_email_open_count: 'sales_email_open',
  hs_email_click_count: 'sales_email_click',
} as const satisfies Record<string, TimelineActivityType>

export type SalesEmailCount = keyof typeof SALES_EMAIL_EVENTS

/** `sales_email_open:<emailId>:<count>`: the n-th open (or click) of that email. */
export function parseSalesEmailKey(
  key: string,
): { emailId: string; property: SalesEmailCount; count: string } | undefined {
  const match = /^sales_email_(open|click):([^:]+):(\d+)$/.exec(key)
  if (match === null) return undefined
  const property = match[1] === 'open' ? 'hs_email_open_count' : 'hs_email_click_count'
  return { emailId: match[2]!, property, count: match[3]! }
}

/**
 * One activity per open and per click of a sales email: every rise of its count in the property's history
 * (HubSpot gives no per-event API for one-to-one emails), keyed by the email and the count reached.
 */
export function salesEmailEvents(
  record: HubSpotEngagementRecord,
  history: Readonly<Record<string, readonly HubSpotPropertyChange[]>>,
  enabled: ReadonlySet<TimelineActivityType>,
): TimelineActivity[] {
  const found: TimelineActivity[] = []
  for (const [property, type] of Object.entries(SALES_EMAIL_EVENTS)) {
    if (!enabled.has(type)) continue
    let previous = 0
    for (const change of history[property] ?? []) {
      const count = Number(change.value)
      if (!Number.isInteger(count) || count <= previous) continue
      // A rise by more than one (two opens in one instant) is that many opens.
      for (let n = previous + 1; n <= count; n++)
        found.push({
          key: `${type}:${record.id}:${n}`,
          type,
          contactIds: record.contactIds,
          occurredAt: change.at,
          title: record.properties['hs_email_subject'] ?? null,
          body: null,
        })
      previous = count
    }
  }
  return found
}
