import type { Engine, SyncSummary } from '@crmsync/engine'

import type { Progress } from '../format/progress.js'

export interface ResyncRunInput {
  readonly engine: Engine
  readonly hubspotIds: readonly string[]
  readonly dryRun: boolean
  readonly progress: Progress
  /** HubSpot ids per engine resync; each call is one cycle over that many contacts. (Default: 2000) */
  readonly pageSize?: number | undefined
}

/**
 * Resyncs the contacts a page at a time (B-TRIG-8): the engine takes an id list, and a list or a backfill
 * can hold hundreds of thousands. Ids are deduplicated first, so each contact is processed once however
 * the selection named it. Stops after a page that ran out of API budget (the summary says incomplete).
 */
export async function runResync(input: ResyncRunInput): Promise<SyncSummary[]> {
  const ids = [...new Set(input.hubspotIds)]
  const pageSize = input.pageSize ?? 2000
  const summaries: SyncSummary[] = []
  input.progress.start(ids.length, 'resync contacts')
  for (let start = 0; start < ids.length; start += pageSize) {
    const page = ids.slice(start, start + pageSize)
    const summary = await input.engine.resync(page, { dryRun: input.dryRun })
    summaries.push(summary)
    input.progress.update(start + page.length)
    if (summary.incomplete !== undefined) break
  }
  input.progress.stop()
  return summaries
}
