import {
  type FromSalesforceKind,
  HUBSPOT_ENGAGEMENT_TYPES,
  type HubSpotEmailEvent,
  type HubSpotEngagementRecord,
  type HubSpotEngagementType,
  type HubSpotForm,
  type HubSpotFormSubmission,
  type TimelineActivity,
  type TimelineActivityType,
} from '@crmsync/core'
import { captureCursorFrom } from '@crmsync/salesforce'

import { decodeHubSpotCursor, encodeHubSpotCursor } from '../../capture/capture-cursors.js'
import type { ReadContext } from '../../engine-context.js'
import type { CapturePage, CaptureStream } from '../../pipeline/object-kind.js'
import type { ActivityCache } from './activity-cache.js'
import {
  EMAIL_EVENT_ACTIVITY,
  ENGAGEMENT_ACTIVITY,
  fromEmailEvent,
  fromEngagement,
  fromFormSubmission,
  fromSalesforce,
  SALES_EMAIL_EVENTS,
  salesEmailEvents,
  submittedEmail,
} from './to-activity.js'

/** The cursor streams of timeline sync, for `crmsync status` (HubSpot side). */
export const ACTIVITY_STREAMS = {
  engagement: (type: HubSpotEngagementType) => `activity:${type}`,
  emailEvents: 'activity:email-events',
  forms: 'activity:form-submissions',
  salesforce: (object: 'Task' | 'Event') => `activity:${object}`,
  pending: 'activity:pending',
} as const

/** Parked pairs looked at per cycle for a contact that linked since. */
const PENDING_PER_CYCLE = 10_000

export function enabledTypes(ctx: ReadContext): ReadonlySet<TimelineActivityType> {
  return new Set(ctx.deps.connection.settings.activities.toSalesforce)
}

export function enabledFromSalesforce(ctx: ReadContext): ReadonlySet<FromSalesforceKind> {
  return new Set(ctx.deps.connection.settings.activities.fromSalesforce)
}

/**
 * Salesforce Tasks (switches task, email, call) or Events (meeting), B-ACT-5. A stream whose switches are off
 * stays at now, so turning one on copies no history: only what is created or edited afterwards (B-ACT-6).
 */
function salesforceStream(object: 'Task' | 'Event'): CaptureStream<ActivityCache> {
  const kinds: readonly FromSalesforceKind[] = object === 'Task' ? ['task', 'email', 'call'] : ['meeting']
  return {
    side: 'salesforce',
    stream: ACTIVITY_STREAMS.salesforce(object),
    async readPage(ctx, cursor, cache) {
      const on = enabledFromSalesforce(ctx)
      if (cursor === undefined || !kinds.some((k) => on.has(k))) {
        const now = ctx.deps.salesforce.apiUsage().serverTime ?? ctx.deps.clock.now()
        return { ids: [], cursor: captureCursorFrom(now), more: false }
      }
      const page = await ctx.deps.salesforce.captureActivities(object, cursor)
      for (const record of page.records) cache.salesforce.set(record.id, record)
      return { ids: page.records.map((r) => r.id), cursor: page.cursor, more: page.hasMore }
    },
  }
}

/**
 * A stream of a type that is off stays at now, so switching it on later sends what happens from then on,
 * not history, as connecting copies nothing (B-INST-6). It costs no call.
 */
function startsNow(ctx: ReadContext): CapturePage {
  const now = ctx.deps.clock.now()
  return {
    ids: [],
    cursor: encodeHubSpotCursor({ modifiedAt: now, lastId: null, settled: now, seen: {} }),
    more: false,
  }
}

/** The timeline types an engagement type carries: sales emails are sent, opened and clicked. */
function typesOf(type: HubSpotEngagementType): readonly TimelineActivityType[] {
  return type === 'emails'
    ? [ENGAGEMENT_ACTIVITY.emails, ...Object.values(SALES_EMAIL_EVENTS)]
    : [ENGAGEMENT_ACTIVITY[type]]
}

/** The opens and clicks of these sales emails, from their count history (1 batch read per 100). */
export async function salesEmailActivities(
  ctx: ReadContext,
  records: readonly HubSpotEngagementRecord[],
  enabled: ReadonlySet<TimelineActivityType>,
): Promise<TimelineActivity[]> {
  const wanted = Object.entries(SALES_EMAIL_EVENTS)
    .filter(([, t]) => enabled.has(t))
    .map(([property]) => property)
  if (wanted.length === 0 || records.length === 0) return []
  const history = await ctx.deps.hubspot.readEngagementHistory(
    'emails',
    records.map((r) => r.id),
    wanted,
  )
  return records.flatMap((r) => salesEmailEvents(r, history.get(r.id) ?? {}, enabled))
}

/** One engagement object type, captured as contacts are (search on `hs_lastmodifieddate`). */
function engagementStream(type: HubSpotEngagementType): CaptureStream<ActivityCache> {
  return {
    side: 'hubspot',
    stream: ACTIVITY_STREAMS.engagement(type),
    async readPage(ctx, cursor, cache, ask) {
      const enabled = enabledTypes(ctx)
      if (cursor === undefined || !typesOf(type).some((t) => enabled.has(t))) return startsNow(ctx)
      const result = await ctx.deps.hubspot.captureEngagements(type, {
        cursor: decodeHubSpotCursor(cursor),
        ...(ask.settleThrough === undefined ? {} : { settleThrough: ask.settleThrough }),
      })
      const ids: string[] = []
      const own = result.records.filter((record) => !fromSalesforce(record))
      const activities = enabled.has(ENGAGEMENT_ACTIVITY[type]) ? own.map((r) => fromEngagement(type, r)) : []
      if (type === 'emails') activities.push(...(await salesEmailActivities(ctx, own, enabled)))
      for (const activity of activities) {
        cache.activities.set(activity.key, activity)
        ids.push(activity.key)
      }
      const ready = result.settleReadyAt
      return {
        ids,
        cursor: encodeHubSpotCursor(result.cursor),
        more: result.more,
        ...(ready === undefined ? {} : { waitMs: Math.max(0, ready - result.serverTime) }),
      }
    },
  }
}

/** Where the email event stream stands: events created at `at` with these ids were read; `offset` mid-pass. */
interface EmailEventCursor {
  readonly at: number
  readonly seen: readonly string[]
  readonly offset?: string | undefined
}

/** The contacts of these addresses, by lower-cased email (1 batch read per 100 addresses). */
export async function contactsByEmail(
  ctx: ReadContext,
  addresses: readonly (string | undefined)[],
): Promise<ReadonlyMap<string, string>> {
  const emails = [
    ...new Set(addresses.flatMap((e) => (e === undefined || e === '' ? [] : [e.toLowerCase()]))),
  ]
  if (emails.length === 0) return new Map()
  const found = await ctx.deps.hubspot.findContactsByEmail(emails, [])
  return new Map([...found].map(([email, record]) => [email, record.id]))
}

/** The recipients' contacts, by lower-cased email. */
export const contactsOf = (ctx: ReadContext, events: readonly HubSpotEmailEvent[]) =>
  contactsByEmail(
    ctx,
    events.map((e) => e.recipient),
  )

/** Marketing email sends, opens and clicks (B-ACT-2, 4): a page of events after the cursor's instant. */
const emailEventStream: CaptureStream<ActivityCache> = {
  side: 'hubspot',
  stream: ACTIVITY_STREAMS.emailEvents,
  async readPage(ctx, cursor, cache) {
    const wanted = Object.entries(EMAIL_EVENT_ACTIVITY).filter(([, type]) => enabledTypes(ctx).has(type))
    if (cursor === undefined || wanted.length === 0) {
      const value: EmailEventCursor = { at: ctx.deps.clock.now(), seen: [] }
      return { ids: [], cursor: JSON.stringify(value), more: false }
    }
    const from = JSON.parse(cursor) as EmailEventCursor
    const page = await ctx.deps.hubspot.readEmailEvents({
      startTimestamp: from.at,
      ...(from.offset === undefined ? {} : { offset: from.offset }),
    })
    const seen = new Set(from.seen)
    const fresh = page.events.filter(
      (e) => !(e.created === from.at && seen.has(e.id)) && wanted.some(([name]) => name === e.type),
    )
    const contacts = await contactsOf(ctx, fresh)
    const ids: string[] = []
    for (const event of fresh) {
      const activity = fromEmailEvent(event, contacts.get(event.recipient))
      if (activity === undefined || activity.contactIds.length === 0) continue
      cache.activities.set(activity.key, activity)
      ids.push(activity.key)
    }
    // Mid-pass, the instant stays and the offset moves; at the end the instant moves to the newest event,
    // whose ids are not read again. An event read twice (one instant over two pages) is harmless: its key is
    // the same, so the store never writes a second Task for it.
    if (page.hasMore) return { ids, cursor: JSON.stringify({ ...from, offset: page.offset }), more: true }
    const at = Math.max(from.at, ...page.events.map((e) => e.created))
    const atIds = page.events.filter((e) => e.created === at).map((e) => e.id)
    const next: EmailEventCursor = { at, seen: at === from.at ? [...from.seen, ...atIds] : atIds }
    return { ids, cursor: JSON.stringify(next), more: false }
  },
}

/** Where form capture stands: submissions at or before `at` were read, those at `at` by id. */
interface FormCursor {
  readonly at: number
  readonly seen: readonly string[]
}

/** A form's submissions after the cursor: newest-first pages until one reaches back to it (1 call a page). */
export async function submissionsAfter(
  ctx: ReadContext,
  formId: string,
  from: FormCursor,
): Promise<HubSpotFormSubmission[]> {
  const seen = new Set(from.seen)
  const found: HubSpotFormSubmission[] = []
  let after: string | undefined
  for (;;) {
    const page = await ctx.deps.hubspot.readFormSubmissions(formId, after)
    for (const s of page.results)
      if (s.submittedAt > from.at || (s.submittedAt === from.at && !seen.has(s.conversionId))) found.push(s)
    const reachedBack = page.results.some((s) => s.submittedAt < from.at)
    if (reachedBack || page.after === undefined) return found
    after = page.after
  }
}

/**
 * Form submissions (B-ACT-2; a submission is also its contact's sync trigger, B-TRIG-2 through B-ACT-9): the
 * forms (1 call per 500), then each form's newest submissions back to the cursor (1 call per form and 50
 * new submissions). The contact is found by the submitted email, as HubSpot itself does.
 */
const formStream: CaptureStream<ActivityCache> = {
  side: 'hubspot',
  stream: ACTIVITY_STREAMS.forms,
  async readPage(ctx, cursor, cache) {
    if (cursor === undefined || !enabledTypes(ctx).has('form_submission')) {
      const value: FormCursor = { at: ctx.deps.clock.now(), seen: [] }
      return { ids: [], cursor: JSON.stringify(value), more: false }
    }
    const from = JSON.parse(cursor) as FormCursor
    const found: { form: HubSpotForm; submission: HubSpotFormSubmission }[] = []
    for (const form of await ctx.deps.hubspot.listForms())
      for (const submission of await submissionsAfter(ctx, form.id, from)) found.push({ form, submission })
    const contacts = await contactsByEmail(
      ctx,
      found.map((f) => submittedEmail(f.submission)),
    )
    const ids: string[] = []
    for (const { form, submission } of found) {
      const email = submittedEmail(submission)
      const activity = fromFormSubmission(
        form,
        submission,
        email === undefined ? undefined : contacts.get(email),
      )
      if (activity.contactIds.length === 0) continue
      cache.activities.set(activity.key, activity)
      ids.push(activity.key)
    }
    const at = Math.max(from.at, ...found.map((f) => f.submission.submittedAt))
    const atIds = found.filter((f) => f.submission.submittedAt === at).map((f) => f.submission.conversionId)
    const next: FormCursor = { at, seen: at === from.at ? [...from.seen, ...atIds] : atIds }
    return { ids, cursor: JSON.stringify(next), more: false }
  },
}

/**
 * Parked pairs whose contact has a link now (no API call, the store only): their activities are planned
 * again. A pair whose contact linked in this cycle's own contact pass is planned in the same cycle already
 * (the activity was sent round after it), so this serves contacts that linked later on their own.
 */
const pendingStream: CaptureStream<ActivityCache> = {
  side: 'hubspot',
  stream: ACTIVITY_STREAMS.pending,
  async readPage(ctx) {
    const connectionId = ctx.setup.connectionId
    const pending = await ctx.store.listPendingTimelineItems(connectionId, PENDING_PER_CYCLE)
    const links = await ctx.store.getLinks({
      connectionId,
      objectKind: 'contact',
      side: 'hubspot',
      ids: [...new Set(pending.map((p) => p.contactId))],
    })
    const linked = new Set(links.filter((l) => l.state === 'active').map((l) => l.hubspotId))
    const ids = [...new Set(pending.filter((p) => linked.has(p.contactId)).map((p) => p.activityKey))]
    return { ids, cursor: String(ctx.deps.clock.now()), more: false }
  },
}

export const ACTIVITY_CAPTURE: readonly CaptureStream<ActivityCache>[] = [
  ...HUBSPOT_ENGAGEMENT_TYPES.map(engagementStream),
  emailEventStream,
  formStream,
  pendingStream,
  salesforceStream('Task'),
  salesforceStream('Event'),
]
