// What activity sync reads from HubSpot, through @hubspot/api-client: forms and their submissions,
// marketing email events, and sales (one-to-one) email opens and clicks on the email engagement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { apiError, type Harness, startHarness } from './testing/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

interface Submission {
  conversionId: string
  submittedAt: number
  values: Array<{ name: string; value: string }>
  pageUrl?: string
}
interface SubmissionPage {
  results: Submission[]
  paging?: { next: { after: string } }
}

const fields = (
  email: string,
  firstname?: string,
): Array<{ objectTypeId: string; name: string; value: string }> => [
  { objectTypeId: '0-1', name: 'email', value: email },
  ...(firstname === undefined ? [] : [{ objectTypeId: '0-1', name: 'firstname', value: firstname }]),
]

async function createForm(name: string): Promise<string> {
  const form = await h.client.marketing.forms.formsApi.create({
    formType: 'hubspot',
    name,
    createdAt: new Date(),
    archived: false,
    fieldGroups: [
      {
        groupType: 'default_group',
        richTextType: 'text',
        fields: [
          {
            objectTypeId: '0-1',
            name: 'email',
            label: 'Email',
            required: true,
            hidden: false,
            fieldType: 'email',
          },
          {
            objectTypeId: '0-1',
            name: 'firstname',
            label: 'First name',
            required: false,
            hidden: false,
            fieldType: 'single_line_text',
          },
        ],
      },
    ],
    configuration: { postSubmitAction: { type: 'thank_you', value: `Thanks from ${name}` } },
    displayOptions: {},
    legalConsentOptions: { type: 'none' },
  } as never)
  return form.id
}

/** The public submit endpoint takes no token: a browser posts to it. */
async function submitPublic(
  formId: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(
    `${h.sandbox.basePath}/submissions/v3/integration/submit/${h.sandbox.portalId}/${formId}`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  )
  return { status: response.status, json: (await response.json()) as Record<string, unknown> }
}

async function advance(ms: number): Promise<void> {
  await h.call('POST', '/__sandbox/clock', { advanceMs: ms })
}

describe('forms', () => {
  it('creates, lists and reads a form through the Forms v3 client', async () => {
    const id = await createForm('Newsletter')
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4000-8000-[0-9a-f]{12}$/)
    const page = await h.client.marketing.forms.formsApi.getPage()
    expect(page.results.map((f) => f.id)).toContain(id)
    const form = await h.client.marketing.forms.formsApi.getById(id)
    expect(form).toMatchObject({ name: 'Newsletter', formType: 'hubspot', archived: false })
    expect(form.fieldGroups[0]!.fields.map((f) => f.name)).toEqual(['email', 'firstname'])
    const bad = await apiError(
      h.client.marketing.forms.formsApi.create({
        formType: 'hubspot',
        name: 'Bad',
        fieldGroups: [
          {
            groupType: 'default_group',
            richTextType: 'text',
            fields: [{ objectTypeId: '0-1', name: 'no_such_property', fieldType: 'single_line_text' }],
          },
        ],
      } as never),
    )
    expect(bad.code).toBe(400)
  })
})

describe('form submissions', () => {
  it('B-ACT-2: a submission creates the contact by email (source FORM) and sets its conversion properties', async () => {
    const formId = await createForm('Contact us')
    const submittedAt = Date.now() - 60_000
    const answer = await submitPublic(formId, {
      fields: fields('Form.Filler@Example.com', 'Fran'),
      submittedAt: String(submittedAt),
      context: { pageUri: 'https://acme.example/contact', pageName: 'Contact' },
    })
    expect(answer).toEqual({ status: 200, json: { inlineMessage: 'Thanks from Contact us' } })
    const contact = await h.client.crm.contacts.basicApi.getById(
      'form.filler@example.com',
      [
        'firstname',
        'hs_object_source',
        'recent_conversion_date',
        'recent_conversion_event_name',
        'first_conversion_event_name',
        'num_conversion_events',
      ],
      undefined,
      undefined,
      undefined,
      'email',
    )
    expect(contact.properties).toMatchObject({
      firstname: 'Fran',
      hs_object_source: 'FORM',
      recent_conversion_date: new Date(submittedAt).toISOString(),
      recent_conversion_event_name: 'Contact us',
      first_conversion_event_name: 'Contact us',
      num_conversion_events: '1',
    })

    // A second form submitted later by the same address updates that contact, never makes another.
    const demoId = await createForm('Demo request')
    await advance(1000)
    await submitPublic(demoId, { fields: fields('form.filler@example.com', 'Frances') })
    const again = await h.client.crm.contacts.basicApi.getById(contact.id, [
      'firstname',
      'recent_conversion_event_name',
      'first_conversion_event_name',
      'num_conversion_events',
      'num_unique_conversion_events',
    ])
    expect(again.properties).toMatchObject({
      firstname: 'Frances',
      recent_conversion_event_name: 'Demo request',
      first_conversion_event_name: 'Contact us',
      num_conversion_events: '2',
      num_unique_conversion_events: '2',
    })
    const search = await h.client.crm.contacts.searchApi.doSearch({
      filterGroups: [
        { filters: [{ propertyName: 'email', operator: 'EQ' as never, value: 'form.filler@example.com' }] },
      ],
      properties: ['email'],
      limit: 10,
    })
    expect(search.total).toBe(1)
  })

  it("B-ACT-4: lists a form's submissions newest first, each under a stable conversionId, paged with after", async () => {
    const formId = await createForm('Webinar')
    for (const n of [1, 2, 3]) {
      await submitPublic(formId, {
        fields: fields(`webinar${n}@example.com`),
        context: { pageUri: `https://acme.example/w${n}` },
      })
      await advance(1000)
    }
    const first = await h.call('GET', `/form-integrations/v1/submissions/forms/${formId}?limit=2`)
    const page1 = first.json as SubmissionPage
    expect(page1.results.map((s) => s.values.find((v) => v.name === 'email')?.value)).toEqual([
      'webinar3@example.com',
      'webinar2@example.com',
    ])
    expect(page1.results[0]).toMatchObject({ pageUrl: 'https://acme.example/w3' })
    expect(page1.results[0]!.submittedAt).toBeGreaterThan(page1.results[1]!.submittedAt)
    // A new submission between pages does not shift the next page.
    await submitPublic(formId, { fields: fields('webinar4@example.com') })
    const second = await h.call(
      'GET',
      `/form-integrations/v1/submissions/forms/${formId}?limit=2&after=${page1.paging!.next.after}`,
    )
    const page2 = second.json as SubmissionPage
    expect(page2.results.map((s) => s.values[0]!.value)).toEqual(['webinar1@example.com'])
    expect(page2.paging).toBeUndefined()
    const all = (await h.call('GET', `/form-integrations/v1/submissions/forms/${formId}?limit=50`))
      .json as SubmissionPage
    const ids = all.results.map((s) => s.conversionId)
    expect(new Set(ids).size).toBe(4)
    expect(ids.slice(1, 3)).toEqual(page1.results.map((s) => s.conversionId))
  })

  it('refuses a submission without the required email, or with a field the form does not have', async () => {
    const formId = await createForm('Strict')
    const missing = await submitPublic(formId, {
      fields: [{ objectTypeId: '0-1', name: 'firstname', value: 'x' }],
    })
    expect(missing.status).toBe(400)
    expect(missing.json['errors']).toEqual([expect.objectContaining({ errorType: 'REQUIRED_FIELD' })])
    const unknown = await submitPublic(formId, {
      fields: [...fields('s@example.com'), { objectTypeId: '0-1', name: 'jobtitle', value: 'CEO' }],
    })
    expect(unknown.json['errors']).toEqual([
      expect.objectContaining({ errorType: 'FIELD_NOT_IN_FORM_DEFINITION' }),
    ])
    const badEmail = await submitPublic(formId, { fields: fields('not-an-email') })
    expect(badEmail.json['errors']).toEqual([expect.objectContaining({ errorType: 'INVALID_EMAIL' })])
    const listed = (await h.call('GET', `/form-integrations/v1/submissions/forms/${formId}`))
      .json as SubmissionPage
    expect(listed.results).toEqual([])
  })

  it('takes the secure submit endpoint only with a token', async () => {
    const formId = await createForm('Secure')
    const withToken = await h.call(
      'POST',
      `/submissions/v3/integration/secure/submit/${h.sandbox.portalId}/${formId}`,
      {
        fields: fields('secure@example.com'),
      },
    )
    expect(withToken.status).toBe(200)
    const response = await fetch(
      `${h.sandbox.basePath}/submissions/v3/integration/secure/submit/${h.sandbox.portalId}/${formId}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fields: fields('anon@example.com') }),
      },
    )
    expect(response.status).toBe(401)
  })
})

describe('email events', () => {
  it('B-ACT-4: marketing email events are read by startTimestamp and type, paged by offset, and found by created/id', async () => {
    const base = 1_900_000_000_000
    await h.call('POST', '/__sandbox/marketing-email-events', {
      events: [
        { type: 'SENT', recipient: 'reader@example.com', created: base, emailCampaignId: 77 },
        { type: 'OPEN', recipient: 'reader@example.com', created: base + 1000, emailCampaignId: 77 },
        { type: 'OPEN', recipient: 'reader@example.com', created: base + 2000, emailCampaignId: 77 },
        {
          type: 'CLICK',
          recipient: 'reader@example.com',
          created: base + 3000,
          emailCampaignId: 77,
          url: 'https://x.example',
        },
      ],
    })
    const opens = await h.call('GET', `/email/public/v1/events?eventType=OPEN&startTimestamp=${base}&limit=1`)
    const first = opens.json as {
      events: Array<{ id: string; created: number }>
      hasMore: boolean
      offset: string
    }
    expect(first.events).toHaveLength(1)
    expect(first.hasMore).toBe(true)
    const next = await h.call(
      'GET',
      `/email/public/v1/events?eventType=OPEN&startTimestamp=${base}&limit=1&offset=${first.offset}`,
    )
    const second = next.json as typeof first
    expect(second.events[0]!.created).toBe(base + 2000)
    expect(second.events[0]!.id).not.toBe(first.events[0]!.id)
    const one = await h.call(
      'GET',
      `/email/public/v1/events/${second.events[0]!.created}/${second.events[0]!.id}`,
    )
    expect(one.json).toMatchObject({ type: 'OPEN', recipient: 'reader@example.com', emailCampaignId: 77 })
    const later = await h.call('GET', `/email/public/v1/events?startTimestamp=${base + 2500}`)
    expect((later.json as typeof first).events.map((e) => (e as unknown as { type: string }).type)).toEqual([
      'CLICK',
    ])
  })

  it('B-ACT-4: each sales email open or click adds one to the email engagement, with one history entry per event', async () => {
    const contact = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'prospect@example.com' },
      associations: [],
    })
    const email = await h.client.crm.objects.emails.basicApi.create({
      properties: {
        hs_timestamp: new Date().toISOString(),
        hs_email_subject: 'Pricing',
        hs_email_direction: 'EMAIL',
      },
      associations: [
        {
          to: { id: contact.id },
          types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 198 }],
        },
      ],
    })
    const since = Date.now()
    await advance(1000)
    await h.call('POST', '/__sandbox/sales-email-events', { events: [{ emailId: email.id, type: 'OPEN' }] })
    await advance(1000)
    const after = await h.call('POST', '/__sandbox/sales-email-events', {
      events: [
        { emailId: email.id, type: 'OPEN' },
        { emailId: email.id, type: 'CLICK' },
      ],
    })
    expect(after.json).toMatchObject({
      results: [{ properties: { hs_email_open_count: '2', hs_email_click_count: '1' } }],
    })
    const read = await h.client.crm.objects.emails.basicApi.getById(
      email.id,
      ['hs_email_open_count'],
      ['hs_email_open_count', 'hs_email_click_count'],
    )
    expect(read.propertiesWithHistory!['hs_email_open_count']!.map((e) => e.value)).toEqual(['2', '1'])
    expect(read.propertiesWithHistory!['hs_email_click_count']).toHaveLength(1)
    // Read incrementally: the engagement changed since `since` is found by search, its contact by v4 associations.
    const changed = await h.client.crm.objects.emails.searchApi.doSearch({
      filterGroups: [
        {
          filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE' as never, value: String(since) }],
        },
      ],
      properties: ['hs_email_open_count'],
      sorts: ['hs_lastmodifieddate'],
      limit: 100,
    })
    expect(changed.results.map((r) => r.id)).toEqual([email.id])
    const links = await h.client.crm.associations.v4.batchApi.getPage('emails', 'contacts', {
      inputs: [{ id: email.id }],
    })
    expect(links.results[0]!.to.map((t) => String(t.toObjectId))).toEqual([contact.id])
    const refused = await apiError(
      h.client.crm.objects.emails.basicApi.update(email.id, { properties: { hs_email_open_count: '9' } }),
    )
    expect(refused.code).toBe(400)
  })
})

describe('seed', () => {
  it('the small seed has forms with submissions whose contacts carry conversion properties', async () => {
    const seeded = await startHarness({ seed: 'small' })
    try {
      const forms = await seeded.client.marketing.forms.formsApi.getPage()
      expect(forms.results.map((f) => f.name)).toEqual(['Contact us', 'Demo request'])
      const listed = (
        await seeded.call('GET', `/form-integrations/v1/submissions/forms/${forms.results[0]!.id}?limit=50`)
      ).json as SubmissionPage
      expect(listed.results.length).toBeGreaterThan(10)
      const email = listed.results[0]!.values.find((v) => v.name === 'email')!.value
      const contact = await seeded.client.crm.contacts.basicApi.getById(
        email,
        ['num_conversion_events'],
        undefined,
        undefined,
        undefined,
        'email',
      )
      expect(Number(contact.properties['num_conversion_events'])).toBeGreaterThanOrEqual(1)
    } finally {
      await seeded.close()
    }
  })
})
