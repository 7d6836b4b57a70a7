import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import {
  createActivityKeyField,
  createEngagementKeyProperty,
  createTask,
  engagementsOf,
  logEngagement,
  tasksOn,
} from './activity-helpers.js'
import { createLinkedHubSpotContact, people } from './scenario-helpers.js'

async function startPair(activities: Record<string, unknown>): Promise<SandboxPair> {
  const pair = await startSandboxPair({ settings: { activities } })
  await createActivityKeyField(pair)
  for (const type of ['tasks', 'emails', 'calls', 'meetings'] as const)
    await createEngagementKeyProperty(pair, type)
  await pair.sync()
  return pair
}

describe('Salesforce activities to HubSpot (B-ACT-5, 6, 8)', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startPair({ fromSalesforce: ['task', 'email'] })
  })
  afterAll(() => pair.close())

  it('B-ACT-5: a Task on K becomes a HubSpot task on C with its due date and body; an edit updates it; no owner', async () => {
    const { id, leadId } = await createLinkedHubSpotContact(pair, { email: 'act5@x.com', lastname: 'Five' })
    const { avery } = await people(pair)
    const taskId = await createTask(pair, {
      WhoId: leadId,
      Subject: 'Send the proposal',
      Description: 'With the new prices',
      ActivityDate: '2026-12-24',
      OwnerId: avery.sf,
    })
    await pair.sync()
    const properties = [
      'hs_task_subject',
      'hs_task_body',
      'hs_timestamp',
      'hubspot_owner_id',
      'crmsync_salesforce_id',
    ]
    const [task, ...more] = await engagementsOf(pair, 'tasks', id, properties)
    expect(more).toEqual([])
    expect(task?.properties).toMatchObject({
      hs_task_subject: 'Send the proposal',
      hs_task_body: 'With the new prices',
      crmsync_salesforce_id: taskId,
    })
    expect(new Date(task!.properties['hs_timestamp']!).toISOString().slice(0, 10)).toBe('2026-12-24')
    expect(task?.properties['hubspot_owner_id'] ?? '').toBe('')
    await pair.sf.sobject('Task').update({ Id: taskId, Description: 'Prices changed again' })
    await pair.sync()
    const after = await engagementsOf(pair, 'tasks', id, properties)
    expect(after.map((t) => [t.id, t.properties['hs_task_body']])).toEqual([
      [task!.id, 'Prices changed again'],
    ])
  })

  it('B-ACT-5: each switch moves only its own kind: an email Task moves, a call Task does not (call is off)', async () => {
    const { id, leadId } = await createLinkedHubSpotContact(pair, { email: 'act5b@x.com', lastname: 'FiveB' })
    await createTask(pair, {
      WhoId: leadId,
      Subject: 'Email: hello',
      TaskSubtype: 'Email',
      Status: 'Completed',
    })
    await createTask(pair, { WhoId: leadId, Subject: 'Call: ring', TaskSubtype: 'Call', Status: 'Completed' })
    await pair.sync()
    expect((await engagementsOf(pair, 'emails', id, ['hs_email_subject'])).map((e) => e.properties)).toEqual([
      expect.objectContaining({ hs_email_subject: 'Email: hello' }),
    ])
    expect(await engagementsOf(pair, 'calls', id, [])).toEqual([])
    expect(await engagementsOf(pair, 'tasks', id, [])).toEqual([])
  })

  it('B-ACT-8: an Einstein-captured EmailMessage with no Task is not synced; an email Task on the same Lead is', async () => {
    const { id, leadId } = await createLinkedHubSpotContact(pair, { email: 'act8@x.com', lastname: 'Eight' })
    const response = await fetch(`${pair.salesforce.instanceUrl}/__sandbox/einstein-emails`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        emails: [
          { Subject: 'Captured', TextBody: 'hi', FromAddress: 'rep@acme-demo.com', ToAddress: 'act8@x.com' },
        ],
      }),
    })
    expect(response.ok).toBe(true)
    await createTask(pair, { WhoId: leadId, Subject: 'Logged', TaskSubtype: 'Email', Status: 'Completed' })
    await pair.sync()
    expect((await engagementsOf(pair, 'emails', id, ['hs_email_subject'])).map((e) => e.properties)).toEqual([
      expect.objectContaining({ hs_email_subject: 'Logged' }),
    ])
  })
})

describe('B-ACT-6: turning Salesforce -> HubSpot task sync on copies no history', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startPair({ toSalesforce: ['note'] })
  })
  afterAll(() => pair.close())

  it('B-ACT-6: 20 existing Tasks, switch on, a cycle makes 0 HubSpot tasks; an edited one then appears', async () => {
    const { id, leadId } = await createLinkedHubSpotContact(pair, { email: 'act6@x.com', lastname: 'Six' })
    const ids: string[] = []
    for (let i = 0; i < 20; i++) ids.push(await createTask(pair, { WhoId: leadId, Subject: `Old ${i}` }))
    await pair.sync()
    pair.restartEngine({ settings: { activities: { toSalesforce: ['note'], fromSalesforce: ['task'] } } })
    await pair.sync()
    expect(await engagementsOf(pair, 'tasks', id, [])).toEqual([])
    await pair.sf.sobject('Task').update({ Id: ids[7]!, Subject: 'Old 7, edited' })
    await pair.sync()
    expect((await engagementsOf(pair, 'tasks', id, ['hs_task_subject'])).map((t) => t.properties)).toEqual([
      expect.objectContaining({ hs_task_subject: 'Old 7, edited' }),
    ])
  })
})

describe('both directions on: nothing echoes', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startPair({ toSalesforce: ['call'], fromSalesforce: ['call'] })
  })
  afterAll(() => pair.close())

  it('a HubSpot call makes one Task that never comes back; a Salesforce call makes one HubSpot call that never goes back', async () => {
    const { id, leadId } = await createLinkedHubSpotContact(pair, { email: 'echo@x.com', lastname: 'Echo' })
    await logEngagement(pair, 'calls', id, { hs_call_title: 'From HubSpot' })
    await createTask(pair, {
      WhoId: leadId,
      Subject: 'From Salesforce',
      TaskSubtype: 'Call',
      Status: 'Completed',
    })
    await pair.sync()
    await pair.sync()
    await pair.sync()
    expect((await tasksOn(pair, leadId)).map((t) => t.Subject).sort()).toEqual([
      'Call: From HubSpot',
      'From Salesforce',
    ])
    expect(
      (await engagementsOf(pair, 'calls', id, ['hs_call_title']))
        .map((c) => c.properties['hs_call_title'])
        .sort(),
    ).toEqual(['From HubSpot', 'From Salesforce'])
  })
})
