import type { SyncSummary } from '@crmsync/engine'
import { describe, expect, it } from 'vitest'

import { HOSTILE_UNICODE, HOSTILE_UNICODE_PRINTED, RAW_CONTROL } from '../format/hostile-text.js'
import { ImportTotals } from './import-totals.js'

function summary(overrides: Partial<SyncSummary>): SyncSummary {
  return {
    connectionId: 'main',
    dryRun: false,
    startedAt: 0,
    finishedAt: 0,
    cycles: 1,
    objects: {
      contact: {
        salesforce: { created: 0, updated: 0, linked: 0, deleted: 0, skipped: 0, errored: 1 },
        hubspot: { created: 0, updated: 0, linked: 0, deleted: 0, skipped: 0, errored: 0 },
      },
    },
    apiCalls: { salesforce: 1, hubspot: 1 },
    conflicts: 0,
    errors: [],
    ...overrides,
  }
}

describe('ImportTotals.lines', () => {
  it('prints error messages and the incomplete reason that quote CRM text escaped, one line each', () => {
    const totals = new ImportTotals()
    totals.add(
      summary({
        errors: [{ side: 'salesforce', recordId: '00Q1', code: 'SF_VALIDATION', message: HOSTILE_UNICODE }],
        incomplete: `SF_UNAVAILABLE: ${HOSTILE_UNICODE}`,
      }),
    )
    const lines = totals.lines('Import of hubspot contacts')
    expect(lines).toContain(`  error SF_VALIDATION on salesforce 00Q1: ${HOSTILE_UNICODE_PRINTED}`)
    expect(lines).toContain(`  INCOMPLETE: SF_UNAVAILABLE: ${HOSTILE_UNICODE_PRINTED}`)
    expect(lines.join('\n')).not.toMatch(RAW_CONTROL)
    expect(lines.every((line) => !line.includes('\n'))).toBe(true)
    // The title, the table's header and two rows, the error and the reason: nothing forged in between.
    expect(lines).toHaveLength(6)
  })
})
