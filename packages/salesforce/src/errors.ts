// Salesforce and jsforce failures -> SyncError with a stable SF_* code (design.md 3.5, style item 11).
// Classification is one table keyed by Salesforce's own code, then by HTTP status, never scattered ifs.
import { ERROR_CODES, SyncError, type SyncErrorCode } from '@crmsync/core'

/** Salesforce `errorCode` / `statusCode` values -> our code. */
const BY_SALESFORCE_CODE: Readonly<Record<string, SyncErrorCode>> = {
  REQUEST_LIMIT_EXCEEDED: 'SF_RATE_LIMITED',
  UNKNOWN_EXCEPTION: 'SF_UNKNOWN_EXCEPTION',
  SERVER_UNAVAILABLE: 'SF_UNAVAILABLE',
  UNABLE_TO_LOCK_ROW: 'SF_LOCKED',
  INVALID_SESSION_ID: 'SF_SESSION_EXPIRED',
  invalid_grant: 'SF_AUTH_FAILED',
  invalid_client: 'SF_AUTH_FAILED',
  invalid_client_id: 'SF_AUTH_FAILED',
  unsupported_grant_type: 'SF_AUTH_FAILED',
  API_DISABLED_FOR_ORG: 'SF_API_DISABLED',
  API_CURRENTLY_DISABLED: 'SF_API_DISABLED',
  INSUFFICIENT_ACCESS: 'SF_INSUFFICIENT_ACCESS',
  INSUFFICIENT_ACCESS_OR_READONLY: 'SF_INSUFFICIENT_ACCESS',
  INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: 'SF_INSUFFICIENT_ACCESS',
  FIELD_CUSTOM_VALIDATION_EXCEPTION: 'SF_VALIDATION',
  CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY: 'SF_VALIDATION',
  INVALID_EMAIL_ADDRESS: 'SF_INVALID_EMAIL',
  STRING_TOO_LONG: 'SF_STRING_TOO_LONG',
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: 'SF_BAD_PICKLIST',
  BAD_VALUE_FOR_RESTRICTED_PICKLIST: 'SF_BAD_PICKLIST',
  // On a record write: a state/country the org's State and Country/Territory Picklists do not list (B-MAP-12).
  FIELD_INTEGRITY_EXCEPTION: 'SF_BAD_PICKLIST',
  REQUIRED_FIELD_MISSING: 'SF_REQUIRED_FIELD_MISSING',
  DUPLICATE_VALUE: 'SF_DUPLICATE_VALUE',
  DUPLICATES_DETECTED: 'SF_DUPLICATES_DETECTED',
  CANNOT_UPDATE_CONVERTED_LEAD: 'SF_CONVERTED_LEAD',
  ENTITY_IS_DELETED: 'SF_ENTITY_DELETED',
  INVALID_CROSS_REFERENCE_KEY: 'SF_INVALID_CROSS_REFERENCE',
  INVALID_FIELD: 'SF_INVALID_FIELD',
  INVALID_FIELD_FOR_INSERT_UPDATE: 'SF_INVALID_FIELD',
  NOT_FOUND: 'SF_NOT_FOUND',
  MALFORMED_QUERY: 'SF_REQUEST_INVALID',
  MALFORMED_ID: 'SF_REQUEST_INVALID',
  // The synced objects are standard ones: INVALID_TYPE means the user may not read the object (B-ERR-10).
  INVALID_TYPE: 'SF_OBJECT_NOT_ACCESSIBLE',
  INVALID_QUERY_LOCATOR: 'SF_REQUEST_INVALID',
  JSON_PARSER_ERROR: 'SF_REQUEST_INVALID',
  MISSING_ARGUMENT: 'SF_REQUEST_INVALID',
  EXCEEDED_ID_LIMIT: 'SF_REQUEST_INVALID',
  INVALID_REPLICATION_DATE: 'SF_REQUEST_INVALID',
}

/** Network-level failures (node-fetch `FetchError` codes): the request may not have reached Salesforce. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
])

/** What a failed call looked like, as much as is known. */
export interface FailureFacts {
  /** Salesforce's code (`errorCode` of a REST error, `statusCode` of a Collections item, OAuth `error`). */
  readonly salesforceCode?: string | undefined
  /** HTTP status of the response, when one came back. */
  readonly httpStatus?: number | undefined
  /** Node / fetch error code for network failures. */
  readonly networkCode?: string | undefined
  /** Salesforce's message, where one code covers several failures. */
  readonly message?: string | undefined
}

/**
 * REQUEST_LIMIT_EXCEEDED is the daily allocation ("TotalRequests Limit exceeded.") and also the org's limit
 * of long-running requests ("ConcurrentPerOrgLongTxn Limit exceeded.", B-API-5): only the message tells them
 * apart, and the second frees itself within seconds, so it is retried instead of suspending the side.
 */
const CONCURRENT_LIMIT_MESSAGE = /ConcurrentPerOrgLongTxn|ConcurrentRequests/i

/** The SF_* code for a failure: by Salesforce code first, then by HTTP status, then SF_UNKNOWN. */
export function classifySalesforceFailure(facts: FailureFacts): SyncErrorCode {
  if (facts.salesforceCode === 'REQUEST_LIMIT_EXCEEDED' && CONCURRENT_LIMIT_MESSAGE.test(facts.message ?? ''))
    return 'SF_CONCURRENT_LIMIT'
  const byCode = facts.salesforceCode === undefined ? undefined : BY_SALESFORCE_CODE[facts.salesforceCode]
  if (byCode !== undefined) return byCode
  if (facts.networkCode !== undefined && NETWORK_CODES.has(facts.networkCode)) return 'SF_UNAVAILABLE'
  const status = facts.httpStatus ?? httpStatusOfCode(facts.salesforceCode)
  if (status === undefined) return 'SF_UNKNOWN'
  if (status >= 500 || status === 420 || status === 429) return 'SF_UNAVAILABLE'
  if (status === 401) return 'SF_SESSION_EXPIRED'
  if (status === 404) return 'SF_NOT_FOUND'
  if (status === 400 || status === 414 || status === 415) return 'SF_REQUEST_INVALID'
  return 'SF_UNKNOWN'
}

/** jsforce names non-JSON error bodies `ERROR_HTTP_<status>`. */
function httpStatusOfCode(code: string | undefined): number | undefined {
  const match = code === undefined ? null : /^ERROR_HTTP_(\d{3})$/.exec(code)
  return match ? Number(match[1]) : undefined
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
}

function stringField(value: unknown, key: string): string | undefined {
  const found = field(value, key)
  return typeof found === 'string' ? found : undefined
}

/** Reads the facts from whatever jsforce threw: HttpApiError, an OAuth error, or a node-fetch FetchError. */
export function failureFactsOf(err: unknown, httpStatus?: number): FailureFacts {
  const name = stringField(err, 'name')
  // jsforce aborts a request that outlives its timeout; to the retry table that is a network timeout.
  if (name === 'AbortError') return { httpStatus, networkCode: 'ETIMEDOUT' }
  const networkCode = stringField(err, 'code') ?? stringField(field(err, 'cause'), 'code')
  const salesforceCode = stringField(err, 'errorCode') ?? name
  return {
    salesforceCode:
      salesforceCode === 'Error' || salesforceCode === 'FetchError' ? undefined : salesforceCode,
    httpStatus,
    networkCode,
    message: stringField(err, 'message'),
  }
}

/** Wraps a thrown jsforce error as a SyncError of origin `salesforce`. */
export function toSyncError(err: unknown, context: string, httpStatus?: number): SyncError {
  if (err instanceof SyncError) return err
  const facts = failureFactsOf(err, httpStatus)
  const code = classifySalesforceFailure(facts)
  const detail = err instanceof Error ? err.message : String(err)
  const tag =
    facts.salesforceCode ?? facts.networkCode ?? (httpStatus === undefined ? '' : `HTTP ${httpStatus}`)
  return new SyncError({
    code,
    message: `${context}: ${tag === '' ? '' : `${tag}: `}${detail}`,
    origin: 'salesforce',
    retryable: ERROR_CODES[code].retryable,
    cause: err,
  })
}
