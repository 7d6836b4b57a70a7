// Capture of changed and deleted Leads/Contacts (design.md 3.4 step 1): one SOQL page per call, the cursor
// rules in capture-cursor.ts. Calls: 1 per page, plus 1 replication call (/updated or /deleted) per pass.
import type {
  ContactSalesforceType,
  SalesforceCapturePage,
  SalesforceContactRecord,
  SalesforceDeletion,
} from '@crmsync/core'

import {
  advanceCaptureCursor,
  type CaptureCursorState,
  decodeCaptureCursor,
  encodeCaptureCursor,
} from './capture-cursor.js'
import { fromDeletedRow, fromSalesforceContact, modstampOf, type SalesforceRow } from './mappers.js'
import type { SalesforceHttp } from './salesforce-http.js'
import { buildCaptureQuery, CAPTURE_PAGE_SIZE, selectList } from './soql.js'

export interface CaptureSettings {
  /** The longest a Salesforce transaction may stay open, in ms: how far the watermark stays behind. */
  readonly transactionAllowanceMs: number
  /** Also bound the watermark by latestDateCovered of the replication API (one call per pass). */
  readonly replicationHorizon: boolean
}

export interface QueryPage {
  readonly records: SalesforceRow[]
  readonly serverTime: number | undefined
}

/** One page of `/query` or `/queryAll` (the latter shows deleted and merged rows). */
export async function queryPage(http: SalesforceHttp, soql: string, all: boolean): Promise<QueryPage> {
  const resource = all ? 'queryAll' : 'query'
  const res = await http.send<{ records: SalesforceRow[] }>(resource, {
    method: 'GET',
    url: `/${resource}?q=${encodeURIComponent(soql)}`,
  })
  return { records: res.body.records, serverTime: res.serverTime }
}

/** Formats for the replication API: `YYYY-MM-DDTHH:mm:ss+00:00`, as jsforce does. */
function replicationDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00')
}

/**
 * The safe horizon of a pass: server time minus the allowance, bounded by what the replication API says it
 * has fully covered. Without a server time nothing is known, so the watermark does not move.
 */
async function passHorizon(
  http: SalesforceHttp,
  settings: CaptureSettings,
  type: string,
  feed: 'updated' | 'deleted',
  serverTime: number | undefined,
  state: CaptureCursorState,
): Promise<number> {
  if (state.after !== undefined && state.horizon !== undefined) return state.horizon
  if (serverTime === undefined) return state.from
  const byClock = serverTime - settings.transactionAllowanceMs
  if (!settings.replicationHorizon) return byClock
  // A two-minute window: the replication API works in whole minutes and needs start < end.
  const start = encodeURIComponent(replicationDate(serverTime - 120_000))
  const end = encodeURIComponent(replicationDate(serverTime))
  const res = await http.send<{ latestDateCovered?: string }>(`replication.${feed}`, {
    method: 'GET',
    url: `/sobjects/${type}/${feed}?start=${start}&end=${end}`,
  })
  const covered =
    res.body.latestDateCovered === undefined ? Number.NaN : Date.parse(res.body.latestDateCovered)
  return Number.isNaN(covered) ? byClock : Math.min(byClock, covered)
}

async function capturePage(
  http: SalesforceHttp,
  settings: CaptureSettings,
  type: ContactSalesforceType,
  cursor: string | undefined,
  fields: readonly string[],
  deleted: boolean,
): Promise<{ rows: SalesforceRow[]; cursor: string; hasMore: boolean }> {
  const state = decodeCaptureCursor(cursor)
  const soql = buildCaptureQuery({ type, fields, from: state.from, after: state.after, deleted })
  const page = await queryPage(http, soql, deleted)
  const horizon = await passHorizon(
    http,
    settings,
    type,
    deleted ? 'deleted' : 'updated',
    page.serverTime,
    state,
  )
  const rows = page.records.map((row) => ({ row, id: String(row['Id']), modstamp: modstampOf(row) }))
  const { fresh, next } = advanceCaptureCursor(state, rows, page.records.length >= CAPTURE_PAGE_SIZE, horizon)
  const freshKeys = new Set(fresh.map((r) => `${r.id}@${r.modstamp}`))
  return {
    rows: rows.filter((r) => freshKeys.has(`${r.id}@${r.modstamp}`)).map((r) => r.row),
    cursor: encodeCaptureCursor(next),
    hasMore: next.after !== undefined,
  }
}

/** Fields capture always reads: the keyset, and what the planner needs to follow a conversion. */
export function captureFields(type: ContactSalesforceType, fields: readonly string[]): string[] {
  const required =
    type === 'Lead' ? ['Id', 'SystemModstamp', 'IsConverted', 'ConvertedContactId'] : ['Id', 'SystemModstamp']
  return selectList(required, fields)
}

export async function captureChanges(
  http: SalesforceHttp,
  settings: CaptureSettings,
  type: ContactSalesforceType,
  cursor: string | undefined,
  fields: readonly string[],
): Promise<SalesforceCapturePage<SalesforceContactRecord>> {
  const { rows, ...page } = await capturePage(
    http,
    settings,
    type,
    cursor,
    captureFields(type, fields),
    false,
  )
  return { ...page, records: rows.map((row) => fromSalesforceContact(type, row)) }
}

export async function captureDeletes(
  http: SalesforceHttp,
  settings: CaptureSettings,
  type: ContactSalesforceType,
  cursor: string | undefined,
): Promise<SalesforceCapturePage<SalesforceDeletion>> {
  const fields = ['Id', 'SystemModstamp', 'MasterRecordId']
  const { rows, ...page } = await capturePage(http, settings, type, cursor, fields, true)
  return { ...page, records: rows.map((row) => fromDeletedRow(type, row)) }
}
