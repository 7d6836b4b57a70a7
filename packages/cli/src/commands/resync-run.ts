import type { Engine, SyncSummary } from '@crmsync/engine'

import type { Progress } from '../format/progress.js'

/** HubSpot ids per engine resync: one cycle over that many records, one batch of the engine. */
export const RESYNC_PAGE_SIZE = 2000

export interface ResyncRunInput {
  readonly engine: Engine
  readonly hubspotIds: readonly string[]
  readonly dryRun: boolean
  readonly progress: Progress
  /** HubSpot ids per engine resync; each call is one cycle over that many records. (Default: RESYNC_PAGE_SIZE) */
  readonly pageSize?: number | undefined
  /** What the ids are: HubSpot contacts, companies or deals. (Default: contact) */
  readonly objectKind?: ResyncKind | undefined
}

export type ResyncKind = 'contact' | 'company' | 'deal'

/** The progress bar's label per kind. */
const PROGRESS_LABEL: Record<ResyncKind, string> = {
  contact: 'resync contacts',
  company: 'resync companies',
  deal: 'resync deals',
}

type ResyncOptions = { readonly dryRun?: boolean | undefined; readonly objectKind?: ResyncKind | undefined }

/** What a paged resync did. */
export interface ResyncRun {
  readonly summaries: SyncSummary[]
  /** Distinct records selected. */
  readonly selected: number
  /** Records in the pages that ran: all of them, unless a page ran out of API budget (incomplete). */
  readonly resynced: number
}

/**
 * Resyncs the records a page at a time (B-TRIG-8, B-CMP-9): the engine takes an id list, and a list or a
 * backfill can hold hundreds of thousands. Ids are deduplicated first, so each record is processed once
 * however the selection named it. Stops after a page that ran out of API budget (the summary says
 * incomplete), and says how far it got.
 */
export async function runResyncPages(input: ResyncRunInput): Promise<ResyncRun> {
  const ids = [...new Set(input.hubspotIds)]
  const pageSize = input.pageSize ?? RESYNC_PAGE_SIZE
  const objectKind = input.objectKind ?? 'contact'
  const summaries: SyncSummary[] = []
  let resynced = 0
  const resync = (ids: readonly string[], options: ResyncOptions) => input.engine.resync(ids, options)
  input.progress.start(ids.length, PROGRESS_LABEL[objectKind])
  for (let start = 0; start < ids.length; start += pageSize) {
    const page = ids.slice(start, start + pageSize)
    const summary = await resync(page, {
      dryRun: input.dryRun,
      ...(objectKind === 'contact' ? {} : { objectKind }),
    })
    summaries.push(summary)
    resynced += page.length
    input.progress.update(resynced)
    if (summary.incomplete !== undefined) break
  }
  input.progress.stop()
  return { summaries, selected: ids.length, resynced }
}

/** runResyncPages' summaries, one per page. */
export async function runResync(input: ResyncRunInput): Promise<SyncSummary[]> {
  return (await runResyncPages(input)).summaries
}
