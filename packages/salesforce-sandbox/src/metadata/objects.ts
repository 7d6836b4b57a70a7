import { field, type FieldDef, picklist, type PicklistValue, reference, system } from './fields.js'
import { organizationObject } from './organization.js'
import {
  objectPermissionsObject,
  permissionSetAssignmentObject,
  permissionSetObject,
} from './permission-sets.js'
import {
  INDUSTRIES,
  LEAD_SOURCES,
  RATINGS,
  SALUTATIONS,
  STANDARD_PICKLIST_LENGTH,
} from './standard-picklists.js'
import { userPermissionAccessObject } from './user-permissions.js'

export interface ObjectDef {
  name: string
  label: string
  labelPlural: string
  keyPrefix: string
  fields: FieldDef[]
  createable: boolean
  updateable: boolean
  deletable: boolean
  mergeable: boolean
  /** Activities that are archived are hidden from /query (only /queryAll shows them). */
  archivable: boolean
}

function common(): FieldDef[] {
  return [
    system('Id', 'id', { nillable: false, label: 'Record ID' }),
    system('IsDeleted', 'boolean', { label: 'Deleted' }),
    system('CreatedDate', 'datetime', { nillable: false }),
    system('CreatedById', 'reference', {
      referenceTo: ['User'],
      relationshipName: 'CreatedBy',
      nillable: false,
    }),
    system('LastModifiedDate', 'datetime', { nillable: false }),
    system('LastModifiedById', 'reference', {
      referenceTo: ['User'],
      relationshipName: 'LastModifiedBy',
      nillable: false,
    }),
    system('SystemModstamp', 'datetime', { nillable: false }),
  ]
}

const owner = (to: string[] = ['User']): FieldDef =>
  reference('OwnerId', to, { nillable: false, defaultedOnCreate: true, required: false })
const recordType = (): FieldDef => reference('RecordTypeId', ['RecordType'])
const master = (): FieldDef => system('MasterRecordId', 'reference', { relationshipName: 'MasterRecord' })

// Standard address lengths: Street 255 (textarea), City 40, State 80, PostalCode 20, Country 80.
const ADDRESS_LENGTHS: Record<string, number> = {
  Street: 255,
  City: 40,
  State: 80,
  PostalCode: 20,
  Country: 80,
}
const address = (prefix: string): FieldDef[] =>
  Object.entries(ADDRESS_LENGTHS).map(([part, length]) =>
    field(`${prefix}${part}`, part === 'Street' ? 'textarea' : 'string', {
      length,
      // Salesforce's label, which its state/country errors quote ("… for field: State/Province").
      ...(part === 'State' ? { label: `${prefix === '' ? '' : `${prefix} `}State/Province` } : {}),
    }),
  )
const standardPicklist = (name: string, values: FieldDef['picklistValues']): FieldDef =>
  field(name, 'picklist', { length: STANDARD_PICKLIST_LENGTH, picklistValues: values })
/** Fields a Lead and a Contact both have besides the name, with their standard describe values. */
const personContact = (): FieldDef[] => [
  standardPicklist('Salutation', SALUTATIONS),
  field('Email', 'email', { length: 80 }),
  field('Phone', 'phone', { length: 40 }),
  field('MobilePhone', 'phone', { length: 40 }),
  field('Fax', 'phone', { length: 40 }),
  field('Title', 'string', { length: 128 }),
  field('HasOptedOutOfEmail', 'boolean', { label: 'Email Opt Out' }),
  standardPicklist('LeadSource', LEAD_SOURCES),
  field('Description', 'textarea', { length: 32000 }),
]

function def(
  name: string,
  keyPrefix: string,
  fields: FieldDef[],
  options: Partial<Omit<ObjectDef, 'name' | 'keyPrefix' | 'fields'>> = {},
): ObjectDef {
  return {
    name,
    label: options.label ?? name.replace(/([a-z])([A-Z])/g, '$1 $2'),
    labelPlural: options.labelPlural ?? `${options.label ?? name}s`,
    keyPrefix,
    fields: [...common(), ...fields],
    createable: options.createable ?? true,
    updateable: options.updateable ?? true,
    deletable: options.deletable ?? true,
    mergeable: options.mergeable ?? false,
    archivable: options.archivable ?? false,
  }
}

/** Who (a Lead or Contact) and What (an Account or Opportunity) of a Task or Event. */
const activityLinks = (): FieldDef[] => [
  reference('WhoId', ['Contact', 'Lead'], { relationshipName: 'Who', indexed: true }),
  reference('WhatId', ['Account', 'Opportunity'], { relationshipName: 'What', indexed: true }),
  // Derived by the writer (dml/activities.ts): the What's account, else the contact's.
  system('AccountId', 'reference', { referenceTo: ['Account'], relationshipName: 'Account', indexed: true }),
]

const EMAIL_STATUSES: PicklistValue[] = [
  ['0', 'New'],
  ['1', 'Read'],
  ['2', 'Replied'],
  ['3', 'Sent'],
  ['4', 'Forwarded'],
  ['5', 'Draft'],
].map(([value, label]) => ({ value: value!, label: label!, active: true, defaultValue: false }))

const personName = (): FieldDef[] => [
  field('FirstName', 'string', { length: 40 }),
  field('LastName', 'string', { length: 80, nillable: false }),
  system('Name', 'string', { length: 121, nameField: true, label: 'Full Name' }),
]

/** The standard objects the sync needs, with the fields it reads and writes. */
export function standardObjects(): ObjectDef[] {
  return [
    def(
      'Account',
      '001',
      [
        field('Name', 'string', { nillable: false, nameField: true, label: 'Account Name' }),
        field('Type', 'picklist', {
          length: 255,
          picklistValues: picklist(['Prospect', 'Customer', 'Partner', 'Other']),
        }),
        standardPicklist('Industry', INDUSTRIES),
        field('Description', 'textarea', { length: 32000 }),
        field('Website', 'url'),
        field('Phone', 'phone', { length: 40 }),
        field('NumberOfEmployees', 'int'),
        field('AnnualRevenue', 'currency'),
        ...address('Billing'),
        owner(),
        recordType(),
        reference('ParentId', ['Account'], { relationshipName: 'Parent', indexed: true }),
        master(),
      ],
      { mergeable: true },
    ),
    def(
      'Contact',
      '003',
      [
        ...personName(),
        ...personContact(),
        reference('AccountId', ['Account'], { indexed: true }),
        owner(),
        recordType(),
        ...address('Mailing'),
        master(),
      ],
      { mergeable: true },
    ),
    def(
      'Lead',
      '00Q',
      [
        ...personName(),
        ...personContact(),
        field('Company', 'string', { nillable: false }),
        field('Website', 'url'),
        field('AnnualRevenue', 'currency', { precision: 18, scale: 0 }),
        field('NumberOfEmployees', 'int', { digits: 8, label: 'Employees' }),
        standardPicklist('Industry', INDUSTRIES),
        standardPicklist('Rating', RATINGS),
        field('Status', 'picklist', {
          length: STANDARD_PICKLIST_LENGTH,
          nillable: false,
          defaultedOnCreate: true,
          restrictedPicklist: true,
          picklistSource: 'LeadStatus',
          label: 'Lead Status',
        }),
        owner(['Group', 'User']),
        recordType(),
        ...address(''),
        system('IsConverted', 'boolean', { label: 'Converted' }),
        system('ConvertedDate', 'date'),
        system('ConvertedAccountId', 'reference', {
          referenceTo: ['Account'],
          relationshipName: 'ConvertedAccount',
        }),
        system('ConvertedContactId', 'reference', {
          referenceTo: ['Contact'],
          relationshipName: 'ConvertedContact',
        }),
        system('ConvertedOpportunityId', 'reference', {
          referenceTo: ['Opportunity'],
          relationshipName: 'ConvertedOpportunity',
        }),
        master(),
      ],
      { mergeable: true },
    ),
    def('Opportunity', '006', [
      field('Name', 'string', { length: 120, nillable: false, nameField: true }),
      field('StageName', 'picklist', {
        nillable: false,
        restrictedPicklist: true,
        picklistSource: 'OpportunityStage',
        label: 'Stage',
      }),
      field('CloseDate', 'date', { nillable: false }),
      field('Amount', 'currency'),
      // The values Salesforce ships for Opportunity Type.
      field('Type', 'picklist', {
        picklistValues: picklist([
          'Existing Customer - Upgrade',
          'Existing Customer - Replacement',
          'Existing Customer - Downgrade',
          'New Customer',
        ]),
      }),
      field('Description', 'textarea', { length: 32000 }),
      reference('AccountId', ['Account'], { indexed: true }),
      owner(),
      recordType(),
      field('Probability', 'percent', { precision: 3 }),
      system('ForecastCategoryName', 'picklist', {
        picklistValues: picklist(['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed']),
      }),
      system('IsClosed', 'boolean', { label: 'Closed' }),
      system('IsWon', 'boolean', { label: 'Won' }),
      standardPicklist('LeadSource', LEAD_SOURCES),
      field('NextStep', 'string'),
    ]),
    def(
      'OpportunityContactRole',
      '00K',
      [
        reference('OpportunityId', ['Opportunity'], {
          indexed: true,
          nillable: false,
          updateable: false,
        }),
        reference('ContactId', ['Contact'], { nillable: false, indexed: true }),
        field('Role', 'picklist', {
          picklistValues: picklist([
            'Business User',
            'Decision Maker',
            'Economic Buyer',
            'Influencer',
            'Other',
          ]),
        }),
        field('IsPrimary', 'boolean', { label: 'Primary' }),
      ],
      { label: 'Opportunity Contact Role' },
    ),
    def(
      'Task',
      '00T',
      [
        field('Subject', 'string'),
        field('Status', 'picklist', {
          nillable: false,
          defaultValue: 'Not Started',
          picklistValues: picklist(
            ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
            'Not Started',
          ),
        }),
        field('Priority', 'picklist', {
          nillable: false,
          defaultValue: 'Normal',
          picklistValues: picklist(['High', 'Normal', 'Low'], 'Normal'),
        }),
        field('ActivityDate', 'date', { label: 'Due Date Only' }),
        field('Description', 'textarea', { length: 32000 }),
        ...activityLinks(),
        owner(['Group', 'User']),
        field('Type', 'picklist', { picklistValues: picklist(['Call', 'Email', 'Meeting', 'Other']) }),
        // Createable, never updateable: the subtype (a logged email, a call) is fixed when the task is made.
        field('TaskSubtype', 'picklist', {
          picklistValues: picklist(['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn']),
          updateable: false,
        }),
        field('CallType', 'picklist', { picklistValues: picklist(['Internal', 'Inbound', 'Outbound']) }),
        field('CallDurationInSeconds', 'int', { label: 'Call Duration' }),
        field('CallDisposition', 'string', { label: 'Call Result' }),
        system('CompletedDateTime', 'datetime', { label: 'Completed Date/Time' }),
        system('IsClosed', 'boolean', { label: 'Closed' }),
        system('IsArchived', 'boolean', { label: 'Archived' }),
      ],
      { archivable: true },
    ),
    def(
      'Event',
      '00U',
      [
        field('Subject', 'string'),
        field('Location', 'string'),
        field('Description', 'textarea', { length: 32000 }),
        // Start and end: the writer keeps StartDateTime, ActivityDateTime, EndDateTime and DurationInMinutes
        // consistent (dml/event-times.ts), and requires a start and a duration or an end.
        field('StartDateTime', 'datetime', { label: 'Start' }),
        field('EndDateTime', 'datetime', { label: 'End' }),
        field('ActivityDateTime', 'datetime', { label: 'Due Date Time' }),
        field('ActivityDate', 'date', { label: 'Due Date Only' }),
        system('EndDate', 'date'),
        field('DurationInMinutes', 'int', { label: 'Duration' }),
        field('IsAllDayEvent', 'boolean', { label: 'All-Day Event' }),
        field('ShowAs', 'picklist', {
          picklistValues: picklist(['Busy', 'OutOfOffice', 'Free'], 'Busy'),
          defaultValue: 'Busy',
        }),
        field('Type', 'picklist', { picklistValues: picklist(['Call', 'Email', 'Meeting', 'Other']) }),
        field('EventSubtype', 'picklist', { picklistValues: picklist(['Event']), updateable: false }),
        field('IsPrivate', 'boolean', { label: 'Private' }),
        ...activityLinks(),
        owner(['Group', 'User']),
        system('IsArchived', 'boolean', { label: 'Archived' }),
      ],
      { archivable: true },
    ),
    def(
      'EmailMessage',
      '02s',
      [
        field('Subject', 'string', { length: 3000 }),
        field('TextBody', 'textarea', { length: 131072 }),
        field('HtmlBody', 'textarea', { length: 131072 }),
        field('FromAddress', 'email'),
        field('FromName', 'string', { length: 1000 }),
        field('ToAddress', 'string', { length: 4000 }),
        field('CcAddress', 'string', { length: 4000 }),
        field('BccAddress', 'string', { length: 4000 }),
        // Salesforce stores the status as a code: 0 New, 1 Read, 2 Replied, 3 Sent, 4 Forwarded, 5 Draft.
        field('Status', 'picklist', {
          nillable: false,
          restrictedPicklist: true,
          picklistValues: EMAIL_STATUSES,
        }),
        field('MessageDate', 'datetime'),
        field('Incoming', 'boolean'),
        reference('RelatedToId', ['Account', 'Opportunity'], {
          relationshipName: 'RelatedTo',
          indexed: true,
        }),
        // The task Salesforce logs with the email (dml/email-message.ts); null for an email that has none,
        // as Einstein Activity Capture's are (B-ACT-8).
        system('ActivityId', 'reference', { referenceTo: ['Task'], relationshipName: 'Activity' }),
      ],
      { label: 'Email Message' },
    ),
    def(
      'User',
      '005',
      [
        field('Username', 'string', { length: 80, nillable: false, unique: true }),
        field('Email', 'email', { length: 128, nillable: false }),
        ...personName(),
        field('Alias', 'string', { length: 8 }),
        field('IsActive', 'boolean', { label: 'Active' }),
        field('UserType', 'picklist', {
          picklistValues: picklist(['Standard', 'AutomatedProcess']),
          updateable: false,
        }),
        field('ProfileId', 'string', { length: 18 }),
        field('UserRoleId', 'string', { length: 18 }),
        field('FederationIdentifier', 'string', { length: 512 }),
        field('TimeZoneSidKey', 'string', { length: 40 }),
      ],
      { createable: false, updateable: false, deletable: false },
    ),
    def(
      'Group',
      '00G',
      [
        field('Name', 'string', { length: 40, nillable: false, nameField: true }),
        field('DeveloperName', 'string', { length: 80 }),
        field('Type', 'picklist', { picklistValues: picklist(['Queue', 'Regular']) }),
        field('Email', 'email'),
      ],
      { createable: false, updateable: false, deletable: false },
    ),
    def(
      'RecordType',
      '012',
      [
        field('Name', 'string', { length: 80, nillable: false, nameField: true }),
        field('DeveloperName', 'string', { length: 80 }),
        field('SobjectType', 'string', { length: 40 }),
        field('IsActive', 'boolean', { label: 'Active' }),
        field('Description', 'string'),
        field('BusinessProcessId', 'string', { length: 18 }),
      ],
      { createable: false, updateable: false, deletable: false, label: 'Record Type' },
    ),
    def(
      'OpportunityStage',
      '01J',
      [
        field('ApiName', 'string'),
        field('MasterLabel', 'string', { nameField: true }),
        field('IsActive', 'boolean'),
        field('IsClosed', 'boolean'),
        field('IsWon', 'boolean'),
        field('DefaultProbability', 'percent'),
        field('ForecastCategoryName', 'string'),
        field('SortOrder', 'int'),
      ],
      { createable: false, updateable: false, deletable: false },
    ),
    def(
      'LeadStatus',
      '01J',
      [
        field('ApiName', 'string'),
        field('MasterLabel', 'string', { nameField: true }),
        field('IsConverted', 'boolean'),
        field('IsDefault', 'boolean'),
        field('SortOrder', 'int'),
      ],
      { createable: false, updateable: false, deletable: false, labelPlural: 'Lead Status Values' },
    ),
    def(
      'AssignmentRule',
      '01Q',
      [
        field('Name', 'string', { length: 120, nameField: true }),
        field('SobjectType', 'string', { length: 40 }),
        field('Active', 'boolean'),
      ],
      { createable: false, updateable: false, deletable: false },
    ),
    userPermissionAccessObject(),
    organizationObject(),
    permissionSetObject(),
    permissionSetAssignmentObject(),
    objectPermissionsObject(),
  ]
}
