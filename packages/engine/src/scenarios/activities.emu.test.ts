import { parseConfig } from '@crmsync/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import {
  addEmailEvents,
  addSalesEmailEvents,
  createActivityKeyField,
  createForm,
  type EngagementType,
  logEngagement,
  submitForm,
  tasksOn,
} from './activity-helpers.js'
import {
  countSalesforce,
  createHubSpotContact,
  createLinkedHubSpotContact,
  soql,
} from './scenario-helpers.js'

/** The integration user (the sandbox's credentials), who owns what the sync writes. */
async function integrationUserId(pair: SandboxPair): Promise<string> {
  const [user] = await soql<{ Id: string }>(
    pair,
    "SELECT Id FROM User WHERE Email = 'integration@acme-demo.com'",
  )
  return user!.Id
}

describe('timeline sync: HubSpot activities as Salesforce Tasks', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({ settings: { activities: { toSalesforce: ['call'] } } })
    await createActivityKeyField(pair)
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-ACT-1: a call logged on C becomes one Task on its Lead; editing the Task changes nothing in HubSpot', async () => {
    const { id, leadId } = await createLinkedHubSpotContact(pair, { email: 'act1@x.com', lastname: 'One' })
    const callId = await logEngagement(pair, 'calls', id, {
      hs_call_title: 'Intro call',
      hs_call_body: 'Talked about pricing',
    })
    await pair.sync()
    const tasks = await tasksOn(pair, leadId)
    expect(tasks).toEqual([
      expect.objectContaining({
        Subject: 'Call: Intro call',
        Description: 'Talked about pricing',
        Status: 'Completed',
        TaskSubtype: 'Call',
        ActivityDate: new Date().toISOString().slice(0, 10),
      }),
    ])
    await pair.sf.sobject('Task').update({ Id: tasks[0]!.Id, Subject: 'Edited in Salesforce' })
    await pair.sync()
    const call = await pair.hs.crm.objects.basicApi.getById('calls', callId, ['hs_call_title'])
    expect(call.properties['hs_call_title']).toBe('Intro call')
    expect(await tasksOn(pair, leadId)).toHaveLength(1)
  })

  it('B-ACT-2: with one type on at a time, one activity of every type makes exactly one Task, of that type', async () => {
    const formId = await createForm(pair, 'Demo request')
    const types: ReadonlyArray<{ setting: string; subject: string; subtype: string }> = [
      { setting: 'form_submission', subject: 'Form submission: Demo request', subtype: 'Task' },
      { setting: 'call', subject: 'Call: c', subtype: 'Call' },
      { setting: 'note', subject: 'Note', subtype: 'Task' },
      { setting: 'meeting', subject: 'Meeting: m', subtype: 'Task' },
      { setting: 'task', subject: 'Task: t', subtype: 'Task' },
      { setting: 'sales_email_send', subject: 'Email: e', subtype: 'Email' },
      { setting: 'sales_email_open', subject: 'Email opened: e', subtype: 'Email' },
      { setting: 'sales_email_click', subject: 'Email clicked: e', subtype: 'Email' },
      { setting: 'marketing_email_send', subject: 'Marketing email sent: campaign 7001', subtype: 'Email' },
      { setting: 'marketing_email_open', subject: 'Marketing email opened: campaign 7001', subtype: 'Email' },
      {
        setting: 'marketing_email_click',
        subject: 'Marketing email clicked: campaign 7001',
        subtype: 'Email',
      },
    ]
    for (const [n, type] of types.entries()) {
      pair.restartEngine({ settings: { activities: { toSalesforce: [type.setting] } } })
      const email = `act2-${n}@x.com`
      const { id, leadId } = await createLinkedHubSpotContact(pair, { email, lastname: `Two${n}` })
      const logged: [EngagementType, Record<string, string>][] = [
        ['calls', { hs_call_title: 'c' }],
        ['notes', { hs_note_body: 'n' }],
        ['meetings', { hs_meeting_title: 'm' }],
        ['tasks', { hs_task_subject: 't', hs_task_status: 'COMPLETED' }],
        ['emails', { hs_email_subject: 'e', hs_email_direction: 'EMAIL' }],
      ]
      const engagementIds = new Map<EngagementType, string>()
      for (const [engagement, properties] of logged)
        engagementIds.set(engagement, await logEngagement(pair, engagement, id, properties))
      await addSalesEmailEvents(pair, engagementIds.get('emails')!, ['OPEN', 'CLICK'])
      await addEmailEvents(pair, [
        { type: 'SENT', recipient: email },
        { type: 'OPEN', recipient: email },
        { type: 'CLICK', recipient: email, url: 'https://example.com/offer' },
      ])
      await submitForm(pair, formId, email)
      await pair.sync()
      const tasks = await tasksOn(pair, leadId)
      expect(
        tasks.map((t) => [t.Subject, t.TaskSubtype]),
        type.setting,
      ).toEqual([[type.subject, type.subtype]])
    }
  })

  it('B-ACT-3: a filter or a field mapping for activities is refused; every call of an enabled type is sent', async () => {
    const refused = parseConfig({
      id: 'x',
      salesforce: { instanceUrl: pair.salesforce.instanceUrl, accessToken: 't' },
      hubspot: { accessToken: 't' },
      store: 'sqlite::memory:',
      settings: { activities: { toSalesforce: ['call'], filter: { hs_call_title: 'Demo*' } } },
    })
    expect(refused.ok).toBe(false)
    pair.restartEngine({ settings: { activities: { toSalesforce: ['call'] } } })
    const { id, leadId } = await createLinkedHubSpotContact(pair, { email: 'act3@x.com', lastname: 'Three' })
    for (const title of ['Demo', 'Follow-up', 'Other'])
      await logEngagement(pair, 'calls', id, { hs_call_title: title })
    await pair.sync()
    expect((await tasksOn(pair, leadId)).map((t) => t.Subject).sort()).toEqual([
      'Call: Demo',
      'Call: Follow-up',
      'Call: Other',
    ])
  })

  it('B-ACT-4: 3 opens and 2 clicks of one marketing email make 5 Tasks on the linked record', async () => {
    pair.restartEngine({
      settings: { activities: { toSalesforce: ['marketing_email_open', 'marketing_email_click'] } },
    })
    const email = 'act4@x.com'
    const { leadId } = await createLinkedHubSpotContact(pair, { email, lastname: 'Four' })
    await addEmailEvents(pair, [
      { type: 'OPEN', recipient: email },
      { type: 'OPEN', recipient: email },
      { type: 'OPEN', recipient: email },
      { type: 'CLICK', recipient: email, url: 'https://example.com/a' },
      { type: 'CLICK', recipient: email, url: 'https://example.com/b' },
    ])
    await pair.sync()
    const tasks = await tasksOn(pair, leadId)
    expect(tasks.map((t) => t.Subject).sort()).toEqual([
      ...Array<string>(2).fill('Marketing email clicked: campaign 7001'),
      ...Array<string>(3).fill('Marketing email opened: campaign 7001'),
    ])
    expect(
      tasks
        .filter((t) => t.Description !== null)
        .map((t) => t.Description)
        .sort(),
    ).toEqual(['https://example.com/a', 'https://example.com/b'])
    await pair.sync()
    expect(await tasksOn(pair, leadId)).toHaveLength(5)
  })

  it('B-ACT-4: a sales email opened twice and clicked once makes 3 Tasks (with its send off, no send Task)', async () => {
    pair.restartEngine({
      settings: { activities: { toSalesforce: ['sales_email_open', 'sales_email_click'] } },
    })
    const { id, leadId } = await createLinkedHubSpotContact(pair, { email: 'act4s@x.com', lastname: 'FourS' })
    const emailId = await logEngagement(pair, 'emails', id, {
      hs_email_subject: 'Proposal',
      hs_email_direction: 'EMAIL',
    })
    await addSalesEmailEvents(pair, emailId, ['OPEN', 'OPEN', 'CLICK'])
    await pair.sync()
    expect((await tasksOn(pair, leadId)).map((t) => t.Subject).sort()).toEqual([
      'Email clicked: Proposal',
      'Email opened: Proposal',
      'Email opened: Proposal',
    ])
    await addSalesEmailEvents(pair, emailId, ['OPEN'])
    await pair.sync()
    expect(await tasksOn(pair, leadId)).toHaveLength(4)
  })

  it('B-ACT-7: a call logged by a HubSpot owner with a Salesforce user is owned by the integration user', async () => {
    pair.restartEngine({ settings: { activities: { toSalesforce: ['call'] } } })
    const { id, leadId } = await createLinkedHubSpotContact(pair, { email: 'act7@x.com', lastname: 'Seven' })
    const owners = (await pair.hs.crm.owners.ownersApi.getPage(undefined, undefined, 100, false)).results
    const avery = owners.find((o) => o.email === 'avery.lindqvist@acme-demo.com')!
    await logEngagement(pair, 'calls', id, { hs_call_title: 'Owned', hubspot_owner_id: avery.id })
    await pair.sync()
    expect((await tasksOn(pair, leadId)).map((t) => t.OwnerId)).toEqual([await integrationUserId(pair)])
  })

  it('B-ACT-10: a note goes to the Lead; after conversion new notes go to the Contact', async () => {
    pair.restartEngine({ settings: { activities: { toSalesforce: ['note'] } } })
    const { id, leadId } = await createLinkedHubSpotContact(pair, {
      email: 'act10@x.com',
      lastname: 'Ten',
      company: 'Ten Inc',
    })
    await logEngagement(pair, 'notes', id, { hs_note_body: 'before conversion' })
    await pair.sync()
    expect((await tasksOn(pair, leadId)).map((t) => t.Description)).toEqual(['before conversion'])
    const converted = (await pair.sf.soap.convertLead({
      leadId,
      convertedStatus: 'Closed - Converted',
      doNotCreateOpportunity: true,
    })) as unknown as { contactId: string }
    await pair.sync()
    await logEngagement(pair, 'notes', id, { hs_note_body: 'after conversion' })
    await pair.sync()
    const onContact = await tasksOn(pair, converted.contactId)
    // Salesforce moved the Lead's Task to the Contact on conversion; the new one is written there directly.
    expect(onContact.map((t) => t.Description)).toEqual(['before conversion', 'after conversion'])
  })

  it('a dry run reports the Task it would insert and writes nothing, to Salesforce or the store', async () => {
    pair.restartEngine({ settings: { activities: { toSalesforce: ['call'] } } })
    const { id, leadId } = await createLinkedHubSpotContact(pair, { email: 'dry@x.com', lastname: 'Dry' })
    const callId = await logEngagement(pair, 'calls', id, { hs_call_title: 'Planned' })
    const dry = await pair.sync({ dryRun: true })
    expect(dry.plan?.actions).toContainEqual(
      expect.objectContaining({ kind: 'create', side: 'salesforce', salesforceId: leadId }),
    )
    expect(dry.plan?.apiCost.salesforce).toBeGreaterThanOrEqual(1)
    expect(await tasksOn(pair, leadId)).toEqual([])
    expect(await pair.store.getTimelineItems('scenario', [`call:${callId}`])).toEqual([])
    await pair.sync()
    expect((await tasksOn(pair, leadId)).map((t) => t.Subject)).toEqual(['Call: Planned'])
  })

  it('a replay after the store lost the commit of an inserted Task finds it by its key: no duplicate', async () => {
    pair.restartEngine({ settings: { activities: { toSalesforce: ['call'] } } })
    const { id, leadId } = await createLinkedHubSpotContact(pair, { email: 'replay@x.com', lastname: 'Re' })
    const callId = await logEngagement(pair, 'calls', id, { hs_call_title: 'Once' })
    await pair.sync()
    const [task] = await tasksOn(pair, leadId)
    // The crash: Salesforce inserted the Task, the commit that stores its id and clears the inbox never ran.
    const [item] = await pair.store.getTimelineItems('scenario', [`call:${callId}`])
    await pair.store.putTimelineItems([{ ...item!, state: 'claimed', salesforceTaskId: null }])
    await pair.store.enqueue([
      { connectionId: 'scenario', objectKind: 'activity', side: 'hubspot', recordId: `call:${callId}` },
    ])
    pair.restartEngine()
    await pair.sync()
    expect((await tasksOn(pair, leadId)).map((t) => t.Id)).toEqual([task!.Id])
    const [after] = await pair.store.getTimelineItems('scenario', [`call:${callId}`])
    expect(after).toMatchObject({ state: 'written', salesforceTaskId: task!.Id })
  })

  it('a crash after the claim and before the insert loses nothing: the next run inserts the Task once', async () => {
    pair.restartEngine({ settings: { activities: { toSalesforce: ['call'] } } })
    const { id, leadId } = await createLinkedHubSpotContact(pair, { email: 'claim@x.com', lastname: 'Cl' })
    const callId = await logEngagement(pair, 'calls', id, { hs_call_title: 'Claimed' })
    const [previous] = await pair.store.getTimelineItems('scenario', ['call:none'])
    expect(previous).toBeUndefined()
    await pair.store.putTimelineItems([
      {
        connectionId: 'scenario',
        syncKey: `call:${callId}@${id}`,
        activityKey: `call:${callId}`,
        contactId: id,
        state: 'claimed',
        salesforceTaskId: null,
        activity: {
          key: `call:${callId}`,
          type: 'call',
          contactIds: [id],
          occurredAt: Date.now(),
          title: 'Claimed',
        },
        updatedAt: Date.now(),
      },
    ])
    await pair.sync()
    await pair.sync()
    expect((await tasksOn(pair, leadId)).map((t) => t.Subject)).toEqual(['Call: Claimed'])
  })
})

describe('B-ACT-9: an activity triggers its contact’s sync only when its type is on', () => {
  let pair: SandboxPair
  let contactId: string
  beforeAll(async () => {
    pair = await startSandboxPair({ settings: { activities: { toSalesforce: ['call'] } } })
    await createActivityKeyField(pair)
    // C exists before connecting, so connecting does not copy it (B-INST-6): only a trigger syncs it.
    contactId = await createHubSpotContact(pair, { email: 'act9@x.com', lastname: 'Nine' })
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-ACT-9: meeting sync off, a meeting with C enqueues nothing; on, C and its meeting Task are synced', async () => {
    await logEngagement(pair, 'meetings', contactId, { hs_meeting_title: 'While off' })
    await pair.sync()
    expect(await countSalesforce(pair, 'Lead', 'act9@x.com')).toBe(0)
    expect(await pair.store.countInbox('scenario')).toBe(0)
    pair.restartEngine({ settings: { activities: { toSalesforce: ['meeting'] } } })
    await logEngagement(pair, 'meetings', contactId, { hs_meeting_title: 'Booked' })
    await pair.sync()
    const [lead] = await soql<{ Id: string }>(pair, "SELECT Id FROM Lead WHERE Email = 'act9@x.com'")
    expect(lead).toBeDefined()
    expect((await tasksOn(pair, lead!.Id)).map((t) => t.Subject)).toEqual(['Meeting: Booked'])
  })
})
