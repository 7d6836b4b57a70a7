import { describe, expect, it } from 'vitest'

import { ERROR_CODES, type SyncErrorCode } from './error-codes.js'
import {
  codesOfHealthType,
  groupByHealthType,
  healthActionOf,
  healthTypeOf,
  parseHealthType,
  recordSyncStatus,
  SYNC_HEALTH_TYPE_NAMES,
  SYNC_HEALTH_TYPES,
} from './sync-health.js'

const error = (code: SyncErrorCode, recordId: string, side: 'hubspot' | 'salesforce' = 'hubspot') => ({
  code,
  objectKind: 'contact' as const,
  side,
  recordId,
})

describe('Sync Health types (B-ERR-1)', () => {
  it('B-ERR-1: 3 permission errors on 2 records and 1 duplicate group as Permissions 3/2 and Duplicates 1/1', () => {
    const groups = groupByHealthType([
      error('SF_INSUFFICIENT_ACCESS', '1'),
      error('SF_INVALID_FIELD', '1'),
      error('SF_INSUFFICIENT_ACCESS', '2'),
      error('HS_DUPLICATE_EMAIL', '3'),
    ])
    expect(groups.map((g) => ({ label: g.label, errors: g.errors, records: g.records }))).toEqual([
      { label: 'Permissions', errors: 3, records: 2 },
      { label: 'Duplicates', errors: 1, records: 1 },
    ])
  })

  it('counts the same record id on two sides or two kinds as two records', () => {
    const [group] = groupByHealthType([
      error('SF_VALIDATION', '7', 'hubspot'),
      error('SF_VALIDATION', '7', 'salesforce'),
    ])
    expect(group).toMatchObject({ type: 'custom-code', errors: 2, records: 2 })
  })

  it('puts every code in exactly one type, and each type has codes', () => {
    const all = SYNC_HEALTH_TYPE_NAMES.flatMap((type) => codesOfHealthType(type))
    expect([...all].sort()).toEqual(Object.keys(ERROR_CODES).sort())
    for (const type of SYNC_HEALTH_TYPE_NAMES) expect(codesOfHealthType(type).length).toBeGreaterThan(0)
  })

  it('types the codes the reference groups: B-ERR-2..7', () => {
    expect(healthTypeOf('SF_PERSON_ACCOUNT_CONTACT')).toBe('association')
    expect(healthTypeOf('SF_VALIDATION')).toBe('custom-code')
    expect(healthTypeOf('HS_DUPLICATE_EMAIL')).toBe('duplicate')
    expect(healthTypeOf('SF_DUPLICATES_DETECTED')).toBe('duplicate')
    expect(healthTypeOf('SF_INSUFFICIENT_ACCESS')).toBe('permission')
    expect(healthTypeOf('SF_INVALID_FIELD')).toBe('permission')
    expect(healthTypeOf('SF_INVALID_CROSS_REFERENCE')).toBe('missing-record')
    expect(healthTypeOf('SF_BAD_PICKLIST')).toBe('property-value')
    expect(healthTypeOf('OWNER_NOT_MATCHED')).toBe('owner')
  })

  it('keeps a code retired from ERROR_CODES listable, as Other with its action', () => {
    expect(healthTypeOf('SF_SOMETHING_RETIRED')).toBe('other')
    expect(healthActionOf('SF_SOMETHING_RETIRED')).toBe(SYNC_HEALTH_TYPES.other.action)
    expect(healthTypeOf('toString')).toBe('other')
  })

  it("gives a code's own action where it has one, else its type's", () => {
    expect(healthActionOf('HS_DUPLICATE_EMAIL')).toMatch(/remove the email from the other HubSpot contact/i)
    expect(healthActionOf('SF_INSUFFICIENT_ACCESS')).toBe(SYNC_HEALTH_TYPES.permission.action)
  })

  it('reads a type by id, plural or label, in any case; nothing else', () => {
    expect(parseHealthType('permission')).toBe('permission')
    expect(parseHealthType('Permissions')).toBe('permission')
    expect(parseHealthType('custom code')).toBe('custom-code')
    expect(parseHealthType('PROPERTY-VALUES')).toBe('property-value')
    expect(parseHealthType('SF_VALIDATION')).toBeUndefined()
    expect(parseHealthType('')).toBeUndefined()
  })
})

describe('a record sync status (B-ERR-8)', () => {
  const open = { code: 'SF_VALIDATION' as const, message: 'Phone required', attempts: 2, nextRetryAt: 5 }

  it('is synced with an active link and no open error', () => {
    expect(recordSyncStatus({ state: 'active' }, [])).toEqual({ state: 'synced' })
  })

  it('is an error with its detail and what to do while an error is open, linked or not', () => {
    for (const link of [undefined, { state: 'active' as const }])
      expect(recordSyncStatus(link, [open])).toEqual({
        state: 'error',
        errors: [
          {
            code: 'SF_VALIDATION',
            type: 'custom-code',
            message: 'Phone required',
            action: SYNC_HEALTH_TYPES['custom-code'].action,
            attempts: 2,
            nextRetryAt: 5,
          },
        ],
      })
  })

  it('is not syncing without a link, or with a tombstoned or broken one', () => {
    expect(recordSyncStatus(undefined, [])).toEqual({ state: 'not-syncing', reason: 'not linked' })
    expect(recordSyncStatus({ state: 'tombstoned' }, [])).toMatchObject({ state: 'not-syncing' })
    expect(recordSyncStatus({ state: 'broken' }, [])).toMatchObject({ state: 'not-syncing' })
  })
})
