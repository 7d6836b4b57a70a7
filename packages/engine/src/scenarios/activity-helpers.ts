import type { SandboxPair } from '../testing/sandbox-pair.js'
import { soql } from './scenario-helpers.js'

/** The Task field timeline sync keeps its key in (created as `doctor --fix` or an admin would, Tooling API). */
export async function createActivityKeyField(pair: SandboxPair): Promise<void> {
  const result = await pair.sf.tooling.sobject('CustomField').create({
    FullName: 'Activity.crmsync_HubSpot_Activity_Id__c',
    Metadata: { label: 'crmsync HubSpot Activity Id', type: 'Text', length: 255 },
  })
  if (!(result as { success?: boolean }).success) throw new Error(`custom field: ${JSON.stringify(result)}`)
}

/** HubSpot's association type ids from each engagement type to contacts (api-surface 3.5). */
const TO_CONTACT = { calls: 194, notes: 202, meetings: 200, tasks: 204, emails: 198 } as const
export type EngagementType = keyof typeof TO_CONTACT

/** An engagement logged on a contact through @hubspot/api-client; returns its id. */
export async function logEngagement(
  pair: SandboxPair,
  type: EngagementType,
  contactId: string,
  properties: Record<string, string>,
): Promise<string> {
  const created = await pair.hs.crm.objects.basicApi.create(type, {
    properties: { hs_timestamp: new Date().toISOString(), ...properties },
    associations: [
      {
        to: { id: contactId },
        types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: TO_CONTACT[type] }],
      },
    ],
  })
  return created.id
}

/** Marketing email events as HubSpot records them (sandbox admin API; the public API only reads them). */
export async function addEmailEvents(
  pair: SandboxPair,
  events: ReadonlyArray<{ type: 'SENT' | 'OPEN' | 'CLICK'; recipient: string; url?: string }>,
): Promise<void> {
  const now = Date.now()
  const response = await fetch(`${pair.hubspot.basePath}/__sandbox/marketing-email-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      events: events.map((e, i) => ({ ...e, created: now + i, emailCampaignId: 7001 })),
    }),
  })
  if (!response.ok) throw new Error(`email events: ${response.status} ${await response.text()}`)
}

export interface TaskRow {
  Id: string
  WhoId: string
  Subject: string
  Description: string | null
  Status: string
  TaskSubtype: string
  OwnerId: string
  ActivityDate: string | null
}

/** The Tasks on one Lead or Contact, oldest first. */
export function tasksOn(pair: SandboxPair, whoId: string): Promise<TaskRow[]> {
  return soql<TaskRow>(
    pair,
    'SELECT Id, WhoId, Subject, Description, Status, TaskSubtype, OwnerId, ActivityDate FROM Task ' +
      `WHERE WhoId = '${whoId}' ORDER BY CreatedDate, Id`,
  )
}

/**
 * The unique `crmsync_salesforce_id` property on an engagement type (as on contacts), which Salesforce ->
 * HubSpot activity sync upserts on: created through the properties API, as an admin or `doctor --fix` would.
 */
export async function createEngagementKeyProperty(pair: SandboxPair, type: EngagementType): Promise<void> {
  await pair.hs.crm.properties.coreApi.create(type, {
    name: 'crmsync_salesforce_id',
    label: 'Salesforce id (crmsync)',
    type: 'string' as never,
    fieldType: 'text' as never,
    groupName: 'crmsync',
    hasUniqueValue: true,
  })
}

/** The engagements of one type associated with a HubSpot contact, with the properties asked for. */
export async function engagementsOf(
  pair: SandboxPair,
  type: EngagementType,
  contactId: string,
  properties: string[],
): Promise<Array<{ id: string; properties: Record<string, string | null> }>> {
  const page = await pair.hs.crm.associations.v4.basicApi.getPage('contacts', contactId, type, undefined, 500)
  const ids = page.results.map((r) => String(r.toObjectId))
  if (ids.length === 0) return []
  const read = await pair.hs.crm.objects.batchApi.read(type, {
    inputs: ids.map((id) => ({ id })),
    properties,
    propertiesWithHistory: [],
  })
  return read.results.map((r) => ({ id: r.id, properties: r.properties }))
}

/** A Salesforce Task created through jsforce; returns its id. */
export async function createTask(pair: SandboxPair, fields: Record<string, unknown>): Promise<string> {
  const result = await pair.sf.sobject('Task').create(fields)
  if (!result.success) throw new Error(`create Task failed: ${JSON.stringify(result)}`)
  return result.id
}

/** A HubSpot form with an email field, through @hubspot/api-client; returns its id. */
export async function createForm(pair: SandboxPair, name: string): Promise<string> {
  const form = await pair.hs.marketing.forms.formsApi.create({
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
        ],
      },
    ],
    configuration: { postSubmitAction: { type: 'thank_you', value: 'Thanks' } },
    displayOptions: {},
    legalConsentOptions: { type: 'none' },
  } as never)
  return form.id
}

/** A submission as a browser posts it (the public endpoint takes no token). */
export async function submitForm(pair: SandboxPair, formId: string, email: string): Promise<void> {
  const response = await fetch(
    `${pair.hubspot.basePath}/submissions/v3/integration/submit/${pair.hubspot.portalId}/${formId}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fields: [{ objectTypeId: '0-1', name: 'email', value: email }] }),
    },
  )
  if (!response.ok) throw new Error(`submit: ${response.status} ${await response.text()}`)
}

/** Opens and clicks of a one-to-one sales email, as HubSpot counts them (sandbox admin API). */
export async function addSalesEmailEvents(
  pair: SandboxPair,
  emailId: string,
  types: ReadonlyArray<'OPEN' | 'CLICK'>,
): Promise<void> {
  const response = await fetch(`${pair.hubspot.basePath}/__sandbox/sales-email-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events: types.map((type) => ({ emailId, type })) }),
  })
  if (!response.ok) throw new Error(`sales email events: ${response.status} ${await response.text()}`)
}
