// SOQL text built by the connector: literals escaped here and nowhere else (pure).

/** Rows per capture page: the REST query page size, so one page is one call (design.md 3.4). */
export const CAPTURE_PAGE_SIZE = 2000
/**
 * The longest `/query?q=` URL a dedup query may need. The SOQL travels in the URL and Salesforce refuses URIs
 * over ~16 KB (api-surface 2.3; Node's own header limit is 16 KB for the request line and headers together),
 * so IN lists are cut by their encoded length, not by a fixed count: short addresses fit ~400 to a query.
 */
export const MAX_QUERY_URL_CHARS = 12_000

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
}

/** A quoted SOQL string literal: backslash, quotes and control characters escaped as SOQL requires. */
export function soqlString(value: string): string {
  return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (c) => ESCAPES[c] ?? c)}'`
}

/** An unquoted SOQL datetime literal at second precision (`2024-05-01T10:00:00Z`). */
export function soqlDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Salesforce ids are 15 or 18 alphanumerics; anything else never reaches a query. */
export function assertSalesforceId(id: string): string {
  if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(id)) throw new Error(`not a Salesforce id: ${id}`)
  return id
}

/** API names only: letters, digits, underscores and dots (parent lookups such as Owner.Email). */
export function assertApiName(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/.test(name))
    throw new Error(`not an API name: ${name}`)
  return name
}

/** Field list with the given extras first, case-insensitively de-duplicated. */
export function selectList(required: readonly string[], fields: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const name of [...required, ...fields]) {
    const key = assertApiName(name).toLowerCase()
    if (seen.has(key)) continue
    seen.add(key)
    out.push(name)
  }
  return out
}

/** Where a capture pass resumes inside one SystemModstamp (keyset on SystemModstamp, Id). */
export interface KeysetPosition {
  readonly modstamp: number
  readonly id: string
}

export interface CaptureQuery {
  readonly type: string
  readonly fields: readonly string[]
  /** Rows with SystemModstamp at or after this instant (epoch ms). */
  readonly from: number
  /** Resume strictly after this row within the pass. (Default: from the start of the window) */
  readonly after?: KeysetPosition | undefined
  /** Rows with SystemModstamp at or before this instant (epoch ms). (Default: no upper bound) */
  readonly upTo?: number | undefined
}

/** `SELECT ... WHERE SystemModstamp >= w [AND <= upTo] [AND keyset] ORDER BY SystemModstamp, Id LIMIT 2000`. */
export function buildCaptureQuery(q: CaptureQuery): string {
  const where = [`SystemModstamp >= ${soqlDateTime(q.from)}`]
  if (q.upTo !== undefined) where.push(`SystemModstamp <= ${soqlDateTime(q.upTo)}`)
  if (q.after !== undefined) {
    const m = soqlDateTime(q.after.modstamp)
    const id = soqlString(assertSalesforceId(q.after.id))
    where.push(`(SystemModstamp > ${m} OR (SystemModstamp = ${m} AND Id > ${id}))`)
  }
  return (
    `SELECT ${q.fields.join(', ')} FROM ${assertApiName(q.type)} WHERE ${where.join(' AND ')} ` +
    `ORDER BY SystemModstamp, Id LIMIT ${CAPTURE_PAGE_SIZE}`
  )
}

/** Dedup query for one chunk of emails: converted leads never match (design.md 3.4 step 2). */
export function buildEmailQuery(type: 'Lead' | 'Contact', emails: readonly string[]): string {
  const list = emails.map(soqlString).join(', ')
  const converted = type === 'Lead' ? ' AND IsConverted = false' : ''
  return `SELECT Id, Email FROM ${type} WHERE Email IN (${list})${converted} ORDER BY CreatedDate, Id`
}

/** Emails cut into IN lists whose encoded dedup query stays under MAX_QUERY_URL_CHARS. */
export function emailChunks(type: 'Lead' | 'Contact', emails: readonly string[]): string[][] {
  return inListChunks((part) => buildEmailQuery(type, part), emails)
}

/**
 * Values cut into IN lists so that `build(list)`, percent-encoded as the URL carries it, stays under
 * MAX_QUERY_URL_CHARS. `build` quotes the values with soqlString.
 */
export function inListChunks(
  build: (values: readonly string[]) => string,
  values: readonly string[],
): string[][] {
  const base = encodeURIComponent(build([])).length
  const out: string[][] = []
  let part: string[] = []
  let length = base
  for (const value of values) {
    // The literal plus its ", " separator, percent-encoded as the URL will carry them.
    const cost = encodeURIComponent(`${soqlString(value)}, `).length
    if (part.length > 0 && length + cost > MAX_QUERY_URL_CHARS) {
      out.push(part)
      part = []
      length = base
    }
    part.push(value)
    length += cost
  }
  if (part.length > 0) out.push(part)
  return out
}

/**
 * The Contacts of some accounts (B-CMP-4). `withoutPersonContacts` (orgs with person accounts) leaves out
 * the hidden contacts of person accounts, whose AccountId is their own account.
 */
export function buildAccountContactsQuery(
  accountIds: readonly string[],
  withoutPersonContacts: boolean,
): string {
  const list = accountIds.map((id) => soqlString(assertSalesforceId(id))).join(', ')
  const person = withoutPersonContacts ? ' AND IsPersonAccount = false' : ''
  return `SELECT Id, AccountId FROM Contact WHERE AccountId IN (${list})${person} ORDER BY AccountId, Id`
}

/** Account ids cut into IN lists whose encoded contacts query stays under MAX_QUERY_URL_CHARS. */
export function accountIdChunks(accountIds: readonly string[], withoutPersonContacts: boolean): string[][] {
  return inListChunks((part) => buildAccountContactsQuery(part, withoutPersonContacts), accountIds)
}

/** `SELECT Id FROM T [WHERE ...] ORDER BY Id`: every live id of a type, in query-locator pages. */
export function buildIdListQuery(type: string, where?: string): string {
  return `SELECT Id FROM ${assertApiName(type)}${where === undefined ? '' : ` WHERE ${where}`} ORDER BY Id`
}

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
