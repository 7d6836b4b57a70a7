import { SyncError } from '@crmsync/core'
import { describe, expect, it } from 'vitest'

import { classifyStoreError, toStoreError } from './store-errors.js'

/** Shaped like what the drivers throw: node-postgres DatabaseError, better-sqlite3 SqliteError, Node errors. */
function driverError(code: string, message = 'driver said no'): Error {
  return Object.assign(new Error(message), { code })
}

describe('classifyStoreError', () => {
  it.each([
    ['40001', 'STORE_SERIALIZATION_FAILURE'],
    ['40P01', 'STORE_SERIALIZATION_FAILURE'],
    ['23505', 'STORE_CONSTRAINT_VIOLATION'],
    ['55P03', 'STORE_BUSY'],
    ['57P01', 'STORE_UNAVAILABLE'],
    ['08006', 'STORE_UNAVAILABLE'],
    ['28P01', 'STORE_UNAVAILABLE'],
    ['3D000', 'STORE_UNAVAILABLE'],
    ['42P01', 'STORE_QUERY_FAILED'],
    ['ECONNREFUSED', 'STORE_UNAVAILABLE'],
    ['SQLITE_BUSY', 'STORE_BUSY'],
    ['SQLITE_BUSY_SNAPSHOT', 'STORE_BUSY'],
    ['SQLITE_CONSTRAINT_UNIQUE', 'STORE_CONSTRAINT_VIOLATION'],
    ['SQLITE_CANTOPEN', 'STORE_UNAVAILABLE'],
    ['SQLITE_FULL', 'STORE_QUERY_FAILED'],
  ])('classifies %s as %s', (code, expected) => {
    expect(classifyStoreError(driverError(code))).toBe(expected)
  })

  it('looks inside an AggregateError (a refused connection to several addresses)', () => {
    expect(classifyStoreError(new AggregateError([driverError('ECONNREFUSED')]))).toBe('STORE_UNAVAILABLE')
  })

  it('reads a dropped connection from the message when there is no code', () => {
    expect(classifyStoreError(new Error('Connection terminated unexpectedly'))).toBe('STORE_UNAVAILABLE')
    expect(classifyStoreError('weird')).toBe('STORE_QUERY_FAILED')
  })
})

describe('toStoreError', () => {
  it('wraps with origin store, the table retryable flag and the cause', () => {
    const cause = driverError('40001', 'could not serialize access')
    const err = toStoreError(cause)
    expect([err.code, err.origin, err.retryable, err.cause]).toEqual([
      'STORE_SERIALIZATION_FAILURE',
      'store',
      true,
      cause,
    ])
    expect(err.message).toContain('could not serialize access')
  })

  it('passes a SyncError through unchanged', () => {
    const original = new SyncError({ code: 'STORE_BUSY', message: 'm', origin: 'store', retryable: true })
    expect(toStoreError(original)).toBe(original)
  })
})
