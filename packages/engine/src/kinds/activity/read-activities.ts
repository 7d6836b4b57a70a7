import {
  type FromSalesforcePlanInput,
  HUBSPOT_ENGAGEMENT_TYPES,
  type HubSpotEngagementType,
  type HubSpotFormSubmission,
  type InboxRow,
  type SalesforceActivityRecord,
  type TimelineActivity,
  type TimelineActivityType,
  type TimelineItem,
  type TimelineLink,
  timelineTaskKey,
} from '@crmsync/core'

import type { ReadContext } from '../../engine-context.js'
import type { ActivityCache } from './activity-cache.js'
import {
  contactsByEmail,
  contactsOf,
  enabledFromSalesforce,
  enabledTypes,
  salesEmailActivities,
  submissionsAfter,
} from './activity-capture.js'
import {
  ENGAGEMENT_ACTIVITY,
  fromEmailEvent,
  fromEngagement,
  fromFormSubmission,
  parseEmailEventKey,
  parseFormSubmissionKey,
  parseSalesEmailKey,
  submittedEmail,
} from './to-activity.js'

/** What a batch of activity rows reads before it is planned. */
export interface ActivityRead {
  readonly enabled: readonly TimelineActivityType[]
  readonly portalId: string
  /** Salesforce -> HubSpot (B-ACT-5): the switches, the rows' Tasks and Events, and their contacts. */
  readonly fromSalesforce: FromSalesforcePlanInput
  readonly activities: readonly TimelineActivity[]
  readonly items: ReadonlyMap<string, TimelineItem>
  readonly links: ReadonlyMap<string, TimelineLink>
  readonly claimedNow: ReadonlySet<string>
  readonly lookedUp: ReadonlyMap<string, string | null>
}

const ENGAGEMENT_OF_PREFIX = new Map(HUBSPOT_ENGAGEMENT_TYPES.map((t) => [ENGAGEMENT_ACTIVITY[t], t]))

/** Splits `type:rest` at the first colon. */
function splitKey(key: string): { prefix: string; rest: string } {
  const at = key.indexOf(':')
  return { prefix: key.slice(0, at), rest: key.slice(at + 1) }
}

/**
 * Activities neither this cycle's capture nor the store holds (their inbox row outlived the cycle that
 * captured them): engagements by id (1 batch read per 100), email events by their creation instant.
 */
async function reread(ctx: ReadContext, keys: readonly string[]): Promise<TimelineActivity[]> {
  const byType = new Map<HubSpotEngagementType, string[]>()
  const events: { created: number; id: string }[] = []
  for (const key of keys) {
    const { prefix, rest } = splitKey(key)
    const type = ENGAGEMENT_OF_PREFIX.get(prefix as never)
    if (type !== undefined) byType.set(type, [...(byType.get(type) ?? []), rest])
    const event = parseEmailEventKey(key)
    if (event !== undefined) events.push(event)
  }
  const found: TimelineActivity[] = []
  for (const [type, ids] of byType)
    for (const record of await ctx.deps.hubspot.readEngagements(type, ids))
      found.push(fromEngagement(type, record))
  for (const created of new Set(events.map((e) => e.created))) {
    const page = await ctx.deps.hubspot.readEmailEvents({ startTimestamp: created, endTimestamp: created })
    const wanted = page.events.filter((e) => events.some((x) => x.created === created && x.id === e.id))
    const contacts = await contactsOf(ctx, wanted)
    for (const event of wanted) {
      const activity = fromEmailEvent(event, contacts.get(event.recipient))
      if (activity !== undefined) found.push(activity)
    }
  }
  const salesEmails = [...new Set(keys.flatMap((k) => parseSalesEmailKey(k)?.emailId ?? []))]
  if (salesEmails.length > 0) {
    const emails = await ctx.deps.hubspot.readEngagements('emails', salesEmails)
    found.push(...(await salesEmailActivities(ctx, emails, new Set(enabledTypes(ctx)))))
  }
  // Form submissions: each one's form page, then the forms and the submitters' contacts once for all.
  const submissions: { formId: string; submission: HubSpotFormSubmission }[] = []
  for (const key of keys) {
    const parsed = parseFormSubmissionKey(key)
    if (parsed === undefined) continue
    const from = { at: parsed.submittedAt, seen: [] }
    const submission = (await submissionsAfter(ctx, parsed.formId, from)).find(
      (s) => s.conversionId === parsed.conversionId,
    )
    if (submission !== undefined) submissions.push({ formId: parsed.formId, submission })
  }
  if (submissions.length > 0) {
    const forms = await ctx.deps.hubspot.listForms()
    const contacts = await contactsByEmail(
      ctx,
      submissions.map((s) => submittedEmail(s.submission)),
    )
    for (const { formId, submission } of submissions) {
      const form = forms.find((f) => f.id === formId) ?? { id: formId, name: '' }
      const email = submittedEmail(submission)
      found.push(fromFormSubmission(form, submission, email === undefined ? undefined : contacts.get(email)))
    }
  }
  const asked = new Set(keys)
  return found.filter((a) => asked.has(a.key))
}

/**
 * The read stage of a batch of activities: each activity from this cycle's capture, else as the store
 * parked it, else read again from HubSpot; the stored pairs; and the active links of their contacts.
 */
export async function readActivities(
  ctx: ReadContext,
  cache: ActivityCache,
  rows: readonly InboxRow[],
): Promise<ActivityRead> {
  const { connectionId } = ctx.setup
  const keys = [...new Set(rows.filter((r) => r.side === 'hubspot').map((r) => r.recordId))]
  const fromSalesforce = await readSalesforceSide(
    ctx,
    cache,
    rows.filter((r) => r.side === 'salesforce').map((r) => r.recordId),
  )
  const stored = await ctx.store.getTimelineItems(connectionId, keys)
  const parked = new Map(stored.map((i) => [i.activityKey, i.activity]))
  const activities: TimelineActivity[] = []
  const missing: string[] = []
  for (const key of keys) {
    const activity = cache.activities.get(key) ?? parked.get(key)
    if (activity === undefined) missing.push(key)
    else activities.push(activity)
  }
  if (missing.length > 0) activities.push(...(await reread(ctx, missing)))
  const contactIds = [...new Set(activities.flatMap((a) => a.contactIds))]
  const links =
    contactIds.length === 0
      ? []
      : await ctx.store.getLinks({ connectionId, objectKind: 'contact', side: 'hubspot', ids: contactIds })
  return {
    enabled: [...enabledTypes(ctx)],
    activities,
    items: new Map(stored.map((i) => [i.syncKey, i])),
    links: new Map(
      links
        .filter((l) => l.state === 'active')
        .map((l) => [l.hubspotId, { salesforceType: l.salesforceType, salesforceId: l.salesforceId }]),
    ),
    claimedNow: new Set(cache.claimedNow),
    lookedUp: new Map(),
    portalId: ctx.portalId,
    fromSalesforce,
  }
}

/** Salesforce Tasks (00T) and Events (00U) of the batch: captured this cycle, else read by id. */
async function readSalesforceSide(
  ctx: ReadContext,
  cache: ActivityCache,
  ids: readonly string[],
): Promise<FromSalesforcePlanInput> {
  const records: SalesforceActivityRecord[] = []
  const missing: string[] = []
  for (const id of new Set(ids)) {
    const record = cache.salesforce.get(id)
    if (record === undefined) missing.push(id)
    else records.push(record)
  }
  const tasks = missing.filter((id) => id.startsWith('00T'))
  const events = missing.filter((id) => id.startsWith('00U'))
  records.push(...(await ctx.deps.salesforce.readActivities('Task', tasks)))
  records.push(...(await ctx.deps.salesforce.readActivities('Event', events)))
  const whoIds = [...new Set(records.flatMap((r) => (r.whoId === null ? [] : [r.whoId])))]
  const links =
    whoIds.length === 0
      ? []
      : await ctx.store.getLinks({
          connectionId: ctx.setup.connectionId,
          objectKind: 'contact',
          side: 'salesforce',
          ids: whoIds,
        })
  return {
    portalId: ctx.portalId,
    enabled: enabledFromSalesforce(ctx),
    records,
    contactOf: new Map(links.filter((l) => l.state === 'active').map((l) => [l.salesforceId, l.hubspotId])),
  }
}

/** Claimed keys an earlier cycle left in doubt, looked up by the Task field (IN lists as long as the URL allows). */
export async function lookUpClaimed(
  ctx: ReadContext,
  read: ActivityRead,
  keys: readonly string[],
): Promise<ActivityRead> {
  const found = await ctx.deps.salesforce.findTasksByActivityKey(
    keys.map((k) => timelineTaskKey(ctx.portalId, k)),
  )
  return {
    ...read,
    lookedUp: new Map(keys.map((k) => [k, found.get(timelineTaskKey(ctx.portalId, k)) ?? null])),
  }
}
