import { Client } from '@hubspot/api-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { apiError, type Harness, startHarness } from './testing/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})

describe('auth', () => {
  it('answers 401 INVALID_AUTHENTICATION to an unknown token', async () => {
    const stranger = new Client({ accessToken: 'pat-na1-wrong', basePath: h.sandbox.basePath })
    const error = await apiError(stranger.crm.contacts.basicApi.getPage())
    expect(error.code).toBe(401)
    expect(error.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' })
    expect(error.body['message']).toMatch(/^Authentication credentials not found/)
    expect(typeof error.body['correlationId']).toBe('string')
  })
})

describe('CRM objects v3 (api-surface.md 3.2, 3.14)', () => {
  it('creates (201), reads, updates (200) and archives (204) a contact with string property values', async () => {
    const api = h.client.crm.contacts.basicApi
    const created = await api.create({
      properties: { email: 'Ada@Example.COM', firstname: 'Ada' },
      associations: [],
    })
    expect(created.id).toMatch(/^\d+$/)
    expect(created.properties['email']).toBe('ada@example.com')
    expect(created.createdAt).toBeInstanceOf(Date)
    const read = await api.getById(created.id, ['firstname', 'lastname', 'nonexistent'])
    expect(read.properties).toEqual({ firstname: 'Ada', lastname: null })
    const updated = await api.update(created.id, { properties: { lastname: 'Lovelace', firstname: '' } })
    expect(updated.properties['lastname']).toBe('Lovelace')
    expect(updated.properties['firstname']).toBeNull()
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime())
    await api.archive(created.id)
    expect((await apiError(api.getById(created.id))).code).toBe(404)
    const archived = await api.getById(created.id, ['email'], undefined, undefined, true)
    expect(archived.archived).toBe(true)
    expect(archived.archivedAt).toBeInstanceOf(Date)
  })

  it('returns the default properties when none are requested', async () => {
    const company = await h.client.crm.companies.basicApi.create({
      properties: { name: 'Acme', domain: 'acme.example' },
      associations: [],
    })
    const read = await h.client.crm.companies.basicApi.getById(company.id)
    expect(Object.keys(read.properties).sort()).toEqual([
      'createdate',
      'domain',
      'hs_lastmodifieddate',
      'hs_object_id',
      'name',
    ])
    expect(read.properties['hs_object_id']).toBe(company.id)
  })

  it('reads by idProperty=email and by a unique-value property', async () => {
    const api = h.client.crm.contacts.basicApi
    const created = await api.create({
      properties: { email: 'grace@example.com', crmsync_salesforce_id: '003XYZ' },
      associations: [],
    })
    const byEmail = await api.getById('GRACE@example.com', ['email'], undefined, undefined, false, 'email')
    expect(byEmail.id).toBe(created.id)
    const byUnique = await api.getById(
      '003XYZ',
      ['email'],
      undefined,
      undefined,
      false,
      'crmsync_salesforce_id',
    )
    expect(byUnique.id).toBe(created.id)
    const notUnique = await apiError(
      api.getById('Grace', undefined, undefined, undefined, false, 'firstname'),
    )
    expect(notUnique.code).toBe(400)
  })

  it('pages with limit and after until paging is absent, and getAll follows it', async () => {
    const api = h.client.crm.deals.basicApi
    for (let i = 0; i < 7; i += 1)
      await api.create({ properties: { dealname: `Deal ${i}`, amount: String(i * 10) }, associations: [] })
    const seen: string[] = []
    let after: string | undefined
    do {
      const page = await api.getPage(3, after, ['dealname'])
      seen.push(...page.results.map((deal) => deal.id))
      after = page.paging?.next?.after
      if (after !== undefined) expect(page.results).toHaveLength(3)
    } while (after !== undefined)
    expect(seen).toHaveLength(7)
    expect(new Set(seen).size).toBe(7)
    expect((await h.client.crm.deals.getAll()).map((deal) => deal.id)).toEqual(seen)
  })

  it('refuses a duplicate email with 409 and the existing id in the message', async () => {
    const api = h.client.crm.contacts.basicApi
    const first = await api.create({ properties: { email: 'dup@example.com' }, associations: [] })
    const error = await apiError(api.create({ properties: { email: 'DUP@example.com' }, associations: [] }))
    expect(error.code).toBe(409)
    expect(error.body).toMatchObject({
      category: 'OBJECT_ALREADY_EXISTS',
      message: `Contact already exists. Existing ID: ${first.id}`,
    })
  })

  it('reports every invalid property at once and writes nothing (api-surface.md 8.5)', async () => {
    const api = h.client.crm.contacts.basicApi
    const error = await apiError(
      api.create({
        properties: {
          email: 'not-an-email',
          foo: 'x',
          hs_email_optout: 'true',
          lifecyclestage: 'nope',
          hubspot_owner_id: '1',
        },
        associations: [],
      }),
    )
    expect(error.code).toBe(400)
    expect(error.body['category']).toBe('VALIDATION_ERROR')
    expect(String(error.body['message'])).toMatch(/^Property values were not valid: \[/)
    const codes = (error.body['errors'] as Array<{ code: string; context: { propertyName: string[] } }>).map(
      (e) => [e.context.propertyName[0], e.code],
    )
    expect(codes).toEqual([
      ['email', 'INVALID_EMAIL'],
      ['foo', 'PROPERTY_DOESNT_EXIST'],
      ['hs_email_optout', 'READ_ONLY_VALUE'],
      ['lifecyclestage', 'INVALID_OPTION'],
      ['hubspot_owner_id', 'INVALID_OPTION'],
    ])
    const search = await h.client.crm.contacts.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: 'not-an-email' }] }],
    } as never)
    expect(search.total).toBe(0)
  })

  it('explains an invalid deal stage with the pipeline stage list', async () => {
    const error = await apiError(
      h.client.crm.deals.basicApi.create({
        properties: { dealname: 'X', dealstage: 'bogus' },
        associations: [],
      }),
    )
    expect(error.code).toBe(400)
    expect(String(error.body['message'])).toContain(
      'bogus is not a valid pipeline stage ID. Valid options are: pipelineId=default',
    )
  })

  it('keeps property history newest first with INTEGRATION as source and the app id (8.6)', async () => {
    const api = h.client.crm.contacts.basicApi
    const created = await api.create({
      properties: { email: 'hist@example.com', firstname: 'One' },
      associations: [],
    })
    await api.update(created.id, { properties: { firstname: 'Two' } })
    await h.call('PATCH', `/__sandbox/objects/contacts/${created.id}`, {
      properties: { firstname: 'Three' },
      userId: 9000002,
    })
    const read = await api.getById(created.id, ['firstname'], ['firstname'])
    const history = read.propertiesWithHistory?.['firstname'] ?? []
    expect(history.map((entry) => entry.value)).toEqual(['Three', 'Two', 'One'])
    expect(history[0]).toMatchObject({ sourceType: 'CRM_UI', sourceId: 'userId:9000002' })
    expect(history[1]).toMatchObject({ sourceType: 'INTEGRATION', sourceId: '1160452' })
    expect(history[0]?.timestamp).toBeInstanceOf(Date)
    expect(history[0]!.timestamp.getTime()).toBeGreaterThanOrEqual(history[2]!.timestamp.getTime())
  })

  it('creates engagements (calls, notes, meetings, tasks) associated to a contact', async () => {
    const contact = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'eng@example.com' },
      associations: [],
    })
    const at = new Date().toISOString()
    const to = (typeId: number) => [
      {
        to: { id: contact.id },
        types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }],
      },
    ]
    const objects = h.client.crm.objects
    const call = await objects.calls.basicApi.create({
      properties: { hs_timestamp: at, hs_call_title: 'Intro' },
      associations: to(194),
    } as never)
    const note = await objects.notes.basicApi.create({
      properties: { hs_timestamp: at, hs_note_body: 'Hi' },
      associations: to(202),
    } as never)
    const meeting = await objects.meetings.basicApi.create({
      properties: { hs_timestamp: at, hs_meeting_title: 'Demo' },
      associations: to(200),
    } as never)
    const task = await objects.tasks.basicApi.create({
      properties: { hs_timestamp: at, hs_task_subject: 'Follow up', hs_task_status: 'NOT_STARTED' },
      associations: to(204),
    } as never)
    for (const [type, id] of [
      ['calls', call.id],
      ['notes', note.id],
      ['meetings', meeting.id],
      ['tasks', task.id],
    ] as const) {
      const page = await h.client.crm.associations.v4.basicApi.getPage('contacts', contact.id, type)
      expect(page.results.map((r) => String(r.toObjectId))).toEqual([id])
    }
  })
})
