import { describe, expect, it } from 'vitest'

import {
  type FromSalesforceKind,
  planFromSalesforce,
  type SalesforceActivityRecord,
} from './plan-from-salesforce.js'

const task: SalesforceActivityRecord = {
  id: '00T000000000001AAA',
  object: 'Task',
  whoId: '003000000000001AAA',
  subject: 'Send proposal',
  description: 'With the new prices',
  activityDate: '2026-12-24',
  status: 'Not Started',
  subtype: 'Task',
  start: null,
  end: null,
  timelineKey: null,
}

const plan = (records: SalesforceActivityRecord[], enabled: FromSalesforceKind[] = ['task']) =>
  planFromSalesforce({
    portalId: '62515',
    enabled: new Set(enabled),
    records,
    contactOf: new Map([['003000000000001AAA', '501']]),
  })

describe('planFromSalesforce (B-ACT-5, 7, 8)', () => {
  it('B-ACT-5: a Task on a linked Contact becomes a HubSpot task with its due date and body, no owner', () => {
    expect(plan([task])).toEqual([
      {
        kind: 'upsert-engagement',
        salesforceId: task.id,
        engagement: 'tasks',
        contactId: '501',
        properties: {
          hs_task_subject: 'Send proposal',
          hs_task_body: 'With the new prices',
          hs_timestamp: '2026-12-24T00:00:00.000Z',
          hs_task_status: 'NOT_STARTED',
        },
      },
    ])
  })

  it.each([
    ['Task', 'task', 'tasks'],
    ['Email', 'email', 'emails'],
    ['Call', 'call', 'calls'],
  ] as const)('B-ACT-5: TaskSubtype %s falls under the %s switch only', (subtype, kind, engagement) => {
    const record = { ...task, subtype }
    expect(plan([record], [kind]).map((a) => a.engagement)).toEqual([engagement])
    const others = (['task', 'email', 'call', 'meeting'] as const).filter((k) => k !== kind)
    expect(plan([record], [...others])).toEqual([])
  })

  it('an Event is a meeting with its start and end', () => {
    const event = {
      ...task,
      object: 'Event' as const,
      start: '2026-12-24T09:00:00.000Z',
      end: '2026-12-24T10:00:00.000Z',
    }
    const [action] = plan([event], ['meeting'])
    expect(action?.engagement).toBe('meetings')
    expect(action?.properties).toMatchObject({
      hs_meeting_start_time: '2026-12-24T09:00:00.000Z',
      hs_meeting_end_time: '2026-12-24T10:00:00.000Z',
    })
  })

  it('skips the Tasks timeline sync wrote (echo), Tasks about no linked record and Tasks without a WhoId', () => {
    expect(plan([{ ...task, timelineKey: '62515:call:1@2' }])).toEqual([])
    expect(plan([{ ...task, whoId: '00Q000000000009AAA' }])).toEqual([])
    expect(plan([{ ...task, whoId: null }])).toEqual([])
  })

  it("B-MULTI-1: another portal's timeline Task on a linked record is a Salesforce task like any other", () => {
    expect(plan([{ ...task, timelineKey: '99:call:1@2' }])).toHaveLength(1)
  })
})
