import type { Engine, SyncSummary } from '@crmsync/engine'
import { describe, expect, it } from 'vitest'

import { runResync } from './resync-run.js'

const silent = { start: () => undefined, update: () => undefined, stop: () => undefined }

/** An engine that records the pages it is asked to resync; a page holding `stopAt` runs out of budget. */
function recordingEngine(stopAt?: string) {
  const pages: string[][] = []
  const summary = (incomplete: boolean): SyncSummary => ({
    connectionId: 'c',
    dryRun: false,
    startedAt: 0,
    finishedAt: 0,
    cycles: 1,
    objects: {},
    apiCalls: { salesforce: 0, hubspot: 0 },
    conflicts: 0,
    errors: [],
    ...(incomplete ? { incomplete: 'ENGINE_BUDGET_EXHAUSTED: spent' } : {}),
  })
  const engine = {
    resync: (ids: readonly string[]) => {
      pages.push([...ids])
      return Promise.resolve(summary(stopAt !== undefined && ids.includes(stopAt)))
    },
  } as unknown as Engine
  return { engine, pages }
}

describe('runResync (B-TRIG-8: large selections go through the engine a page at a time)', () => {
  it('resyncs each contact once, in pages of pageSize', async () => {
    const { engine, pages } = recordingEngine()
    const hubspotIds = ['1', '2', '1', '3', '4', '2', '5']
    const summaries = await runResync({ engine, hubspotIds, dryRun: false, progress: silent, pageSize: 2 })
    expect(pages).toEqual([['1', '2'], ['3', '4'], ['5']])
    expect(summaries).toHaveLength(3)
  })

  it('stops after the page that ran out of API budget', async () => {
    const { engine, pages } = recordingEngine('3')
    const hubspotIds = ['1', '2', '3', '4', '5']
    await runResync({ engine, hubspotIds, dryRun: false, progress: silent, pageSize: 2 })
    expect(pages).toEqual([
      ['1', '2'],
      ['3', '4'],
    ])
  })
})
