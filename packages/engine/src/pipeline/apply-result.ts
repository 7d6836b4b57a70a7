import type { InboxArrival, Side, SyncErrorCode } from '@crmsync/core'

import type { SideCounts } from '../engine-types.js'

/** A write that failed for one record: stored as a typed error on the record it concerns (design.md 3.5). */
export interface RecordFailure {
  /** The side of the record the error is stored on (the changed record). */
  readonly side: Side
  readonly recordId: string
  /** The side whose write failed. */
  readonly writtenSide: Side
  readonly code: SyncErrorCode
  readonly message: string
}

/** A record a create made: `key` is the id of the record it was created for, on the other side. */
export interface CreatedRecord {
  readonly side: Side
  readonly key: string
  readonly id: string
  /** The Salesforce sObject type, for Salesforce creates. (Default: none) */
  readonly type?: string | undefined
  /**
   * The upsert inserted the record (it did not find one under its key, as a replayed batch does), so it holds
   * only what this write gave it. (Default: not known)
   */
  readonly fresh?: boolean | undefined
}

/** A link the write itself revealed (HubSpot's "this email exists" on a create, B-CON-6). */
export interface FoundLink {
  readonly hubspotId: string
  readonly salesforceType: string
  readonly salesforceId: string
}

export interface CountEvent {
  readonly side: Side
  readonly key: keyof SideCounts
  readonly by: number
}

/**
 * What one handler's writes did, as data (a handler returns it; nothing is shared and mutated). Every field
 * is optional so a handler names only what it has. (Default of each: none)
 */
export interface ApplyEvents {
  readonly created?: readonly CreatedRecord[] | undefined
  /** `hs:ID` / `sf:ID` of records whose write failed: their pair commits nothing, the replan sees it again. */
  readonly failed?: readonly string[] | undefined
  readonly failures?: readonly RecordFailure[] | undefined
  /** Record ids our writes modified: a capture taken before them is never served for them again. */
  readonly written?: readonly string[] | undefined
  /** Records to plan again with a new seq (a converted lead, a 409 on create): they stay in the inbox. */
  readonly replan?: readonly InboxArrival[] | undefined
  readonly links?: readonly FoundLink[] | undefined
  readonly counts?: readonly CountEvent[] | undefined
  /** HubSpot ids whose update was sent again without server-set values, which HubSpot refused. */
  readonly serverSetRefused?: readonly string[] | undefined
  /**
   * Per record written to the other side, epoch ms of the source record's change it carried: the commit turns
   * them into the change-to-sync latency (SyncSummary.changeToSyncMs).
   */
  readonly sourceChangedAt?: readonly number[] | undefined
}

/** Everything a batch's writes did, folded from its handlers' events; read by commit, never changed. */
export class ApplyResult {
  readonly created: readonly CreatedRecord[]
  readonly failed: ReadonlySet<string>
  readonly failures: readonly RecordFailure[]
  readonly written: readonly string[]
  readonly replan: readonly InboxArrival[]
  readonly links: readonly FoundLink[]
  readonly counts: readonly CountEvent[]
  readonly serverSetRefused: ReadonlySet<string>
  readonly sourceChangedAt: readonly number[]
  readonly #created: ReadonlyMap<string, CreatedRecord>

  constructor(events: readonly ApplyEvents[]) {
    const all = <T>(pick: (e: ApplyEvents) => readonly T[] | undefined): T[] =>
      events.flatMap((e) => pick(e) ?? [])
    this.created = all((e) => e.created)
    this.failed = new Set(all((e) => e.failed))
    this.failures = all((e) => e.failures)
    this.written = all((e) => e.written)
    this.replan = all((e) => e.replan)
    this.links = all((e) => e.links)
    this.counts = all((e) => e.counts)
    this.serverSetRefused = new Set(all((e) => e.serverSetRefused))
    this.sourceChangedAt = all((e) => e.sourceChangedAt)
    this.#created = new Map(this.created.map((c) => [`${c.side}:${c.key}`, c]))
  }

  /** The record created on `side` for the record `key` of the other side, if its create succeeded. */
  createdOn(side: Side, key: string): CreatedRecord | undefined {
    return this.#created.get(`${side}:${key}`)
  }

  /** Whether the write of either record of a pair failed. */
  pairFailed(hubspotId: string, salesforceId: string): boolean {
    return this.failed.has(hubspotKey(hubspotId)) || this.failed.has(salesforceKey(salesforceId))
  }
}

export const hubspotKey = (id: string): string => `hs:${id}`
export const salesforceKey = (id: string): string => `sf:${id}`
