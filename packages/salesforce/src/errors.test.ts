import { ERROR_CODES, isSyncError, type SyncErrorCode } from '@crmsync/core'
import { describe, expect, it } from 'vitest'

import { classifySalesforceFailure, toSyncError } from './errors.js'

describe('classifySalesforceFailure', () => {
  it.each<[string, SyncErrorCode]>([
    ['REQUEST_LIMIT_EXCEEDED', 'SF_RATE_LIMITED'],
    ['UNABLE_TO_LOCK_ROW', 'SF_LOCKED'],
    ['INVALID_SESSION_ID', 'SF_SESSION_EXPIRED'],
    ['invalid_grant', 'SF_AUTH_FAILED'],
    ['API_DISABLED_FOR_ORG', 'SF_API_DISABLED'],
    ['INSUFFICIENT_ACCESS_OR_READONLY', 'SF_INSUFFICIENT_ACCESS'],
    ['FIELD_CUSTOM_VALIDATION_EXCEPTION', 'SF_VALIDATION'],
    ['INVALID_EMAIL_ADDRESS', 'SF_INVALID_EMAIL'],
    ['STRING_TOO_LONG', 'SF_STRING_TOO_LONG'],
    ['INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'SF_BAD_PICKLIST'],
    ['REQUIRED_FIELD_MISSING', 'SF_REQUIRED_FIELD_MISSING'],
    ['DUPLICATE_VALUE', 'SF_DUPLICATE_VALUE'],
    ['DUPLICATES_DETECTED', 'SF_DUPLICATES_DETECTED'],
    ['CANNOT_UPDATE_CONVERTED_LEAD', 'SF_CONVERTED_LEAD'],
    ['ENTITY_IS_DELETED', 'SF_ENTITY_DELETED'],
    ['INVALID_CROSS_REFERENCE_KEY', 'SF_INVALID_CROSS_REFERENCE'],
    ['INVALID_FIELD', 'SF_INVALID_FIELD'],
    ['NOT_FOUND', 'SF_NOT_FOUND'],
    ['MALFORMED_QUERY', 'SF_REQUEST_INVALID'],
    ['SERVER_UNAVAILABLE', 'SF_UNAVAILABLE'],
    ['SOMETHING_NEW', 'SF_UNKNOWN'],
  ])('Salesforce code %s -> %s', (salesforceCode, code) => {
    expect(classifySalesforceFailure({ salesforceCode })).toBe(code)
  })

  it.each<[number, SyncErrorCode]>([
    [500, 'SF_UNAVAILABLE'],
    [503, 'SF_UNAVAILABLE'],
    [420, 'SF_UNAVAILABLE'],
    [429, 'SF_UNAVAILABLE'],
    [401, 'SF_SESSION_EXPIRED'],
    [404, 'SF_NOT_FOUND'],
    [400, 'SF_REQUEST_INVALID'],
    [409, 'SF_UNKNOWN'],
  ])('an unknown code falls back on HTTP %i -> %s', (httpStatus, code) => {
    expect(classifySalesforceFailure({ salesforceCode: 'WHATEVER', httpStatus })).toBe(code)
  })

  it('reads the status from jsforce ERROR_HTTP_<n> and network codes as unavailable', () => {
    expect(classifySalesforceFailure({ salesforceCode: 'ERROR_HTTP_502' })).toBe('SF_UNAVAILABLE')
    expect(classifySalesforceFailure({ networkCode: 'ECONNRESET' })).toBe('SF_UNAVAILABLE')
    expect(classifySalesforceFailure({})).toBe('SF_UNKNOWN')
  })

  it('every code it can return is in the code table with origin salesforce', () => {
    const codes = new Set<SyncErrorCode>()
    for (const c of ['REQUEST_LIMIT_EXCEEDED', 'UNABLE_TO_LOCK_ROW', 'X', 'INVALID_FIELD'])
      codes.add(classifySalesforceFailure({ salesforceCode: c }))
    for (const code of codes) expect(ERROR_CODES[code].origin).toBe('salesforce')
  })
})

describe('toSyncError', () => {
  it('wraps a jsforce HttpApiError-shaped error with code, origin, retryable and cause', () => {
    const jsforceError = Object.assign(new Error('Server temporarily unavailable'), {
      name: 'SERVER_UNAVAILABLE',
      errorCode: 'SERVER_UNAVAILABLE',
    })
    const err = toSyncError(jsforceError, 'query GET /query', 503)
    expect(isSyncError(err)).toBe(true)
    expect(err).toMatchObject({ code: 'SF_UNAVAILABLE', origin: 'salesforce', retryable: true })
    expect(err.cause).toBe(jsforceError)
    expect(err.message).toContain('SERVER_UNAVAILABLE')
  })

  it('wraps a node-fetch network error by its code', () => {
    const fetchError = Object.assign(new Error('connect ECONNREFUSED'), {
      name: 'FetchError',
      code: 'ECONNREFUSED',
    })
    expect(toSyncError(fetchError, 'x').code).toBe('SF_UNAVAILABLE')
  })

  it('a request aborted by the timeout is a retryable timeout', () => {
    const abort = Object.assign(new Error('The user aborted a request.'), {
      name: 'AbortError',
      type: 'aborted',
    })
    expect(toSyncError(abort, 'x')).toMatchObject({ code: 'SF_UNAVAILABLE', retryable: true })
    expect(toSyncError(abort, 'x').message).toContain('ETIMEDOUT')
  })
})
