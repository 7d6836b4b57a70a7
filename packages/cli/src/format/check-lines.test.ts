import { describe, expect, it } from 'vitest'

import { formatChecks } from './check-lines.js'
import { HOSTILE_TEXT, HOSTILE_TEXT_PRINTED, RAW_CONTROL } from './hostile-text.js'

describe('doctor check lines', () => {
  it('prints ok, warn and FAIL, a fix under warnings and failures only, and a summary that warnings do not fail', () => {
    const lines = formatChecks([
      { scope: 'salesforce', name: 'credentials', ok: true, detail: 'org 00D', fix: 'unused' },
      { scope: 'salesforce', name: 'owners', ok: true, warning: true, detail: 'a queue', fix: 'add a user' },
      { scope: 'hubspot', name: 'credentials', ok: false, detail: '401', fix: 'use a token' },
    ])
    expect(lines).toEqual([
      'ok   salesforce: credentials: org 00D',
      'warn salesforce: owners: a queue',
      '     fix: add a user',
      'FAIL hubspot: credentials: 401',
      '     fix: use a token',
      '1 of 3 checks failed (1 with a warning)',
    ])
    expect(formatChecks([{ scope: 'store', name: 'identity', ok: true, detail: 'same' }]).at(-1)).toBe(
      'all 1 checks passed',
    )
  })

  it('prints owner names and CRM messages escaped, each check on its own line', () => {
    const lines = formatChecks([
      {
        scope: 'salesforce',
        name: 'owners',
        ok: true,
        warning: true,
        detail: HOSTILE_TEXT,
        fix: HOSTILE_TEXT,
      },
    ])
    expect(lines).toEqual([
      `warn salesforce: owners: ${HOSTILE_TEXT_PRINTED}`,
      `     fix: ${HOSTILE_TEXT_PRINTED}`,
      'all 1 checks passed (1 with a warning)',
    ])
    expect(lines.join('\n')).not.toMatch(RAW_CONTROL)
  })
})
