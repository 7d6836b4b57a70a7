import type { SyncSummary } from '@crmsync/engine'
import { describe, expect, it } from 'vitest'

import { mergeSummaries } from './merge-summaries.js'

const counts = (updated: number) => ({ created: 0, updated, linked: 0, deleted: 0, skipped: 1, errored: 0 })

function summary(at: number, updated: number, extra: Partial<SyncSummary> = {}): SyncSummary {
  return {
    connectionId: 'c',
    dryRun: false,
    startedAt: at,
    finishedAt: at + 10,
    cycles: 1,
    objects: { contact: { hubspot: counts(0), salesforce: counts(updated) } },
    apiCalls: { salesforce: 2, hubspot: 3 },
    conflicts: 1,
    errors: [],
    ...extra,
  }
}

describe('mergeSummaries (crmsync resync pages the engine)', () => {
  it('adds counts, calls, conflicts and errors; spans first start to last finish; keeps the first incomplete', () => {
    const error = {
      side: 'salesforce' as const,
      recordId: '00Q1',
      code: 'SF_VALIDATION' as const,
      message: 'x',
    }
    const merged = mergeSummaries([
      summary(100, 2),
      summary(200, 3, {
        errors: [error],
        incomplete: 'ENGINE_BUDGET_EXHAUSTED: spent',
        changeToSyncMs: [40, 50],
      }),
      summary(300, 0, { incomplete: 'later', changeToSyncMs: [60] }),
    ])
    expect(merged).toEqual({
      connectionId: 'c',
      dryRun: false,
      startedAt: 100,
      finishedAt: 310,
      cycles: 3,
      objects: {
        contact: { hubspot: { ...counts(0), skipped: 3 }, salesforce: { ...counts(5), skipped: 3 } },
      },
      apiCalls: { salesforce: 6, hubspot: 9 },
      conflicts: 3,
      errors: [error],
      incomplete: 'ENGINE_BUDGET_EXHAUSTED: spent',
      changeToSyncMs: [40, 50, 60],
    })
  })

  it('joins the plans of dry runs; no runs give undefined', () => {
    const action = {
      kind: 'update-salesforce',
      side: 'salesforce' as const,
      hubspotId: '1',
      salesforceId: null,
      detail: '',
    }
    const plan = (n: number) => ({ actions: [action], apiCost: { salesforce: n, hubspot: 0 } })
    const merged = mergeSummaries([summary(1, 0, { plan: plan(1) }), summary(2, 0, { plan: plan(2) })])
    expect(merged?.plan).toEqual({ actions: [action, action], apiCost: { salesforce: 3, hubspot: 0 } })
    expect(mergeSummaries([])).toBeUndefined()
  })
})
