import { describe, expect, it } from 'vitest'

import type { TimelineActivity, TimelineActivityType, TimelineItem } from './activity-types.js'
import { planTimeline, type TimelineAction, type TimelineLink } from './plan-timeline.js'
import { ACTIVITY_KEY_FIELD, timelineTaskFields } from './timeline-task.js'

const call: TimelineActivity = {
  key: 'call:1',
  type: 'call',
  contactIds: ['c1'],
  occurredAt: Date.UTC(2026, 11, 7, 10),
  title: 'Intro',
  body: 'Talked about pricing',
}
const lead: TimelineLink = { salesforceType: 'Lead', salesforceId: '00Q000000000001AAA' }

function item(syncKey: string, state: TimelineItem['state'], taskId: string | null = null): TimelineItem {
  return {
    connectionId: 'c',
    syncKey,
    activityKey: syncKey.split('@')[0]!,
    contactId: syncKey.split('@')[1]!,
    state,
    salesforceTaskId: taskId,
    activity: call,
    updatedAt: 0,
  }
}

function plan(init: {
  enabled?: TimelineActivityType[]
  activities?: TimelineActivity[]
  items?: TimelineItem[]
  links?: Record<string, TimelineLink>
  claimedNow?: string[]
  lookedUp?: Record<string, string | null>
}) {
  return planTimeline({
    portalId: '62515',
    enabled: new Set(init.enabled ?? ['call']),
    activities: init.activities ?? [call],
    items: new Map((init.items ?? []).map((i) => [i.syncKey, i])),
    links: new Map(Object.entries(init.links ?? {})),
    claimedNow: new Set(init.claimedNow ?? []),
    lookedUp: new Map(Object.entries(init.lookedUp ?? {})),
  })
}

const kinds = (actions: readonly TimelineAction[]) => actions.map((a) => a.kind)

describe('planTimeline (B-ACT-1..10)', () => {
  it.each([
    {
      name: 'B-ACT-9: a disabled type does nothing, not even trigger its contact',
      init: { enabled: ['note'] as TimelineActivityType[], links: { c1: lead } },
      expected: [],
    },
    {
      name: 'B-ACT-9: a new activity of a linked contact triggers it and claims the pair',
      init: { links: { c1: lead } },
      expected: ['claim', 'trigger-contacts', 'requeue'],
    },
    {
      name: 'an unlinked contact parks the pair, triggers the contact and plans the activity again after it',
      init: {},
      expected: ['park', 'trigger-contacts', 'requeue'],
    },
    {
      name: 'a parked pair whose contact is still unlinked stays parked, and is not sent round again',
      init: { items: [item('call:1@c1', 'pending')] },
      expected: [],
    },
    {
      name: 'a parked pair whose contact linked is claimed, with no second trigger',
      init: { items: [item('call:1@c1', 'pending')], links: { c1: lead } },
      expected: ['claim', 'requeue'],
    },
    {
      name: 'a pair claimed this cycle is created without a look-up',
      init: { items: [item('call:1@c1', 'claimed')], links: { c1: lead }, claimedNow: ['call:1@c1'] },
      expected: ['create-task'],
    },
    {
      name: 'a replay of a written pair never duplicates',
      init: { items: [item('call:1@c1', 'written', '00T1')], links: { c1: lead } },
      expected: [],
    },
    {
      name: 'a claimed pair the look-up found is adopted, not inserted again',
      init: {
        items: [item('call:1@c1', 'claimed')],
        links: { c1: lead },
        lookedUp: { 'call:1@c1': '00T000000000009AAA' },
      },
      expected: ['adopt-task'],
    },
    {
      name: 'a claimed pair the look-up did not find is inserted',
      init: { items: [item('call:1@c1', 'claimed')], links: { c1: lead }, lookedUp: { 'call:1@c1': null } },
      expected: ['create-task'],
    },
  ])('$name', ({ init, expected }) => {
    const result = plan(init)
    expect(kinds(result.actions)).toEqual(expected)
    expect(result.more).toEqual([])
  })

  it('a pair claimed by an earlier cycle (a crash may have inserted it) asks for a look-up first', () => {
    const result = plan({ items: [item('call:1@c1', 'claimed')], links: { c1: lead } })
    expect(result).toEqual({ actions: [], more: ['call:1@c1'] })
  })

  it('B-ACT-10: the Task goes to the record the contact is linked to now, one per associated contact', () => {
    const contact: TimelineLink = { salesforceType: 'Contact', salesforceId: '003000000000001AAA' }
    const both = { ...call, contactIds: ['c1', 'c2'] }
    const result = plan({
      activities: [both],
      items: [item('call:1@c1', 'claimed'), item('call:1@c2', 'claimed')],
      links: { c1: contact, c2: lead },
      claimedNow: ['call:1@c1', 'call:1@c2'],
    })
    expect(result.actions.map((a) => (a.kind === 'create-task' ? a.whoId : a.kind))).toEqual([
      contact.salesforceId,
      lead.salesforceId,
    ])
  })
})

describe('the Task key names the portal (B-MULTI-1: several portals on one org number records independently)', () => {
  it('a created Task carries portal:activity@contact in its key field', () => {
    const result = plan({
      items: [item('call:1@c1', 'claimed')],
      links: { c1: lead },
      claimedNow: ['call:1@c1'],
    })
    const create = result.actions.find((a) => a.kind === 'create-task')
    expect(create?.kind === 'create-task' ? create.fields[ACTIVITY_KEY_FIELD] : undefined).toBe(
      '62515:call:1@c1',
    )
  })
})

describe('timelineTaskFields (docs/sync-rules.md "Activities")', () => {
  it('B-ACT-7: no OwnerId (Salesforce makes the integration user the owner); the sync key in its field', () => {
    expect(timelineTaskFields(call, lead.salesforceId, 'call:1@c1')).toEqual({
      WhoId: lead.salesforceId,
      Subject: 'Call: Intro',
      Description: 'Talked about pricing',
      ActivityDate: '2026-12-07',
      Status: 'Completed',
      TaskSubtype: 'Call',
      Type: 'Call',
      [ACTIVITY_KEY_FIELD]: 'call:1@c1',
    })
  })

  it.each([
    ['note', 'Note', 'Task', 'Other'],
    ['meeting', 'Meeting', 'Task', 'Meeting'],
    ['sales_email_send', 'Email', 'Email', 'Email'],
    ['marketing_email_open', 'Marketing email opened', 'Email', 'Email'],
    ['form_submission', 'Form submission', 'Task', 'Other'],
  ] as const)('%s: Subject %s, TaskSubtype %s, Type %s', (type, label, subtype, taskType) => {
    const fields = timelineTaskFields({ ...call, type, title: null, body: null }, lead.salesforceId, 'k')
    expect([fields['Subject'], fields['TaskSubtype'], fields['Type']]).toEqual([label, subtype, taskType])
    expect(fields).not.toHaveProperty('Description')
    expect(fields).not.toHaveProperty('OwnerId')
  })

  it('an open HubSpot task stays open; a long subject is cut to Salesforce’s 255 characters', () => {
    const fields = timelineTaskFields({ ...call, type: 'task', open: true, title: 'x'.repeat(400) }, 'w', 'k')
    expect(fields['Status']).toBe('Not Started')
    expect(fields['Subject']).toHaveLength(255)
  })
})
