import type { HubSpotCaptureCursor, HubSpotCaptureRequest } from '@crmsync/core'

import { captureContacts, type ObjectCaptureResult } from '../capture.js'
import type { CaptureDeps } from '../capture-search.js'

/** A capture entry point: captureContacts (the default) or captureCompanies. */
export type CaptureFn = (request: HubSpotCaptureRequest, deps: CaptureDeps) => Promise<ObjectCaptureResult>

/** Every call of one chain: what it returned and how many searches it cost. */
export interface CaptureChain {
  readonly results: ObjectCaptureResult[]
  readonly searches: number[]
  readonly cursor: HubSpotCaptureCursor | undefined
  /** (id, last-modified date) of every record returned, in order. */
  readonly returned: string[]
  readonly last: ObjectCaptureResult
}

/** Calls capture as the engine does, until `more` is false (at most `limit` calls). */
export async function captureChain(
  deps: CaptureDeps,
  counter: { readonly calls: number },
  cursor: HubSpotCaptureCursor | undefined,
  options: {
    settleThrough?: number
    maxRecords?: number
    limit?: number
    capture?: CaptureFn
    /** The property `returned` reads the date from. (Default: lastmodifieddate) */
    modifiedProperty?: string
  } = {},
): Promise<CaptureChain> {
  const capture = options.capture ?? captureContacts
  const modified = options.modifiedProperty ?? 'lastmodifieddate'
  const results: ObjectCaptureResult[] = []
  const searches: number[] = []
  const returned: string[] = []
  let current = cursor
  for (let call = 0; call < (options.limit ?? 500); call += 1) {
    const before = counter.calls
    const result = await capture(
      {
        cursor: current,
        ...(options.settleThrough === undefined ? {} : { settleThrough: options.settleThrough }),
        ...(options.maxRecords === undefined ? {} : { maxRecords: options.maxRecords }),
      },
      deps,
    )
    searches.push(counter.calls - before)
    results.push(result)
    for (const record of result.records) returned.push(`${record.id}@${record.properties[modified]}`)
    current = result.cursor
    if (!result.more) return { results, searches, cursor: current, returned, last: result }
  }
  throw new Error('capture never finished')
}

/** The key a returned record has in `CaptureChain.returned`. */
export function versionKey(id: number, stamp: number): string {
  return `${id}@${new Date(stamp).toISOString()}`
}
