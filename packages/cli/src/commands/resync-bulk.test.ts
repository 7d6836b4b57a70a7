import type { Engine, SyncSummary } from '@crmsync/engine'
import { describe, expect, it } from 'vitest'

import { bulkResyncLines, REFERENCE_BULK_RESYNC_CAP } from './resync-bulk.js'
import { runResyncPages } from './resync-run.js'

const silent = { start: () => undefined, update: () => undefined, stop: () => undefined }

/** An engine that records each page and its options; a page holding `stopAt` runs out of API budget. */
function recordingEngine(stopAt?: string) {
  const calls: Array<{ ids: string[]; objectKind: string | undefined }> = []
  const engine = {
    resync: (ids: readonly string[], options?: { objectKind?: string }) => {
      calls.push({ ids: [...ids], objectKind: options?.objectKind })
      const summary: SyncSummary = {
        connectionId: 'c',
        dryRun: false,
        startedAt: 0,
        finishedAt: 0,
        cycles: 1,
        objects: {},
        apiCalls: { salesforce: 0, hubspot: 0 },
        conflicts: 0,
        errors: [],
        ...(stopAt !== undefined && ids.includes(stopAt)
          ? { incomplete: 'ENGINE_BUDGET_EXHAUSTED: spent' }
          : {}),
      }
      return Promise.resolve(summary)
    },
  } as unknown as Engine
  return { engine, calls }
}

describe('B-BULK-5: a bulk company resync has no cap, and says where the reference would have stopped', () => {
  it('the reference cap is 200,000 companies', () => {
    expect(REFERENCE_BULK_RESYNC_CAP).toBe(200_000)
  })

  it('resyncs every company past an injected cap, in pages, each page as companies', async () => {
    const { engine, calls } = recordingEngine()
    const hubspotIds = Array.from({ length: 7 }, (_, i) => String(i + 1))
    const run = await runResyncPages({
      engine,
      hubspotIds,
      dryRun: false,
      progress: silent,
      pageSize: 2,
      objectKind: 'company',
    })
    expect(calls.map((c) => c.ids)).toEqual([['1', '2'], ['3', '4'], ['5', '6'], ['7']])
    expect(calls.every((c) => c.objectKind === 'company')).toBe(true)
    expect(run).toMatchObject({ selected: 7, resynced: 7 })
    const lines = bulkResyncLines({ noun: 'company(ies)', ...run, referenceCap: 3 })
    expect(lines).toEqual([
      '  resynced 7 of 7 company(ies)',
      "  7 company(ies) is more than the 3 at which HubSpot's connector stops a bulk resync of a company " +
        `mapping with "We couldn't sync all your updates for this mapping" (B-BULK-5); crmsync went on past it: 7 resynced`,
    ])
  })

  it('says so when a limit stops it: how many were resynced, why, and how many are left', async () => {
    const { engine } = recordingEngine('3')
    const run = await runResyncPages({
      engine,
      hubspotIds: ['1', '2', '3', '4', '5'],
      dryRun: false,
      progress: silent,
      pageSize: 2,
      objectKind: 'company',
    })
    expect(run).toMatchObject({ selected: 5, resynced: 4 })
    const lines = bulkResyncLines({
      noun: 'company(ies)',
      ...run,
      incomplete: 'ENGINE_BUDGET_EXHAUSTED: spent',
      referenceCap: 200_000,
    })
    expect(lines).toEqual([
      '  resynced 4 of 5 company(ies)',
      '  STOPPED after 4 of 5 company(ies) (ENGINE_BUDGET_EXHAUSTED: spent): the other 1 were not resynced; ' +
        'run the command again when the limit allows',
    ])
  })

  it('contacts are resynced as contacts (no objectKind passed, as before)', async () => {
    const { engine, calls } = recordingEngine()
    await runResyncPages({ engine, hubspotIds: ['1'], dryRun: false, progress: silent })
    expect(calls).toEqual([{ ids: ['1'], objectKind: undefined }])
  })
})
