import { industryOptions } from './company-industries.js'
import { contactSyncProperties } from './contact-sync-properties.js'
import type { ObjectTypeName } from './object-types.js'
import { defineProperty, optionsOf, type PropertyDefinition } from './property-definition.js'

/** HubSpot's default lifecycle stages in display order (api-surface.md 8.3). */
export const LIFECYCLE_STAGES = optionsOf([
  ['subscriber', 'Subscriber'],
  ['lead', 'Lead'],
  ['marketingqualifiedlead', 'Marketing Qualified Lead'],
  ['salesqualifiedlead', 'Sales Qualified Lead'],
  ['opportunity', 'Opportunity'],
  ['customer', 'Customer'],
  ['evangelist', 'Evangelist'],
  ['other', 'Other'],
])

const text = (name: string, label = name): PropertyDefinition =>
  defineProperty(name, 'string', 'text', { label })
const number = (name: string): PropertyDefinition => defineProperty(name, 'number', 'number')
const datetime = (name: string): PropertyDefinition => defineProperty(name, 'datetime', 'date')
const calculated = (name: string, type: 'string' | 'number' | 'datetime' = 'string'): PropertyDefinition =>
  defineProperty(name, type, type === 'datetime' ? 'date' : type === 'number' ? 'number' : 'text', {
    calculated: true,
  })
const select = (name: string, pairs: ReadonlyArray<readonly [string, string]>): PropertyDefinition =>
  defineProperty(name, 'enumeration', 'select', { options: optionsOf(pairs) })
const owner = (): PropertyDefinition =>
  defineProperty('hubspot_owner_id', 'enumeration', 'select', { label: 'Owner', externalOptions: true })
const uniqueSalesforceId = (): PropertyDefinition =>
  defineProperty('crmsync_salesforce_id', 'string', 'text', {
    label: 'Salesforce id (crmsync)',
    description: 'The Salesforce record id, unique, so crmsync can upsert idempotently.',
    hasUniqueValue: true,
    hubspotDefined: false,
    groupName: 'crmsync',
  })
/**
 * The Salesforce id properties the integration keeps on a record: in HubSpot's "Salesforce information"
 * group, where the mapped properties the integration creates live too (B-MAP-14).
 */
const salesforceId = (name: string, label: string): PropertyDefinition =>
  defineProperty(name, 'string', 'text', { label, hubspotDefined: false, groupName: 'salesforceinformation' })

/** Properties every object type has: ids, timestamps and merge traces. */
function common(createdProperty: string, lastModifiedProperty: string): PropertyDefinition[] {
  return [
    calculated('hs_object_id', 'number'),
    calculated(createdProperty, 'datetime'),
    calculated(lastModifiedProperty, 'datetime'),
    calculated('hs_merged_object_ids'),
    calculated('hs_object_source'),
    calculated('hs_object_source_id'),
    calculated('hs_object_source_label'),
  ]
}

/**
 * What HubSpot calculates on contacts and companies from their associated deals (docs/deal-rollups.md;
 * services/deal-rollups.ts keeps them). Read-only: a write is refused with READ_ONLY_VALUE.
 */
const dealRollups = (): PropertyDefinition[] => [
  calculated('num_associated_deals', 'number'),
  calculated('first_deal_created_date', 'datetime'),
  calculated('recent_deal_amount', 'number'),
  calculated('recent_deal_close_date', 'datetime'),
  calculated('total_revenue', 'number'),
]

/** What HubSpot keeps on a contact from its form submissions (services/form-submissions.ts). Read-only. */
const formConversions = (): PropertyDefinition[] => [
  calculated('first_conversion_date', 'datetime'),
  calculated('first_conversion_event_name'),
  calculated('recent_conversion_date', 'datetime'),
  calculated('recent_conversion_event_name'),
  calculated('num_conversion_events', 'number'),
  calculated('num_unique_conversion_events', 'number'),
]

const lifecycle = (): PropertyDefinition[] => [
  defineProperty('lifecyclestage', 'enumeration', 'radio', {
    label: 'Lifecycle Stage',
    options: LIFECYCLE_STAGES,
  }),
  ...LIFECYCLE_STAGES.map((stage) => calculated(`hs_lifecyclestage_${stage.value}_date`, 'datetime')),
]

function contacts(): PropertyDefinition[] {
  return [
    ...common('createdate', 'lastmodifieddate'),
    ...['email', 'firstname', 'lastname', 'company', 'jobtitle', 'website'].map((n) => text(n)),
    ...['address', 'city', 'state', 'zip', 'country'].map((n) => text(n)),
    ...contactSyncProperties(),
    ...lifecycle(),
    owner(),
    defineProperty('hs_email_optout', 'bool', 'booleancheckbox', {
      label: 'Unsubscribed from all email',
      readOnlyValue: true,
    }),
    calculated('hs_additional_emails'),
    number('associatedcompanyid'),
    ...dealRollups(),
    ...formConversions(),
    salesforceId('salesforceleadid', 'Salesforce Lead ID'),
    salesforceId('salesforcecontactid', 'Salesforce Contact ID'),
    // The contact's Account, which the default AccountId mapping follows through company sync.
    salesforceId('salesforceaccountid', 'Salesforce Account ID'),
    uniqueSalesforceId(),
  ]
}

/** A company property in HubSpot's "Company information" group. */
const companyInfo = (name: string, label: string, fieldType = 'text'): PropertyDefinition =>
  defineProperty(name, 'string', fieldType, { label, groupName: 'companyinformation' })

function companies(): PropertyDefinition[] {
  return [
    ...common('createdate', 'hs_lastmodifieddate'),
    companyInfo('name', 'Company name'),
    companyInfo('domain', 'Company Domain Name'),
    companyInfo('website', 'Website URL'),
    companyInfo('phone', 'Phone Number', 'phonenumber'),
    companyInfo('address', 'Street Address'),
    companyInfo('address2', 'Street Address 2'),
    companyInfo('city', 'City'),
    companyInfo('state', 'State/Region'),
    companyInfo('zip', 'Postal Code'),
    companyInfo('country', 'Country/Region'),
    companyInfo('description', 'Description', 'textarea'),
    defineProperty('industry', 'enumeration', 'select', {
      label: 'Industry',
      groupName: 'companyinformation',
      options: industryOptions(),
    }),
    defineProperty('numberofemployees', 'number', 'number', {
      label: 'Number of Employees',
      groupName: 'companyinformation',
    }),
    defineProperty('annualrevenue', 'number', 'number', {
      label: 'Annual Revenue',
      groupName: 'companyinformation',
    }),
    select('type', [
      ['PROSPECT', 'Prospect'],
      ['PARTNER', 'Partner'],
      ['RESELLER', 'Reseller'],
      ['VENDOR', 'Vendor'],
      ['OTHER', 'Other'],
    ]),
    // HubSpot keeps it: the contacts associated with the company, whatever the label (association-effects.ts).
    calculated('num_associated_contacts', 'number'),
    ...dealRollups(),
    ...lifecycle(),
    owner(),
    salesforceId('salesforceaccountid', 'Salesforce Account ID'),
    uniqueSalesforceId(),
  ]
}

function deals(): PropertyDefinition[] {
  return [
    ...common('createdate', 'hs_lastmodifieddate'),
    text('dealname', 'Deal Name'),
    text('description'),
    number('amount'),
    datetime('closedate'),
    defineProperty('pipeline', 'enumeration', 'select', { label: 'Pipeline', externalOptions: true }),
    defineProperty('dealstage', 'enumeration', 'select', { label: 'Deal Stage', externalOptions: true }),
    select('dealtype', [
      ['newbusiness', 'New Business'],
      ['existingbusiness', 'Existing Business'],
    ]),
    text('deal_currency_code'),
    calculated('hs_is_closed'),
    calculated('hs_is_closed_won'),
    calculated('hs_deal_stage_probability', 'number'),
    owner(),
    salesforceId('salesforceopportunityid', 'Salesforce Opportunity ID'),
    uniqueSalesforceId(),
  ]
}

function engagement(extra: PropertyDefinition[]): PropertyDefinition[] {
  return [...common('hs_createdate', 'hs_lastmodifieddate'), datetime('hs_timestamp'), owner(), ...extra]
}

/** The properties a fresh portal has for each object type. */
export function defaultProperties(type: ObjectTypeName): PropertyDefinition[] {
  switch (type) {
    case 'contacts':
      return contacts()
    case 'companies':
      return companies()
    case 'deals':
      return deals()
    case 'tasks':
      return engagement([
        text('hs_task_subject'),
        text('hs_task_body'),
        select('hs_task_status', [
          ['NOT_STARTED', 'Not started'],
          ['IN_PROGRESS', 'In progress'],
          ['WAITING', 'Waiting'],
          ['COMPLETED', 'Completed'],
          ['DEFERRED', 'Deferred'],
        ]),
        select('hs_task_priority', [
          ['NONE', 'None'],
          ['LOW', 'Low'],
          ['MEDIUM', 'Medium'],
          ['HIGH', 'High'],
        ]),
        select('hs_task_type', [
          ['TODO', 'To-do'],
          ['CALL', 'Call'],
          ['EMAIL', 'Email'],
        ]),
      ])
    case 'notes':
      return engagement([text('hs_note_body')])
    case 'meetings':
      return engagement([
        text('hs_meeting_title'),
        text('hs_meeting_body'),
        datetime('hs_meeting_start_time'),
        datetime('hs_meeting_end_time'),
        select('hs_meeting_outcome', [
          ['SCHEDULED', 'Scheduled'],
          ['COMPLETED', 'Completed'],
          ['RESCHEDULED', 'Rescheduled'],
          ['NO_SHOW', 'No show'],
          ['CANCELED', 'Canceled'],
        ]),
      ])
    case 'calls':
      return engagement([
        text('hs_call_title'),
        text('hs_call_body'),
        number('hs_call_duration'),
        select('hs_call_direction', [
          ['INBOUND', 'Inbound'],
          ['OUTBOUND', 'Outbound'],
        ]),
        text('hs_call_disposition'),
        select('hs_call_status', [
          ['COMPLETED', 'Completed'],
          ['BUSY', 'Busy'],
          ['NO_ANSWER', 'No answer'],
          ['FAILED', 'Failed'],
          ['CANCELED', 'Canceled'],
        ]),
      ])
    case 'emails':
      return engagement([
        text('hs_email_subject'),
        text('hs_email_text'),
        select('hs_email_direction', [
          ['EMAIL', 'Sent by the owner'],
          ['INCOMING_EMAIL', 'Reply'],
          ['FORWARDED_EMAIL', 'Forwarded'],
        ]),
        text('hs_email_status'),
        // Opens and clicks of a tracked one-to-one email; each open or click adds one (admin API
        // /sales-email-events), so the property history holds one entry per open or click.
        calculated('hs_email_open_count', 'number'),
        calculated('hs_email_click_count', 'number'),
      ])
  }
}
