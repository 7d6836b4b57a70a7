// Batch reads for the plan step (design.md 3.4 step 2): counterparts by id through POST
// composite/sobjects/{T} (never a long `Id IN (...)` URL), dedup look-ups by email, the contacts of accounts,
// and id lists for imports.
import {
  canonicalText,
  type ContactSalesforceType,
  type SalesforceAccountContact,
  type SalesforceAccountRecord,
  type SalesforceCandidate,
  type SalesforceContactRecord,
} from '@crmsync/core'

import { captureFields } from './capture.js'
import { fromSalesforceAccount, fromSalesforceContact, type SalesforceRow } from './mappers.js'
import type { SalesforceHttp } from './salesforce-http.js'
import {
  accountIdChunks,
  assertSalesforceId,
  buildAccountContactsQuery,
  buildEmailQuery,
  buildIdListQuery,
  chunk,
  emailChunks,
} from './soql.js'

/** Ids per retrieve call (the API's maximum for POST composite/sobjects/{T}). */
export const RETRIEVE_BATCH_SIZE = 2000

interface QueryResult {
  readonly records: SalesforceRow[]
  readonly done: boolean
  readonly nextRecordsUrl?: string
}

/** Every row of a query, following `nextRecordsUrl` (one call per 2000 rows). */
export async function queryAllRows(http: SalesforceHttp, soql: string): Promise<SalesforceRow[]> {
  let res = await http.send<QueryResult>('query', {
    method: 'GET',
    url: `/query?q=${encodeURIComponent(soql)}`,
  })
  const rows = [...res.body.records]
  while (!res.body.done && res.body.nextRecordsUrl !== undefined) {
    res = await http.send<QueryResult>('query', { method: 'GET', url: res.body.nextRecordsUrl })
    rows.push(...res.body.records)
  }
  return rows
}

/** Every live Contact, or unconverted Lead, id by id-ordered query pages (one call per 2000). */
export function listIds(http: SalesforceHttp, type: ContactSalesforceType): AsyncIterable<string[]> {
  return listIdPages(http, buildIdListQuery(type, type === 'Lead' ? 'IsConverted = false' : undefined))
}

/** Every live Account id, person accounts included, by id-ordered query pages (one call per 2000). */
export function listAccountIds(http: SalesforceHttp): AsyncIterable<string[]> {
  return listIdPages(http, buildIdListQuery('Account'))
}

/** The ids of a `SELECT Id` query, a page at a time through the query locator. */
export async function* listIdPages(http: SalesforceHttp, soql: string): AsyncIterable<string[]> {
  let res = await http.send<QueryResult>('query', {
    method: 'GET',
    url: `/query?q=${encodeURIComponent(soql)}`,
  })
  for (;;) {
    const ids = res.body.records.map((row) => String(row['Id']))
    if (ids.length > 0) yield ids
    if (res.body.done || res.body.nextRecordsUrl === undefined) return
    res = await http.send<QueryResult>('query', { method: 'GET', url: res.body.nextRecordsUrl })
  }
}

/** Rows by id through POST composite/sobjects/{T}, 2000 ids per call; ids not found (or deleted) are absent. */
export async function retrieveRows(
  http: SalesforceHttp,
  type: string,
  ids: readonly string[],
  select: readonly string[],
): Promise<SalesforceRow[]> {
  const rows: SalesforceRow[] = []
  const unique = [...new Set(ids.map(assertSalesforceId))]
  for (const part of chunk(unique, RETRIEVE_BATCH_SIZE)) {
    const res = await http.send<(SalesforceRow | null)[]>('retrieve', {
      method: 'POST',
      url: `/composite/sobjects/${type}`,
      body: { ids: part, fields: select },
    })
    for (const row of res.body) if (row !== null) rows.push(row)
  }
  return rows
}

/** Leads or Contacts by id; `personAccounts`: the org has them, so Contacts carry isPersonContact. */
export async function retrieveContacts(
  http: SalesforceHttp,
  type: ContactSalesforceType,
  ids: readonly string[],
  fields: readonly string[],
  personAccounts = false,
): Promise<Map<string, SalesforceContactRecord>> {
  const out = new Map<string, SalesforceContactRecord>()
  for (const row of await retrieveRows(http, type, ids, captureFields(type, fields, personAccounts))) {
    const record = fromSalesforceContact(type, row)
    out.set(record.id, record)
  }
  return out
}

/** Accounts by id; `personAccounts`: the org has them, so IsPersonAccount and PersonContactId are read. */
export async function retrieveAccounts(
  http: SalesforceHttp,
  ids: readonly string[],
  fields: readonly string[],
  personAccounts: boolean,
): Promise<Map<string, SalesforceAccountRecord>> {
  const out = new Map<string, SalesforceAccountRecord>()
  const select = captureFields('Account', fields, personAccounts)
  for (const row of await retrieveRows(http, 'Account', ids, select)) {
    const record = fromSalesforceAccount(row)
    out.set(record.id, record)
  }
  return out
}

/**
 * The Contacts of these accounts (B-CMP-4), `ORDER BY AccountId, Id` per IN list, without person accounts'
 * own contacts when the org has person accounts (`personAccounts`). Calls: 1 per IN list of ids, each list
 * as long as the URL allows (~480 ids; more calls only past 2000 contacts in one list).
 */
export async function findContactsByAccount(
  http: SalesforceHttp,
  accountIds: readonly string[],
  personAccounts: boolean,
): Promise<SalesforceAccountContact[]> {
  const unique = [...new Set(accountIds.map(assertSalesforceId))]
  const out: SalesforceAccountContact[] = []
  for (const part of accountIdChunks(unique, personAccounts)) {
    for (const row of await queryAllRows(http, buildAccountContactsQuery(part, personAccounts))) {
      const accountId = row['AccountId']
      if (typeof accountId !== 'string') continue
      out.push({ id: String(row['Id']), accountId })
    }
  }
  return out
}

/** The core's canonical email (trimmed, lower-cased; Salesforce compares emails case-insensitively). */
export function emailKey(email: string): string {
  const key = canonicalText(email, true)
  return typeof key === 'string' ? key : ''
}

/**
 * Contacts first, then Leads that are not converted, each `ORDER BY CreatedDate, Id` (B-CON-8, B-CON-9).
 * Calls: 2 per IN list of emails, each list as long as the URL allows (~400 short addresses; more calls
 * only past 2000 matches in one list).
 */
export async function findContactsByEmail(
  http: SalesforceHttp,
  emails: readonly string[],
): Promise<Map<string, SalesforceCandidate[]>> {
  const keys = [...new Set(emails.map(emailKey).filter((e) => e !== ''))]
  const out = new Map<string, SalesforceCandidate[]>()
  for (const type of ['Contact', 'Lead'] as const) {
    for (const part of emailChunks(type, keys)) {
      for (const row of await queryAllRows(http, buildEmailQuery(type, part))) {
        const email = row['Email']
        if (typeof email !== 'string') continue
        const key = emailKey(email)
        const list = out.get(key) ?? []
        list.push({ type, id: String(row['Id']), isConverted: false })
        out.set(key, list)
      }
    }
  }
  return out
}
