import { ERROR_CODES } from '@crmsync/core'
import { describe, expect, it } from 'vitest'

import {
  classifyBatchError,
  classifyFailure,
  type HubSpotFailure,
  idsOfBatchError,
  propertyProblems,
  retryAfterMsOf,
  toSyncError,
} from './errors.js'

function failure(
  status: number,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): HubSpotFailure {
  return { status, body, headers, message: typeof body['message'] === 'string' ? body['message'] : '' }
}

const invalid = (code: string, name: string, message: string) => ({
  status: 'error',
  category: 'VALIDATION_ERROR',
  message: `Property values were not valid: ${JSON.stringify([{ isValid: false, message, error: code, name }])}`,
  errors: [{ message, code, context: { propertyName: [name] } }],
})

describe('the HubSpot error table (design.md 3.5)', () => {
  it.each([
    [
      'burst 429',
      failure(429, {
        message: 'You have reached your ten_secondly_rolling limit.',
        policyName: 'TEN_SECONDLY_ROLLING',
      }),
      'HS_RATE_LIMITED',
    ],
    ['secondly 429', failure(429, { message: 'You have reached your secondly limit.' }), 'HS_RATE_LIMITED'],
    [
      'daily 429',
      failure(429, { message: 'You have reached your daily limit.', policyName: 'DAILY' }),
      'HS_DAILY_LIMIT',
    ],
    ['500', failure(500), 'HS_UNAVAILABLE'],
    ['504', failure(504), 'HS_UNAVAILABLE'],
    ['no response', failure(0), 'HS_NETWORK'],
    ['401', failure(401, { category: 'INVALID_AUTHENTICATION' }), 'HS_UNAUTHORIZED'],
    ['403', failure(403, { category: 'MISSING_SCOPES' }), 'HS_MISSING_SCOPES'],
    ['404', failure(404, { category: 'OBJECT_NOT_FOUND' }), 'HS_NOT_FOUND'],
    [
      '409 contact exists',
      failure(409, { message: 'Contact already exists. Existing ID: 2926551' }),
      'HS_DUPLICATE_EMAIL',
    ],
    [
      '409 other unique',
      failure(409, { message: 'A contact with crmsync_salesforce_id=1 already exists' }),
      'HS_CONFLICT',
    ],
    [
      'invalid email',
      failure(400, invalid('INVALID_EMAIL', 'email', 'Email address x is invalid')),
      'HS_VALIDATION',
    ],
    [
      'invalid option',
      failure(400, invalid('INVALID_OPTION', 'industry', 'Robotics was not one of the allowed options')),
      'HS_VALIDATION',
    ],
    [
      'read-only',
      failure(400, invalid('READ_ONLY_VALUE', 'hs_email_optout', 'read only')),
      'HS_READ_ONLY_PROPERTY',
    ],
    [
      'unknown property',
      failure(400, invalid('PROPERTY_DOESNT_EXIST', 'foo', 'Property "foo" does not exist')),
      'HS_UNKNOWN_PROPERTY',
    ],
    [
      'backward stage',
      failure(400, { message: 'lifecyclestage cannot move backwards from customer to lead; clear it first' }),
      'HS_LIFECYCLE_BACKWARDS',
    ],
    ['302', failure(302), 'HS_UNEXPECTED_RESPONSE'],
  ])('%s -> %s', (_name, input, code) => {
    expect(classifyFailure(input)).toBe(code)
  })

  it('reads per-property problems from the legacy message when errors[] is absent (api-surface 8.5)', () => {
    const body = invalid('INVALID_EMAIL', 'email', 'Email address x is invalid')
    expect(propertyProblems({ ...body, errors: undefined })).toEqual([
      { name: 'email', code: 'INVALID_EMAIL', message: 'Email address x is invalid' },
    ])
    expect(propertyProblems({ message: 'Property values were not valid: [broken' })).toEqual([])
  })

  it('waits what a 429 asks: Retry-After first, then the policy window (api-surface 0.8)', () => {
    expect(retryAfterMsOf(failure(429, { policyName: 'TEN_SECONDLY_ROLLING' }, { 'retry-after': '3' }))).toBe(
      3000,
    )
    expect(retryAfterMsOf(failure(429, { policyName: 'TEN_SECONDLY_ROLLING' }))).toBe(10_000)
    expect(retryAfterMsOf(failure(429, { message: 'You have reached your secondly limit.' }))).toBe(1000)
    expect(retryAfterMsOf(failure(429, { policyName: 'DAILY' }))).toBeUndefined()
    expect(retryAfterMsOf(failure(500))).toBeUndefined()
  })

  it('turns a client ApiException into a SyncError whose retryable flag is the code table’s', () => {
    const thrown = Object.assign(new Error('HTTP-Code: 503'), {
      code: 503,
      body: { message: 'down' },
      headers: {},
    })
    const error = toSyncError(thrown, 'batch read')
    expect(error).toMatchObject({ code: 'HS_UNAVAILABLE', origin: 'hubspot', retryable: true })
    expect(error.message).toBe('HubSpot batch read failed (503): down')
    expect(error.cause).toBe(thrown)
    expect(toSyncError(new TypeError('fetch failed'), 'x').code).toBe('HS_NETWORK')
    for (const code of ['HS_DAILY_LIMIT', 'HS_VALIDATION', 'HS_UNAUTHORIZED'] as const) {
      expect(ERROR_CODES[code].retryable).toBe(false)
    }
  })
})

describe('per-record errors of a 207 answer (StandardError: a category, no status)', () => {
  it('classifies them as the whole call would be with the category’s status', () => {
    const missing = {
      status: 'error',
      category: 'OBJECT_NOT_FOUND',
      message: 'No contact with ID 5 exists',
      context: { id: ['5'] },
    }
    expect(classifyBatchError(missing)).toBe('HS_NOT_FOUND')
    expect(classifyBatchError({ category: 'VALIDATION_ERROR', message: 'bad type' })).toBe('HS_VALIDATION')
    expect(classifyBatchError({ category: 'CONFLICT', message: 'x' })).toBe('HS_CONFLICT')
    expect(classifyBatchError({ category: 'SOMETHING_NEW', message: 'x' })).toBe('HS_UNEXPECTED_RESPONSE')
    expect(classifyBatchError({})).toBe('HS_UNEXPECTED_RESPONSE')
  })

  it('names the ids in their context, whatever the key', () => {
    expect(idsOfBatchError({ context: { id: ['5'] } })).toEqual(['5'])
    expect(idsOfBatchError({ context: { ids: ['5', '6'], fromObjectId: '7', note: ['not an id'] } })).toEqual(
      ['5', '6', '7'],
    )
    expect(idsOfBatchError({ message: 'no context' })).toEqual([])
  })
})
