// The metadata every org has, even with `--seed none`: the users shared with the HubSpot sandbox's owners,
// a lead queue, lead statuses, opportunity stages, record types, the assignment rule, the HubSpot id fields
// the Organization row, and the integration user's permissions (UserPermissionAccess, its profile's
// PermissionSet with its assignment and ObjectPermissions rows).
import { toSecond } from '../clock.js'
import { makeId } from '../ids.js'
import { field } from '../metadata/fields.js'
import { writeOrganizationRow } from '../metadata/organization.js'
import { seedPermissionSets, writeObjectPermissionRows } from '../metadata/permission-sets.js'
import { seedUserPermissionAccess } from '../metadata/user-permissions.js'
import type { Org } from '../store/org.js'

/** Users of design.md 4.3; emails are first.last@acme-demo.com. */
export const DEFAULT_USERS: { first: string; last: string; active: boolean }[] = [
  { first: 'Avery', last: 'Lindqvist', active: true },
  { first: 'Bjorn', last: 'Nakamura', active: true },
  { first: 'Camila', last: 'Okafor', active: true },
  { first: 'Dmitri', last: 'Haugen', active: true },
  { first: 'Esther', last: 'Moreau', active: true },
  { first: 'Hannah', last: 'Iversen', active: true },
  { first: 'Gustav', last: 'Reyes', active: false },
]

export const INTEGRATION_USER_EMAIL = 'integration@acme-demo.com'
export const LEAD_QUEUE_NAME = 'Inbound Leads Queue'

const LEAD_STATUSES = [
  { ApiName: 'Open - Not Contacted', IsDefault: true, IsConverted: false },
  { ApiName: 'Working - Contacted', IsDefault: false, IsConverted: false },
  { ApiName: 'Closed - Converted', IsDefault: false, IsConverted: true },
  { ApiName: 'Closed - Not Converted', IsDefault: false, IsConverted: false },
]

const STAGES: [string, number, string, boolean, boolean][] = [
  ['Prospecting', 10, 'Pipeline', false, false],
  ['Qualification', 20, 'Pipeline', false, false],
  ['Needs Analysis', 30, 'Pipeline', false, false],
  ['Proposal/Price Quote', 60, 'Best Case', false, false],
  ['Negotiation/Review', 80, 'Commit', false, false],
  ['Closed Won', 100, 'Closed', true, true],
  ['Closed Lost', 0, 'Omitted', true, false],
]

/** The opportunity record types: deals won from new customers, and renewals of existing business. */
export const OPPORTUNITY_RECORD_TYPES = [
  { Name: 'New Business', DeveloperName: 'New_Business', Description: 'Deals with new customers' },
  { Name: 'Renewal', DeveloperName: 'Renewal', Description: 'Renewals of existing business' },
] as const

/** HubSpot id fields: unique, case-insensitive external-id text fields the sync relies on. */
export const HUBSPOT_ID_FIELDS: [string, string][] = [
  ['Lead', 'HubSpot_Id__c'],
  ['Contact', 'HubSpot_Id__c'],
  ['Account', 'HubSpot_Company_Id__c'],
  // The connector's one external-id name (DEFAULT_EXTERNAL_ID_FIELD) exists on Account too, for upserts.
  ['Account', 'HubSpot_Id__c'],
  ['Opportunity', 'HubSpot_Deal_Id__c'],
  // and on Opportunity, for deal creates (upserts on `portalId:dealId`).
  ['Opportunity', 'HubSpot_Id__c'],
]

/** Loads the org metadata into an empty org. */
export function seedOrgMetadata(org: Org): void {
  const now = toSecond(org.clock.now())
  org.orgId = makeId('00D', 1)
  const integrationId = makeId('005', 1)
  org.integrationUserId = integrationId
  const stamp = {
    IsDeleted: false,
    CreatedDate: now,
    CreatedById: integrationId,
    LastModifiedDate: now,
    LastModifiedById: integrationId,
    SystemModstamp: now,
  }
  const put = (type: string, values: Record<string, unknown>): string => {
    const table = org.table(type)!
    const id = org.ids.next(table.def.keyPrefix)
    table.put({ Id: id, ...stamp, ...values })
    return id
  }
  const user = (first: string, last: string, email: string, active: boolean, type = 'Standard'): string =>
    put('User', {
      FirstName: first,
      LastName: last,
      Name: `${first} ${last}`,
      Email: email,
      Username: email,
      Alias: (first.slice(0, 1) + last.slice(0, 4)).toLowerCase(),
      IsActive: active,
      UserType: type,
      TimeZoneSidKey: 'Europe/Berlin',
    })
  user('Integration', 'User', INTEGRATION_USER_EMAIL, true)
  seedUserPermissionAccess(org)
  seedPermissionSets(org)
  writeOrganizationRow(org)
  for (const u of DEFAULT_USERS) {
    user(u.first, u.last, `${u.first}.${u.last}@acme-demo.com`.toLowerCase(), u.active)
  }
  put('Group', {
    Name: LEAD_QUEUE_NAME,
    DeveloperName: 'Inbound_Leads_Queue',
    Type: 'Queue',
    Email: 'inbound-leads@acme-demo.com',
  })
  LEAD_STATUSES.forEach((s, i) => put('LeadStatus', { ...s, MasterLabel: s.ApiName, SortOrder: i + 1 }))
  STAGES.forEach(([name, probability, forecast, closed, won], i) =>
    put('OpportunityStage', {
      ApiName: name,
      MasterLabel: name,
      IsActive: true,
      IsClosed: closed,
      IsWon: won,
      DefaultProbability: probability,
      ForecastCategoryName: forecast,
      SortOrder: i + 1,
    }),
  )
  for (const type of OPPORTUNITY_RECORD_TYPES)
    put('RecordType', { ...type, SobjectType: 'Opportunity', IsActive: true })
  put('RecordType', {
    Name: 'Partner Account',
    DeveloperName: 'Partner_Account',
    SobjectType: 'Account',
    IsActive: true,
  })
  put('AssignmentRule', { Name: 'Standard Lead Assignment', SobjectType: 'Lead', Active: false })
  for (const [object, name] of HUBSPOT_ID_FIELDS) {
    org.table(object)!.addField(
      field(name, 'string', {
        length: 64,
        externalId: true,
        unique: true,
        caseSensitive: false,
        label: name.replace(/__c$/, '').replace(/_/g, ' '),
      }),
    )
  }
  writeObjectPermissionRows(org)
}
