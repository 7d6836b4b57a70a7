// Activities in Salesforce: capture and reads of Tasks and Events (B-ACT-5), and timeline sync's look-up
// (B-ACT-1): Tasks cannot have External ID fields, so a Task crmsync inserted is
// found by the sync key in its custom text field, after a crash left the store not knowing it was inserted.
import { ACTIVITY_KEY_FIELD, type SalesforceActivityRecord, type SalesforceCapturePage } from '@crmsync/core'

import { capturePage, type CaptureSettings } from './capture.js'
import { createCustomField } from './external-id-field.js'
import type { SalesforceRow } from './mappers.js'
import { queryAllRows } from './read.js'
import type { SalesforceHttp } from './salesforce-http.js'
import { assertSalesforceId, inListChunks, soqlString } from './soql.js'

/**
 * Sync key -> Task id, for the keys a Task holds (1 query per IN list as long as the URL allows; archived
 * Tasks are not looked at).
 */
export async function findTasksByActivityKey(
  http: SalesforceHttp,
  keys: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  const query = (part: readonly string[]): string =>
    `SELECT Id, ${ACTIVITY_KEY_FIELD} FROM Task WHERE ${ACTIVITY_KEY_FIELD} IN (${part.map(soqlString).join(', ')})`
  for (const part of inListChunks(query, [...new Set(keys)])) {
    for (const row of await queryAllRows(http, query(part))) {
      const key = row[ACTIVITY_KEY_FIELD]
      if (typeof key === 'string' && typeof row['Id'] === 'string') found.set(key, row['Id'])
    }
  }
  return found
}

const COMMON_FIELDS = ['Id', 'SystemModstamp', 'WhoId', 'Subject', 'Description', 'ActivityDate']
const FIELDS: Readonly<Record<'Task' | 'Event', readonly string[]>> = {
  Task: [...COMMON_FIELDS, 'Status', 'TaskSubtype', ACTIVITY_KEY_FIELD],
  Event: [...COMMON_FIELDS, 'EventSubtype', 'StartDateTime', 'EndDateTime', ACTIVITY_KEY_FIELD],
}

const textOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

function fromActivityRow(object: 'Task' | 'Event', row: SalesforceRow): SalesforceActivityRecord {
  return {
    id: String(row['Id']),
    object,
    whoId: textOf(row['WhoId']),
    subject: textOf(row['Subject']),
    description: textOf(row['Description']),
    activityDate: textOf(row['ActivityDate']),
    status: textOf(row['Status']),
    subtype: textOf(row[object === 'Task' ? 'TaskSubtype' : 'EventSubtype']),
    start: textOf(row['StartDateTime']),
    end: textOf(row['EndDateTime']),
    timelineKey: textOf(row[ACTIVITY_KEY_FIELD]),
  }
}

/**
 * One capture page of changed Tasks or Events (one queryAll per page, its own SystemModstamp cursor, like
 * every other type): what Salesforce -> HubSpot activity sync copies (B-ACT-5). Deleted ones are left out:
 * a deleted Salesforce activity is not deleted in HubSpot.
 */
export async function captureActivities(
  http: SalesforceHttp,
  settings: CaptureSettings,
  object: 'Task' | 'Event',
  cursor: string | undefined,
): Promise<SalesforceCapturePage<SalesforceActivityRecord>> {
  const page = await capturePage(
    http,
    settings,
    object,
    cursor,
    FIELDS[object],
    (row) => fromActivityRow(object, row),
    (row) => String(row['Id']),
    ['IsDeleted'],
  )
  return { records: page.records, cursor: page.cursor, hasMore: page.hasMore }
}

/** Tasks or Events by id (1 query per IN list as long as the URL allows), for rows whose capture page is gone. */
export async function readActivities(
  http: SalesforceHttp,
  object: 'Task' | 'Event',
  ids: readonly string[],
): Promise<SalesforceActivityRecord[]> {
  const out: SalesforceActivityRecord[] = []
  const query = (part: readonly string[]): string =>
    `SELECT ${FIELDS[object].join(', ')} FROM ${object} WHERE Id IN (${part.map(soqlString).join(', ')})`
  for (const part of inListChunks(query, [...new Set(ids.map(assertSalesforceId))]))
    for (const row of await queryAllRows(http, query(part))) out.push(fromActivityRow(object, row))
  return out
}

/**
 * Creates the Activity custom field timeline sync keys Tasks by (Text(255), on Task and Event), through the
 * Tooling API as `doctor --fix` does for the external ids; an Activity field cannot be an External ID.
 */
export async function createActivityKeyField(http: SalesforceHttp): Promise<void> {
  await createCustomField(http, `Activity.${ACTIVITY_KEY_FIELD}`, {
    label: 'crmsync HubSpot Activity Id',
    type: 'Text',
    length: 255,
  })
}
