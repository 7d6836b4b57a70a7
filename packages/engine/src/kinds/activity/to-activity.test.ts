import { describe, expect, it } from 'vitest'

import {
  fromEmailEvent,
  fromEngagement,
  fromFormSubmission,
  fromSalesforce,
  parseEmailEventKey,
  parseFormSubmissionKey,
  parseSalesEmailKey,
  salesEmailEvents,
} from './to-activity.js'

const email = {
  id: '77',
  properties: { hs_email_subject: 'Proposal', hs_timestamp: '2026-12-07T10:00:00.000Z' },
  contactIds: ['5'],
}

describe('HubSpot activities as timeline sync sees them', () => {
  it('B-ACT-4: every rise of a sales email count is one open or click, a jump of two is two', () => {
    const history = {
      hs_email_open_count: [
        { value: '0', at: 1 },
        { value: '1', at: 2 },
        { value: '3', at: 3 },
      ],
      hs_email_click_count: [{ value: '1', at: 4 }],
    }
    const events = salesEmailEvents(email, history, new Set(['sales_email_open', 'sales_email_click']))
    expect(events.map((e) => [e.key, e.occurredAt])).toEqual([
      ['sales_email_open:77:1', 2],
      ['sales_email_open:77:2', 3],
      ['sales_email_open:77:3', 3],
      ['sales_email_click:77:1', 4],
    ])
    expect(salesEmailEvents(email, history, new Set(['sales_email_click']))).toHaveLength(1)
    expect(parseSalesEmailKey('sales_email_open:77:2')).toEqual({
      emailId: '77',
      property: 'hs_email_open_count',
      count: '2',
    })
  })

  it('an email event and a form submission carry in their key what reads them back', () => {
    const event = { id: 'evt-9', created: 1700, type: 'OPEN', recipient: 'a@x.com', emailCampaignId: 3 }
    const activity = fromEmailEvent(event, '5')
    expect(activity?.key).toBe('marketing_email_open:1700:evt-9')
    expect(parseEmailEventKey(activity!.key)).toEqual({ created: 1700, id: 'evt-9' })
    expect(fromEmailEvent({ ...event, type: 'BOUNCE' }, '5')).toBeUndefined()
    const submission = {
      conversionId: 'c-1',
      submittedAt: 1800,
      values: [{ name: 'email', value: 'a@x.com' }],
    }
    const form = fromFormSubmission({ id: 'f-1', name: 'Demo' }, submission, '5')
    expect(form).toMatchObject({ title: 'Demo', body: 'email: a@x.com', contactIds: ['5'] })
    expect(parseFormSubmissionKey(form.key)).toEqual({
      formId: 'f-1',
      submittedAt: 1800,
      conversionId: 'c-1',
    })
  })

  it('an engagement written from Salesforce is recognised, so it never goes back as a Task', () => {
    expect(fromSalesforce({ ...email, properties: { crmsync_salesforce_id: '00T1' } })).toBe(true)
    expect(fromSalesforce(email)).toBe(false)
    expect(fromEngagement('emails', email)).toMatchObject({
      key: 'sales_email_send:77',
      type: 'sales_email_send',
      occurredAt: Date.UTC(2026, 11, 7, 10),
      title: 'Proposal',
    })
  })
})
