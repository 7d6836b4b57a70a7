import type { SyncSummary } from '@crmsync/engine'
import { cycleDidWork } from '@crmsync/server/cycle-view'
import { describe, expect, it } from 'vitest'

import { cycleLogFields } from './cycle-log-fields.js'

const counts = (created: number, updated: number) => ({
  created,
  updated,
  linked: 0,
  deleted: 0,
  skipped: 9,
  errored: 0,
})

const idle: SyncSummary = {
  connectionId: 'emea',
  dryRun: false,
  startedAt: 1000,
  finishedAt: 1250,
  cycles: 1,
  objects: {},
  apiCalls: { salesforce: 2, hubspot: 3 },
  conflicts: 0,
  errors: [],
}

describe('the log entry of a crmsync run cycle (issue #13)', () => {
  it('counts records written per object and direction, errors, API calls, duration and the median latency', () => {
    const summary: SyncSummary = {
      ...idle,
      objects: { contact: { salesforce: counts(2, 1), hubspot: counts(0, 1) } },
      errors: [{ side: 'salesforce', recordId: '00Q1', code: 'SF_DUPLICATE_VALUE', message: 'dup <b>x</b>' }],
      changeToSyncMs: [900, 100, 500, 4000],
    }
    expect(cycleDidWork(summary)).toBe(true)
    const fields = cycleLogFields(summary)
    expect(fields).toEqual({
      connection: 'emea',
      records: { contact: { toSalesforce: 3, toHubspot: 1 } },
      errors: 1,
      apiCalls: { salesforce: 2, hubspot: 3 },
      durationMs: 250,
      latencyP50Ms: 500,
    })
    // Counts only: an error's text quotes CRM values and stays in the store.
    expect(JSON.stringify(fields)).not.toContain('dup')
  })

  it('an idle cycle did no work and has no latency field', () => {
    expect(cycleDidWork(idle)).toBe(false)
    expect(cycleLogFields(idle)).not.toHaveProperty('latencyP50Ms')
  })
})
