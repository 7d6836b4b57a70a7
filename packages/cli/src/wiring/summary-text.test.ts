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

  it('lists 20 errors, each cut to a line, then says how many more there are', () => {
    const long = `industry: Other was not one of the allowed options: [${'ACCOUNTING, '.repeat(300)}]`
    const summary: SyncSummary = {
      connectionId: 'main',
      dryRun: false,
      startedAt: 0,
      finishedAt: 1500,
      cycles: 1,
      objects: {},
      apiCalls: { salesforce: 2, hubspot: 3 },
      conflicts: 0,
      errors: Array.from({ length: 25 }, (_, i) => ({
        side: 'hubspot' as const,
        recordId: `001${i}`,
        code: 'HS_VALIDATION' as const,
        message: long,
      })),
    }
    const lines = formatSummary(summary)
    const errors = lines.filter((line) => line.startsWith('  error '))
    expect(errors).toHaveLength(20)
    expect(errors.every((line) => line.length < 300)).toBe(true)
    expect(lines).toContain('  ... and 5 more errors (crmsync errors)')
  })
})
