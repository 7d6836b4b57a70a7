import type { HubSpotCaptureCursor, HubSpotCaptureResult } from '@crmsync/core'

import { captureContacts } from '../capture.js'
import type { CaptureDeps } from '../capture-search.js'

/** Every call of one chain: what it returned and how many searches it cost. */
export interface CaptureChain {
  readonly results: HubSpotCaptureResult[]
  readonly searches: number[]
  readonly cursor: HubSpotCaptureCursor | undefined
  /** (id, lastmodifieddate) of every record returned, in order. */
  readonly returned: string[]
  readonly last: HubSpotCaptureResult
}

/** Calls capture as the engine does, until `more` is false (at most `limit` calls). */
export async function captureChain(
  deps: CaptureDeps,
  counter: { readonly calls: number },
  cursor: HubSpotCaptureCursor | undefined,
  options: { settleThrough?: number; maxRecords?: number; limit?: number } = {},
): Promise<CaptureChain> {
  const results: HubSpotCaptureResult[] = []
  const searches: number[] = []
  const returned: string[] = []
  let current = cursor
  for (let call = 0; call < (options.limit ?? 500); call += 1) {
    const before = counter.calls
    const result = await captureContacts(
      {
        cursor: current,
        ...(options.settleThrough === undefined ? {} : { settleThrough: options.settleThrough }),
        ...(options.maxRecords === undefined ? {} : { maxRecords: options.maxRecords }),
      },
      deps,
    )
    searches.push(counter.calls - before)
    results.push(result)
    for (const record of result.records)
      returned.push(`${record.id}@${record.properties['lastmodifieddate']}`)
    current = result.cursor
    if (!result.more) return { results, searches, cursor: current, returned, last: result }
  }
  throw new Error('capture never finished')
}

/** The key a returned record has in `CaptureChain.returned`. */
export function versionKey(id: number, stamp: number): string {
  return `${id}@${new Date(stamp).toISOString()}`
}
