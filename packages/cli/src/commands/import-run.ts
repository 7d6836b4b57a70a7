import type { InboxArrival, ObjectKind, Side, StateStore } from '@crmsync/core'
import type { Engine } from '@crmsync/engine'

import type { Progress } from '../format/progress.js'
import type { RecordPages } from './import-list-records.js'
import { ImportTotals } from './import-totals.js'

export interface ImportInput {
  readonly connectionId: string
  readonly side: Side
  /**
   * What the ids are: contacts (Leads and Contacts, HubSpot contacts), companies (Accounts, companies) or
   * deals (Opportunities, deals).
   */
  readonly objectKind: Extract<ObjectKind, 'contact' | 'company' | 'deal'>
  readonly store: StateStore
  readonly engine: Engine
  readonly records: RecordPages
  /** Calls made by the connectors so far, to charge the import's share per side. */
  readonly apiCalls: () => Record<Side, number>
  readonly dryRun: boolean
  readonly progress: Progress
  /** Records enqueued per engine sync; larger batches spend fewer capture calls. (Default: 2000) */
  readonly chunkSize?: number | undefined
}

/**
 * B-INST-6: a new connection copies nothing, so an import puts every existing record of one side into the
 * inbox and lets the engine sync it like any change: links by email first (B-CON-7/8, B-BULK-4), creates
 * the rest. A dry run plans each chunk without writing and then takes its own rows out of the inbox again,
 * leaving rows that were already waiting.
 */
export async function runImport(input: ImportInput): Promise<ImportTotals> {
  const totals = new ImportTotals(input.objectKind)
  const before = input.apiCalls()
  const ids: string[] = []
  for await (const page of input.records.pages()) ids.push(...page)
  totals.records.found = ids.length
  const chunkSize = input.chunkSize ?? 2000
  input.progress.start(ids.length, `import ${input.side}`)
  for (let start = 0; start < ids.length; start += chunkSize) {
    const chunk = ids.slice(start, start + chunkSize)
    const arrivals = chunk.map((recordId): InboxArrival => ({
      connectionId: input.connectionId,
      objectKind: input.objectKind,
      side: input.side,
      recordId,
    }))
    const waiting = input.dryRun ? await waitingKeys(input.store, input.connectionId) : new Set<string>()
    await input.store.enqueue(arrivals)
    // A Salesforce import backfills HubSpot (B-BULK-6) and holds fields back outside the inclusion list
    // (B-BULK-3); for accounts too, linked companies take Salesforce's values.
    const summary = await input.engine.syncOnce({
      dryRun: input.dryRun,
      salesforceImport: input.side === 'salesforce',
    })
    if (input.dryRun) await removeOwnRows(input.store, input.connectionId, arrivals, waiting)
    totals.add(summary)
    input.progress.update(Math.min(ids.length, start + chunk.length))
    if (summary.incomplete !== undefined) break
  }
  input.progress.stop()
  const after = input.apiCalls()
  for (const side of ['salesforce', 'hubspot'] as const) totals.apiCalls[side] = after[side] - before[side]
  // A lister that bypasses the connectors (HubSpot contacts) is charged to its side here.
  if (!input.records.countedByConnector) totals.apiCalls[input.side] += input.records.calls()
  return totals
}

const key = (row: { objectKind: ObjectKind; side: Side; recordId: string }) =>
  `${row.objectKind}:${row.side}:${row.recordId}`

async function waitingKeys(store: StateStore, connectionId: string): Promise<Set<string>> {
  const count = await store.countInbox(connectionId)
  if (count === 0) return new Set()
  const rows = await store.takeInbox({ connectionId, limit: count })
  return new Set(rows.map(key))
}

async function removeOwnRows(
  store: StateStore,
  connectionId: string,
  arrivals: readonly InboxArrival[],
  waiting: ReadonlySet<string>,
): Promise<void> {
  const own = new Set(arrivals.map(key).filter((k) => !waiting.has(k)))
  const count = await store.countInbox(connectionId)
  if (count === 0) return
  const rows = await store.takeInbox({ connectionId, limit: count })
  await store.deleteInbox(rows.filter((r) => own.has(key(r))))
}
