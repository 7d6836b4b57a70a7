import type { SyncSummary } from '@crmsync/engine'
import { describe, expect, it } from 'vitest'

import { HOSTILE_TEXT, HOSTILE_TEXT_PRINTED, RAW_CONTROL } from '../format/hostile-text.js'
import { formatSummary } from './summary-text.js'

describe('formatSummary', () => {
  it('prints error messages and plan details that quote CRM values escaped, one line each', () => {
    const summary: SyncSummary = {
      connectionId: 'main',
      dryRun: true,
      startedAt: 0,
      finishedAt: 1500,
      cycles: 1,
      objects: {},
      apiCalls: { salesforce: 2, hubspot: 3 },
      conflicts: 0,
      errors: [{ side: 'salesforce', recordId: '00Q1', code: 'SF_VALIDATION', message: HOSTILE_TEXT }],
      plan: {
        actions: [
          { kind: 'update', side: 'hubspot', hubspotId: '7', salesforceId: null, detail: HOSTILE_TEXT },
        ],
        apiCost: { salesforce: 0, hubspot: 1 },
      },
    }
    const lines = formatSummary(summary)
    expect(lines).toContain(`  error SF_VALIDATION on salesforce record 00Q1: ${HOSTILE_TEXT_PRINTED}`)
    expect(lines).toContain(`    update hubspot hs=7 sf=-: ${HOSTILE_TEXT_PRINTED}`)
    expect(lines.join('\n')).not.toMatch(RAW_CONTROL)
    expect(lines.every((line) => !line.includes('\n'))).toBe(true)
  })
})
