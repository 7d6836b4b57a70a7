import { SyncError } from '@crmsync/core'
import { describe, expect, it } from 'vitest'

import { EXIT_CODES } from '../exit-codes.js'
import { HOSTILE_UNICODE, HOSTILE_UNICODE_PRINTED, RAW_CONTROL } from '../format/hostile-text.js'
import { describeRunFailure } from './exit-code-for.js'

describe('describeRunFailure', () => {
  it('a SyncError quoting CRM text: exit 3 and a message printed escaped, on one line', () => {
    const err = new SyncError({
      code: 'SF_INSUFFICIENT_ACCESS',
      message: `update Lead: ${HOSTILE_UNICODE}`,
      origin: 'salesforce',
      retryable: false,
    })
    const failure = describeRunFailure(err)
    expect(failure.code).toBe(EXIT_CODES.connection)
    expect(failure.message).toBe(`SF_INSUFFICIENT_ACCESS: update Lead: ${HOSTILE_UNICODE_PRINTED}`)
    expect(failure.message).not.toMatch(RAW_CONTROL)
    expect(failure.message).not.toContain('\n')
  })

  it('anything else is a bug and is rethrown', () => {
    expect(() => describeRunFailure(new Error('bug'))).toThrow('bug')
  })
})
