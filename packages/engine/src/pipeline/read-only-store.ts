import type { StateReader, StateStore } from '@crmsync/core'

const READS = [
  'getLink',
  'getLinks',
  'listLinks',
  'countLinks',
  'countRecordStatus',
  'getIdentity',
  'getCursor',
  'takeInbox',
  'countInbox',
  'countInboxByKind',
  'listAudit',
  'listErrors',
  'countOpenErrors',
  'listErrorsDue',
  'sumApiCalls',
  'listApiUsage',
  'listApiLimitReadings',
  'getSettingsSnapshot',
  'getTimelineItems',
  'listPendingTimelineItems',
  'countTimelineItems',
] as const satisfies readonly (keyof StateReader)[]

/**
 * The store as the read stage gets it: its read methods and nothing else, so a write from a read is a type
 * error and, should a cast hide it, a TypeError at run time (design.md 3.4: only the commit writes).
 */
export function readOnlyStore(store: StateStore): StateReader {
  const reader: Partial<Record<keyof StateReader, unknown>> = {}
  for (const name of READS) reader[name] = store[name].bind(store)
  return reader as StateReader
}
