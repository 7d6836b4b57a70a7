// Opportunities, their contact roles, record types and stages (deal sync, B-DEAL). Opportunities and
// contact roles cannot be merged, so their capture reads IsDeleted without MasterRecordId.
import type {
  SalesforceContactRole,
  SalesforceContactRoleCapturePage,
  SalesforceOpportunityCapturePage,
  SalesforceOpportunityRecord,
  SalesforceOpportunityStage,
  SalesforceRecordType,
} from '@crmsync/core'

import { capturePage, type CaptureSettings } from './capture.js'
import { flattenFields, modstampOf, type SalesforceRow } from './mappers.js'
import { listIdPages, queryAllRows, retrieveRows } from './read.js'
import type { SalesforceHttp } from './salesforce-http.js'
import { assertSalesforceId, buildIdListQuery, inListChunks, selectList, soqlString } from './soql.js'

const DELETE_FIELDS = ['IsDeleted'] as const
const CONTACT_ROLE_FIELDS = [
  'Id',
  'SystemModstamp',
  'OpportunityId',
  'ContactId',
  'IsPrimary',
  'Role',
] as const

/**
 * What every opportunity read selects besides the mapped fields: the pipeline (record type), the stage and
 * what it means, the account, and the creation date roll-ups are calculated from. `recordTypes`: the org
 * has Opportunity record types (RecordTypeId exists only then).
 */
export function opportunityFields(fields: readonly string[], recordTypes: boolean): string[] {
  const base = ['Id', 'SystemModstamp', 'StageName', 'AccountId', 'IsClosed', 'IsWon', 'CreatedDate']
  return selectList(recordTypes ? [...base, 'RecordTypeId'] : base, fields)
}

export function fromOpportunityRow(row: SalesforceRow): SalesforceOpportunityRecord {
  const stamp = typeof row['SystemModstamp'] === 'string' ? Date.parse(row['SystemModstamp']) : Number.NaN
  return {
    type: 'Opportunity',
    id: String(row['Id']),
    fields: flattenFields(row),
    ...(Number.isNaN(stamp) ? {} : { modifiedAt: stamp }),
  }
}

function fromContactRoleRow(row: SalesforceRow): SalesforceContactRole {
  return {
    id: String(row['Id']),
    opportunityId: String(row['OpportunityId']),
    contactId: String(row['ContactId']),
    isPrimary: row['IsPrimary'] === true,
    role: typeof row['Role'] === 'string' ? row['Role'] : null,
  }
}

/** One page of changed and deleted Opportunities, on its own cursor. */
export function captureOpportunities(
  http: SalesforceHttp,
  settings: CaptureSettings,
  cursor: string | undefined,
  fields: readonly string[],
  recordTypes: boolean,
): Promise<SalesforceOpportunityCapturePage> {
  return capturePage(
    http,
    settings,
    'Opportunity',
    cursor,
    opportunityFields(fields, recordTypes),
    fromOpportunityRow,
    (row) => ({ type: 'Opportunity' as const, id: String(row['Id']), deletedAt: modstampOf(row) }),
    DELETE_FIELDS,
  )
}

/** Opportunities by id (2000 per call). */
export async function retrieveOpportunities(
  http: SalesforceHttp,
  ids: readonly string[],
  fields: readonly string[],
  recordTypes: boolean,
): Promise<Map<string, SalesforceOpportunityRecord>> {
  const out = new Map<string, SalesforceOpportunityRecord>()
  for (const row of await retrieveRows(http, 'Opportunity', ids, opportunityFields(fields, recordTypes))) {
    const record = fromOpportunityRow(row)
    out.set(record.id, record)
  }
  return out
}

export function listOpportunityIds(http: SalesforceHttp): AsyncIterable<string[]> {
  return listIdPages(http, buildIdListQuery('Opportunity'))
}

/** One page of contact roles created, changed or deleted, on their own SystemModstamp cursor. */
export function captureContactRoles(
  http: SalesforceHttp,
  settings: CaptureSettings,
  cursor: string | undefined,
): Promise<SalesforceContactRoleCapturePage> {
  return capturePage(
    http,
    settings,
    'OpportunityContactRole',
    cursor,
    CONTACT_ROLE_FIELDS,
    fromContactRoleRow,
    (row) => ({
      id: String(row['Id']),
      opportunityId: String(row['OpportunityId']),
      deletedAt: modstampOf(row),
    }),
    DELETE_FIELDS,
  )
}

function contactRolesQuery(opportunityIds: readonly string[]): string {
  const list = opportunityIds.map((id) => soqlString(assertSalesforceId(id))).join(', ')
  return (
    `SELECT ${CONTACT_ROLE_FIELDS.join(', ')} FROM OpportunityContactRole ` +
    `WHERE OpportunityId IN (${list}) ORDER BY OpportunityId, Id`
  )
}

/** The live contact roles of these opportunities: 1 call per IN list the URL allows (~480 ids). */
export async function readContactRoles(
  http: SalesforceHttp,
  opportunityIds: readonly string[],
): Promise<SalesforceContactRole[]> {
  const unique = [...new Set(opportunityIds.map(assertSalesforceId))]
  const out: SalesforceContactRole[] = []
  for (const part of inListChunks(contactRolesQuery, unique))
    for (const row of await queryAllRows(http, contactRolesQuery(part))) out.push(fromContactRoleRow(row))
  return out
}

/** Opportunity record types, active or not, by name: 1 call. */
export async function readOpportunityRecordTypes(http: SalesforceHttp): Promise<SalesforceRecordType[]> {
  const rows = await queryAllRows(
    http,
    "SELECT Id, Name, DeveloperName, IsActive FROM RecordType WHERE SobjectType = 'Opportunity' ORDER BY Name, Id",
  )
  return rows.map((row) => ({
    id: String(row['Id']),
    name: String(row['Name']),
    developerName: String(row['DeveloperName']),
    active: row['IsActive'] === true,
  }))
}

/** The StageName values with their metadata, by SortOrder: 1 call. */
export async function readOpportunityStages(http: SalesforceHttp): Promise<SalesforceOpportunityStage[]> {
  const rows = await queryAllRows(
    http,
    'SELECT ApiName, MasterLabel, IsActive, IsClosed, IsWon, DefaultProbability, SortOrder ' +
      'FROM OpportunityStage ORDER BY SortOrder',
  )
  return rows.map((row) => ({
    value: String(row['ApiName']),
    label: String(row['MasterLabel']),
    active: row['IsActive'] === true,
    closed: row['IsClosed'] === true,
    won: row['IsWon'] === true,
    probability: typeof row['DefaultProbability'] === 'number' ? row['DefaultProbability'] : null,
    sortOrder: typeof row['SortOrder'] === 'number' ? row['SortOrder'] : 0,
  }))
}
