// Tasks, Events and EmailMessages as jsforce sees them: the objects activity sync reads and writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { failure, type Harness, startHarness } from './testing/harness.js'

type Row = Record<string, unknown>
let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

async function lead(email: string): Promise<string> {
  const { id } = await h.conn.sobject('Lead').create({ LastName: 'Act', Company: 'Acts Ltd', Email: email })
  return id!
}

describe('Task', () => {
  it('B-ACT-1: creates a task on a lead with the fields timeline sync writes, closes it and stamps CompletedDateTime', async () => {
    const whoId = await lead('task@acts.io')
    const { id } = await h.conn.sobject('Task').create({
      Subject: 'Email opened: Spring launch',
      Description: 'Opened at 10:00',
      ActivityDate: '2026-03-01',
      Status: 'Not Started',
      Priority: 'Normal',
      WhoId: whoId,
      Type: 'Email',
      TaskSubtype: 'Email',
    })
    expect(id).toMatch(/^00T\w{15}$/)
    const created = (await h.conn.sobject('Task').retrieve(id!)) as Row
    expect(created).toMatchObject({
      WhoId: whoId,
      TaskSubtype: 'Email',
      IsClosed: false,
      CompletedDateTime: null,
      OwnerId: created['CreatedById'],
    })
    await h.admin('POST', '/clock', { advanceSeconds: 5 })
    await h.conn.sobject('Task').update({ Id: id!, Status: 'Completed' })
    const closed = (await h.conn.sobject('Task').retrieve(id!)) as Row
    expect(closed['IsClosed']).toBe(true)
    expect(closed['CompletedDateTime']).toBe(closed['LastModifiedDate'])
    // The subtype is fixed once the task exists, as in Salesforce.
    const err = await failure(h.conn.sobject('Task').update({ Id: id!, TaskSubtype: 'Call' }))
    expect(err.name).toBe('INVALID_FIELD_FOR_INSERT_UPDATE')
  })

  it('B-ACT-5: a task made without a subtype is a Task; a call keeps its call fields', async () => {
    const { id } = await h.conn.sobject('Task').create({ Subject: 'Plain' })
    const { id: callId } = await h.conn.sobject('Task').create({
      Subject: 'Call',
      TaskSubtype: 'Call',
      CallType: 'Outbound',
      CallDurationInSeconds: 95,
      CallDisposition: 'Left voicemail',
    })
    const rows = await h.conn.query<Row>(
      `SELECT Id, TaskSubtype, CallType, CallDurationInSeconds, CallDisposition FROM Task WHERE Id IN ('${id}', '${callId}') ORDER BY Subject DESC`,
    )
    expect(rows.records.map((r) => r['TaskSubtype'])).toEqual(['Task', 'Call'])
    expect(rows.records[1]).toMatchObject({ CallType: 'Outbound', CallDurationInSeconds: 95 })
  })

  it('B-ACT-6: tasks changed since a SystemModstamp are found in order, and deleted ones only through queryAll', async () => {
    const since = (await h.admin('GET', '/clock')) as { now: string }
    await h.admin('POST', '/clock', { advanceSeconds: 1 })
    const { id } = await h.conn.sobject('Task').create({ Subject: 'Later' })
    await h.conn.sobject('Task').destroy(id!)
    const soql = `SELECT Id, IsDeleted FROM Task WHERE SystemModstamp > ${since.now.replace(/\.\d+Z$/, 'Z')} ORDER BY SystemModstamp, Id`
    expect((await h.conn.query<Row>(soql)).records).toEqual([])
    const all = await h.conn.query<Row>(soql, { scanAll: true })
    expect(all.records).toMatchObject([{ Id: id, IsDeleted: true }])
  })

  it('reads the type of a polymorphic Who and What through SOQL (Who.Type)', async () => {
    const whoId = await lead('who@acts.io')
    const { id: contactId } = await h.conn.sobject('Contact').create({ LastName: 'Who', Email: 'c@acts.io' })
    const { id: accountId } = await h.conn.sobject('Account').create({ Name: 'What Inc' })
    await h.conn.sobject('Task').create({ Subject: 'on lead', WhoId: whoId })
    await h.conn.sobject('Task').create({ Subject: 'on contact', WhoId: contactId, WhatId: accountId })
    const rows = await h.conn.query<Row>(
      `SELECT Subject, Who.Type, Who.Name, What.Type FROM Task WHERE WhoId IN ('${whoId}', '${contactId}') ORDER BY Subject`,
    )
    expect(rows.records).toMatchObject([
      { Subject: 'on contact', Who: { Type: 'Contact', Name: 'Who' }, What: { Type: 'Account' } },
      { Subject: 'on lead', Who: { Type: 'Lead', Name: 'Act' }, What: null },
    ])
    const leadsOnly = await h.conn.query<Row>(
      `SELECT Subject FROM Task WHERE Who.Type = 'Lead' AND WhoId = '${whoId}'`,
    )
    expect(leadsOnly.records.map((r) => r['Subject'])).toEqual(['on lead'])
  })

  it('takes custom fields made on Activity on both Task and Event, but not as External ID or Unique', async () => {
    await h.admin('POST', '/custom-fields', {
      fullName: 'Activity.HubSpot_Event_Id__c',
      metadata: { label: 'HubSpot Event Id', type: 'Text', length: 80 },
    })
    const { id } = await h.conn.sobject('Task').create({ Subject: 'keyed', HubSpot_Event_Id__c: 'evt-1' })
    const found = await h.conn.query<Row>("SELECT Id FROM Task WHERE HubSpot_Event_Id__c = 'evt-1'")
    expect(found.records.map((r) => r['Id'])).toEqual([id])
    const described = await h.conn.sobject('Event').describe()
    expect(described.fields.find((f) => f.name === 'HubSpot_Event_Id__c')).toMatchObject({
      externalId: false,
      custom: true,
    })
    const refused = await failure(
      h.conn.tooling.sobject('CustomField').create({
        FullName: 'Activity.Keyed__c',
        Metadata: { label: 'Keyed', type: 'Text', length: 80, externalId: true },
      }),
    )
    expect(refused.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION')
  })
})

describe('Event', () => {
  it('B-ACT-5: creates a meeting with a start and a duration, keeps end and duration in step, and describes as 00U', async () => {
    const described = await h.conn.sobject('Event').describe()
    expect(described.keyPrefix).toBe('00U')
    expect(described.fields.find((f) => f.name === 'WhoId')?.referenceTo).toEqual(['Contact', 'Lead'])
    const whoId = await lead('event@acts.io')
    const { id } = await h.conn.sobject('Event').create({
      Subject: 'Demo',
      StartDateTime: '2026-04-02T15:00:00.000Z',
      DurationInMinutes: 45,
      Location: 'Zoom',
      WhoId: whoId,
      Type: 'Meeting',
    })
    expect(id).toMatch(/^00U\w{15}$/)
    const row = (await h.conn.sobject('Event').retrieve(id!)) as Row
    expect(row).toMatchObject({
      ActivityDateTime: '2026-04-02T15:00:00.000+0000',
      EndDateTime: '2026-04-02T15:45:00.000+0000',
      ActivityDate: '2026-04-02',
      EventSubtype: 'Event',
      IsAllDayEvent: false,
    })
    await h.conn.sobject('Event').update({ Id: id!, EndDateTime: '2026-04-02T16:30:00.000Z' })
    expect(await h.conn.sobject('Event').retrieve(id!)).toMatchObject({ DurationInMinutes: 90 })
    await h.conn.sobject('Event').update({ Id: id!, StartDateTime: '2026-04-03T09:00:00.000Z' })
    expect(await h.conn.sobject('Event').retrieve(id!)).toMatchObject({
      EndDateTime: '2026-04-03T10:30:00.000+0000',
      DurationInMinutes: 90,
    })
  })

  it('refuses an event without a duration or end, and one that ends before it starts', async () => {
    const missing = await failure(
      h.conn.sobject('Event').create({ Subject: 'x', StartDateTime: '2026-04-02T15:00:00Z' }),
    )
    expect(missing.name).toBe('REQUIRED_FIELD_MISSING')
    const backwards = await failure(
      h.conn.sobject('Event').create({
        Subject: 'x',
        StartDateTime: '2026-04-02T15:00:00Z',
        EndDateTime: '2026-04-02T14:00:00Z',
      }),
    )
    expect(backwards.name).toBe('FIELD_INTEGRITY_EXCEPTION')
  })

  it('makes an all-day event from its date', async () => {
    const { id } = await h.conn
      .sobject('Event')
      .create({ Subject: 'Offsite', IsAllDayEvent: true, ActivityDate: '2026-05-10' })
    expect(await h.conn.sobject('Event').retrieve(id!)).toMatchObject({
      DurationInMinutes: 1440,
      EndDate: '2026-05-10',
      StartDateTime: '2026-05-10T00:00:00.000+0000',
    })
  })

  it("lists a contact's events as the Events child relationship and shows deleted ones only through queryAll", async () => {
    const { id: accountId } = await h.conn.sobject('Account').create({ Name: 'Evented Inc' })
    const { id: contactId } = await h.conn
      .sobject('Contact')
      .create({ LastName: 'Evented', AccountId: accountId })
    const { id } = await h.conn.sobject('Event').create({
      Subject: 'Call back',
      StartDateTime: '2026-04-05T10:00:00Z',
      DurationInMinutes: 15,
      WhoId: contactId,
    })
    const withChildren = await h.conn.query<Row>(
      `SELECT Id, (SELECT Subject, Who.Type FROM Events) FROM Contact WHERE Id = '${contactId}'`,
    )
    expect(withChildren.records[0]!['Events']).toMatchObject({
      totalSize: 1,
      records: [{ Subject: 'Call back', Who: { Type: 'Contact' } }],
    })
    // AccountId follows the contact when the event has no What (Salesforce derives it).
    expect(await h.conn.sobject('Event').retrieve(id!)).toMatchObject({ AccountId: accountId })
    await h.conn.sobject('Event').destroy(id!)
    const soql = `SELECT Id, IsDeleted FROM Event WHERE WhoId = '${contactId}'`
    expect((await h.conn.query<Row>(soql)).totalSize).toBe(0)
    expect((await h.conn.query<Row>(soql, { scanAll: true })).records).toMatchObject([
      { Id: id, IsDeleted: true },
    ])
  })
})

describe('replication of activities', () => {
  it('B-ACT-6: tasks and events changed or deleted in a window come back from updated and deleted', async () => {
    await h.admin('POST', '/clock', { advanceSeconds: 120 })
    const start = new Date(Date.parse(((await h.admin('GET', '/clock')) as { now: string }).now))
    const { id: eventId } = await h.conn
      .sobject('Event')
      .create({ Subject: 'Replicated', StartDateTime: '2026-06-01T10:00:00Z', DurationInMinutes: 30 })
    const { id: taskId } = await h.conn.sobject('Task').create({ Subject: 'Doomed' })
    await h.conn.sobject('Task').destroy(taskId!)
    await h.admin('POST', '/clock', { advanceSeconds: 120 })
    const end = new Date(start.getTime() + 180_000)
    expect((await h.conn.sobject('Event').updated(start, end)).ids).toEqual([eventId])
    const deleted = await h.conn.sobject('Task').deleted(start, end)
    expect(deleted.deletedRecords.map((d) => d.id)).toEqual([taskId])
  })
})

describe('EmailMessage', () => {
  it('B-ACT-5: an email saved through the API is logged as a completed Email task (ActivityId)', async () => {
    const { id: accountId } = await h.conn.sobject('Account').create({ Name: 'Mailed' })
    const { id } = await h.conn.sobject('EmailMessage').create({
      Subject: 'Proposal',
      TextBody: 'Here it is',
      FromAddress: 'rep@org.io',
      ToAddress: 'buyer@mailed.io',
      Status: '3',
      MessageDate: '2026-04-01T08:00:00Z',
      RelatedToId: accountId,
    })
    expect(id).toMatch(/^02s\w{15}$/)
    const email = (await h.conn.sobject('EmailMessage').retrieve(id!)) as Row
    expect(email['ActivityId']).toMatch(/^00T/)
    const task = (await h.conn.sobject('Task').retrieve(String(email['ActivityId']))) as Row
    expect(task).toMatchObject({
      Subject: 'Email: Proposal',
      Description: 'Here it is',
      TaskSubtype: 'Email',
      Status: 'Completed',
      ActivityDate: '2026-04-01',
      WhatId: accountId,
    })
  })

  it('B-ACT-8: an email kept by Einstein Activity Capture has no ActivityId and no task', async () => {
    const before = await h.conn.query(`SELECT COUNT() FROM Task WHERE TaskSubtype = 'Email'`)
    const { ids } = (await h.admin('POST', '/einstein-emails', {
      emails: [
        { Subject: 'Captured', TextBody: 'by Einstein', FromAddress: 'rep@org.io', ToAddress: 'x@y.io' },
      ],
    })) as { ids: string[] }
    const rows = await h.conn.query<Row>(
      `SELECT Subject, ActivityId, Status FROM EmailMessage WHERE Id = '${ids[0]}'`,
    )
    expect(rows.records).toMatchObject([{ Subject: 'Captured', ActivityId: null, Status: '3' }])
    const after = await h.conn.query(`SELECT COUNT() FROM Task WHERE TaskSubtype = 'Email'`)
    expect(after.totalSize).toBe(before.totalSize)
  })
})

describe('lead conversion', () => {
  it("B-ACT-10: moves the lead's tasks and events to the converted contact and bumps their SystemModstamp", async () => {
    const leadId = await lead('convert@acts.io')
    const { id: taskId } = await h.conn.sobject('Task').create({ Subject: 'Open task', WhoId: leadId })
    const { id: doneId } = await h.conn
      .sobject('Task')
      .create({ Subject: 'Done task', WhoId: leadId, Status: 'Completed' })
    const { id: eventId } = await h.conn.sobject('Event').create({
      Subject: 'Intro',
      StartDateTime: '2026-04-02T15:00:00Z',
      DurationInMinutes: 30,
      WhoId: leadId,
    })
    const before = (await h.conn.sobject('Task').retrieve(taskId!)) as Row
    await h.admin('POST', '/clock', { advanceSeconds: 3 })
    const result = (await h.conn.soap.convertLead({
      leadId,
      convertedStatus: 'Closed - Converted',
      doNotCreateOpportunity: true,
    })) as unknown as { contactId: string; accountId: string }
    const tasks = await h.conn.query<Row>(
      `SELECT Id, WhoId, WhatId, AccountId, Who.Type, SystemModstamp FROM Task WHERE Id IN ('${taskId}', '${doneId}')`,
    )
    expect(tasks.records).toHaveLength(2)
    for (const row of tasks.records) {
      expect(row).toMatchObject({
        WhoId: result.contactId,
        WhatId: result.accountId,
        AccountId: result.accountId,
        Who: { Type: 'Contact' },
      })
      expect(Date.parse(String(row['SystemModstamp']))).toBeGreaterThan(
        Date.parse(String(before['SystemModstamp'])),
      )
    }
    expect(await h.conn.sobject('Event').retrieve(eventId!)).toMatchObject({
      WhoId: result.contactId,
      DurationInMinutes: 30,
    })
    expect((await h.conn.query(`SELECT COUNT() FROM Task WHERE WhoId = '${leadId}'`)).totalSize).toBe(0)
  })
})
