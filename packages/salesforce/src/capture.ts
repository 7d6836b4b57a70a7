// Capture of changed and deleted Leads, Contacts and Accounts (design.md 3.4 step 1): one queryAll page per
// call, the cursor rules in capture-cursor.ts, the same code for every type, each type on its own cursor.
// Calls: 1 per page, plus 1 /updated call when the stored latestDateCovered is passed (about once per
// transaction allowance).
import type {
  ContactSalesforceType,
  SalesforceAccountCapturePage,
  SalesforceAccountDeletion,
  SalesforceAccountRecord,
  SalesforceContactCapturePage,
  SalesforceContactRecord,
  SalesforceDeletion,
} from '@crmsync/core'
import { isSyncError } from '@crmsync/core'

import {
  advanceCaptureCursor,
  type CaptureCursorState,
  captureStep,
  decodeCaptureCursor,
  encodeCaptureCursor,
  needsHorizon,
} from './capture-cursor.js'
import type { CaptureRange, CaptureRead, SalesforceCaptureShare } from './capture-share.js'
import {
  fromDeletedRow,
  fromSalesforceAccount,
  fromSalesforceContact,
  modstampOf,
  type SalesforceRow,
} from './mappers.js'
import type { SalesforceHttp } from './salesforce-http.js'
import { buildCaptureQuery, CAPTURE_PAGE_SIZE, selectList } from './soql.js'

export interface CaptureSettings {
  /** The longest a Salesforce transaction may stay open, in ms: how far the watermark stays behind. */
  readonly transactionAllowanceMs: number
  /** Also bound the watermark by latestDateCovered of the replication API (one call per pass). */
  readonly replicationHorizon: boolean
  /** The org's capture shared with the other connections on it (capture-share.ts). (Default: none) */
  readonly share?: SalesforceCaptureShare | undefined
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

/**
 * A capture query through the org's share: served from a page another connection read when that page holds
 * the range, else read with the union of the connections' fields. A union that fails where this connection's
 * own fields might not (a field another connection's user sees and this one does not) is read again with its
 * own fields, and the share stops taking unions for that type.
 */
async function sharedQueryPage(
  http: SalesforceHttp,
  settings: CaptureSettings,
  share: SalesforceCaptureShare,
  type: string,
  range: CaptureRange,
  fields: readonly string[],
): Promise<QueryPage> {
  const read = async (): Promise<CaptureRead> => {
    const union = share.selectFor(type, fields)
    try {
      const page = await queryPage(http, buildCaptureQuery({ type, fields: union, ...range }), true)
      return { rows: page.records, serverTime: page.serverTime, fields: union }
    } catch (err) {
      if (union.length === fields.length || (isSyncError(err) && err.retryable)) throw err
      share.ownFieldsOnly(type)
      const page = await queryPage(http, buildCaptureQuery({ type, fields, ...range }), true)
      return { rows: page.records, serverTime: page.serverTime, fields }
    }
  }
  // Registered before the first look, so a page read by another connection from now on carries them.
  share.selectFor(type, fields)
  // Each connector's settings object is its own, so it names the requester.
  const page = await share.page(settings, type, range, fields, CAPTURE_PAGE_SIZE, read)
  return { records: [...page.rows], serverTime: page.serverTime }
}

/** Formats for the replication API: `YYYY-MM-DDTHH:mm:ss+00:00`, as jsforce does. */
function replicationDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00')
}

/** `latestDateCovered` of `/updated` for the two minutes before `serverTime`, or undefined when absent. */
async function latestDateCovered(
  http: SalesforceHttp,
  type: string,
  serverTime: number,
): Promise<number | undefined> {
  // A two-minute window: the replication API works in whole minutes and needs start < end.
  const start = encodeURIComponent(replicationDate(serverTime - 120_000))
  const end = encodeURIComponent(replicationDate(serverTime))
  const res = await http.send<{ latestDateCovered?: string }>('replication.updated', {
    method: 'GET',
    url: `/sobjects/${type}/updated?start=${start}&end=${end}`,
  })
  const covered =
    res.body.latestDateCovered === undefined ? Number.NaN : Date.parse(res.body.latestDateCovered)
  return Number.isNaN(covered) ? undefined : covered
}

/**
 * The safe horizon at the end of a fresh pass: server time minus the allowance, bounded by what the
 * replication API says it has fully covered. Without a server time nothing is known, so nothing settles.
 * latestDateCovered only grows, so a stored one stays a safe bound: it is asked again only once the clock
 * bound has passed it (about once per allowance on an idle org), not on every pass.
 */
async function passHorizon(
  http: SalesforceHttp,
  settings: CaptureSettings,
  type: string,
  serverTime: number | undefined,
  state: CaptureCursorState,
): Promise<{ horizon: number; covered: number | undefined }> {
  const { covered } = state
  if (serverTime === undefined) return { horizon: state.from, covered }
  const byClock = serverTime - settings.transactionAllowanceMs
  if (!settings.replicationHorizon) return { horizon: byClock, covered: undefined }
  const read = () => latestDateCovered(http, type, serverTime)
  const known =
    covered !== undefined && covered >= byClock
      ? covered
      : settings.share === undefined
        ? await read()
        : await settings.share.covered(type, serverTime, read)
  return { horizon: known === undefined ? byClock : Math.min(byClock, known), covered: known }
}

/**
 * Fields capture and retrieve always read: the keyset, what the planner needs to follow a conversion, and in
 * orgs with person accounts (`personAccounts`) the flags that tell a person record (B-PA). The flags are
 * `INVALID_FIELD` in other orgs, so they are asked for only when the org has them.
 */
export function captureFields(
  type: ContactSalesforceType | 'Account',
  fields: readonly string[],
  personAccounts = false,
): string[] {
  const base = ['Id', 'SystemModstamp']
  const person =
    !personAccounts || type === 'Lead'
      ? []
      : type === 'Account'
        ? ['IsPersonAccount', 'PersonContactId']
        : ['IsPersonAccount']
  const required = type === 'Lead' ? [...base, 'IsConverted', 'ConvertedContactId'] : [...base, ...person]
  return selectList(required, fields)
}

/** One capture page of any type, its rows already mapped. */
export interface CapturedPage<R, D> {
  readonly records: R[]
  readonly deletions: D[]
  readonly cursor: string
  readonly hasMore: boolean
}

/**
 * One page of changed, deleted and merged-away records of `type`: a single `queryAll` (it returns rows with
 * `IsDeleted = true`, their `MasterRecordId` set when merged away), so changes and deletes share one cursor
 * and one call per page (design.md 3.4 step 1). `select` is the field list without the delete fields.
 */
export async function capturePage<R, D>(
  http: SalesforceHttp,
  settings: CaptureSettings,
  type: string,
  cursor: string | undefined,
  select: readonly string[],
  toRecord: (row: SalesforceRow) => R,
  toDeletion: (row: SalesforceRow) => D,
  // Objects that cannot be merged (Opportunity, OpportunityContactRole) have no MasterRecordId.
  deleteFields: readonly string[] = ['IsDeleted', 'MasterRecordId'],
): Promise<CapturedPage<R, D>> {
  const state = decodeCaptureCursor(cursor)
  const step = captureStep(state)
  const range: CaptureRange = { from: step.from, upTo: step.upTo, after: step.after }
  const fields = selectList(select, deleteFields)
  const page =
    settings.share === undefined
      ? await queryPage(http, buildCaptureQuery({ type, fields, ...range }), true)
      : await sharedQueryPage(http, settings, settings.share, type, range, fields)
  const rows = page.records.map((row) => ({ row, id: String(row['Id']), modstamp: modstampOf(row) }))
  const pageFull = page.records.length >= CAPTURE_PAGE_SIZE
  let folded = state
  let horizon: number | undefined
  if (needsHorizon(state, pageFull)) {
    const bound = await passHorizon(http, settings, type, page.serverTime, state)
    folded = { ...state, ...(bound.covered === undefined ? {} : { covered: bound.covered }) }
    horizon = bound.horizon
  }
  const { fresh, next, passDone } = advanceCaptureCursor(folded, rows, pageFull, horizon, page.serverTime)
  const freshKeys = new Set(fresh.map((r) => `${r.id}@${r.modstamp}`))
  const records: R[] = []
  const deletions: D[] = []
  for (const { row, id, modstamp } of rows) {
    if (!freshKeys.has(`${id}@${modstamp}`)) continue
    if (row['IsDeleted'] === true) deletions.push(toDeletion(row))
    else records.push(toRecord(row))
  }
  return {
    records,
    deletions,
    cursor: encodeCaptureCursor(next),
    hasMore: !passDone,
  }
}

/**
 * One page of changed, deleted and merged-away Leads or Contacts (see capturePage). `personAccounts`: the
 * org has person accounts, so Contacts say whether they are a person account's contact.
 */
export function captureChanges(
  http: SalesforceHttp,
  settings: CaptureSettings,
  type: ContactSalesforceType,
  cursor: string | undefined,
  fields: readonly string[],
  personAccounts = false,
): Promise<SalesforceContactCapturePage> {
  return capturePage<SalesforceContactRecord, SalesforceDeletion>(
    http,
    settings,
    type,
    cursor,
    captureFields(type, fields, personAccounts),
    (row) => fromSalesforceContact(type, row),
    (row) => fromDeletedRow(type, row),
  )
}

/**
 * One page of changed, deleted and merged-away Accounts (see capturePage), on its own cursor. With person
 * accounts (`personAccounts`) `IsPersonAccount` and `PersonContactId` are read too (B-PA).
 */
export function captureAccounts(
  http: SalesforceHttp,
  settings: CaptureSettings,
  cursor: string | undefined,
  fields: readonly string[],
  personAccounts: boolean,
): Promise<SalesforceAccountCapturePage> {
  return capturePage<SalesforceAccountRecord, SalesforceAccountDeletion>(
    http,
    settings,
    'Account',
    cursor,
    captureFields('Account', fields, personAccounts),
    fromSalesforceAccount,
    (row) => fromDeletedRow('Account', row),
  )
}
